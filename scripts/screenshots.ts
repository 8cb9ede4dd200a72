/*
 * Regenerates docs/screenshots/<mode>-<lang>-<step>.png: the pane's five steps (Data, Columns,
 * Models, Preview, the Generate result), in both languages, in Excel (the fake Office runtime of the
 * end-to-end tests) and in browser mode (the sample), at a task pane's 340 px width, full page.
 * Builds the production pane, serves it on 127.0.0.1 and drives Debian's Chromium; nothing leaves
 * the machine. Chinese text needs fonts-wqy-microhei.
 *
 *   npx tsx scripts/screenshots.ts
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import type { Lang } from "../src/core/lang";
import { strings } from "../src/taskpane/strings";
import { STEPS, type StepKey } from "../src/taskpane/pane-state";
import { clientTable } from "../test/e2e/clients";
import { openExcelPage, startExcelPane, type ExcelPane } from "../test/e2e/fake-office-harness";

const OUT_DIR = path.resolve(__dirname, "../docs/screenshots");
const VIEWPORT = { width: 340, height: 800 };
const LANGS: readonly Lang[] = ["zh-CN", "en-US"];
const CLIENT_SHEET: Record<Lang, string> = { "zh-CN": "客户名单", "en-US": "Clients" };
const MEMO_SHEET: Record<Lang, string> = { "zh-CN": "备忘", "en-US": "Notes" };

type Mode = "excel" | "browser";

/** A page on the pane with its client table read, and a way to close it. */
async function openPane(pane: ExcelPane, mode: Mode, lang: Lang): Promise<{ page: Page; close: () => Promise<void> }> {
  if (mode === "excel") {
    const session = await openExcelPage(
      pane,
      {
        displayLanguage: lang,
        sheets: [
          { name: MEMO_SHEET[lang], cells: [[lang === "zh-CN" ? "请勿改动" : "Do not edit"]] },
          { name: CLIENT_SHEET[lang], cells: clientTable(lang) },
        ],
      },
      { locale: lang, viewport: VIEWPORT },
    );
    return { page: session.page, close: session.close };
  }
  const context = await pane.browser.newContext({ locale: lang, viewport: VIEWPORT });
  await context.route(
    (url) => !url.href.startsWith(`${pane.origin}/`),
    (route) => route.abort(),
  );
  const page = await context.newPage();
  await page.goto(`${pane.origin}/taskpane.html`);
  await page.getByRole("button", { name: strings[lang].workbench.trySample }).click();
  return { page, close: () => context.close() };
}

/** The page at rest: no hover, no transition half done, scrolled to the top. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    await Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
        .map((a) => a.finished.catch(() => undefined)),
    );
    window.scrollTo(0, 0);
  });
}

async function shoot(page: Page, mode: Mode, lang: Lang, step: StepKey): Promise<string> {
  await page.locator(`[data-step=${step}]`).waitFor({ timeout: 60_000 });
  await settle(page);
  const file = path.join(OUT_DIR, `${mode}-${lang}-${step}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // a page wider than the pane means something overflows sideways
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > VIEWPORT.width) console.warn(`  ${path.basename(file)}: the page is ${width} px wide, wider than ${VIEWPORT.width} px`);
  return file;
}

async function stepsOf(pane: ExcelPane, mode: Mode, lang: Lang): Promise<string[]> {
  const t = strings[lang].steps;
  const { page, close } = await openPane(pane, mode, lang);
  const files: string[] = [];
  try {
    await page.locator("[data-table-source]").waitFor({ timeout: 30_000 });
    const nav = (step: StepKey) =>
      page
        .getByRole("navigation")
        .getByRole("button", { name: `${STEPS.indexOf(step) + 1}. ${t.names[step]}`, exact: true })
        .click();
    files.push(await shoot(page, mode, lang, "data"));
    await nav("columns");
    files.push(await shoot(page, mode, lang, "columns"));
    await nav("models");
    files.push(await shoot(page, mode, lang, "models"));
    await page.getByRole("button", { name: t.previewNow, exact: true }).click();
    files.push(await shoot(page, mode, lang, "preview"));
    await page.getByRole("button", { name: t.generate, exact: true }).click();
    await page.locator("[data-result=done]").waitFor({ timeout: 60_000 });
    files.push(await shoot(page, mode, lang, "generate"));
  } finally {
    await close();
  }
  return files;
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  console.log("building and serving the pane…");
  const pane = await startExcelPane();
  try {
    for (const mode of ["excel", "browser"] as const)
      for (const lang of LANGS) {
        const files = await stepsOf(pane, mode, lang);
        console.log(`${mode} ${lang}: ${files.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
      }
  } finally {
    await pane.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
