/*
 * The pane's steps over one WorkbookHost: Data, Columns, Models, Preview, Generate. The same in Excel
 * and in browser mode; browser mode only adds what comes before (a file) and after (a download).
 */
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { describeIssue } from "../core/issues";
import type { Lang } from "../core/lang";
import type { WorkbookHost } from "../workbook/port";
import { configFromDraft } from "./draft";
import { STEPS, stepOpen, type PaneState, type StepKey } from "./pane-state";
import { Preview } from "./Preview";
import { ColumnsStep } from "./steps/ColumnsStep";
import { DataStep } from "./steps/DataStep";
import { GenerateStep } from "./steps/GenerateStep";
import { ModelsStep } from "./steps/ModelsStep";
import { strings } from "./strings";
import { usePane, type PaneActions, type PaneEnv } from "./usePane";

export interface PaneProps {
  lang: Lang;
  host: WorkbookHost | undefined;
  env: PaneEnv;
  mode: "excel" | "browser";
  /** browser mode: the download button, given the written state */
  download?: (state: PaneState, actions: PaneActions) => ReactNode;
}

const useStyles = makeStyles({
  pane: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  nav: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, margin: 0, padding: 0, listStyleType: "none" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export function Pane({ lang, host, env, mode, download }: PaneProps) {
  const { state, actions } = usePane(host, env);
  return <PaneView lang={lang} state={state} actions={actions} mode={mode} download={download} />;
}

/** The pane for a given state: what tests render with a state of their choosing. */
export function PaneView({
  lang,
  state,
  actions,
  mode,
  download,
}: {
  lang: Lang;
  state: PaneState;
  actions: PaneActions;
  mode: "excel" | "browser";
  download?: PaneProps["download"];
}) {
  const t = strings[lang].steps;
  const styles = useStyles();
  const busy = state.busy;
  const working = busy !== undefined;
  const writing = busy?.kind === "writing";
  const checked = configFromDraft(state.draft, lang);
  const canPreview = !working && state.table?.header !== undefined && checked.ok;
  const step: StepKey = writing ? "generate" : state.step;
  const props = { lang, state, actions };
  const index = STEPS.indexOf(step);

  const busyLabel =
    busy && !writing ? { opening: t.opening, reading: t.reading, preparing: t.preparing, writing: t.writing, saving: t.writing }[busy.kind] : undefined;

  return (
    <div className={styles.pane}>
      {state.book && (
        <nav aria-label={t.stepsLabel}>
          <ol className={styles.nav}>
            {STEPS.map((key, i) => (
              <li key={key}>
                <Button
                  size="small"
                  appearance={key === step ? "primary" : "subtle"}
                  aria-current={key === step ? "step" : undefined}
                  disabled={writing || !stepOpen(state, key)}
                  onClick={() => actions.goto(key)}
                >
                  {`${i + 1}. ${t.names[key]}`}
                </Button>
              </li>
            ))}
          </ol>
        </nav>
      )}

      {state.error && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{strings[lang].workbench.errorTitle}</MessageBarTitle>
            {describeIssue(state.error, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
      {busyLabel && <Spinner size="tiny" label={busyLabel} />}

      {state.book && (
        <section aria-labelledby="pane-step-title" data-step={step}>
          <Subtitle2 as={mode === "browser" ? "h3" : "h2"} id="pane-step-title">
            {t.stepOf(index + 1, STEPS.length, t.names[step])}
          </Subtitle2>
          {step === "data" && <DataStep {...props} canSelect={mode === "excel"} />}
          {step === "columns" && state.table?.header && <ColumnsStep {...props} />}
          {step === "models" && <ModelsStep {...props} />}
          {step === "preview" && state.prepared && <Preview lang={lang} prepared={state.prepared} written={state.generated !== undefined} />}
          {step === "generate" && <GenerateStep {...props} canActivate={mode === "excel"} download={download?.(state, actions)} />}
        </section>
      )}

      {state.book && !writing && step !== "generate" && (
        <div className={styles.buttons}>
          {index > 0 && (
            <Button disabled={working} onClick={() => actions.goto(STEPS[index - 1])}>
              {t.back}
            </Button>
          )}
          {(step === "data" || step === "columns") && (
            <Button disabled={working || state.table?.header === undefined} onClick={() => actions.goto(STEPS[index + 1])}>
              {t.next}
            </Button>
          )}
          {step !== "preview" && (
            <Button appearance="primary" disabled={!canPreview} onClick={actions.preview}>
              {t.previewNow}
            </Button>
          )}
          {/* a preview is written once: a second write of it would add its new sheets again */}
          {step === "preview" && state.prepared && !state.generated && (
            <Button appearance="primary" disabled={working} onClick={actions.generate}>
              {t.generate}
            </Button>
          )}
        </div>
      )}
      {state.book && !checked.ok && step !== "models" && !working && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.fixProblems}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
