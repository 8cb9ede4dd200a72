/*
 * Part of bench section "pane": browser mode on a 100,000-client x 15-column .xlsx, driven as a user drives it
 * (open the file, the client table found and read, Preview, Generate, Download) in headless Chromium, with the
 * page's main thread watched all along: every long task (> 50 ms, a PerformanceObserver installed before the page
 * loads) and the longest gap between animation frames. Per phase: wall time, the longest main-thread task, the
 * total blocking time (the sum over long tasks of their time beyond 50 ms), the longest frame gap, and the JS heap
 * of the page and of the workbook worker afterwards (CDP Runtime.getHeapUsage). Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, CDPSession, Page } from "playwright-core";
import { strings } from "../src/taskpane/strings";
import { OFFICE_CDN } from "../test/e2e/served-build";
import { writeBigBook } from "./cli-bench";

const ROWS = 100_000;
const zh = strings["zh-CN"];

interface Watch {
  longTasks: { start: number; duration: number }[];
  frames: number[];
}

interface Phase {
  name: string;
  wall: number;
  longest: number;
  blocking: number;
  tasks: number;
  frameGap: number;
  pageHeap: number;
  workerHeap: number | undefined;
}

/** Installed before the page's own scripts: long tasks (buffered) and the time of every animation frame. */
const WATCH_SCRIPT = `
  const watch = { longTasks: [], frames: [] };
  window.__watch = watch;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) watch.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  const frame = (t) => {
    watch.frames.push(t);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The heap in use of every dedicated worker of the page, through a browser-wide CDP session (undefined where it cannot be reached). */
async function workerHeap(browser: Browser): Promise<number | undefined> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    try {
      const { targetInfos } = (await cdp.send("Target.getTargets")) as { targetInfos: { targetId: string; type: string; url: string }[] };
      let total: number | undefined;
      for (const t of targetInfos.filter((t) => t.type === "worker" && /workbook-worker/.test(t.url))) {
        const { sessionId } = (await cdp.send("Target.attachToTarget", { targetId: t.targetId, flatten: false })) as { sessionId: string };
        const answer = new Promise<number>((resolve) => {
          const listener = (event: { sessionId: string; message: string }) => {
            const reply = JSON.parse(event.message) as { id: number; result?: { usedSize: number } };
            if (event.sessionId === sessionId && reply.id === 1) {
              cdp.off("Target.receivedMessageFromTarget", listener);
              resolve(reply.result?.usedSize ?? 0);
            }
          };
          cdp.on("Target.receivedMessageFromTarget", listener);
        });
        await cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: 1, method: "Runtime.getHeapUsage" }) });
        total = (total ?? 0) + (await answer);
        await cdp.send("Target.detachFromTarget", { sessionId });
      }
      return total;
    } finally {
      await cdp.detach();
    }
  } catch {
    return undefined;
  }
}

async function pageHeap(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  return ((await cdp.send("Runtime.getHeapUsage")) as { usedSize: number }).usedSize;
}

/** Runs `act` as one phase: its wall time, and what the main thread did meanwhile. */
async function phase(name: string, page: Page, cdp: CDPSession, browser: Browser, act: () => Promise<unknown>): Promise<Phase> {
  const from = await page.evaluate(() => performance.now());
  await act();
  // a frame after the phase's last change: its painting counts in the phase
  const to = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))));
  const watch = await page.evaluate(() => (window as unknown as { __watch: Watch }).__watch);
  const tasks = watch.longTasks.filter((t) => t.start + t.duration > from && t.start < to);
  const frames = watch.frames.filter((f) => f >= from && f <= to);
  let frameGap = 0;
  for (let i = 1; i < frames.length; i++) frameGap = Math.max(frameGap, frames[i] - frames[i - 1]);
  return {
    name,
    wall: to - from,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    blocking: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    tasks: tasks.length,
    frameGap,
    pageHeap: await pageHeap(cdp),
    workerHeap: await workerHeap(browser),
  };
}

export async function printHundredThousand(browser: Browser, origin: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "client-ladder-pane-100k-"));
  try {
    const file = path.join(dir, `clients-${ROWS}.xlsx`);
    const made = performance.now();
    await writeBigBook(file, ROWS);
    console.log(
      `\nBrowser mode on ${ROWS.toLocaleString("en-US")} clients x 15 columns (.xlsx written in ${((performance.now() - made) / 1000).toFixed(1)} s), headless Chromium`,
    );
    const context = await browser.newContext({ locale: "zh-CN", acceptDownloads: true, viewport: { width: 420, height: 900 } });
    try {
      await context.route(
        (url) => !url.href.startsWith(`${origin}/`) || OFFICE_CDN.test(url.href),
        (route) => route.abort(),
      );
      // a string, not a function: tsx would wrap the function's inner functions in a helper the page lacks
      await context.addInitScript(WATCH_SCRIPT);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const cdp = await context.newCDPSession(page);
      await page.goto(`${origin}/taskpane.html`);
      await page.getByRole("heading", { level: 1, name: zh.productName }).waitFor();
      const long = { timeout: 600_000 };
      const phases: Phase[] = [];
      phases.push(
        await phase("open the file, table found and read", page, cdp, browser, async () => {
          await page.getByLabel(zh.workbench.fileInputLabel).setInputFiles(file);
          await page.locator("[data-figure=tableSize]").waitFor(long);
        }),
      );
      phases.push(
        await phase("Preview", page, cdp, browser, async () => {
          await page.getByRole("button", { name: zh.steps.previewNow, exact: true }).click();
          await page.locator("[data-step=preview]").waitFor(long);
        }),
      );
      phases.push(
        await phase("Generate", page, cdp, browser, async () => {
          await page.getByRole("button", { name: zh.steps.generate, exact: true }).click();
          await page.locator("[data-result=done]").waitFor(long);
        }),
      );
      let bytes = 0;
      phases.push(
        await phase("Download", page, cdp, browser, async () => {
          const [download] = await Promise.all([page.waitForEvent("download", long), page.getByRole("button", { name: zh.workbench.download }).click()]);
          const saved = await download.path();
          bytes = statSync(saved).size;
        }),
      );
      console.log(
        `${"phase".padEnd(38)}${"wall".padStart(9)}${"longest task".padStart(14)}${"blocking".padStart(10)}${"tasks>50ms".padStart(12)}${"frame gap".padStart(11)}${"page heap".padStart(11)}${"worker heap".padStart(13)}`,
      );
      for (const p of phases) {
        console.log(
          `${p.name.padEnd(38)}${`${(p.wall / 1000).toFixed(1)} s`.padStart(9)}${`${p.longest.toFixed(0)} ms`.padStart(14)}${`${p.blocking.toFixed(0)} ms`.padStart(10)}` +
            `${String(p.tasks).padStart(12)}${`${p.frameGap.toFixed(0)} ms`.padStart(11)}${mb(p.pageHeap).padStart(11)}${(p.workerHeap === undefined ? "n/a" : mb(p.workerHeap)).padStart(13)}`,
        );
      }
      console.log(`  (downloaded ${mb(bytes)}; heaps after a garbage collection at the phase's end; blocking = sum of (task - 50 ms))`);
      if (errors.length) console.log(`  page errors: ${errors.join("; ")}`);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
