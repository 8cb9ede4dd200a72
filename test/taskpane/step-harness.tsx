/*
 * A step of the pane rendered over the real reducer: the state starts from a table read from a sheet
 * (and an optional change of the form), `edit` and `reset` go through the reducer, the other actions
 * are mocks. `seen.state` is the state of the last render.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render } from "@testing-library/react";
import { useReducer, type ComponentType } from "react";
import type { Lang } from "../../src/core/lang";
import type { ModelDraft } from "../../src/taskpane/draft";
import { initialPane, paneReducer, tableOf, type PaneState } from "../../src/taskpane/pane-state";
import type { StepProps } from "../../src/taskpane/steps/types";
import type { PaneActions } from "../../src/taskpane/usePane";

export function renderStep(
  Step: ComponentType<StepProps>,
  lang: Lang,
  cells: unknown[][],
  today: string,
  change?: (d: ModelDraft) => ModelDraft,
): { state?: PaneState } {
  const seen: { state?: PaneState } = {};
  function Harness() {
    const [state, dispatch] = useReducer(paneReducer, undefined, () => {
      const read = paneReducer(initialPane(today), { type: "tableRead", table: tableOf({ sheet: "客户" }, { source: "客户", cells, firstRow: 1 }) });
      return change ? paneReducer(read, { type: "edit", change }) : read;
    });
    seen.state = state;
    const actions: PaneActions = {
      chooseSource: jest.fn(),
      useSelection: jest.fn(),
      edit: (c) => dispatch({ type: "edit", change: c }),
      reset: () => dispatch({ type: "reset", today }),
      preview: jest.fn(),
      generate: jest.fn(),
      cancel: jest.fn(),
      activate: jest.fn(),
      goto: jest.fn(),
      dismiss: jest.fn(),
      downloaded: jest.fn(),
      failed: jest.fn(),
    };
    return (
      <FluentProvider theme={webLightTheme}>
        <Step lang={lang} state={state} actions={actions} />
      </FluentProvider>
    );
  }
  render(<Harness />);
  return seen;
}
