import type { Lang } from "../../core/lang";
import type { PaneState } from "../pane-state";
import type { PaneActions } from "../usePane";

/** What every step of the pane is handed: the UI language, the pane's state and its actions. */
export interface StepProps {
  lang: Lang;
  state: PaneState;
  actions: PaneActions;
}
