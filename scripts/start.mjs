// npm start: make the localhost certificates if there are none, then serve the add-in with webpack-dev-server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const certDir = path.join(os.homedir(), ".office-addin-dev-certs");
const certFiles = ["ca.crt", "localhost.crt", "localhost.key"].map((f) => path.join(certDir, f));
const binOf = (pkg, bin) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), bin);

if (!certFiles.every((f) => existsSync(f))) {
  console.log(`[client-ladder] No development certificates in ${certDir}: making them (office-addin-dev-certs install).`);
  console.log(
    "[client-ladder] On Linux it cannot add the CA to the system store without sudo and prints an error about that;" +
      " that is expected. The files are written all the same.",
  );
  spawnSync(process.execPath, [binOf("office-addin-dev-certs", "cli.js"), "install"], { stdio: "inherit" });
  if (!certFiles.every((f) => existsSync(f))) {
    console.warn("[client-ladder] The certificates were not written; the dev server will fall back to plain http.");
  }
}

console.log(`
[client-ladder] Task pane:   https://localhost:3000/taskpane.html
[client-ladder] Opened in a plain browser (outside Excel) the page runs in browser mode; the CLIENT.* functions work only in Excel.
[client-ladder] Your browser will not trust the certificate until you import ${path.join(certDir, "ca.crt")} as a trusted CA.
[client-ladder] To use it in Excel, sideload manifest.xml:
[client-ladder]   Excel on the web: Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in > manifest.xml
[client-ladder]   Excel on Windows: put manifest.xml in a shared-folder catalog (Trust Center > Trusted Add-in Catalogs), then Insert > My Add-ins > Shared Folder
[client-ladder]   Excel on Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart Excel
[client-ladder] Then: Home > Segment clients, or type =CLIENT.TIER(600000, {10000000,2000000,1000000,500000}) in a cell.
`);

const server = spawn(process.execPath, [binOf("webpack-cli", "bin/cli.js"), "serve", "--mode", "development"], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
