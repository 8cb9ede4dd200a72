/** @jest-environment jsdom */
import { render, screen, cleanup } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { detectHost, paneLanguage } from "../../src/taskpane/office-host";
import { strings } from "../../src/taskpane/strings";

afterEach(() => {
  cleanup();
  delete (globalThis as { Office?: unknown }).Office;
});

describe("App", () => {
  test("in a browser it says so, and that the functions need Excel", () => {
    render(<App lang="en-US" version="9.8.7" host={{ kind: "browser" }} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Client Ladder");
    expect(screen.getByText(/Version 9\.8\.7/)).toBeTruthy();
    expect(screen.getByText(/Browser mode: not running inside Excel/)).toBeTruthy();
    expect(screen.queryByText(/Running inside/)).toBeNull();
  });

  test("inside Office it names the host instead", () => {
    render(<App lang="en-US" version="9.8.7" host={{ kind: "office", host: "Excel" }} />);
    expect(screen.getByText(/Running inside Excel\./)).toBeTruthy();
    expect(screen.queryByText(/Browser mode/)).toBeNull();
  });

  test("while Office has not answered it waits", () => {
    render(<App lang="en-US" version="9.8.7" />);
    expect(screen.getByText(strings["en-US"].detecting)).toBeTruthy();
    expect(screen.queryByText(/Browser mode|Running inside/)).toBeNull();
  });

  test("in zh-CN every text is Chinese, in both modes", () => {
    const { unmount } = render(<App lang="zh-CN" version="1.0.0" host={{ kind: "browser" }} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("客户分层经营助手");
    expect(screen.getByText(/浏览器模式/)).toBeTruthy();
    expect(screen.queryByText(/Browser mode/)).toBeNull();
    unmount();
    render(<App lang="zh-CN" version="1.0.0" host={{ kind: "office", host: "Excel" }} />);
    expect(screen.getByText(/已在 Excel 中运行/)).toBeTruthy();
  });

  test("lists the five functions with an example each", () => {
    render(<App lang="en-US" version="1" host={{ kind: "browser" }} />);
    for (const name of ["TIER", "QUADRANT", "PARETO_SHARE", "PARETO_CUTOFF", "SCORE"]) {
      expect(screen.getByText(`CLIENT.${name}`)).toBeTruthy();
      expect(screen.getByText(new RegExp(`^=CLIENT\\.${name}\\(`))).toBeTruthy();
    }
  });

  test("both languages have the same set of functions", () => {
    expect(strings["zh-CN"].functions.map((f) => [f.name, f.example, f.result.replace(/\D/g, "")])).toEqual(
      strings["en-US"].functions.map((f) => [f.name, f.example, f.result.replace(/\D/g, "")]),
    );
  });
});

describe("office-host", () => {
  const setOffice = (office: unknown) => {
    (globalThis as { Office?: unknown }).Office = office;
  };

  test("without Office it is the browser, at once", async () => {
    await expect(detectHost(10_000)).resolves.toEqual({ kind: "browser" });
  });

  test("Office.onReady with a host means inside Office", async () => {
    setOffice({ onReady: (cb: (i: { host: string }) => void) => (cb({ host: "Excel" }), Promise.resolve({ host: "Excel" })) });
    await expect(detectHost()).resolves.toEqual({ kind: "office", host: "Excel" });
  });

  test("Office.onReady without a host (office.js loaded in a plain browser) means the browser", async () => {
    setOffice({ onReady: (cb: (i: { host: null }) => void) => (cb({ host: null }), Promise.resolve({ host: null })) });
    await expect(detectHost()).resolves.toEqual({ kind: "browser" });
  });

  test("an onReady that never answers falls back to the browser after the timeout", async () => {
    setOffice({ onReady: () => new Promise(() => undefined) });
    await expect(detectHost(20)).resolves.toEqual({ kind: "browser" });
  });

  test("the language is Office's display language inside Office, the browser's outside", () => {
    setOffice({ onReady: () => Promise.resolve({}), context: { displayLanguage: "zh-CN" } });
    expect(paneLanguage({ kind: "office", host: "Excel" })).toBe("zh-CN");
    setOffice({ onReady: () => Promise.resolve({}), context: { displayLanguage: "en-GB" } });
    expect(paneLanguage({ kind: "office", host: "Excel" })).toBe("en-US");
    const spy = jest.spyOn(window.navigator, "language", "get").mockReturnValue("zh-TW");
    expect(paneLanguage({ kind: "browser" })).toBe("zh-CN");
    spy.mockReturnValue("fr-FR");
    expect(paneLanguage({ kind: "browser" })).toBe("en-US");
    spy.mockRestore();
  });
});
