import { createRoot } from "react-dom/client";
import { App } from "./App";
import { loadExcelJs, saveWithBlobUrl, todayIso } from "./browser-run";
import { detectHost, officeAbsent, paneLanguage, type PaneHost } from "./office-host";

/** Set by webpack's DefinePlugin from package.json. */
declare const __APP_VERSION__: string;

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  const render = (host: PaneHost | undefined) =>
    root.render(
      <App
        lang={paneLanguage(host ?? { kind: "browser" })}
        version={__APP_VERSION__}
        host={host}
        // only browser mode uses these; ExcelJS is fetched (its own chunk) the first time a file is opened
        browser={{ loadExcelJs, save: (bytes, name) => saveWithBlobUrl(bytes, name), today: todayIso() }}
      />,
    );
  if (officeAbsent()) {
    // outside Office the CDN script did not load: no reason to wait
    render({ kind: "browser" });
  } else {
    render(undefined);
    void detectHost().then(render);
  }
}
