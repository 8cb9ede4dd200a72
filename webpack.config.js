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

const PORT = 3000;
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
      compilation.hooks.processAssets.tap(
        { name: "LocalizedFunctionsMetadataPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
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
              compilation.emitAsset(
                `functions.${locale}.json`,
                new webpack.sources.RawSource(JSON.stringify(localized, null, 4)),
              );
            } catch (err) {
              compilation.errors.push(new webpack.WebpackError(err instanceof Error ? err.message : String(err)));
            }
          }
        },
      );
    });
  }
}

/**
 * custom-functions-metadata-plugin appends a bare `CustomFunctions.associate(...)` per function to
 * functions.ts. Outside Excel (the browser page) CustomFunctions does not exist and the bare call
 * would throw; this loader guards each appended call. It runs right after the plugin's loader.
 */
const GUARD_LOADER = path.resolve(__dirname, "scripts/guard-associate-loader.cjs");

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
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
    ],
    performance: {
      // React + Fluent UI make a ~400 KiB pane bundle; loaded from localhost, that is fine
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
    devServer: {
      port: PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      // certificates only for `webpack serve`: a production build must not touch ~/.office-addin-dev-certs
      server: env && env.WEBPACK_SERVE ? await devServerHttps() : undefined,
      static: false,
      hot: false,
      client: { overlay: { warnings: false } },
    },
  };
};
