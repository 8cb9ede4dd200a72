/* The fake Excel object model lives in test/fake-office/excel.ts (browser-safe, shared with the fake Office runtime). */
export * from "../fake-office/excel";
