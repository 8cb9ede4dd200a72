/*
 * npm start (scripts/start.mjs) on a machine with no display and no one to answer a prompt: it makes the
 * localhost certificates under $HOME, serves https on PORT with the same Content-Security-Policy as the page's
 * <meta>, and when the process is stopped, by SIGTERM or by SIGKILL, nothing is left listening on the port.
 * Compiles the development bundle twice (about 10 s each).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { launchChromium, root } from "../e2e/served-build";

let home: string;
let port: number;

beforeAll(async () => {
  home = mkdtempSync(path.join(os.tmpdir(), "client-ladder-start-"));
  port = await freePort();
});

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const { port: p } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(p));
    });
  });
}

/** Whether anything accepts a connection on the port (IPv4 or IPv6 loopback). */
async function listening(p: number): Promise<boolean> {
  const tryHost = (host: string) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port: p });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
  return (await tryHost("127.0.0.1")) || (await tryHost("::1"));
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node scripts/start.mjs` with HOME and PORT of the test, no terminal; resolves once it prints the address. */
async function start(): Promise<Started> {
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: { ...process.env, HOME: home, USERPROFILE: home, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const address = `https://localhost:${port}/taskpane.html`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed within 120 s:\n${text}`)), 120_000);
    const check = () => {
      if (text.includes(`Task pane:   ${address}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before printing the address:\n${text}`));
    });
  });
  return { child, output: () => text, exited };
}

/** GET over https, trusting only the CA that npm start made under $HOME. */
function get(urlPath: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const ca = readFileSync(path.join(home, ".office-addin-dev-certs/ca.crt"));
  return new Promise((resolve, reject) => {
    https
      .get({ host: "localhost", port, path: urlPath, ca, timeout: 120_000 }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on("error", reject);
  });
}

test("makes the certificates without a prompt, serves https with the policy, and SIGTERM closes the port", async () => {
  const run = await start();
  try {
    expect(existsSync(path.join(home, ".office-addin-dev-certs/localhost.key"))).toBe(true);
    expect(run.output()).toMatch(/Excel on the web: .*Upload My Add-in/);
    expect(run.output()).toMatch(/Excel on Windows: /);
    expect(run.output()).toMatch(/Excel on Mac: /);
    expect(await listening(port)).toBe(true);

    // the certificate is good for localhost under the CA it made; the page waits for the first compilation
    const page = await get("/taskpane.html");
    expect(page.status).toBe(200);
    const header = page.headers["content-security-policy"];
    const meta = page.body.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
    expect(header).toBe(meta);
    expect(header).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    // the dev server's live-reload socket, and nothing else, besides self
    expect(header).toContain(`connect-src 'self' wss://localhost:${port};`);

    // the development build runs under the policy too (React's and Griffel's development code, the live-reload client)
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __csp: string[] }).__csp = seen;
        document.addEventListener("securitypolicyviolation", (e) => {
          seen.push(`${e.effectiveDirective} ${e.blockedURI}`);
        });
      });
      await context.route(
        (url) => !url.href.startsWith(`https://localhost:${port}/`),
        (route) => route.abort(),
      );
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on("pageerror", (e) => errors.push(e.message));
      await tab.goto(`https://localhost:${port}/taskpane.html`);
      await tab.getByRole("heading", { level: 1 }).waitFor({ timeout: 30_000 });
      await tab.waitForTimeout(500); // the live-reload socket connects after the page has run
      expect(await tab.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }

    run.child.kill("SIGTERM");
    expect((await run.exited).code).toBe(0);
    expect(await listening(port)).toBe(false);
  } finally {
    run.child.kill("SIGKILL");
  }
}, 240_000);

test("SIGKILL leaves nothing listening: the dev server was in the process itself", async () => {
  const run = await start();
  try {
    // the certificates from the first run are reused, not made again
    expect(run.output()).not.toMatch(/Making development certificates/);
    expect(await listening(port)).toBe(true);
    run.child.kill("SIGKILL");
    expect((await run.exited).signal).toBe("SIGKILL");
    expect(await listening(port)).toBe(false);
  } finally {
    run.child.kill("SIGKILL");
  }
}, 240_000);
