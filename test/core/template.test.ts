import { fill, MAX_QUOTED, quoted } from "../../src/core/template";

describe("fill", () => {
  it("fills every placeholder, leaves one without a value as it is", () => {
    expect(fill("{a} and {b}, {a} again; {c}", { a: "x", b: 2 })).toBe("x and 2, x again; {c}");
  });
  it("quotes a long value as a short prefix, never splitting an emoji", () => {
    const long = "长".repeat(5_000_000);
    expect(fill("bad: {value}", { value: long })).toBe(`bad: ${"长".repeat(MAX_QUOTED)}…`);
    const emoji = "a".repeat(MAX_QUOTED - 1) + "😀tail";
    expect(quoted(emoji)).toBe(`${"a".repeat(MAX_QUOTED - 1)}…`);
    expect(quoted("short")).toBe("short");
    expect(fill("{p}", { p: "x".repeat(300) }, 4096)).toHaveLength(300);
  });
});
