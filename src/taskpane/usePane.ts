/*
 * The pane's behaviour over a WorkbookHost: open the book, find and read the client table, prepare
 * the run (preview), write it (generate) with progress and cancel. The same hook in Excel and in
 * browser mode; components call these actions and never a host or Excel.run themselves.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { Issue } from "../core/issues";
import type { Lang } from "../core/lang";
import { proveOwnership, sameSheetName as same } from "../core/ownership";
import { readSavedSettings, type SavedSettings } from "../core/settings";
import { HostError, type SourceRef, type WorkbookHost } from "../workbook/port";
import { runsOf, type Runs } from "../workbook/run";
import { configFromDraft, type ModelDraft } from "./draft";
import { initialPane, paneReducer, sheetInfo, tableOf, type BookInfo, type PaneState, type StepKey } from "./pane-state";

/** How many rows of each sheet the Data step looks at to tell client tables (the run's header search). */
export const HEAD_ROWS = 30;

export interface PaneEnv {
  /** UI language: messages of the form */
  lang: Lang;
  /** the default run date, YYYY-MM-DD */
  today: string;
  /** the Office display language (Excel): a first run writes in it */
  displayLang?: Lang;
  /** the file's name, in browser mode */
  fileName?: string;
}

export interface PaneActions {
  chooseSource: (source: SourceRef) => void;
  useSelection: () => void;
  edit: (change: (draft: ModelDraft) => ModelDraft) => void;
  reset: () => void;
  preview: () => void;
  generate: () => void;
  cancel: () => void;
  activate: (sheet: string) => void;
  goto: (step: StepKey) => void;
  dismiss: () => void;
  /** browser mode: after the download */
  downloaded: (fileName: string) => void;
  failed: (issue: Issue) => void;
}

function issueOf(err: unknown): Issue {
  if (err instanceof HostError) return { code: err.code, params: { value: err.detail } };
  return { code: "unreadable", params: { value: err instanceof Error ? err.message : String(err) } };
}

/** The sources to try first, in order: the last run's table or sheet, the selection, then sheets that look like client tables. */
function candidates(book: BookInfo, selection: SourceRef | undefined, saved: SavedSettings | undefined): SourceRef[] {
  const out: SourceRef[] = [];
  if (saved?.config.table) out.push({ table: saved.config.table });
  const savedSheet = saved?.config.sheet ? book.sheets.find((s) => same(s.name, saved.config.sheet!)) : undefined;
  if (savedSheet) out.push({ sheet: savedSheet.name });
  if (selection) out.push(selection);
  for (const s of [...book.sheets].filter((s) => s.fields >= 2).sort((a, b) => b.fields - a.fields)) out.push({ sheet: s.name });
  return out;
}

export function usePane(host: WorkbookHost | undefined, env: PaneEnv): { state: PaneState; actions: PaneActions } {
  const [state, dispatch] = useReducer(paneReducer, env.today, initialPane);
  const current = useRef(state);
  current.current = state;
  const reads = useRef(0);
  const abort = useRef<AbortController | undefined>(undefined);
  const envRef = useRef(env);
  envRef.current = env;
  // where runs are prepared and kept: in the page's workbook worker for a book opened there, else here
  const runs = useMemo(() => (host ? runsOf(host) : undefined), [host]);

  const readTable = useCallback(async (r: Runs, source: SourceRef): Promise<boolean> => {
    const seq = ++reads.current;
    dispatch({ type: "busy", kind: "reading" });
    try {
      const head = await r.readTable(source);
      if (seq !== reads.current) return false;
      const table = tableOf(source, head.block, head);
      dispatch({ type: "tableRead", table });
      return table.header !== undefined;
    } catch (err) {
      if (seq === reads.current) dispatch({ type: "failed", issue: issueOf(err) });
      return false;
    }
  }, []);

  // on open: the sheets, the last run's settings, and the client table to start from
  useEffect(() => {
    if (!host || !runs) return;
    let live = true;
    void (async () => {
      dispatch({ type: "busy", kind: "opening" });
      try {
        const snapshot = await host.open();
        const stored = readSavedSettings(snapshot.settings);
        const saved = stored.ok ? stored.value : undefined;
        // the sheets the add-in made (proven by the workbook, not by the settings alone) are not client tables
        const { owned } = proveOwnership(saved?.owned ?? [], snapshot.sheets);
        const heads = await host.readSheetHeads(HEAD_ROWS);
        const selection = await host.selectionSource().catch(() => undefined);
        if (!live) return;
        const book: BookInfo = {
          fileName: envRef.current.fileName,
          sheets: heads.filter((h) => !owned.some((o) => same(o.name, h.name))).map(sheetInfo),
          ...(saved ? { saved } : {}),
          ...(stored.ok ? {} : { settingsProblem: stored.problem }),
        };
        dispatch({ type: "opened", book, today: envRef.current.today });
        for (const source of candidates(book, selection, saved)) {
          if (!live) return;
          if (await readTable(runs, source)) return;
        }
        if (live) dispatch({ type: "failed", issue: { code: "noClientSheet" } });
      } catch (err) {
        if (live) dispatch({ type: "failed", issue: issueOf(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [host, runs, readTable]);

  const actions: PaneActions = {
    chooseSource: (source) => {
      if (runs) void readTable(runs, source);
    },
    useSelection: () => {
      if (!host) return;
      void (async () => {
        try {
          const selection = await host.selectionSource();
          if (!selection) dispatch({ type: "failed", issue: { code: "noSelection", params: { value: "" } } });
          else if (runs) await readTable(runs, selection);
        } catch (err) {
          dispatch({ type: "failed", issue: issueOf(err) });
        }
      })();
    },
    edit: (change) => dispatch({ type: "edit", change }),
    reset: () => dispatch({ type: "reset", today: envRef.current.today }),
    preview: () => {
      const s = current.current;
      if (!runs || !s.table) return;
      const checked = configFromDraft(s.draft, envRef.current.lang);
      if (!checked.ok) {
        dispatch({ type: "goto", step: "models" });
        return;
      }
      const version = s.version;
      const table = s.table;
      dispatch({ type: "busy", kind: "preparing" });
      void (async () => {
        const ready = await runs
          .prepare({
            config: checked.config,
            lang: s.draft.outputLanguage === "auto" ? undefined : s.draft.outputLanguage,
            displayLang: envRef.current.displayLang,
            asOf: s.draft.asOf,
            // the runs read the whole table: the pane holds its first rows only
            source: table.source,
            onProgress: (phase, done) => dispatch({ type: "progress", progress: { phase, done } }),
          })
          .catch((err: unknown) => ({ ok: false as const, issue: issueOf(err) }));
        if (ready.ok) dispatch({ type: "prepared", prepared: ready.preview, version });
        else dispatch({ type: "failed", issue: ready.issue, version });
      })();
    },
    generate: () => {
      const s = current.current;
      // a preview already written is prepared again first (its plan says which sheets are new)
      if (!runs || !s.prepared || s.generated) return;
      const version = s.version;
      const controller = new AbortController();
      abort.current = controller;
      dispatch({ type: "busy", kind: "writing" });
      void (async () => {
        const done = await runs
          .write(s.prepared!.ticket, {
            signal: controller.signal,
            onProgress: (phase, fraction, detail) => dispatch({ type: "progress", progress: detail ?? { phase, done: fraction } }),
          })
          .catch((err: unknown) => ({ ok: false as const, issue: issueOf(err) }));
        abort.current = undefined;
        if (done.ok) dispatch({ type: "generated", written: done.value, version });
        else dispatch({ type: "failed", issue: done.issue, version });
      })();
    },
    cancel: () => abort.current?.abort(),
    activate: (sheet) => {
      if (host) void host.activateSheet(sheet).catch((err: unknown) => dispatch({ type: "failed", issue: issueOf(err) }));
    },
    goto: (step) => dispatch({ type: "goto", step }),
    dismiss: () => dispatch({ type: "dismiss" }),
    downloaded: (fileName) => dispatch({ type: "downloaded", fileName }),
    failed: (issue) => dispatch({ type: "failed", issue }),
  };
  return { state, actions };
}
