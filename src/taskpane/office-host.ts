/*
 * Where the pane runs. The only module of the pane that looks at the Office global: inside Office,
 * Office.onReady tells the host; outside Office the CDN script fails and `Office` is undefined, or
 * (online, in a plain browser) onReady answers with no host. A timeout covers an onReady that never fires.
 */
import { langFromTag, type Lang } from "../core/lang";

export type PaneHost = { kind: "office"; host: string } | { kind: "browser" };

export const OFFICE_READY_TIMEOUT_MS = 1500;

/** The host, or null when it is already clear that there is no Office (render browser mode at once). */
export function officeAbsent(): boolean {
  return typeof Office === "undefined" || typeof Office.onReady !== "function";
}

export function detectHost(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<PaneHost> {
  if (officeAbsent()) return Promise.resolve({ kind: "browser" });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: "browser" }), timeoutMs);
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
