import { createRoot } from "react-dom/client";
import { ExcelHost } from "../workbook/excel";
import { App } from "./App";
import { loadExcelJs, saveWithBlobUrl, todayIso } from "./browser-run";
import { detectHost, officeAbsent, paneLanguage, type PaneHost } from "./office-host";

/** Set by webpack's DefinePlugin from package.json. */
declare const __APP_VERSION__: string;

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
        excel={host?.kind === "office" ? { host: new ExcelHost(), today: todayIso(), displayLang: lang } : undefined}
        // only browser mode uses these; ExcelJS is fetched (its own chunk) the first time a file is opened
        browser={{ loadExcelJs, save: (bytes, name) => saveWithBlobUrl(bytes, name), today: todayIso() }}
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
