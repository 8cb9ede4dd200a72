/*
 * Where the pane runs (src/taskpane/office-host.ts) with fakes of Office and of the page's window:
 * a slow Office.onReady inside Excel keeps the pane waiting, never in browser mode.
 */
import { detectHost, likelyInsideOffice, pageSignals } from "../../src/taskpane/office-host";

const global = globalThis as { Office?: unknown };

/** an Office whose onReady answers after `ms` (never when undefined) with `host` */
function officeAnswering(ms: number | undefined, host: string | null) {
  global.Office = {
    onReady: (cb?: (i: { host: string | null }) => void) =>
      new Promise((resolve) => {
        if (ms === undefined) return;
        setTimeout(() => {
          cb?.({ host });
          resolve({ host });
        }, ms);
      }),
  };
}

/** a window with the given query string, framed or not */
function page(search: string, framed: boolean) {
  const self = {};
  return { location: { search } as Location, self: self as Window, top: (framed ? {} : self) as Window };
}

afterEach(() => {
  delete global.Office;
});

describe("the page's signals of being inside Office", () => {
  test("the _host_Info parameter, in any case, and a frame count; a plain page does not", () => {
    expect(pageSignals(page("?_host_Info=Excel$Win32$16.01$zh-CN$$$$0", false) as never)).toEqual({ framed: false, hostInfo: true });
    expect(pageSignals(page("?_host_info=x", false) as never).hostInfo).toBe(true);
    expect(pageSignals(page("", true) as never)).toEqual({ framed: true, hostInfo: false });
    expect(pageSignals(page("?lang=zh", false) as never)).toEqual({ framed: false, hostInfo: false });
    expect(likelyInsideOffice({ framed: false, hostInfo: false })).toBe(false);
  });

  test("a top window that cannot be read (another origin) counts as framed", () => {
    const win = { location: { search: "" }, self: {} } as unknown as Window;
    Object.defineProperty(win, "top", {
      get: () => {
        throw new Error("SecurityError");
      },
    });
    expect(pageSignals(win).framed).toBe(true);
  });
});

describe("detectHost with a slow Office.onReady", () => {
  test("inside Office (framed) it keeps waiting past the timeout, says so, and ends in Office mode", async () => {
    officeAnswering(120, "Excel");
    const onWaiting = jest.fn();
    const host = await detectHost(20, { signals: { framed: true, hostInfo: false }, onWaiting });
    expect(host).toEqual({ kind: "office", host: "Excel" });
    expect(onWaiting).toHaveBeenCalledTimes(1);
  });

  test("with _host_Info in the URL it never falls back to the browser while onReady is silent", async () => {
    officeAnswering(undefined, null);
    const onWaiting = jest.fn();
    let settled = false;
    void detectHost(10, { signals: { framed: false, hostInfo: true }, onWaiting }).then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(settled).toBe(false);
    expect(onWaiting).toHaveBeenCalledTimes(1);
  });

  test("a page clearly outside Office falls back to the browser after the timeout", async () => {
    officeAnswering(undefined, null);
    const onWaiting = jest.fn();
    await expect(detectHost(10, { signals: { framed: false, hostInfo: false }, onWaiting })).resolves.toEqual({ kind: "browser" });
    expect(onWaiting).not.toHaveBeenCalled();
  });

  test("framed but Office says there is no host (a page embedded elsewhere): the browser", async () => {
    officeAnswering(5, null);
    await expect(detectHost(1000, { signals: { framed: true, hostInfo: false } })).resolves.toEqual({ kind: "browser" });
  });

  test("without Office at all: the browser at once, whatever the signals", async () => {
    await expect(detectHost(10_000, { signals: { framed: true, hostInfo: true } })).resolves.toEqual({ kind: "browser" });
  });
});
