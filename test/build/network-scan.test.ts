/*
 * The scanner of test/build.test.ts's "no network" check, on snippets: it finds every kind of request
 * it looks for, as minifiers write them, and lets through only what ALLOWED_URLS names.
 */
import { ALLOWED_URLS, scanForNetwork } from "./network-scan";

const found = (code: string) => scanForNetwork("snippet.js", code).map((f) => f.what);

describe("scanForNetwork finds a request", () => {
  it.each([
    ['fetch("/api")', "fetch"],
    ['window.fetch(u,{method:"POST"})', "fetch"],
    ["const f=globalThis.fetch;f(u)", "fetch"],
    ['var x=new XMLHttpRequest;x.open("GET",u)', "XMLHttpRequest"],
    ["new WebSocket(u)", "WebSocket"],
    ["navigator.sendBeacon(u,d)", "sendBeacon"],
    ["new EventSource(u)", "EventSource"],
    ["new WebTransport(u)", "WebTransport"],
    ["new RTCPeerConnection(c)", "RTCPeerConnection"],
    ['self.importScripts("/x.js")', "importScripts()"],
    ['const h=require("https")', "a Node network module"],
    ['const n=require("node:net")', "a Node network module"],
    ['import http from "node:http"', "a Node network module"],
    ['await import("dns")', "a Node network module"],
  ])("%s", (code, what) => {
    expect(found(code)).toContain(what);
  });

  it.each([
    ['img.src="https://tracker.example.com/p.gif"', "https://tracker.example.com/p.gif"],
    ['s.src="http://cdn.example.org/lib.js"', "http://cdn.example.org/lib.js"],
    ['const u="wss://live.example.com/socket"', "wss://live.example.com/socket"],
    // an allowed host followed by a path that is not the allowed one
    ['a="https://react.dev/blog/"', "https://react.dev/blog/"],
    ['a="http://www.w3.org/2000/svg/../x"', "http://www.w3.org/2000/svg/../x"],
    ['a="https://appsforoffice.microsoft.com.evil.example/x"', "https://appsforoffice.microsoft.com.evil.example/x"],
  ])("the URL in %s", (code, url) => {
    expect(found(code)).toEqual([url]);
  });

  it("says where: the file, the line and the code around it", () => {
    const [f] = scanForNetwork("a.js", 'let a=1;\nlet b=2;fetch("/x")');
    expect(f).toMatchObject({ file: "a.js", line: 2, what: "fetch" });
    expect(f.excerpt).toContain('fetch("/x")');
  });
});

describe("scanForNetwork lets through", () => {
  it.each([
    ["the Office.js script", '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>'],
    ["the Office.js origin in a policy", "script-src 'self' https://appsforoffice.microsoft.com; frame-src https://appsforoffice.microsoft.com"],
    ["a SpreadsheetML namespace", 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'],
    ["the SVG namespace", 'createElementNS("http://www.w3.org/2000/svg",t)'],
    ["React's error text", 'Error("Minified React error #"+e+"; visit https://react.dev/errors/"+e)'],
    ["zod's IPv6 parse", "new URL(`http://[${e}]`)"],
    ["webpack's worker test", 'r.g.importScripts&&(e=r.g.location+"")'],
    ["words that contain an API's name", "prefetch(); myfetch(); fetched; XMLHttpRequestish"],
  ])("%s", (_, code) => {
    expect(found(code)).toEqual([]);
  });

  it("gives every allowance a reason", () => {
    for (const a of ALLOWED_URLS) expect(a.why.length).toBeGreaterThan(20);
  });
});
