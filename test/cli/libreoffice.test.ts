/*
 * The output opens in LibreOffice (issue 8, "Done when"): the real command is run in-process on the
 * richest fixture (hand-rich.xlsm) and on the books openpyxl and LibreOffice made
 * (test/fixtures/preserve/), then again on its own output; LibreOffice converts both outputs headless
 * to .xlsx and to PDF with a profile of its own. Whether LibreOffice would show a repair prompt
 * cannot be seen headless: what can be checked is that the conversion succeeds (LibreOffice says
 * "source file could not be loaded" and writes nothing when it refuses a package) with every sheet
 * present, and that the package it saves still has the Summary sheet's chart with its two series (a
 * bar chart and a line chart) and the line on a secondary value axis. Skipped, with the reason
 * printed, where `soffice` is not installed.
 */
import { execFile } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { runCli, type CliIo } from "../../src/cli/main";

const FIXTURES = path.join(__dirname, "..", "fixtures", "preserve");
const FILES = ["hand-rich.xlsm", "openpyxl-rich.xlsx", "libreoffice-pivot.xlsx"] as const;
const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"].find((p) => existsSync(p));

type Parts = Map<string, Uint8Array>;

function partsOf(bytes: Uint8Array): Parts {
  const parts: Parts = new Map();
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (!name.endsWith("/")) parts.set(name.replace(/^\/+/, ""), data);
  return parts;
}

const textOf = (parts: Parts, name: string) => {
  const data = parts.get(name);
  return data === undefined ? "" : strFromU8(data);
};

const attrOf = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The relationships of a part: [type's last segment, target part]. */
function relsOf(parts: Parts, source: string): { kind: string; part: string }[] {
  const slash = source.lastIndexOf("/");
  const rels = textOf(parts, `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`);
  return [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .filter((m) => (attrOf(m[0], "TargetMode") ?? "").toLowerCase() !== "external")
    .map((m) => {
      const type = attrOf(m[0], "Type") ?? "";
      const target = decodeURIComponent(unescape(attrOf(m[0], "Target") ?? ""));
      const part = target.startsWith("/") ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(source), target));
      return { kind: type.slice(type.lastIndexOf("/") + 1), part };
    });
}

/** The sheets of a package by name, with their parts. */
function sheetsOf(parts: Parts): { name: string; part: string }[] {
  const workbook = relsOf(parts, "").find((r) => r.kind === "officeDocument")!.part;
  const wbXml = textOf(parts, workbook);
  const slash = workbook.lastIndexOf("/");
  const relsXml = textOf(parts, `${workbook.slice(0, slash + 1)}_rels/${workbook.slice(slash + 1)}.rels`);
  return [...wbXml.matchAll(/<(?:[\w.-]+:)?sheet\s[^>]*?\/>/g)].map((m) => {
    const rid = /\sr:id\s*=\s*["']([^"']+)["']/.exec(m[0])?.[1];
    const rel = [...relsXml.matchAll(/<Relationship\b[^>]*>/g)].find((r) => attrOf(r[0], "Id") === rid)?.[0] ?? "";
    const target = decodeURIComponent(unescape(attrOf(rel, "Target") ?? ""));
    return {
      name: unescape(attrOf(m[0], "name") ?? ""),
      part: target.startsWith("/") ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(workbook), target)),
    };
  });
}

/** The charts drawn on a sheet, as XML. */
function chartsOn(parts: Parts, sheetPart: string): string[] {
  return relsOf(parts, sheetPart)
    .filter((r) => r.kind === "drawing")
    .flatMap((d) => relsOf(parts, d.part).filter((r) => r.kind === "chart"))
    .map((c) => textOf(parts, c.part));
}

const isParetoChart = (xml: string) => /<(?:\w+:)?lineChart\b/.test(xml) && /<(?:\w+:)?barChart\b/.test(xml);

/** What the Pareto chart is made of: series per chart type, and the value axis each type is drawn on. */
function paretoShape(xml: string) {
  const group = (name: string) => new RegExp(`<(?:\\w+:)?${name}\\b[\\s\\S]*?</(?:\\w+:)?${name}>`).exec(xml)?.[0] ?? "";
  const series = (g: string) => [...g.matchAll(/<(?:\w+:)?ser>/g)].length;
  const axIds = (g: string) => [...g.matchAll(/<(?:\w+:)?axId\s+val="(\d+)"/g)].map((m) => m[1]);
  const valueAxes = [...xml.matchAll(/<(?:\w+:)?valAx>[\s\S]*?<\/(?:\w+:)?valAx>/g)].map((m) => ({
    id: /<(?:\w+:)?axId\s+val="(\d+)"/.exec(m[0])?.[1],
    position: /<(?:\w+:)?axPos\s+val="(\w)"/.exec(m[0])?.[1],
  }));
  const bar = group("barChart");
  const line = group("lineChart");
  const barAxis = valueAxes.find((a) => axIds(bar).includes(a.id!));
  const lineAxis = valueAxes.find((a) => axIds(line).includes(a.id!));
  return {
    barSeries: series(bar),
    lineSeries: series(line),
    valueAxes: valueAxes.length,
    lineOnSecondaryAxis: lineAxis !== undefined && barAxis !== undefined && lineAxis.id !== barAxis.id,
    secondaryAxisRight: lineAxis?.position,
  };
}

const silent = (errors: string[]): CliIo => ({ stdout: () => undefined, stderr: (t) => errors.push(t), env: { LANG: "en_US.UTF-8" }, stderrIsTTY: false });

async function segment(input: string, output: string, asOf: string): Promise<void> {
  const errors: string[] = [];
  const code = await runCli(["segment", input, "-o", output, "--as-of", asOf, "--no-progress"], silent(errors));
  if (code !== 0) throw new Error(`client-ladder segment ${path.basename(input)} failed (${code}): ${errors.join("")}`);
}

/** soffice's exit code says little (it is 0 when a file could not be loaded): the caller looks for the files. */
function convert(to: "xlsx" | "pdf", files: string[], outdir: string, profile: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      SOFFICE!,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", to, "--outdir", outdir, ...files],
      { timeout: 240_000 },
      (_err, stdout, stderr) => resolve(`${stdout}${stderr}`),
    );
  });
}

/**
 * A copy of the package in which only `keep` is visible and active: LibreOffice prints visible
 * sheets (and hidden ones with a print area, dropped here), so the PDF of the copy is that sheet's
 * pages (issue 10: the Summary on one page).
 */
function onlySheet(bytes: Uint8Array, keep: string): Uint8Array {
  const files = unzipSync(bytes);
  const workbook = relsOf(partsOf(bytes), "").find((r) => r.kind === "officeDocument")!.part;
  let xml = strFromU8(files[workbook]);
  const names = [...xml.matchAll(/<(?:[\w.-]+:)?sheet\s[^>]*?\/>/g)].map((m) => unescape(attrOf(m[0], "name") ?? ""));
  xml = xml.replace(/<((?:[\w.-]+:)?sheet)\s([^>]*?)\/>/g, (el, tag: string, attrs: string) =>
    unescape(attrOf(el, "name") ?? "") === keep
      ? el
      : `<${tag} state="hidden" ${attrs.replace(/\sstate\s*=\s*"[^"]*"/, "").replace(/^state\s*=\s*"[^"]*"\s*/, "")}/>`,
  );
  xml = xml.replace(/\sactiveTab="\d+"/, ` activeTab="${names.indexOf(keep)}"`);
  // LibreOffice prints a hidden sheet that has a print area (hand-rich.xlsm's client sheet does): the copy drops print areas
  xml = xml.replace(/<((?:[\w.-]+:)?)definedName\b[^>]*name="_xlnm\.Print_Area"[^>]*>[^<]*<\/\1definedName>/g, "");
  files[workbook] = strToU8(xml);
  return zipSync(files);
}

/** Pages of a PDF LibreOffice wrote: its page objects (LibreOffice does not put them in object streams). */
const pdfPages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;

if (!SOFFICE) {
  console.log("test/cli/libreoffice.test.ts skipped: LibreOffice (soffice) is not installed; .ci/run installs it");
}

(SOFFICE ? describe : describe.skip)("the output in LibreOffice (headless)", () => {
  let dir: string;
  const outputs: { fixture: string; when: string; file: string; base: string }[] = [];
  let xlsxLog = "";
  let pdfLog = "";

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-soffice-"));
    for (const fixture of FILES) {
      const ext = path.extname(fixture);
      const base = path.basename(fixture, ext);
      const out1 = path.join(dir, `${base}-out1${ext}`);
      const out2 = path.join(dir, `${base}-out2${ext}`);
      await segment(path.join(FIXTURES, fixture), out1, "2026-11-25");
      await segment(out1, out2, "2026-11-26");
      outputs.push({ fixture, when: "the run", file: out1, base: `${base}-out1` }, { fixture, when: "the re-run", file: out2, base: `${base}-out2` });
    }
    const profile = path.join(dir, "profile");
    await fs.mkdir(path.join(dir, "xlsx"));
    await fs.mkdir(path.join(dir, "pdf"));
    xlsxLog = await convert(
      "xlsx",
      outputs.map((o) => o.file),
      path.join(dir, "xlsx"),
      profile,
    );
    // each output once more with the Summary alone visible, to count its pages
    for (const o of outputs) {
      const bytes = new Uint8Array(await fs.readFile(o.file));
      const summary = sheetsOf(partsOf(bytes)).find((s) => chartsOn(partsOf(bytes), s.part).some(isParetoChart))!.name;
      await fs.writeFile(path.join(dir, `${o.base}-summary${path.extname(o.file)}`), onlySheet(bytes, summary));
    }
    const summaries = outputs.map((o) => path.join(dir, `${o.base}-summary${path.extname(o.file)}`));
    pdfLog = await convert("pdf", [...outputs.map((o) => o.file), ...summaries], path.join(dir, "pdf"), profile);
  }, 600_000);
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  describe.each(FILES.flatMap((fixture) => ["the run", "the re-run"].map((when) => [fixture, when] as const)))("%s, output of %s", (fixture, when) => {
    const output = () => outputs.find((o) => o.fixture === fixture && o.when === when)!;

    test("LibreOffice re-saves it as .xlsx with every sheet present", async () => {
      const { file, base } = output();
      const saved = path.join(dir, "xlsx", `${base}.xlsx`);
      expect({ saved: existsSync(saved), log: existsSync(saved) ? "" : xlsxLog }).toEqual({ saved: true, log: "" });
      const names = sheetsOf(partsOf(await fs.readFile(file))).map((s) => s.name);
      expect(sheetsOf(partsOf(await fs.readFile(saved))).map((s) => s.name)).toEqual(names);
    });

    test("the Summary sheet's chart is still there: a bar series and a line series, the line on a secondary axis", async () => {
      const { file, base } = output();
      const ours = partsOf(await fs.readFile(file));
      const summary = sheetsOf(ours).find((s) => chartsOn(ours, s.part).some(isParetoChart));
      expect(summary).toBeDefined();
      const saved = path.join(dir, "xlsx", `${base}.xlsx`);
      expect({ saved: existsSync(saved) }).toEqual({ saved: true });
      const theirs = partsOf(await fs.readFile(saved));
      const sheet = sheetsOf(theirs).find((s) => s.name === summary!.name);
      expect(sheet).toBeDefined();
      const charts = chartsOn(theirs, sheet!.part).filter(isParetoChart);
      expect(charts).toHaveLength(1);
      expect(paretoShape(charts[0])).toEqual({ barSeries: 1, lineSeries: 1, valueAxes: 2, lineOnSecondaryAxis: true, secondaryAxisRight: "r" });
    });

    test("LibreOffice converts it to PDF", async () => {
      const pdf = path.join(dir, "pdf", `${output().base}.pdf`);
      expect({ pdf: existsSync(pdf), log: existsSync(pdf) ? "" : pdfLog }).toEqual({ pdf: true, log: "" });
      const head = (await fs.readFile(pdf)).subarray(0, 5).toString("latin1");
      expect(head).toBe("%PDF-");
    });

    test("the Summary prints on one page (its page setup fits it to 1 x 1)", async () => {
      const pdf = path.join(dir, "pdf", `${output().base}-summary.pdf`);
      expect({ pdf: existsSync(pdf), log: existsSync(pdf) ? "" : pdfLog }).toEqual({ pdf: true, log: "" });
      expect(pdfPages(await fs.readFile(pdf))).toBe(1);
      // the whole book has more than one page: the count is of pages, not of files
      expect(pdfPages(await fs.readFile(path.join(dir, "pdf", `${output().base}.pdf`)))).toBeGreaterThan(1);
    });
  });
});
