/*
 * Bench section "pane": one production build, then
 *   - the gzipped size of every emitted bundle, whether the JS that taskpane.html loads inside Excel stays under
 *     350 KB gzip, and whether browser mode's workbook worker (the package host) stays out of taskpane.html;
 *   - the first render of the pane in headless Chromium (same launch as the e2e tests, Office.js aborted, so the
 *     page runs in browser mode): navigation start to the first painted pane heading, median of 5 cold loads;
 *   - browser mode on a 100,000-client book, opened, previewed, generated and downloaded as a user does it, with the
 *     page's main thread watched (longest task, blocking time, frame gaps) and the heaps (pane-100k.ts).
 * Prints figures; asserts nothing (CONVENTIONS.md).
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildProduction, launchChromium, OFFICE_CDN, serveDirectory } from "../test/e2e/served-build";
import { printHundredThousand } from "./pane-100k";

/** 350 KB of gzip, in bytes (KB = 1,000 bytes: the stricter reading). */
const PANE_BUDGET = 350_000;
const LOADS = 5;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Bundle {
  file: string;
  bytes: number;
  gzip: number;
}

function bundleSizes(out: string): Bundle[] {
  return readdirSync(out)
    .filter((f) => f.endsWith(".js"))
    .map((file) => {
      const data = readFileSync(path.join(out, file));
      return { file, bytes: data.length, gzip: gzipSync(data).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** The scripts taskpane.html loads, in order (Office.js from the CDN included). */
function pageScripts(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
}

function printBundles(out: string): void {
  const bundles = bundleSizes(out);
  const html = readFileSync(path.join(out, "taskpane.html"), "utf8");
  const scripts = pageScripts(html);
  console.log(`Production bundles (gzip level 6, as a server would send them)`);
  console.log(`${"file".padEnd(22)}${"size".padStart(12)}${"gzip".padStart(12)}  loaded by taskpane.html`);
  for (const b of bundles) {
    console.log(
      `${b.file.padEnd(22)}${kib(b.bytes).padStart(12)}${kib(b.gzip).padStart(12)}  ${scripts.includes(b.file) ? "yes" : /worker/i.test(b.file) ? "no (Web Worker)" : "no (lazy chunk)"}`,
    );
  }
  const inExcel = bundles.filter((b) => scripts.includes(b.file));
  const total = inExcel.reduce((a, b) => a + b.gzip, 0);
  console.log(
    `Task pane JS loaded inside Excel (${inExcel.map((b) => b.file).join(" + ")}, Office.js not counted): ${kib(total)} gzip = ` +
      `${total.toLocaleString("en-US")} bytes, ${total < PANE_BUDGET ? "UNDER" : "OVER"} the 350 KB budget`,
  );
  const worker = bundles.find((b) => /workbook-worker/i.test(b.file));
  const referenced = /workbook-worker/i.test(html);
  console.log(
    worker
      ? `Workbook worker ${worker.file} (${kib(worker.gzip)} gzip; the package host, fflate, saxes): ${referenced ? "REFERENCED by taskpane.html (loaded inside Excel too)" : "not referenced by taskpane.html (started only when browser mode opens a book)"}`
      : "Workbook worker: none emitted (is the package host bundled into the page?)",
  );
  const exceljs = bundles.filter((b) => /exceljs/i.test(b.file));
  if (exceljs.length) console.log(`ExcelJS chunk ${exceljs.map((b) => b.file).join(", ")}: emitted, but nothing in src/ should import ExcelJS any more`);
}

async function printFirstRender(out: string): Promise<void> {
  const server = await serveDirectory(out);
  const browser = await launchChromium();
  const heading: number[] = [];
  const contentful: number[] = [];
  const wall: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      // a fresh context each time: empty cache, as on a first open
      const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 420, height: 900 } });
      await context.route(
        (url) => !url.href.startsWith(`${server.origin}/`) || OFFICE_CDN.test(url.href),
        (route) => route.abort(),
      );
      await context.addInitScript(() => {
        // the first frame painted after a pane heading (h1) is in the document, in ms since navigation start
        const w = window as unknown as { __headingPainted?: number; __fcp?: number };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (e.name === "first-contentful-paint") w.__fcp = e.startTime;
        }).observe({ type: "paint", buffered: true });
        new MutationObserver((_records, observer) => {
          if (document.querySelector("h1")) {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => (w.__headingPainted = performance.now())));
          }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${server.origin}/taskpane.html`);
      await page.waitForFunction(() => (window as unknown as { __headingPainted?: number }).__headingPainted !== undefined);
      wall.push(performance.now() - started);
      heading.push(await page.evaluate(() => (window as unknown as { __headingPainted: number }).__headingPainted));
      await page.waitForFunction(() => (window as unknown as { __fcp?: number }).__fcp !== undefined, undefined, { timeout: 5_000 }).catch(() => undefined);
      const fcp = await page.evaluate(() => (window as unknown as { __fcp?: number }).__fcp);
      if (fcp !== undefined) contentful.push(fcp);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const f = (xs: number[]) => (xs.length ? `${median(xs).toFixed(0)} ms (of ${xs.map((x) => x.toFixed(0)).join(", ")})` : "not reported");
  console.log(
    `\nFirst render of the pane, headless Chromium, production build from 127.0.0.1, Office.js aborted (browser mode), median of ${LOADS} cold loads`,
  );
  console.log(`  navigation start -> pane heading painted: ${f(heading)}`);
  console.log(`  navigation start -> first contentful paint: ${f(contentful)}`);
  console.log(`  page.goto -> heading painted, as the test driver sees it: ${f(wall)}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const out = buildProduction("client-ladder-bench-");
  try {
    console.log(`(production build: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    printBundles(out);
    await printFirstRender(out);
    const server = await serveDirectory(out);
    const browser = await launchChromium();
    try {
      await printHundredThousand(browser, server.origin);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
