/*
 * Bundles the fake Office runtime (./runtime.ts) into one script for the page, with webpack 5 and
 * ts-loader (both dev dependencies already). Node only: the end-to-end tests call it once.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import webpack from "webpack";

const ENTRY = path.resolve(__dirname, "runtime.ts");
const ROOT = path.resolve(__dirname, "../..");

/** The fake runtime as one JavaScript file's text, built into a temporary folder. */
export async function bundleFakeOfficeRuntime(): Promise<string> {
  const out = mkdtempSync(path.join(os.tmpdir(), "fake-office-"));
  try {
    const compiler = webpack({
      mode: "development",
      devtool: false,
      context: ROOT,
      entry: ENTRY,
      target: "web",
      output: { path: out, filename: "fake-office.js", iife: true },
      resolve: { extensions: [".ts", ".js"] },
      module: {
        rules: [
          {
            test: /\.ts$/,
            exclude: /node_modules/,
            use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", noEmit: false } } },
          },
        ],
      },
      performance: { hints: false },
    });
    const stats = await new Promise<webpack.Stats | undefined>((resolve, reject) => compiler.run((err, result) => (err ? reject(err) : resolve(result))));
    await new Promise<void>((resolve) => compiler.close(() => resolve()));
    if (!stats || stats.hasErrors()) throw new Error(`fake Office runtime did not bundle:\n${stats?.toString({ all: false, errors: true }) ?? ""}`);
    return readFileSync(path.join(out, "fake-office.js"), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
