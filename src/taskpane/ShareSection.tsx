/*
 * "Make a copy for sharing" inside Excel: the CLIENT formulas of this sheet or of the whole book
 * replaced by their values (src/workbook/share.ts). In place, after a confirmation that asks for a
 * saved copy first: Office.js cannot save a workbook under another name (share.ts says why).
 */
import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { describeIssue } from "../core/issues";
import type { Lang } from "../core/lang";
import { HostError } from "../workbook/port";
import type { ReplaceClientFormulas, ShareScope, SharedSheet } from "../workbook/share";
import { strings } from "./strings";

export interface ShareSectionProps {
  lang: Lang;
  replace: ReplaceClientFormulas;
}

type Phase =
  | { kind: "idle" }
  | { kind: "confirm" }
  | { kind: "working"; index: number; count: number; sheet: string }
  | { kind: "done"; sheets: SharedSheet[] }
  | { kind: "failed"; message: string };

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function ShareSection({ lang, replace }: ShareSectionProps) {
  const t = strings[lang].share;
  const styles = useStyles();
  const [scope, setScope] = useState<ShareScope>("sheet");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const working = phase.kind === "working";

  const run = async () => {
    setPhase({ kind: "working", index: 0, count: 1, sheet: "" });
    try {
      const sheets = await replace(scope, { onSheet: (index, count, sheet) => setPhase({ kind: "working", index, count, sheet }) });
      setPhase({ kind: "done", sheets });
    } catch (err) {
      // said in the pane, never thrown past it
      const message =
        err instanceof HostError ? describeIssue({ code: err.code, params: { value: err.detail } }, lang) : err instanceof Error ? err.message : String(err);
      setPhase({ kind: "failed", message });
    }
  };

  const changed = phase.kind === "done" ? phase.sheets.filter((s) => s.formulas > 0) : [];
  return (
    <section className={styles.section} aria-label={t.title}>
      <Caption1 block>{t.intro}</Caption1>
      <RadioGroup value={scope} aria-label={t.scopeLabel} disabled={working} onChange={(_, data) => setScope(data.value as ShareScope)}>
        <Radio value="sheet" label={t.thisSheet} />
        <Radio value="book" label={t.wholeBook} />
      </RadioGroup>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{t.saveCopyFirst}</MessageBarBody>
      </MessageBar>
      {phase.kind === "confirm" ? (
        <MessageBar intent="info" layout="multiline" role="alertdialog">
          <MessageBarBody>
            <MessageBarTitle>{t.confirmTitle}</MessageBarTitle>
            {t.confirm((scope === "sheet" ? t.thisSheet : t.wholeBook).toLocaleLowerCase())}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => void run()}>
              {t.replace}
            </Button>
            <Button onClick={() => setPhase({ kind: "idle" })}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <div>
          <Button disabled={working} onClick={() => setPhase({ kind: "confirm" })}>
            {t.start}
          </Button>
        </div>
      )}
      {working && <Spinner size="tiny" label={phase.sheet ? t.working(phase.index + 1, phase.count, phase.sheet) : t.start} />}
      {phase.kind === "done" && (
        <MessageBar intent={changed.length > 0 ? "success" : "info"} layout="multiline" role="status">
          <MessageBarBody>
            {changed.length === 0 ? (
              t.noneFound
            ) : (
              <>
                <MessageBarTitle>{t.doneTitle}</MessageBarTitle>
                <ul className={styles.list}>
                  {changed.map((s) => (
                    <li key={s.sheet}>{t.sheetResult(s.sheet, s.formulas, s.cells)}</li>
                  ))}
                </ul>
                {t.saveNow}
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {phase.kind === "failed" && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{phase.message}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
