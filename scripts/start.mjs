// npm start: the add-in on https://localhost:3000 (PORT moves it) with the office-addin-dev-certs certificates.
// webpack and webpack-dev-server run in this process through their Node APIs, with the same webpack.config.js
// as the build: there is no child to orphan, so however this process ends, the server ends with it.
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line) => console.log(`[client-ladder] ${line}`);

const certDir = path.join(os.homedir(), ".office-addin-dev-certs");
const [caFile, certFile, keyFile] = ["ca.crt", "localhost.crt", "localhost.key"].map((f) => path.join(certDir, f));

/** All three files there and the localhost certificate good for at least another hour. */
function certificatesUsable() {
  if (![caFile, certFile, keyFile].every((f) => existsSync(f))) return false;
  try {
    return new Date(new X509Certificate(readFileSync(certFile)).validTo).getTime() > Date.now() + 60 * 60 * 1000;
  } catch {
    return false;
  }
}

/**
 * Trusting a new CA asks the user (a dialog on Windows, the keychain on a Mac, sudo on Linux). Only ask where
 * someone can answer: not in CI, not without a terminal, not on a Linux machine without a display.
 */
function canAskToTrust() {
  if (process.env.CI || !process.stdin.isTTY) return false;
  if (process.platform === "win32" || process.platform === "darwin") return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function ensureCertificates() {
  if (certificatesUsable()) return;
  const devCerts = require("office-addin-dev-certs");
  if (canAskToTrust()) {
    log(`No usable development certificates in ${certDir}: making them and asking to trust their CA (office-addin-dev-certs).`);
    try {
      await devCerts.ensureCertificatesAreInstalled();
      return;
    } catch (err) {
      // e.g. the user said no, or sudo failed: the files may still be there, and are enough for the browser page
      log(`The CA could not be trusted (${err instanceof Error ? err.message.trim() : err}).`);
      if (certificatesUsable()) return;
    }
  }
  log(`Making development certificates in ${certDir} without trusting their CA (no one here to confirm it).`);
  devCerts.deleteCertificateFiles(certDir);
  await devCerts.generateCertificates();
  if (!certificatesUsable()) log("The certificates were not written; the dev server falls back to plain http.");
}

function printHowToUse(port, https) {
  const address = `${https ? "https" : "http"}://localhost:${port}/taskpane.html`;
  console.log(`
[client-ladder] Task pane:   ${address}
[client-ladder] Opened in a plain browser (outside Excel) the page runs in browser mode; the CLIENT.* functions work only in Excel.
[client-ladder] A browser trusts the certificate once ${caFile} is imported as a trusted CA.
[client-ladder] To use it in Excel, sideload manifest.xml:
[client-ladder]   Excel on the web: Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in > manifest.xml
[client-ladder]   Excel on Windows: put manifest.xml in a shared-folder catalog (Trust Center > Trusted Add-in Catalogs), then Insert > My Add-ins > Shared Folder
[client-ladder]   Excel on Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart Excel
[client-ladder] Then: Home > Segment clients, or type =CLIENT.TIER(600000, {10000000,2000000,1000000,500000}) in a cell.${
    port === 3000 ? "" : `\n[client-ladder] manifest.xml points at https://localhost:3000: Excel will not find the add-in on port ${port}.`
  }
[client-ladder] Ctrl+C stops the server.
`);
}

async function main() {
  await ensureCertificates();
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const configure = require(path.join(root, "webpack.config.js"));
  // what `webpack serve --mode development` hands the config function
  const config = await configure({ WEBPACK_SERVE: true }, { mode: "development" });
  config.mode = "development";
  const compiler = webpack(config);
  // the signals are handled below, once: stop the server, then exit
  const server = new WebpackDevServer({ ...config.devServer, setupExitSignals: false }, compiler);

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) process.exit(1); // a second Ctrl+C: do not wait
    stopping = true;
    log(`${signal}: stopping the dev server.`);
    await server.stop();
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void stop(signal));

  await server.start();
  printHowToUse(config.devServer.port, config.devServer.server?.type === "https");
}

main().catch((err) => {
  console.error(`[client-ladder] npm start failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
