/*
 * One shared runtime: taskpane.html is both the task pane and the custom-functions page, so it loads
 * the functions bundle and the pane bundle. Office.js comes from Microsoft's CDN by a script tag
 * (src/taskpane/taskpane.html) and is never bundled.
 *
 * Emits into dist/: taskpane.html, taskpane.js, functions.js, functions.json (made from the JSDoc by
 * custom-functions-metadata-plugin), functions.zh-CN.json (functions.json + src/functions/functions.zh-CN.ts),
 * manifest.xml and assets/.
 */
const path = require("path");
const fs = require("fs");
const ts = require("typescript");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const pkg = require("./package.json");

/** `npm start` serves here; manifest.xml points at https://localhost:3000. PORT moves it (tests, a busy port). */
const PORT = Number(process.env.PORT) || 3000;
const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";
/** The page's one style rule, kept inline so the pane paints without a flash; allowed by its hash below. */
const PAGE_STYLE = "body{margin:0}";
/** The browser page's workbook worker: its chunk name, as index.tsx's webpackChunkName says. */
const WORKER_CHUNK = "workbook-worker";
const FUNCTIONS_SOURCE = path.resolve(__dirname, "src/functions/functions.ts");
const TRANSLATION_TABLES = { "zh-CN": path.resolve(__dirname, "src/functions/functions.zh-CN.ts") };

/** Loads a self-contained TypeScript module (types only, no imports of values) by transpiling it. */
function loadTsModule(file) {
  const source = fs.readFileSync(file, "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  const mod = { exports: {} };
  new Function("exports", "module", "require", outputText)(mod.exports, mod, require);
  return mod.exports;
}

/**
 * Emits functions.<locale>.json next to functions.json. Any gap or stray entry in a translation table
 * is a compilation error, so `npm run build` fails instead of shipping half-translated metadata.
 */
class LocalizedFunctionsMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LocalizedFunctionsMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "LocalizedFunctionsMetadataPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const base = compilation.getAsset("functions.json");
        if (!base) {
          // custom-functions-metadata-plugin has already reported why (a JSDoc error)
          return;
        }
        const metadata = JSON.parse(base.source.source().toString());
        for (const [locale, file] of Object.entries(TRANSLATION_TABLES)) {
          compilation.fileDependencies.add(file);
          try {
            const { localizeFunctionsMetadata, functionsZhCN } = loadTsModule(file);
            const localized = localizeFunctionsMetadata(metadata, functionsZhCN, locale);
            compilation.emitAsset(`functions.${locale}.json`, new webpack.sources.RawSource(JSON.stringify(localized, null, 4)));
          } catch (err) {
            compilation.errors.push(new webpack.WebpackError(err instanceof Error ? err.message : String(err)));
          }
        }
      });
    });
  }
}

/**
 * custom-functions-metadata-plugin appends a bare `CustomFunctions.associate(...)` per function to
 * functions.ts. Outside Excel (the browser page) CustomFunctions does not exist and the bare call
 * would throw; this loader guards each appended call. It runs right after the plugin's loader.
 */
const GUARD_LOADER = path.resolve(__dirname, "scripts/guard-associate-loader.cjs");

/** A CSP source that allows exactly this inline <style> text. */
function styleHash(text) {
  return `'sha256-${require("crypto").createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The pages' Content-Security-Policy, as a <meta http-equiv> in taskpane.html and a header from the dev server.
 * The add-in makes no network calls of its own: client data stays in the workbook or the chosen file.
 * - script-src: our bundles and Office.js.
 *   Office.js loads its host files (excel-web-16.00.js, excel-win32-16.01.js, locale strings, telemetry/oteljs_agave.js)
 *   from its own CDN folder ("downloads and caches the Office JavaScript API files the first time your add-in loads":
 *   https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn).
 *   No 'unsafe-eval': nothing needs it (webpack's global shim finds an eval-free path first; zod 4 probes
 *   `new Function("")` once per bundle, catches the refusal and parses without it, but the browser still reports the
 *   probe until `z.config({ jitless: true })` runs before the first schema).
 * - frame-src: on the web Office.js checks that the host is trusted in a hidden frame from its own CDN (AgaveErrorUX);
 *   the add-in and Excel on the web talk by cross-frame postMessage, which no CSP directive governs
 *   (https://learn.microsoft.com/office/dev/add-ins/concepts/privacy-and-security#web-clients).
 * - style-src: Griffel (Fluent UI v9) and FluentProvider create empty <style> elements and fill them with
 *   sheet.insertRule, which CSP does not govern; the hash of "" lets the empty elements exist, while any <style>
 *   with text in it (other than the page's own rule, by its hash) and every style="" attribute stay blocked.
 * - connect-src 'self': no fetch, XHR or WebSocket leaves the add-in's own server (the dev server's live-reload
 *   socket is same-origin; it is also named for webviews that do not match ws(s) to 'self').
 * - worker-src 'self': browser mode's workbook worker (workbook-worker.js, `new Worker(new URL(...))` from the page's
 *   own server); no blob: or data: workers.
 * - img-src 'self': the icons. Everything else (fonts, objects, media, manifests) falls to default-src 'none'.
 * - base-uri, form-action: do not fall back to default-src, so they are named.
 * frame-ancestors is left out: Excel on the web frames the pane from Office's own origins, which vary by tenant
 * and cloud, and a <meta> policy cannot carry it anyway.
 */
function contentSecurityPolicy({ devSocket } = {}) {
  return [
    "default-src 'none'",
    `script-src 'self' ${OFFICE_JS_ORIGIN}`,
    `style-src 'self' ${styleHash("")} ${styleHash(PAGE_STYLE)}`,
    `connect-src 'self'${devSocket ? ` ${devSocket}://localhost:${PORT}` : ""}`,
    "img-src 'self'",
    "worker-src 'self'",
    `frame-src ${OFFICE_JS_ORIGIN}`,
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

const CERT_DIR = path.join(require("os").homedir(), ".office-addin-dev-certs");
const CERT_FILES = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };

/** The dev certificates as files, when all three are there and the localhost one has not expired. */
function readCertFiles() {
  const files = Object.fromEntries(Object.entries(CERT_FILES).map(([k, f]) => [k, path.join(CERT_DIR, f)]));
  if (!Object.values(files).every((f) => fs.existsSync(f))) return undefined;
  const options = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(f)]));
  const expires = new Date(new (require("crypto").X509Certificate)(options.cert).validTo);
  return expires.getTime() > Date.now() + 60 * 60 * 1000 ? options : undefined;
}

/**
 * https for `webpack serve`. Where the CA is trusted (Windows, Mac), getHttpsServerOptions() verifies and
 * returns the files. On Linux it cannot add the CA to the system store without sudo, so it would delete and
 * remake the certificates on every start (and then throw): use the files as they are while they are valid.
 */
async function devServerHttps() {
  const devCerts = require("office-addin-dev-certs");
  const existing = readCertFiles();
  let trusted = false;
  try {
    trusted = existing !== undefined && devCerts.verifyCertificates();
  } catch {
    // verification runs OS tools; a failure only means "not trusted"
  }
  if (existing && !trusted) {
    console.log(`[client-ladder] Serving https with the certificates in ${CERT_DIR} (their CA is not in the system store).`);
    return { type: "https", options: existing };
  }
  try {
    return { type: "https", options: await devCerts.getHttpsServerOptions() };
  } catch (err) {
    const made = readCertFiles();
    if (made) {
      console.log(`[client-ladder] The CA could not be trusted system-wide (expected without sudo); serving https with ${CERT_DIR}.`);
      return { type: "https", options: made };
    }
    console.warn(
      `\n[client-ladder] Could not create or read the localhost certificates (${err instanceof Error ? err.message.trim() : err}).` +
        `\n[client-ladder] Serving plain http on port ${PORT}: the browser page works, Excel will refuse to load the add-in.` +
        "\n[client-ladder] Run `npx office-addin-dev-certs install` to make them.\n",
    );
    return { type: "http" };
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== "production";
  // certificates only for `webpack serve`: a production build must not touch ~/.office-addin-dev-certs
  const server = env && env.WEBPACK_SERVE ? await devServerHttps() : undefined;
  const csp = contentSecurityPolicy({ devSocket: server && (server.type === "https" ? "wss" : "ws") });
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      // functions first: its script tag comes first, so CustomFunctions.associate runs before the pane renders
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, (env && env.outDir) || "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        {
          // pre loaders sit last in the chain, so this runs just after the metadata plugin's own loader
          test: FUNCTIONS_SOURCE,
          enforce: "pre",
          use: GUARD_LOADER,
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new LocalizedFunctionsMetadataPlugin(),
      new webpack.DefinePlugin({ __APP_VERSION__: JSON.stringify(pkg.version) }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        // read by the template: the <meta> policy and the inline rule whose hash the policy allows
        contentSecurityPolicy: csp,
        pageStyle: PAGE_STYLE,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
    ],
    optimization: {
      // the workbook worker (src/taskpane/index.tsx) is one file: its libraries (fflate, saxes, zod) are not
      // split into a vendors chunk that it would have to importScripts; other lazy chunks split as webpack likes
      splitChunks: { chunks: (chunk) => chunk.name !== WORKER_CHUNK && !chunk.canBeInitial() },
    },
    performance: {
      // React + Fluent UI make a ~400 KiB pane bundle; loaded from localhost, that is fine
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
    devServer: {
      port: PORT,
      headers: { "Access-Control-Allow-Origin": "*", "Content-Security-Policy": csp },
      server,
      static: false,
      hot: false,
      client: { overlay: { warnings: false } },
    },
  };
};
