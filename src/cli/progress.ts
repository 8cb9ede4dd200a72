/*
 * A one-line progress bar on stderr for a terminal; in a log (stderr not a terminal) a plain line
 * per phase, and only once the run has taken a while, so short scripted runs stay quiet.
 */
import type { Lang } from "../core/lang";
import { message, type MessageKey } from "./messages";

export type CliPhase = "load" | "segment" | "write" | "save";

const PHASE_KEYS: Record<CliPhase, MessageKey> = { load: "phaseLoad", segment: "phaseSegment", write: "phaseWrite", save: "phaseSave" };
const WIDTH = 24;
/** a run this long (ms) is worth reporting in a log */
const LONG_RUN = 2000;

export class CliProgress {
  private readonly started = Date.now();
  private fraction = 0;
  private label = "";
  private timer: ReturnType<typeof setInterval> | undefined;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly lang: Lang,
    private readonly mode: "bar" | "log" | "off",
  ) {
    if (mode === "bar") {
      this.timer = setInterval(() => this.draw(), 250);
      this.timer.unref();
    }
  }

  phase(phase: CliPhase, fraction: number): void {
    const label = message(PHASE_KEYS[phase], this.lang);
    const changed = label !== this.label;
    this.label = label;
    this.fraction = Math.max(this.fraction, Math.min(1, fraction));
    if (this.mode === "bar") this.draw();
    else if (this.mode === "log" && changed && Date.now() - this.started > LONG_RUN) this.write(`${label}… ${this.elapsed()}\n`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.write("\r\x1b[K");
    this.drawn = false;
  }

  private elapsed(): string {
    return `${((Date.now() - this.started) / 1000).toFixed(1)}s`;
  }

  private draw(): void {
    const filled = Math.round(this.fraction * WIDTH);
    this.write(
      `\r[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${String(Math.round(this.fraction * 100)).padStart(3)}%  ${this.label}…  ${this.elapsed()}\x1b[K`,
    );
    this.drawn = true;
  }
}
