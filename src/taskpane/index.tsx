import { createRoot } from "react-dom/client";
import { ExcelHost } from "../workbook/excel";
import { excelSharing } from "../workbook/share";
import { App } from "./App";
import { workerBooks } from "../workbook/package/worker-host";
import { saveWithBlobUrl, todayIso } from "./browser-run";
import { detectHost, officeAbsent, paneLanguage, type PaneHost } from "./office-host";

/** Set by webpack's DefinePlugin from package.json. */
declare const __APP_VERSION__: string;

/**
 * Browser mode's books, each in its own Web Worker: webpack emits the worker script (the package host,
 * fflate, saxes, the sample) as a chunk of its own, fetched from this page's server only when a book is opened.
 */
const books = workerBooks(() => new Worker(/* webpackChunkName: "workbook-worker" */ new URL("../workbook/package/worker-entry.ts", import.meta.url)));

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  const render = (host: PaneHost | undefined, waiting = false) => {
    const lang = paneLanguage(host ?? { kind: "browser" });
    root.render(
      <App
        lang={lang}
        version={__APP_VERSION__}
        host={host}
        waiting={waiting}
        // inside Excel: the one module that calls Excel.run; its display language starts a first run's output language
        excel={host?.kind === "office" ? { host: new ExcelHost(), today: todayIso(), displayLang: lang, share: excelSharing() } : undefined}
        // only browser mode uses these; the workbook worker is started the first time a file is opened
        browser={{ books, save: (bytes, name) => saveWithBlobUrl(bytes, name), today: todayIso() }}
      />,
    );
  };
  if (officeAbsent()) {
    // outside Office the CDN script did not load: no reason to wait
    render({ kind: "browser" });
  } else {
    render(undefined);
    // inside Office a slow onReady only says "still loading"; it never switches to browser mode
    void detectHost(undefined, { onWaiting: () => render(undefined, true) }).then((host) => render(host));
  }
}
