/*
 * Generate: the write, with a progress bar naming the step and a Cancel that stops between sheets;
 * then links to each written sheet (Excel) or the download (browser), and the Data issues count.
 */
import { Button, Caption1, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Field, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Lang } from "../../core/lang";
import type { RunProgress } from "../../workbook/run";
import { formatCount } from "../Preview";
import { strings } from "../strings";
import type { StepProps } from "./types";

const useStyles = makeStyles({
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** The progress bar's words for where a run is. */
export function progressText(progress: RunProgress | undefined, lang: Lang): string {
  const t = strings[lang].steps;
  if (!progress) return t.writing;
  if (progress.sheet) return t.progressWrite(progress.sheet.index + 1, progress.sheet.count, progress.sheet.name);
  return { read: t.progressRead, segment: t.progressSegment, plans: t.progressPlans, write: t.writing }[progress.phase];
}

export interface GenerateExtras {
  /** Excel: written sheets are links that activate them */
  canActivate: boolean;
  /** browser mode: the download button, shown once the result is written */
  download?: React.ReactNode;
}

export function GenerateStep({ lang, state, actions, canActivate, download }: StepProps & GenerateExtras) {
  const t = strings[lang].steps;
  const styles = useStyles();
  const [cancelling, setCancelling] = useState(false);
  const writing = state.busy?.kind === "writing";
  const { prepared, generated } = state;
  if (writing) {
    const text = cancelling ? t.cancelling : progressText(state.busy?.progress, lang);
    return (
      <div className={styles.step}>
        <Field label={text} validationState="none">
          <ProgressBar value={state.busy?.progress?.done ?? 0} max={1} aria-label={text} />
        </Field>
        <Button
          disabled={cancelling}
          onClick={() => {
            setCancelling(true);
            actions.cancel();
          }}
        >
          {t.cancel}
        </Button>
      </div>
    );
  }
  if (!prepared || !generated) return null;
  const issuesSheet = prepared.sheets.find((p) => p.key === "issues")!.name;
  const summary = prepared.sheets.find((p) => p.key === "summary")!.name;
  const written = generated.written;
  const sheetLink = (name: string, text: string) =>
    canActivate ? (
      <Link as="button" onClick={() => actions.activate(name)}>
        {text}
      </Link>
    ) : (
      <Caption1>{name}</Caption1>
    );
  return (
    <div className={styles.step} data-result={generated.cancelled ? "cancelled" : "done"}>
      <MessageBar intent={generated.cancelled ? "warning" : "success"} layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>{generated.cancelled ? t.cancelledTitle : t.doneTitle}</MessageBarTitle>
          {generated.cancelled ? t.cancelled(written.length, prepared.output.length) : t.done(written.length)}
          {canActivate && written.includes(summary) ? ` ${t.summaryActive(summary)}` : ""}
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.list} aria-label={strings[lang].workbench.sheetsWritten}>
        {written.map((name) => (
          <li key={name}>{sheetLink(name, t.openSheet(name))}</li>
        ))}
      </ul>
      {written.includes(issuesSheet) && (
        <div data-figure="issuesLink">{sheetLink(issuesSheet, t.issuesLink(formatCount(prepared.issueCount, lang), issuesSheet))}</div>
      )}
      {download}
      <Button appearance="secondary" onClick={() => actions.goto("models")}>
        {t.runAgain}
      </Button>
    </div>
  );
}
