/*
 * Bench section "cli": `client-ladder segment` as a user runs it (its own process, the built CLI),
 * beside the same job done with pandas + openpyxl (bench/peer/segment_pandas.py) on the same file in
 * the same run: wall time and peak memory of each process (GNU time), medians of a few runs.
 * Books: 9,134 and 100,000 clients x 15 columns (seeded); `npm run bench -- cli --big` adds
 * 1,048,576 clients (ours only: the peer would take many minutes).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeBigBook } from "./cli-bench";

const root = path.resolve(__dirname, "..");
const PYTHON = "/usr/bin/python3";
const TIME = "/usr/bin/time";

interface Measure {
  seconds: number;
  peakMiB: number;
  ok: boolean;
  detail: string;
}

/** A command's wall time and peak resident memory, from GNU time. */
function measure(command: string, args: string[]): Measure {
  const r = spawnSync(TIME, ["-f", "__time %e %M", command, ...args], { encoding: "utf8", cwd: root, maxBuffer: 64 * 2 ** 20 });
  const m = /__time ([\d.]+) (\d+)/.exec(r.stderr ?? "");
  return {
    seconds: m ? Number(m[1]) : NaN,
    peakMiB: m ? Number(m[2]) / 1024 : NaN,
    ok: r.status === 0,
    detail: (r.stderr ?? "")
      .split("\n")
      .filter((l) => !l.startsWith("__time"))
      .join(" ")
      .slice(0, 300),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function peerAvailable(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const r = spawnSync(PYTHON, ["-c", "import pandas, openpyxl"], { encoding: "utf8" });
  return r.status === 0 ? undefined : "pandas or openpyxl is missing (apt-get install -y python3-pandas python3-openpyxl)";
}

async function main(): Promise<void> {
  if (!existsSync(TIME)) {
    console.log(`${TIME} is missing (apt-get install -y time): no figures`);
    return;
  }
  if (!existsSync(path.join(root, "dist-cli/client-ladder.js"))) spawnSync(process.execPath, [path.join(root, "scripts/build-cli.mjs")], { stdio: "inherit" });
  const noPeer = peerAvailable();
  if (noPeer) console.log(`peer skipped: ${noPeer}`);
  const sizes: [number, number][] = [
    [9_134, 3],
    [100_000, 1],
  ];
  if (process.argv.includes("--big")) sizes.push([1_048_576, 1]);
  const dir = mkdtempSync(path.join(os.tmpdir(), "client-ladder-cli-bench-"));
  try {
    console.log(`${"clients x 15 columns".padEnd(22)}${"tool".padEnd(26)}${"median s".padStart(10)}${"peak MiB".padStart(10)}${"runs".padStart(6)}`);
    for (const [rows, runs] of sizes) {
      const input = path.join(dir, `in-${rows}.xlsx`);
      await writeBigBook(input, rows);
      const ours: Measure[] = [];
      const peer: Measure[] = [];
      for (let i = 0; i < runs; i++) {
        // the command as npx starts it: through its shebang
        ours.push(
          measure(path.join(root, "bin/client-ladder.js"), ["segment", input, "-o", path.join(dir, "out.xlsx"), "--as-of", "2026-01-01", "--no-progress"]),
        );
        if (!noPeer && rows <= 100_000)
          peer.push(measure(PYTHON, [path.join(root, "bench/peer/segment_pandas.py"), input, path.join(dir, "peer.xlsx"), "客户名单"]));
      }
      const label = `${rows.toLocaleString("en-US")} (${(statSync(input).size / 2 ** 20).toFixed(1)} MiB)`;
      const row = (tool: string, ms: Measure[]) =>
        console.log(
          `${label.padEnd(22)}${tool.padEnd(26)}${median(ms.map((m) => m.seconds))
            .toFixed(2)
            .padStart(10)}${median(ms.map((m) => m.peakMiB))
            .toFixed(0)
            .padStart(10)}${String(ms.length).padStart(6)}${ms.every((m) => m.ok) ? "" : `  FAILED: ${ms.find((m) => !m.ok)?.detail}`}`,
        );
      row("client-ladder segment", ours);
      if (peer.length) {
        row("pandas + openpyxl", peer);
        console.log(
          `${"".padEnd(22)}${"ratio (peer / ours)".padEnd(26)}${(median(peer.map((m) => m.seconds)) / median(ours.map((m) => m.seconds))).toFixed(2).padStart(10)}x`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
