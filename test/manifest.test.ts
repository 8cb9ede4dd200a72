import { readFileSync } from "node:fs";
import path from "node:path";
import { checkManifest } from "../scripts/validate-manifest";

const root = path.resolve(__dirname, "..");
const manifest = readFileSync(path.join(root, "manifest.xml"), "utf8");
const options = { assetsDir: path.join(root, "assets") };

test("manifest.xml passes the offline checks", async () => {
  expect(await checkManifest(manifest, options)).toEqual([]);
});

test("manifest.xml is the shared-runtime custom-functions add-in Excel expects", () => {
  expect(manifest).toMatch(/<Runtime resid="Taskpane\.Url" lifetime="long"/);
  expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"/);
  expect(manifest).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.1"/);
  expect(manifest).toMatch(
    /<bt:Url id="Functions\.Metadata\.Url" DefaultValue="https:\/\/localhost:3000\/functions\.json">\s*<bt:Override Locale="zh-CN" Value="https:\/\/localhost:3000\/functions\.zh-CN\.json"/,
  );
  expect(manifest).toMatch(/<bt:String id="Functions\.Namespace" DefaultValue="CLIENT">\s*<bt:Override Locale="zh-CN" Value="CLIENT"/);
  expect(manifest).toMatch(/<Override Locale="zh-CN" Value="客户分层经营助手"/);
});

test.each([
  ["a resid with no resource", (m: string) => m.replace('<bt:Image id="Icon.80x80"', '<bt:Image id="Icon.80"'), /resid="Icon\.80x80"> names no resource/],
  ["a resid of the wrong kind", (m: string) => m.replace('<Label resid="Group.Label" />', '<Label resid="Taskpane.Url" />'), /must name a short string/],
  [
    "an http URL",
    (m: string) => m.replace('DefaultValue="https://localhost:3000/functions.js"', 'DefaultValue="http://localhost:3000/functions.js"'),
    /is not https/,
  ],
  ["an icon that is not in assets/", (m: string) => m.replace("assets/icon-80.png", "assets/icon-81.png"), /icon-81\.png is not in/],
  ["an Id that is not a GUID", (m: string) => m.replace(/<Id>[^<]+<\/Id>/, "<Id>client-ladder</Id>"), /is not a GUID/],
  ["a bad Version", (m: string) => m.replace(/<Version>[^<]+<\/Version>/, "<Version>v1</Version>"), /Version "v1"/],
  [
    "a shared runtime split over two pages",
    (m: string) => m.replace('<FunctionFile resid="Taskpane.Url" />', '<FunctionFile resid="Functions.Script.Url" />'),
    /<FunctionFile> uses resid "Functions\.Script\.Url"/,
  ],
  ["a string over its length limit", (m: string) => m.replace('DefaultValue="Segment clients"', `DefaultValue="${"x".repeat(126)}"`), /over the 125/],
  ["XML that is not well-formed", (m: string) => m.replace("</Permissions>", "</Permission>"), /not well-formed XML/],
])("a manifest with %s fails", async (_what, breakIt, problem) => {
  const broken = breakIt(manifest);
  expect(broken).not.toBe(manifest);
  const problems = await checkManifest(broken, options);
  expect(problems.join("\n")).toMatch(problem);
});
