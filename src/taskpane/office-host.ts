/*
 * Where the pane runs. The only module of the pane that looks at the Office global: inside Office,
 * Office.onReady tells the host; outside Office the CDN script fails and `Office` is undefined, or
 * (online, in a plain browser) onReady answers with no host: "once Office.js determines that it is
 * running outside of an Office host application, it will call the callback and resolve the promise
 * with null for both the host and platform"
 * (https://learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in).
 *
 * A slow onReady inside Excel must never turn the pane into browser mode, so a timeout falls back to
 * the browser only where nothing says the page is inside Office. What says so: being framed ("Office
 * Add-ins are web applications that are displayed using iframes when running in Office on the web",
 * https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins), or the
 * `_host_Info` query parameter Office adds to the add-in's URL (documented for dialogs, with a
 * warning that its content may change: https://learn.microsoft.com/office/dev/add-ins/develop/dialog-best-practices;
 * only its presence is looked at, never its content). With either, the pane keeps waiting and is
 * told it is still waiting.
 */
import { langFromTag, type Lang } from "../core/lang";

export type PaneHost = { kind: "office"; host: string } | { kind: "browser" };

export const OFFICE_READY_TIMEOUT_MS = 1500;

/** The host, or null when it is already clear that there is no Office (render browser mode at once). */
export function officeAbsent(): boolean {
  return typeof Office === "undefined" || typeof Office.onReady !== "function";
}

/** What the page can see of where it is loaded. */
export interface PageSignals {
  /** the page is in a frame (window.self !== window.top, or the top cannot be read) */
  framed: boolean;
  /** the URL carries Office's `_host_Info` query parameter */
  hostInfo: boolean;
}

/** The signals of the current page; none outside a browser. */
export function pageSignals(win: Pick<Window, "location" | "self" | "top"> | undefined = typeof window === "undefined" ? undefined : window): PageSignals {
  if (!win) return { framed: false, hostInfo: false };
  let framed: boolean;
  try {
    framed = win.self !== win.top;
  } catch {
    framed = true; // a cross-origin top cannot be compared: framed
  }
  const hostInfo = [...new URLSearchParams(win.location?.search ?? "").keys()].some((k) => k.toLowerCase() === "_host_info");
  return { framed, hostInfo };
}

/** Whether the page shows a sign of being inside an Office host. */
export function likelyInsideOffice(signals: PageSignals): boolean {
  return signals.framed || signals.hostInfo;
}

export interface DetectOptions {
  /** the page's signals (tests); pageSignals() unless given */
  signals?: PageSignals;
  /** called once when onReady is slow inside Office: the pane shows "still waiting for Excel" */
  onWaiting?: () => void;
}

/**
 * Office's answer: inside Office its host; outside, the browser. After `timeoutMs` without an
 * answer, a page that is clearly outside Office falls back to the browser; a page inside Office
 * keeps waiting (onWaiting is called) for as long as Office takes.
 */
export function detectHost(timeoutMs = OFFICE_READY_TIMEOUT_MS, options: DetectOptions = {}): Promise<PaneHost> {
  if (officeAbsent()) return Promise.resolve({ kind: "browser" });
  const inside = likelyInsideOffice(options.signals ?? pageSignals());
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if (inside) options.onWaiting?.();
      else resolve({ kind: "browser" });
    }, timeoutMs);
    Office.onReady((info) => {
      clearTimeout(timer);
      resolve(info.host ? { kind: "office", host: String(info.host) } : { kind: "browser" });
    }).catch(() => {
      clearTimeout(timer);
      resolve({ kind: "browser" });
    });
  });
}

/** UI language: the Office display language inside Office, the browser's language outside. */
export function paneLanguage(host: PaneHost): Lang {
  if (host.kind === "office" && !officeAbsent()) {
    try {
      return langFromTag(Office.context.displayLanguage);
    } catch {
      // Office.context is not always there on every platform; fall back to the browser
    }
  }
  return langFromTag(typeof navigator === "undefined" ? undefined : navigator.language);
}
