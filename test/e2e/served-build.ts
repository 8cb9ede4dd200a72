/*
 * Shared by the tests and the bench that open the built task pane in Debian's Chromium: a production build
 * into a temporary folder, a static server for it on 127.0.0.1, and Chromium launched the way
 * browser-mode.test.ts launches it (headless, no sandbox, nothing in the background that reaches the network).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Office.js and the files it loads come from here (taskpane.html's script tag). */
export const OFFICE_CDN = /^https:\/\/appsforoffice\.microsoft\.com\//;
export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const root = path.resolve(__dirname, "../..");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/** `webpack --mode production` into a new temporary folder; returns the folder. */
export function buildProduction(prefix = "client-ladder-build-"): string {
  const out = mkdtempSync(path.join(os.tmpdir(), prefix));
  execFileSync(process.execPath, [path.join(root, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--env", `outDir=${out}`], {
    cwd: root,
    stdio: "pipe",
    timeout: 300_000,
  });
  return out;
}

export interface StaticServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` on a free port of 127.0.0.1, as a plain static host would: no headers of its own beyond the type. */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Debian's Chromium through playwright-core; says how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the end-to-end tests need Debian's Chromium. Install it with: apt-get install -y chromium fonts-wqy-microhei`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
