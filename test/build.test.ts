/*
 * Runs the production build once into a temporary folder and checks what Excel will load from it:
 * functions.json (from the JSDoc), functions.zh-CN.json (from the translation table), the functions
 * bundle and taskpane.html.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { functionsZhCN, localizeFunctionsMetadata, type FunctionsMetadata } from "../src/functions/functions.zh-CN";
import { scanForNetwork } from "./build/network-scan";

interface Param {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  parameters: Param[];
  result: Record<string, unknown>;
}

const root = path.resolve(__dirname, "..");
const CJK = /[\u4e00-\u9fff]/;

/** id -> parameters in order: [name, takes a range, optional] */
const EXPECTED: Record<string, [string, boolean, boolean][]> = {
  TIER: [
    ["value", true, false],
    ["thresholds", true, false],
    ["labels", true, true],
  ],
  QUADRANT: [
    ["ability", true, false],
    ["willingness", true, false],
    ["ability_cut", false, true],
    ["willingness_cut", false, true],
    ["labels", true, true],
  ],
  PARETO_SHARE: [
    ["values", true, false],
    ["top_fraction", false, true],
  ],
  PARETO_CUTOFF: [
    ["values", true, false],
    ["value_share", false, true],
  ],
  SCORE: [
    ["indicators", true, false],
    ["weights", true, true],
    ["scale_max", false, true],
    ["lower_is_better", true, true],
  ],
  RFM: [
    ["recency", true, false],
    ["frequency", true, false],
    ["monetary", true, false],
    ["bins", false, true],
  ],
  CLV: [
    ["margin", true, false],
    ["retention", true, false],
    ["discount", false, true],
  ],
  GINI: [["values", true, false]],
};

let out: string;
let cliOut: string | undefined;
let en: { functions: Fn[] };
let zh: { functions: Fn[] };

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "client-ladder-build-"));
  const webpackCli = path.join(root, "node_modules/webpack-cli/bin/cli.js");
  execFileSync(process.execPath, [webpackCli, "--mode", "production", "--env", `outDir=${out}`], {
    cwd: root,
    stdio: "pipe",
    timeout: 300_000,
  });
  en = JSON.parse(readFileSync(path.join(out, "functions.json"), "utf8"));
  zh = JSON.parse(readFileSync(path.join(out, "functions.zh-CN.json"), "utf8"));
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
  if (cliOut) rmSync(cliOut, { recursive: true, force: true });
});

test("the build emits every file the manifest points at", () => {
  for (const file of ["taskpane.html", "taskpane.js", "functions.js", "functions.json", "functions.zh-CN.json", "manifest.xml"]) {
    expect(existsSync(path.join(out, file))).toBe(true);
  }
  for (const size of [16, 32, 64, 80, 128]) expect(existsSync(path.join(out, `assets/icon-${size}.png`))).toBe(true);
});

describe.each([
  ["en-US", () => en],
  ["zh-CN", () => zh],
])("functions metadata %s", (_locale, load) => {
  test("has exactly the eight functions, named as their ids", () => {
    const fns = load().functions;
    expect(fns.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of fns) expect(f.name).toBe(f.id);
  });

  test.each(Object.keys(EXPECTED))("%s has its parameters in order, with ranges and optional ones marked", (id) => {
    const fn = load().functions.find((f) => f.id === id);
    expect(fn).toBeDefined();
    const actual = fn!.parameters.map((p) => [p.name, p.dimensionality === "matrix", p.optional === true]);
    expect(actual).toEqual(EXPECTED[id]);
    for (const p of fn!.parameters) {
      expect(p.type).toBe("any");
      // scalar is the default: the plugin leaves the key out rather than writing "scalar"
      if (p.dimensionality !== undefined) expect(p.dimensionality).toBe("matrix");
    }
  });
});

test("zh-CN differs from en-US only in descriptions, and every description is Chinese", () => {
  const strip = (fns: Fn[]) =>
    fns.map(({ description: _d, parameters, ...rest }) => ({
      ...rest,
      parameters: parameters.map(({ description: _pd, ...p }) => p),
    }));
  expect(strip(zh.functions)).toEqual(strip(en.functions));
  expect({ ...zh, functions: [] }).toEqual({ ...en, functions: [] });
  for (const fn of zh.functions) {
    expect(fn.description).toMatch(CJK);
    for (const p of fn.parameters) expect(p.description).toMatch(CJK);
  }
});

test("taskpane.html loads Office.js from the CDN, then the functions bundle, then the pane", () => {
  const html = readFileSync(path.join(out, "taskpane.html"), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
  expect(scripts).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "functions.js", "taskpane.js"]);
});

test("the functions bundle registers all eight functions in Excel and does not throw outside it", () => {
  const code = readFileSync(path.join(out, "functions.js"), "utf8");
  expect(code).not.toMatch(/appsforoffice|OSF\.DDA/); // Office.js is never bundled
  expect(() => vm.runInNewContext(code, { console })).not.toThrow();
  const associated: string[] = [];
  vm.runInNewContext(code, {
    console,
    CustomFunctions: { associate: (id: string, fn: unknown) => typeof fn === "function" && associated.push(id) },
  });
  expect(associated.sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe("localizeFunctionsMetadata", () => {
  const metadata: FunctionsMetadata = {
    functions: [{ id: "TIER", name: "TIER", description: "en", parameters: [{ name: "value" }, { name: "labels" }] }],
  };

  test("replaces every description and keeps the rest", () => {
    const out = localizeFunctionsMetadata(metadata, {
      TIER: { description: "分档", parameters: { value: "数值", labels: "名称" } },
    });
    expect(out.functions[0]).toEqual({
      id: "TIER",
      name: "TIER",
      description: "分档",
      parameters: [
        { name: "value", description: "数值" },
        { name: "labels", description: "名称" },
      ],
    });
  });

  test.each([
    ["a missing function", {}, /no translation for function TIER/],
    ["a missing parameter", { TIER: { description: "分档", parameters: { value: "数值" } } }, /parameter labels of TIER/],
    [
      "a parameter that does not exist",
      { TIER: { description: "分档", parameters: { value: "数值", labels: "名称", lable: "x" } } },
      /TIER has no parameter lable/,
    ],
    [
      "a function that does not exist",
      {
        TIER: { description: "分档", parameters: { value: "数值", labels: "名称" } },
        TEIR: { description: "x", parameters: {} },
      },
      /names function TEIR/,
    ],
    ["an empty description", { TIER: { description: " ", parameters: { value: "数值", labels: "名称" } } }, /empty description/],
  ])("fails loudly on %s", (_what, table, message) => {
    expect(() => localizeFunctionsMetadata(metadata, table)).toThrow(message);
  });

  test("the shipped table covers exactly the eight functions", () => {
    expect(Object.keys(functionsZhCN).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

/*
 * Privacy (issue 9): the code that ships sends nothing anywhere but to load Office.js. Every emitted
 * script and page of this production build, and the CLI bundle as scripts/build-cli.mjs makes it,
 * holds no request API and no URL but those test/build/network-scan.ts allows, each with its reason.
 */
describe("no network calls but Office.js", () => {
  it("in the add-in's build: taskpane.html, the pane, the functions and the workbook worker", () => {
    const files = readdirSync(out).filter((f) => /\.(js|mjs|html)$/.test(f));
    expect(files).toEqual(expect.arrayContaining(["taskpane.html", "taskpane.js", "functions.js", "workbook-worker.js"]));
    const findings = files.flatMap((f) => scanForNetwork(f, readFileSync(path.join(out, f), "utf8")));
    expect(findings).toEqual([]);
  });

  it("in the CLI bundle", () => {
    cliOut = mkdtempSync(path.join(os.tmpdir(), "client-ladder-cli-"));
    const file = path.join(cliOut, "client-ladder.js");
    execFileSync(process.execPath, [path.join(root, "scripts/build-cli.mjs"), file], { cwd: root, stdio: "pipe", timeout: 120_000 });
    const text = readFileSync(file, "utf8");
    // the bundle is the whole CLI: commander and the package adapter are in it
    expect(text.length).toBeGreaterThan(100_000);
    expect(scanForNetwork("client-ladder.js", text)).toEqual([]);
    // and the worker thread that reads half of a big client sheet
    const worker = readFileSync(path.join(cliOut, "read-worker.js"), "utf8");
    expect(worker).toContain("parentPort");
    expect(scanForNetwork("read-worker.js", worker)).toEqual([]);
  });
});
