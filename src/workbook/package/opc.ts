/*
 * The Open Packaging Conventions layer of an .xlsx: which content type a part has
 * ([Content_Types].xml) and what a part points at (its .rels part). Part names are kept as zip
 * entries name them, without the leading "/".
 */
import { PackageError, type Parts } from "./parts";
import { attr, streamXml } from "./xml";

export interface ContentTypes {
  /** extension (lower case, no dot) -> content type */
  defaults: Map<string, string>;
  /** part name (lower case, no leading "/") -> content type */
  overrides: Map<string, string>;
}

export interface Relationship {
  id: string;
  /** the relationship type URI, e.g. http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet */
  type: string;
  /** the Target attribute as written */
  target: string;
  /** TargetMode="External": a URL or a file outside the package, never a part */
  external: boolean;
  /** the part the target names, resolved against the source part's folder; undefined when external */
  part?: string;
}

/** [Content_Types].xml. A package without it is not an .xlsx (readParts refuses it already). */
export function readContentTypes(parts: Parts): ContentTypes {
  const bytes = parts.get("[Content_Types].xml");
  if (!bytes) throw new PackageError("notXlsx", "no [Content_Types].xml");
  const types: ContentTypes = { defaults: new Map(), overrides: new Map() };
  streamXml(
    bytes,
    {
      open(name, attrs) {
        const type = attr(attrs, "ContentType");
        if (type === undefined) return;
        if (name === "Default") {
          const ext = attr(attrs, "Extension");
          if (ext !== undefined) types.defaults.set(ext.toLowerCase(), type);
        } else if (name === "Override") {
          const partName = attr(attrs, "PartName");
          if (partName !== undefined) types.overrides.set(normalizePartName(partName).toLowerCase(), type);
        }
      },
    },
    undefined,
    "[Content_Types].xml",
  );
  return types;
}

/** A part's content type: its Override, else the Default of its extension (names compare without case, as OPC says). */
export function contentTypeOf(types: ContentTypes, part: string): string | undefined {
  const name = normalizePartName(part).toLowerCase();
  const override = types.overrides.get(name);
  if (override !== undefined) return override;
  const dot = name.lastIndexOf(".");
  return dot < 0 || dot < name.lastIndexOf("/") ? undefined : types.defaults.get(name.slice(dot + 1));
}

/** The .rels part of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"; the package's own ("") -> "_rels/.rels". */
export function relsPartOf(part: string): string {
  const name = normalizePartName(part);
  const slash = name.lastIndexOf("/");
  return `${name.slice(0, slash + 1)}_rels/${name.slice(slash + 1)}.rels`;
}

/** The relationships of a part ("" for the package's own), in document order; none when it has no .rels part. */
export function readRelationships(parts: Parts, source: string): Relationship[] {
  const relsName = findPart(parts, relsPartOf(source));
  if (relsName === undefined) return [];
  const rels: Relationship[] = [];
  streamXml(
    parts.get(relsName)!,
    {
      open(name, attrs) {
        if (name !== "Relationship") return;
        const id = attr(attrs, "Id") ?? "";
        const type = attr(attrs, "Type") ?? "";
        const target = attr(attrs, "Target") ?? "";
        const external = (attr(attrs, "TargetMode") ?? "").toLowerCase() === "external";
        const rel: Relationship = { id, type, target, external };
        if (!external) rel.part = findPart(parts, resolveTarget(source, target)) ?? resolveTarget(source, target);
        rels.push(rel);
      },
    },
    undefined,
    relsName,
  );
  return rels;
}

/**
 * The part a relationship target names: relative to the source part's folder, or from the package
 * root when it starts with "/" (openpyxl writes "/xl/worksheets/sheet1.xml"); "." and ".." are
 * resolved, a fragment is dropped.
 */
export function resolveTarget(source: string, target: string): string {
  const path = target.replace(/#.*$/, "").replace(/\\/g, "/");
  const from = normalizePartName(source);
  const base = path.startsWith("/") ? [] : from.split("/").slice(0, -1);
  const segments = [...base];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return segments.join("/");
}

/**
 * The name a part has in this package: the name itself, else the same name without case or
 * percent-encoding (OPC part names compare case-insensitively; "%20" names a space).
 */
export function findPart(parts: Parts, name: string): string | undefined {
  const wanted = normalizePartName(name);
  if (parts.has(wanted)) return wanted;
  let decoded = wanted;
  try {
    decoded = decodeURIComponent(wanted);
  } catch {
    // a lone "%" is a character of the name
  }
  if (parts.has(decoded)) return decoded;
  const lower = wanted.toLowerCase();
  const lowerDecoded = decoded.toLowerCase();
  for (const key of parts.keys()) {
    const k = key.toLowerCase();
    if (k === lower || k === lowerDecoded) return key;
  }
  return undefined;
}

const normalizePartName = (name: string): string => name.replace(/^\/+/, "");

/** The last segment of a relationship type, the same in Transitional and Strict: "worksheet", "officeDocument". */
export const relationshipKind = (type: string): string => type.slice(type.lastIndexOf("/") + 1);
