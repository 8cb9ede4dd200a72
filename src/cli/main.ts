/*
 * `client-ladder segment IN.xlsx -o OUT.xlsx` and `client-ladder sample -o FILE.xlsx` (SPEC
 * section 7). Arguments by commander; the run itself is the shared runner over a PackageHost.
 * Exit codes: 0 done, 1 bad input, 2 wrong usage. Errors are sentences, never stack traces.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { HEADER_SCAN_ROWS } from "../core/columns";
import { parseRunConfig, type RunConfig } from "../core/config";
import { localIsoDate, parseRunDate } from "../core/dates";
import { describeIssue } from "../core/issues";
import { LANGS, SEPARATORS, type Lang } from "../core/lang";
import { sampleBook } from "../core/sample";
import { runSegmentation, type RunOutcome } from "../workbook/run";
import { PackageHost, UnreadablePackage } from "../workbook/package/host";
import { sampleBytes } from "../workbook/package/new-book";
import { nodeDeflater, nodeInflater, readBytes, sameFile, writeBytes, writeStreamed } from "./files";
import { message, messageLanguage, type MessageKey } from "./messages";
import { CliProgress } from "./progress";
import { startTailReader } from "./tail-reader";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** whether stderr is a terminal (a progress bar is drawn only there) */
  stderrIsTTY: boolean;
}

/** Timings of one `segment` run, for the benchmark. */
export interface SegmentTimings {
  loadMs: number;
  segmentMs: number;
  saveMs: number;
}

export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;

class UsageError extends Error {}

interface SegmentOptions {
  output: string;
  sheet?: string;
  config?: string;
  lang?: string;
  asOf?: string;
  headerRow?: string;
  /** --mask / --no-mask; undefined when neither is given (the configuration or the saved settings decide) */
  mask?: boolean;
  progress: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** Runs the command line on `argv` (without node and the script) and gives the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo(), timings?: SegmentTimings): Promise<number> {
  const lang = messageLanguage(argv, io.env);
  const say = (key: MessageKey, params?: Parameters<typeof message>[2]) => message(key, lang, params);
  let code: number = EXIT.ok;

  const program = new Command("client-ladder")
    .description(say("description"))
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .helpOption("-h, --help", say("helpOption"))
    .helpCommand(false);

  program
    .command("segment")
    .description(say("segmentDescription"))
    .argument("<IN.xlsx>", say("inputArg"))
    .requiredOption("-o, --output <OUT.xlsx>", say("outputOption"))
    .option("--sheet <name>", say("sheetOption"))
    .option("--config <file.json>", say("configOption"))
    .addOption(new Option("--lang <lang>", say("langOption")))
    .option("--as-of <YYYY-MM-DD>", say("asOfOption"))
    .option("--header-row <N>", say("headerRowOption", { value: HEADER_SCAN_ROWS }))
    .option("--mask", say("maskOption"))
    .option("--no-mask", say("noMaskOption"))
    .option("--no-progress", say("progressOption"))
    .action(async (input: string, options: SegmentOptions) => {
      code = await segmentCommand(input, options, lang, io, timings);
    });

  program
    .command("sample")
    .description(say("sampleDescription"))
    .requiredOption("-o, --output <FILE.xlsx>", say("outputOption"))
    .addOption(new Option("--lang <lang>", say("langOption")))
    .option("--as-of <YYYY-MM-DD>", say("sampleAsOfOption"))
    .action(async (options: { output: string; lang?: string; asOf?: string }) => {
      code = await sampleCommand(options, lang, io);
    });

  try {
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return commanderExit(err, lang, io);
    if (err instanceof UsageError) {
      io.stderr(`${say("usage", { detail: err.message })}\n`);
      return EXIT.usage;
    }
    io.stderr(`${say("unexpected", { detail: err instanceof Error ? err.message : String(err) })}\n`);
    return EXIT.badInput;
  }
}

/** Commander's own errors, said again in the user's language with what to do. */
function commanderExit(err: CommanderError, lang: Lang, io: CliIo): number {
  if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return EXIT.ok;
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? "";
  const flag = quoted.split(/[ ,]/)[0];
  const detail = (() => {
    switch (err.code) {
      case "commander.unknownOption":
        return message("unknownOption", lang, { value: quoted });
      case "commander.unknownCommand":
        return message("unknownCommand", lang, { value: quoted });
      case "commander.missingMandatoryOptionValue":
        return message("missingOutput", lang);
      case "commander.optionMissingArgument":
        return message("missingOptionValue", lang, { value: flag });
      case "commander.missingArgument":
        return message("missingArgument", lang, { value: quoted });
      case "commander.excessArguments":
        return message("tooManyArguments", lang);
      default:
        return err.message.replace(/^error:\s*/, "");
    }
  })();
  io.stderr(`${message("usage", lang, { detail })}\n`);
  return EXIT.usage;
}

function checkLang(given: string | undefined): Lang | undefined {
  if (given === undefined) return undefined;
  if ((LANGS as readonly string[]).includes(given)) return given as Lang;
  throw new UsageError(given);
}

/** Today's local date as YYYY-MM-DD, or the given date once it is checked to be a real one. */
function checkAsOf(given: string | undefined): string {
  if (given === undefined) return localIsoDate(new Date());
  if (parseRunDate(given) === undefined) throw new UsageError(given);
  return given;
}

/** --header-row: a sheet row number, 1 to 1,048,576 (Excel's last row); undefined when not given, null when not one. */
function checkHeaderRow(given: string | undefined): number | undefined | null {
  if (given === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(given) ? Number(given) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 1_048_576 ? n : null;
}

async function checkOutput(output: string, lang: Lang, input?: string): Promise<void> {
  // .xlsm is checked against the input once it is read: a macro-enabled book stays one
  if (!(input !== undefined ? /\.xls[xm]$/i : /\.xlsx$/i).test(output)) throw new UsageError(message("outputNotXlsx", lang, { value: output }));
  if (input !== undefined && (await sameFile(input, output))) throw new UsageError(message("sameFile", lang, { value: output }));
}

/** What an unreadable package is, in the words the user can act on. */
const UNREADABLE = { notZip: "inputNotXlsx", notXlsx: "inputNotXlsx", strict: "inputStrict", encrypted: "inputEncrypted" } as const;

async function segmentCommand(input: string, options: SegmentOptions, lang: Lang, io: CliIo, timings?: SegmentTimings): Promise<number> {
  const say = (key: MessageKey, params?: Parameters<typeof message>[2]) => message(key, lang, params);
  const fail = (text: string) => {
    io.stderr(`${text}\n`);
    return EXIT.badInput;
  };
  let forced: Lang | undefined;
  try {
    forced = checkLang(options.lang);
  } catch {
    throw new UsageError(say("badLang", { value: options.lang }));
  }
  let asOf: string;
  try {
    asOf = checkAsOf(options.asOf);
  } catch {
    throw new UsageError(say("badDate", { value: options.asOf }));
  }
  const headerRow = checkHeaderRow(options.headerRow);
  if (headerRow === null) throw new UsageError(say("badHeaderRow", { value: options.headerRow }));
  await checkOutput(options.output, lang, input);

  let config: RunConfig | undefined;
  if (options.config !== undefined) {
    const read = await readConfig(options.config, lang);
    if (!read.ok) return fail(read.message);
    config = read.config;
  }

  const progress = new CliProgress(io.stderr, lang, !options.progress ? "off" : io.stderrIsTTY ? "bar" : "log");
  // a second reader for a big client sheet: its thread starts when it is given one
  const tailReader = startTailReader();
  try {
    const t0 = performance.now();
    progress.phase("load", 0);
    const read = await readBytes(input);
    if (!read.ok) {
      progress.stop();
      return fail(say(read.failure === "missing" ? "inputMissing" : "inputNotXlsx", { value: input }));
    }
    let host: PackageHost;
    try {
      host = PackageHost.fromBytes(read.bytes, nodeInflater);
    } catch (err) {
      progress.stop();
      if (err instanceof UnreadablePackage) return fail(say(UNREADABLE[err.reason], { value: input, detail: err.detail }));
      throw err;
    }
    host.tailReader = tailReader;
    // a macro-enabled book is written as one: its VBA project is kept, and Excel opens it only as .xlsm
    if (host.macroEnabled !== /\.xlsm$/i.test(options.output)) {
      progress.stop();
      return fail(say(host.macroEnabled ? "outputNeedsXlsm" : "outputNotXlsx", { value: options.output }));
    }
    const t1 = performance.now();
    const outcome = await runSegmentation(host, {
      config,
      lang: forced,
      asOf,
      source: options.sheet ? { sheet: options.sheet } : undefined,
      headerRow,
      mask: options.mask,
      messageLang: lang,
      onProgress: (phase, done) => progress.phase(phase === "read" ? "load" : phase === "plans" ? "segment" : phase, 0.3 + 0.5 * done),
    });
    const t2 = performance.now();
    if (!outcome.ok) {
      progress.stop();
      return fail(await runFailure(outcome.issue, host, lang));
    }
    progress.phase("save", 0.8);
    try {
      await writeStreamed(options.output, (sink) => host.writeTo(nodeDeflater, sink));
    } catch (err) {
      progress.stop();
      return fail(say("writeFailed", { value: options.output, detail: err instanceof Error ? err.message : String(err) }));
    }
    const t3 = performance.now();
    progress.phase("save", 1);
    progress.stop();
    if (timings) Object.assign(timings, { loadMs: t1 - t0, segmentMs: t2 - t1, saveMs: t3 - t2 });
    io.stdout(summary(outcome, options.output, lang));
    return EXIT.ok;
  } finally {
    progress.stop();
    void tailReader?.close();
  }
}

/** A run that could not start, said with what to do about it. */
async function runFailure(issue: Extract<RunOutcome, { ok: false }>["issue"], host: PackageHost, lang: Lang): Promise<string> {
  const text = describeIssue(issue, lang);
  if (issue.code === "noSuchSheet") {
    const names = (await host.open()).sheetNames;
    return `${text}${message("hintSheets", lang, { value: names.join(SEPARATORS[lang].items) })}`;
  }
  if (issue.code === "emptyTable") return `${text}${message("hintEmpty", lang)}`;
  return text;
}

async function readConfig(file: string, lang: Lang): Promise<{ ok: true; config: RunConfig } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    return { ok: false, message: message("configMissing", lang, { value: file }) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    return { ok: false, message: message("configNotJson", lang, { value: file, detail: err instanceof Error ? err.message : String(err) }) };
  }
  const parsed = parseRunConfig(json, lang);
  if (!parsed.ok) return { ok: false, message: [message("configProblems", lang, { value: file }), ...parsed.problems.map((p) => `  - ${p}`)].join("\n") };
  return { ok: true, config: parsed.value };
}

/**
 * A share as "77.5%". Both languages write a share (at most 100%, no thousands) the same way, with a
 * decimal point, so toFixed serves: toLocaleString's first call loads ICU's locale data, 10 ms of a run.
 */
function percent(x: number | null): string {
  if (x === null) return "—";
  return `${(x * 100).toFixed(1)}%`;
}

function summary(outcome: Extract<RunOutcome, { ok: true }>, output: string, lang: Lang): string {
  const r = outcome.result;
  const groups = (list: readonly { label: string; count: number }[], unplaced: { label: string; count: number } | null) =>
    (unplaced ? [...list, unplaced] : list).map((g) => `${g.label} ${g.count}`).join(" · ");
  const lines = [message("summaryClients", lang, { value: r.clients.length, detail: r.rowsRead })];
  if (r.tiers.length) lines.push(message("summaryTiers", lang, { detail: groups(r.tiers, r.unplaced.tiers) }));
  if (r.classes.length) lines.push(message("summaryClasses", lang, { detail: groups(r.classes, r.unplaced.classes) }));
  if (r.quadrants.length) lines.push(message("summaryQuadrants", lang, { detail: groups(r.quadrants, r.unplaced.quadrants) }));
  if (r.topShare !== null) lines.push(message("summaryTopShare", lang, { value: percent(r.topShare) }));
  if (outcome.settings.config.mask) lines.push(message("summaryMasked", lang, { value: outcome.masked }));
  const issuesSheet = outcome.sheets.find((s) => s.key === "issues")?.name ?? "";
  lines.push(message("summaryIssues", lang, { value: outcome.issues.length, detail: issuesSheet }));
  lines.push(message("summaryOutput", lang, { value: path.resolve(output) }));
  return `${lines.join("\n")}\n`;
}

async function sampleCommand(options: { output: string; lang?: string; asOf?: string }, lang: Lang, io: CliIo): Promise<number> {
  let bookLang: Lang | undefined;
  try {
    bookLang = checkLang(options.lang);
  } catch {
    throw new UsageError(message("badLang", lang, { value: options.lang }));
  }
  let asOf: string;
  try {
    asOf = checkAsOf(options.asOf);
  } catch {
    throw new UsageError(message("badDate", lang, { value: options.asOf }));
  }
  await checkOutput(options.output, lang);
  // its dates made for the run date (today unless given), its headers in the book's language
  const book = sampleBook(undefined, undefined, { asOf, lang: bookLang ?? "zh-CN" });
  try {
    await writeBytes(sampleBytes(book), options.output);
  } catch (err) {
    io.stderr(`${message("writeFailed", lang, { value: options.output, detail: err instanceof Error ? err.message : String(err) })}\n`);
    return EXIT.badInput;
  }
  const clients = book.rows.filter((r) => r.some((c) => c !== null)).length;
  io.stdout(`${message("sampleWritten", lang, { value: options.output, detail: clients })}\n`);
  return EXIT.ok;
}
