/*
 * What the built code could reach over the network (issue 9, privacy): a scan of emitted JavaScript
 * and HTML for the browser's and Node's ways to send a request, and for absolute URLs. Nothing is
 * allowed but the Office.js CDN and strings that look like URLs and are never requested; each
 * allowance says why. Used by test/build.test.ts on the production build and the CLI bundle, and
 * checked on snippets by network-scan.test.ts.
 */

export interface Finding {
  file: string;
  line: number;
  /** the API or the URL found */
  what: string;
  /** the code around it */
  excerpt: string;
}

/** Ways code sends or opens a request. Matched as identifiers, so `prefetch` or `myfetch` are not. */
export const NETWORK_APIS: readonly { name: string; pattern: RegExp }[] = [
  { name: "fetch", pattern: /(?<![\w$])fetch(?![\w$])/g },
  { name: "XMLHttpRequest", pattern: /(?<![\w$])XMLHttpRequest(?![\w$])/g },
  { name: "WebSocket", pattern: /(?<![\w$])WebSocket(?![\w$])/g },
  { name: "sendBeacon", pattern: /(?<![\w$])sendBeacon(?![\w$])/g },
  { name: "EventSource", pattern: /(?<![\w$])EventSource(?![\w$])/g },
  { name: "WebTransport", pattern: /(?<![\w$])WebTransport(?![\w$])/g },
  { name: "RTCPeerConnection", pattern: /(?<![\w$])RTCPeerConnection(?![\w$])/g },
  // a call; webpack's runtime only tests `self.importScripts &&` to tell a worker from a page
  { name: "importScripts()", pattern: /(?<![\w$])importScripts\s*\(/g },
  // Node's network modules, required or imported, with or without the node: prefix
  { name: "a Node network module", pattern: /(?:require\s*\(\s*|from\s*|import\s*\(\s*)["'](?:node:)?(?:http|https|http2|net|tls|dgram|dns)["']/g },
];

/** An absolute URL of a scheme that goes over the network. */
const URL_PATTERN = /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>\\)]*/g;

export interface Allowance {
  /** the whole URL as found */
  url: RegExp;
  why: string;
}

/** The URLs the built code may hold. Everything else, in any file scanned, fails the test. */
export const ALLOWED_URLS: readonly Allowance[] = [
  {
    url: /^https:\/\/appsforoffice\.microsoft\.com(?:\/[^;]*|;)?$/,
    why: "Office.js itself: taskpane.html's script tag and its Content-Security-Policy (script-src, frame-src); the one network origin the add-in uses",
  },
  {
    url: /^http:\/\/schemas\.openxmlformats\.org\/[\w/.-]+$/,
    why: "namespace and relationship-type URIs of the .xlsx parts the package adapter reads and writes: names compared as strings, never requested",
  },
  { url: /^http:\/\/purl\.oclc\.org\/ooxml\/[\w/.-]+$/, why: "the same namespaces as Strict Open XML writes them: names, never requested" },
  { url: /^http:\/\/purl\.org\/dc\/(?:terms|elements\/1\.1|dcmitype)\/$/, why: "Dublin Core namespaces of docProps/core.xml: names, never requested" },
  {
    url: /^http:\/\/www\.w3\.org\/(?:XML\/1998\/namespace|2000\/xmlns\/|2001\/XMLSchema-instance|2000\/svg|1999\/xlink|1998\/Math\/MathML)$/,
    why: "the XML, XMLNS and XML Schema instance namespaces (saxes, the package writer) and SVG, XLink and MathML (React DOM creating elements in them): names, never requested",
  },
  {
    url: /^https?:\/\/json-schema\.org\/draft(?:-04|-07|\/2020-12)\/schema#?$/,
    why: "zod's toJSONSchema() writes these as the `$schema` keyword of a schema it emits: names; this product never calls it",
  },
  {
    url: /^https:\/\/react\.dev\/errors\/$/,
    why: 'React\'s production build words a minified error as "visit https://react.dev/errors/N for the full message": text inside an Error, never requested',
  },
  {
    url: /^http:\/\/\[\$\{\w+\}\]$/,
    why: "zod's IPv6 check parses `new URL(`http://[${value}]`)` to validate a string: the WHATWG URL parser, no request",
  },
];

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function excerptAt(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - 60), index + length + 60).replace(/\s+/g, " ");
}

/** Every network API and every URL not allowed in one file's text. */
export function scanForNetwork(file: string, text: string, allowed: readonly Allowance[] = ALLOWED_URLS): Finding[] {
  const found: Finding[] = [];
  for (const { name, pattern } of NETWORK_APIS)
    for (const m of text.matchAll(pattern)) found.push({ file, line: lineOf(text, m.index), what: name, excerpt: excerptAt(text, m.index, m[0].length) });
  for (const m of text.matchAll(URL_PATTERN)) {
    if (allowed.some((a) => a.url.test(m[0]))) continue;
    found.push({ file, line: lineOf(text, m.index), what: m[0], excerpt: excerptAt(text, m.index, m[0].length) });
  }
  return found;
}
