/*
 * The pane's state, one reducer for both hosts. Every input the run depends on (the table, a column,
 * a model, the language, the run date) goes through `edit` or `tableRead`, and both drop the preview
 * and the result: a figure on screen is always the figure of the inputs on screen. Async answers
 * carry the `version` they started from and are dropped when the inputs have changed since.
 */
import { findHeaderRow, type HeaderRow } from "../core/columns";
import type { Issue } from "../core/issues";
import type { ClientBlock } from "../core/job";
import type { SavedSettings } from "../core/settings";
import type { SheetHead, SourceRef } from "../workbook/port";
import { headOf, type RunPreview, type RunProgress, type Written } from "../workbook/run";
import { draftFromConfig, type ModelDraft } from "./draft";

export const STEPS = ["data", "columns", "models", "preview", "generate"] as const;
export type StepKey = (typeof STEPS)[number];

/** A sheet in the Data step's list, with whether its first rows look like a client table. */
export interface SheetInfo {
  name: string;
  rows: number;
  columns: number;
  /** the fields its header row names, when it has one */
  fields: number;
}

export interface BookInfo {
  /** the file's name in browser mode */
  fileName?: string;
  sheets: SheetInfo[];
  saved?: SavedSettings;
  /** why the saved settings were not used */
  settingsProblem?: string;
}

export interface TableRead {
  source: SourceRef;
  /** the table's first rows (run.ts TABLE_HEAD_ROWS): the whole block stays with the runs that read it */
  block: ClientBlock;
  /** the table's rows and the widest row's length */
  rows: number;
  width: number;
  header: (HeaderRow & { row: number }) | undefined;
}

export type BusyKind = "opening" | "reading" | "preparing" | "writing" | "saving";

export interface PaneState {
  step: StepKey;
  /** bumped by every change of an input: async answers of an older version are dropped */
  version: number;
  book?: BookInfo;
  table?: TableRead;
  draft: ModelDraft;
  /** the preview of the run prepared last (the run itself stays with the host: runsOf) */
  prepared?: RunPreview;
  generated?: Written;
  busy?: { kind: BusyKind; progress?: RunProgress };
  error?: Issue;
  /** the result was downloaded (browser mode) */
  downloaded?: string;
}

export type PaneAction =
  | { type: "busy"; kind: BusyKind }
  | { type: "progress"; progress: RunProgress }
  | { type: "failed"; issue: Issue; version?: number }
  | { type: "opened"; book: BookInfo; today: string }
  | { type: "tableRead"; table: TableRead; version?: number }
  | { type: "edit"; change: (draft: ModelDraft) => ModelDraft }
  | { type: "reset"; today: string }
  | { type: "prepared"; prepared: RunPreview; version: number }
  | { type: "generated"; written: Written; version: number }
  | { type: "downloaded"; fileName: string }
  | { type: "goto"; step: StepKey }
  | { type: "dismiss" };

export function initialPane(today: string): PaneState {
  return { step: "data", version: 0, draft: draftFromConfig(undefined, today) };
}

/** A change of input: the preview and the result of the old inputs go. */
function invalidated(state: PaneState, patch: Partial<PaneState>): PaneState {
  return { ...state, ...patch, version: state.version + 1, prepared: undefined, generated: undefined, downloaded: undefined, error: undefined };
}

const stale = (state: PaneState, version: number | undefined) => version !== undefined && version !== state.version;

/** An answer for inputs that have changed since: dropped, and its spinner with it. */
function dropped(state: PaneState): PaneState {
  return state.busy && (state.busy.kind === "preparing" || state.busy.kind === "writing") ? { ...state, busy: undefined } : state;
}

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "busy":
      return { ...state, busy: { kind: action.kind }, error: undefined };
    case "progress":
      return state.busy ? { ...state, busy: { ...state.busy, progress: action.progress } } : state;
    case "failed":
      if (stale(state, action.version)) return dropped(state);
      return { ...state, busy: undefined, error: action.issue };
    case "opened":
      // a new workbook: the last run's settings fill the steps
      return invalidated(state, {
        step: "data",
        book: action.book,
        table: undefined,
        busy: undefined,
        draft: draftFromConfig(action.book.saved?.config, action.today),
      });
    case "tableRead":
      if (stale(state, action.version)) return state;
      return { ...invalidated(state, { table: action.table }), busy: undefined };
    case "edit":
      return invalidated(state, { draft: action.change(state.draft) });
    case "reset":
      return invalidated(state, { draft: draftFromConfig(undefined, action.today) });
    case "prepared":
      if (stale(state, action.version)) return dropped(state);
      return { ...state, prepared: action.prepared, generated: undefined, busy: undefined, error: undefined, step: "preview" };
    case "generated":
      if (stale(state, action.version)) return dropped(state);
      return { ...state, generated: action.written, busy: undefined, step: "generate" };
    case "downloaded":
      return { ...state, busy: undefined, downloaded: action.fileName };
    case "goto":
      return { ...state, step: action.step };
    case "dismiss":
      return { ...state, error: undefined };
  }
}

/** A table read from the host, with its header row found (the rows searched are the run's); `block` may hold only its first rows, `size` then says how big the table is. */
export function tableOf(source: SourceRef, block: ClientBlock, size?: { rows: number; width: number }): TableRead {
  const { rows, width } = size ?? headOf(block);
  return { source, block, rows, width, header: findHeaderRow(block.cells) };
}

/** The Data step's list entry of a sheet head: a client table names at least two fields in its header. */
export function sheetInfo(head: SheetHead): SheetInfo {
  const header = findHeaderRow(head.head);
  return { name: head.name, rows: head.rows, columns: head.columns, fields: header?.columns.length ?? 0 };
}

/** Which step may be opened: the table first, then the rest; the result only after a preview. */
export function stepOpen(state: PaneState, step: StepKey): boolean {
  switch (step) {
    case "data":
      return state.book !== undefined;
    case "columns":
    case "models":
      return state.table?.header !== undefined;
    case "preview":
      return state.prepared !== undefined;
    case "generate":
      return state.generated !== undefined;
  }
}
