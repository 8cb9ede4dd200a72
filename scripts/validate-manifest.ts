/*
 * npm run validate [manifest.xml]
 * First Microsoft's online validator (office-addin-manifest validate). It needs the internet; when the
 * service cannot be reached we say so and run the offline checks below, which catch the mistakes that
 * make Excel refuse a manifest silently: bad XML, a resid with no resource, a mismatched shared-runtime
 * resid, http URLs, icons that are not in assets/, strings over the schema's length limits.
 * Exit code: 0 when valid, 1 on a real problem.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// xml2js is what office-addin-manifest (a devDependency) parses manifests with; no types ship with it.
const xml2js = createRequire(__filename)("xml2js") as {
  parseStringPromise(xml: string, options?: Record<string, unknown>): Promise<unknown>;
};

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

export interface ManifestCheckOptions {
  /** where the icons live on disk; URLs https://localhost:3000/assets/x.png must name a file here */
  assetsDir: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/;
const RESOURCE_KINDS = { "bt:Images": "image", "bt:Urls": "url", "bt:ShortStrings": "short string", "bt:LongStrings": "long string" } as const;
type ResourceKind = (typeof RESOURCE_KINDS)[keyof typeof RESOURCE_KINDS];
/** schema limits: ShortString 125, LongString 250 characters */
const MAX_LENGTH: Partial<Record<ResourceKind, number>> = { "short string": 125, "long string": 250 };

/** Which kind of resource a resid on this element must name. */
function expectedKind(element: string, parent: string | undefined): ResourceKind | undefined {
  if (element === "bt:Image") return "image";
  if (["SourceLocation", "Runtime", "FunctionFile", "LearnMoreUrl"].includes(element)) return "url";
  if (["Label", "Title", "Namespace"].includes(element)) return "short string";
  if (element === "Description") return parent === "DisplayName" ? "short string" : "long string";
  return undefined;
}

/** xml2js's object form (arrays of children under their names, attributes in $, text in _) as a tree. */
function toTree(name: string, raw: unknown): XmlNode {
  if (typeof raw === "string") return { name, attrs: {}, text: raw, children: [] };
  const obj = (raw ?? {}) as Record<string, unknown>;
  const children: XmlNode[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (key === "$" || key === "_") continue;
    for (const child of value as unknown[]) children.push(toTree(key, child));
  }
  return {
    name,
    attrs: (obj.$ as Record<string, string>) ?? {},
    text: typeof obj._ === "string" ? obj._ : "",
    children,
  };
}

function walk(node: XmlNode, visit: (node: XmlNode, parent: XmlNode | undefined) => void, parent?: XmlNode): void {
  visit(node, parent);
  for (const child of node.children) walk(child, visit, node);
}

function find(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  walk(node, (n) => {
    if (n.name === name) found.push(n);
  });
  return found;
}

/** Offline checks of a manifest's text. Returns the problems found; an empty list means it passed. */
export async function checkManifest(xml: string, options: ManifestCheckOptions): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = await xml2js.parseStringPromise(xml, { strict: true });
  } catch (err) {
    return [`not well-formed XML: ${err instanceof Error ? err.message.split("\n").join(" ") : String(err)}`];
  }
  const [rootName, rootValue] = Object.entries(parsed as Record<string, unknown>)[0] ?? [];
  if (rootName !== "OfficeApp") return [`the root element is ${rootName ?? "missing"}, not OfficeApp`];
  const root = toTree(rootName, rootValue);
  const problems: string[] = [];
  const single = (name: string) => root.children.find((c) => c.name === name);

  if (root.attrs["xsi:type"] !== "TaskPaneApp") problems.push(`OfficeApp xsi:type is ${root.attrs["xsi:type"]}, not TaskPaneApp`);
  const id = single("Id")?.text.trim() ?? "";
  if (!GUID.test(id)) problems.push(`Id "${id}" is not a GUID`);
  const version = single("Version")?.text.trim() ?? "";
  if (!VERSION.test(version)) problems.push(`Version "${version}" is not n[.n[.n[.n]]]`);
  for (const name of ["ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "Hosts", "DefaultSettings", "Permissions"]) {
    if (!single(name)) problems.push(`<${name}> is missing`);
  }
  const displayName = single("DisplayName");
  for (const value of [displayName?.attrs.DefaultValue, ...(displayName?.children.map((o) => o.attrs.Value) ?? [])]) {
    if (value !== undefined && value.length > 125) problems.push(`DisplayName "${value.slice(0, 30)}…" is over 125 characters`);
  }
  const description = single("Description");
  for (const value of [description?.attrs.DefaultValue, ...(description?.children.map((o) => o.attrs.Value) ?? [])]) {
    if (value !== undefined && value.length > 250) problems.push(`Description "${value.slice(0, 30)}…" is over 250 characters`);
  }

  // resources: id -> kind, and their values
  const resources = new Map<string, ResourceKind>();
  const resourceValues: { id: string; kind: ResourceKind; value: string }[] = [];
  for (const [container, kind] of Object.entries(RESOURCE_KINDS) as [string, ResourceKind][]) {
    for (const group of find(root, container)) {
      for (const item of group.children) {
        const resId = item.attrs.id;
        if (!resId) {
          problems.push(`a <${item.name}> in <${container}> has no id`);
          continue;
        }
        if (resources.has(resId)) problems.push(`resource id "${resId}" is defined twice`);
        resources.set(resId, kind);
        for (const value of [item.attrs.DefaultValue, ...item.children.map((o) => o.attrs.Value)]) {
          if (value === undefined) problems.push(`resource "${resId}" has no value`);
          else resourceValues.push({ id: resId, kind, value });
        }
      }
    }
  }

  // every resid names a resource of the right kind
  const residsByElement = new Map<string, Set<string>>();
  walk(root, (node, parent) => {
    const resid = node.attrs.resid;
    if (resid === undefined) return;
    if (!residsByElement.has(node.name)) residsByElement.set(node.name, new Set());
    residsByElement.get(node.name)?.add(resid);
    const kind = resources.get(resid);
    if (!kind) {
      problems.push(`<${node.name} resid="${resid}"> names no resource in <Resources>`);
      return;
    }
    const expected = expectedKind(node.name, parent?.name);
    if (expected && expected !== kind) problems.push(`<${node.name} resid="${resid}"> must name a ${expected}, but "${resid}" is a ${kind}`);
  });

  // shared runtime: Excel loads it only when the runtime, the functions page and the task pane use the same resid
  const runtime = find(root, "Runtime")[0]?.attrs.resid;
  if (runtime) {
    const page = find(root, "Page")[0]?.children.find((c) => c.name === "SourceLocation")?.attrs.resid;
    const functionFile = find(root, "FunctionFile")[0]?.attrs.resid;
    for (const [what, resid] of [
      ["the custom functions <Page>", page],
      ["<FunctionFile>", functionFile],
    ] as const) {
      if (resid !== undefined && resid !== runtime) problems.push(`${what} uses resid "${resid}" but the shared <Runtime> uses "${runtime}"`);
    }
  }

  // URLs: https, and icons that exist
  const urls: { where: string; value: string; image: boolean }[] = resourceValues
    .filter((r) => r.kind === "url" || r.kind === "image")
    .map((r) => ({ where: `resource "${r.id}"`, value: r.value, image: r.kind === "image" }));
  for (const name of ["IconUrl", "HighResolutionIconUrl"]) {
    const v = single(name)?.attrs.DefaultValue;
    if (v !== undefined) urls.push({ where: `<${name}>`, value: v, image: true });
  }
  for (const name of ["SupportUrl"]) {
    const v = single(name)?.attrs.DefaultValue;
    if (v !== undefined) urls.push({ where: `<${name}>`, value: v, image: false });
  }
  for (const source of single("DefaultSettings")?.children.filter((c) => c.name === "SourceLocation") ?? []) {
    if (source.attrs.DefaultValue !== undefined) urls.push({ where: "<DefaultSettings><SourceLocation>", value: source.attrs.DefaultValue, image: false });
  }
  for (const domain of find(root, "AppDomain")) urls.push({ where: "<AppDomain>", value: domain.text.trim(), image: false });
  for (const { where, value, image } of urls) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      problems.push(`${where}: "${value}" is not a URL`);
      continue;
    }
    if (url.protocol !== "https:") problems.push(`${where}: "${value}" is not https`);
    if (image) {
      const match = /\/assets\/([^/?#]+)$/.exec(url.pathname);
      if (!match) problems.push(`${where}: icon "${value}" is not under /assets/`);
      else if (!existsSync(path.join(options.assetsDir, match[1]))) problems.push(`${where}: icon ${match[1]} is not in ${options.assetsDir}`);
    }
  }

  // string lengths
  for (const { id: resId, kind, value } of resourceValues) {
    const max = MAX_LENGTH[kind];
    if (max !== undefined && value.length > max) problems.push(`resource "${resId}" is ${value.length} characters, over the ${max} of a ${kind}`);
  }
  return problems;
}

/** What the online validator said, or null when the service could not be reached. */
function validateOnline(manifestPath: string): { ok: boolean; output: string } | null {
  const cli = path.join(path.dirname(createRequire(__filename).resolve("office-addin-manifest/package.json")), "cli.js");
  const run = spawnSync(process.execPath, [cli, "validate", manifestPath], { encoding: "utf8", timeout: 60_000 });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim();
  const unreachable = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|Unable to contact|network|fetch failed|certificate/i;
  if (run.error || (run.status !== 0 && unreachable.test(output))) return null;
  return { ok: run.status === 0, output };
}

async function main(): Promise<number> {
  const manifestPath = path.resolve(process.argv[2] ?? "manifest.xml");
  const online = validateOnline(manifestPath);
  if (online === null) {
    console.log("online validation unavailable (Microsoft's validation service cannot be reached): falling back to offline checks");
  } else {
    console.log(online.output);
    if (!online.ok) return 1;
  }
  const problems = await checkManifest(readFileSync(manifestPath, "utf8"), {
    assetsDir: path.join(path.dirname(manifestPath), "assets"),
  });
  if (problems.length > 0) {
    console.error(`${path.relative(process.cwd(), manifestPath)}: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  - ${p}`);
    return 1;
  }
  console.log(`${path.relative(process.cwd(), manifestPath)}: offline checks passed (XML, Id, Version, resids, shared runtime, https, icons, lengths)`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
