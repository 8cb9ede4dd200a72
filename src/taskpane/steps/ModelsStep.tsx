/*
 * The Models step: which models run and with what settings, the target lists, the output language
 * and the run date. Every input is checked as it is typed with the run configuration's own check
 * (configFromDraft), and its problem is shown under it, in the UI language.
 */
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useId, useMemo, type ReactNode } from "react";
import type { ConfigProblem } from "../../core/config";
import type { Lang } from "../../core/lang";
import { REVIEW_DEFAULTS, REVIEW_INDICATORS } from "../../core/score";
import { ABC_PRESET_CUTS, ABC_PRESET_LABELS, BIG_POLICY_LADDER, COUNT_PRESET_LABELS, COUNT_PRESET_SHARES, letterLabels } from "../../core/tier";
import { configFromDraft, numberList, problemAt, type LadderPreset, type ModelDraft } from "../draft";
import { strings } from "../strings";
import { stepStrings } from "../strings-models";
import type { StepProps } from "./types";

const PRESETS: readonly LadderPreset[] = ["byCount", "bigPolicy", "abc", "thresholds"];

const useStyles = makeStyles({
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0, margin: 0 },
  heading: { margin: 0 },
  summary: { display: "block", paddingInlineStart: tokens.spacingHorizontalXXL, overflowWrap: "anywhere" },
  indicator: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  weight: { width: "6em", maxWidth: "100%" },
  full: { width: "100%", minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  line: { display: "block" },
});

/** How many tiers the draft's ladder has, for its labels: undefined while the thresholds are not typed. */
function ladderTiers(draft: ModelDraft): number | undefined {
  switch (draft.ladder.preset) {
    case "byCount":
      return COUNT_PRESET_SHARES.length;
    case "bigPolicy":
      return BIG_POLICY_LADDER.length + 1;
    case "abc":
      return ABC_PRESET_CUTS.length + 1;
    case "thresholds": {
      const n = numberList(draft.ladder.thresholds).numbers.length;
      return n > 0 ? n + 1 : undefined;
    }
  }
}

function ladderDefaults(preset: LadderPreset, tiers: number, out: Lang): string[] {
  if (preset === "byCount") return [...COUNT_PRESET_LABELS[out]];
  if (preset === "abc") return [...ABC_PRESET_LABELS];
  return letterLabels(tiers);
}

/** Where a problem is shown inline; the rest are listed at the top so nothing is lost. */
function leftOver(problems: readonly ConfigProblem[], shown: readonly string[]): ConfigProblem[] {
  return problems.filter((p) => !shown.some((path) => p.path === path || p.path.startsWith(`${path}.`)));
}

export function ModelsStep({ lang, state, actions }: StepProps) {
  const t = stepStrings[lang].models;
  const styles = useStyles();
  const id = useId();
  const draft = state.draft;
  const checked = useMemo(() => configFromDraft(draft, lang), [draft, lang]);
  const problems = checked.ok ? [] : checked.problems;
  const edit = actions.edit;
  const out: Lang = draft.outputLanguage === "auto" ? lang : draft.outputLanguage;

  /** Field props for the inline message of a configuration path. */
  const at = (path: string) => {
    const message = problemAt(problems, path);
    return message === undefined ? {} : { validationState: "error" as const, validationMessage: message };
  };

  const shown: string[] = ["targets.renewal", "targets.newBusiness", "outputLanguage", "asOf"];
  const { ladder, review, quadrant } = draft;

  // the labels' counts are checked by configFromDraft, as the run would check them
  const tiers = ladderTiers(draft);
  const ladderLabelsMessage = problemAt(problems, "valueLadder.labels");
  const cutCount = numberList(review.cuts).numbers.length;
  const classes = cutCount > 0 ? cutCount + 1 : REVIEW_DEFAULTS.classLabels.length;
  const classDefaults = cutCount === REVIEW_DEFAULTS.classCuts.length ? [...REVIEW_DEFAULTS.classLabels] : letterLabels(classes);
  const classLabelsMessage = problemAt(problems, "review.labels");

  const ladderSection: ReactNode = (
    <section className={styles.group} aria-labelledby={`${id}-ladder`}>
      <Text as="h3" id={`${id}-ladder`} weight="semibold" size={400} className={styles.heading}>
        {t.ladderTitle}
      </Text>
      <Switch label={t.ladderOn} checked={ladder.on} onChange={(_, d) => edit((x) => ({ ...x, ladder: { ...x.ladder, on: d.checked } }))} />
      {ladder.on ? (
        <>
          <Field label={t.presetLabel} {...at("valueLadder.preset")}>
            <RadioGroup value={ladder.preset} onChange={(_, d) => edit((x) => ({ ...x, ladder: { ...x.ladder, preset: d.value as LadderPreset } }))}>
              {PRESETS.map((p) => (
                <div key={p}>
                  <Radio value={p} label={t.presets[p].name} aria-describedby={`${id}-preset-${p}`} />
                  <Caption1 id={`${id}-preset-${p}`} className={styles.summary}>
                    {t.presets[p].summary}
                  </Caption1>
                </div>
              ))}
            </RadioGroup>
          </Field>
          {ladder.preset === "thresholds" ? (
            <Field label={t.thresholds} hint={t.thresholdsHint} required {...at("valueLadder.thresholds")}>
              <Input
                className={styles.full}
                value={ladder.thresholds}
                onChange={(_, d) => edit((x) => ({ ...x, ladder: { ...x.ladder, thresholds: d.value } }))}
              />
            </Field>
          ) : null}
          <Field
            label={t.tierLabels}
            hint={tiers === undefined ? undefined : t.tierLabelsHint(tiers, ladderDefaults(ladder.preset, tiers, out).join(", "))}
            {...(ladderLabelsMessage ? { validationState: "error" as const, validationMessage: ladderLabelsMessage } : {})}
          >
            <Input className={styles.full} value={ladder.labels} onChange={(_, d) => edit((x) => ({ ...x, ladder: { ...x.ladder, labels: d.value } }))} />
          </Field>
        </>
      ) : null}
    </section>
  );
  if (ladder.on) shown.push("valueLadder.preset", "valueLadder.thresholds", "valueLadder.labels");

  const reviewSection: ReactNode = (
    <section className={styles.group} aria-labelledby={`${id}-review`}>
      <Text as="h3" id={`${id}-review`} weight="semibold" size={400} className={styles.heading}>
        {t.reviewTitle}
      </Text>
      <Switch label={t.reviewOn} checked={review.on} onChange={(_, d) => edit((x) => ({ ...x, review: { ...x.review, on: d.checked } }))} />
      {review.on ? (
        <>
          <Caption1 block>{t.reviewIntro}</Caption1>
          {REVIEW_INDICATORS.map((indicator, i) => {
            const name = t.indicators[indicator];
            return (
              <Field key={indicator} label={t.weightOf(name)} {...at(`review.weights.${i}`)}>
                {(control) => (
                  <div className={styles.indicator}>
                    <Input
                      {...control}
                      className={styles.weight}
                      inputMode="decimal"
                      value={review.weights[i] ?? ""}
                      onChange={(_, d) => edit((x) => ({ ...x, review: { ...x.review, weights: x.review.weights.map((w, j) => (j === i ? d.value : w)) } }))}
                    />
                    <Checkbox
                      label={t.lowerIsBetter}
                      aria-label={t.lowerIsBetterOf(name)}
                      checked={review.lowerIsBetter[i] ?? false}
                      onChange={(_, d) =>
                        edit((x) => ({
                          ...x,
                          review: { ...x.review, lowerIsBetter: x.review.lowerIsBetter.map((f, j) => (j === i ? d.checked === true : f)) },
                        }))
                      }
                    />
                  </div>
                )}
              </Field>
            );
          })}
          <Field label={t.classCuts} hint={t.classCutsHint} required {...at("review.cuts")}>
            <Input className={styles.full} value={review.cuts} onChange={(_, d) => edit((x) => ({ ...x, review: { ...x.review, cuts: d.value } }))} />
          </Field>
          <Field
            label={t.classLabels}
            hint={t.classLabelsHint(classes, classDefaults.join(", "))}
            {...(classLabelsMessage ? { validationState: "error" as const, validationMessage: classLabelsMessage } : {})}
          >
            <Input className={styles.full} value={review.labels} onChange={(_, d) => edit((x) => ({ ...x, review: { ...x.review, labels: d.value } }))} />
          </Field>
        </>
      ) : null}
    </section>
  );
  if (review.on) shown.push("review.weights", "review.lowerIsBetter", "review.cuts", "review.labels");

  const quadrantSection: ReactNode = (
    <section className={styles.group} aria-labelledby={`${id}-quadrant`}>
      <Text as="h3" id={`${id}-quadrant`} weight="semibold" size={400} className={styles.heading}>
        {t.quadrantTitle}
      </Text>
      <Switch label={t.quadrantOn} checked={quadrant.on} onChange={(_, d) => edit((x) => ({ ...x, quadrant: { ...x.quadrant, on: d.checked } }))} />
      {quadrant.on ? (
        <>
          <Field label={t.cutsLabel} hint={t.cutsHint}>
            <RadioGroup
              value={quadrant.fixed ? "fixed" : "medians"}
              onChange={(_, d) => edit((x) => ({ ...x, quadrant: { ...x.quadrant, fixed: d.value === "fixed" } }))}
            >
              <Radio value="medians" label={t.medians} />
              <Radio value="fixed" label={t.fixed} />
            </RadioGroup>
          </Field>
          {quadrant.fixed ? (
            <>
              <Field label={t.abilityCut} required {...at("quadrant.abilityCut")}>
                <Input
                  className={styles.full}
                  inputMode="decimal"
                  value={quadrant.abilityCut}
                  onChange={(_, d) => edit((x) => ({ ...x, quadrant: { ...x.quadrant, abilityCut: d.value } }))}
                />
              </Field>
              <Field label={t.willingnessCut} required {...at("quadrant.willingnessCut")}>
                <Input
                  className={styles.full}
                  inputMode="decimal"
                  value={quadrant.willingnessCut}
                  onChange={(_, d) => edit((x) => ({ ...x, quadrant: { ...x.quadrant, willingnessCut: d.value } }))}
                />
              </Field>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
  if (quadrant.on) shown.push("quadrant.abilityCut", "quadrant.willingnessCut");

  const rfm = draft.rfm;
  const rfmSection: ReactNode = (
    <section className={styles.group} aria-labelledby={`${id}-rfm`}>
      <Text as="h3" id={`${id}-rfm`} weight="semibold" size={400} className={styles.heading}>
        {t.rfmTitle}
      </Text>
      <Caption1 block>{t.rfmHint}</Caption1>
      <Switch label={t.rfmOn} checked={rfm.on} onChange={(_, d) => edit((x) => ({ ...x, rfm: { ...x.rfm, on: d.checked } }))} />
      {rfm.on ? (
        <Field label={t.rfmBins} required {...at("rfm.bins")}>
          <Input className={styles.full} inputMode="numeric" value={rfm.bins} onChange={(_, d) => edit((x) => ({ ...x, rfm: { ...x.rfm, bins: d.value } }))} />
        </Field>
      ) : null}
    </section>
  );
  if (rfm.on) shown.push("rfm.bins");

  const others = leftOver(problems, shown);
  return (
    <div className={styles.step}>
      <Text block>{t.intro}</Text>
      {others.length > 0 ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.otherProblems}</MessageBarTitle>
            {others.map((p) => (
              <span key={p.path} className={styles.line}>
                {p.message}
              </span>
            ))}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {ladderSection}
      {reviewSection}
      {quadrantSection}
      {rfmSection}
      <section className={styles.group} aria-labelledby={`${id}-targets`}>
        <Text as="h3" id={`${id}-targets`} weight="semibold" size={400} className={styles.heading}>
          {t.targetsTitle}
        </Text>
        <Caption1 block>{t.targetsHint}</Caption1>
        <Field label={t.renewal} {...at("targets.renewal")}>
          <Input
            className={styles.full}
            inputMode="numeric"
            value={draft.targets.renewal}
            onChange={(_, d) => edit((x) => ({ ...x, targets: { ...x.targets, renewal: d.value } }))}
          />
        </Field>
        <Field label={t.newBusiness} {...at("targets.newBusiness")}>
          <Input
            className={styles.full}
            inputMode="numeric"
            value={draft.targets.newBusiness}
            onChange={(_, d) => edit((x) => ({ ...x, targets: { ...x.targets, newBusiness: d.value } }))}
          />
        </Field>
      </section>
      <section className={styles.group} aria-labelledby={`${id}-output`}>
        <Text as="h3" id={`${id}-output`} weight="semibold" size={400} className={styles.heading}>
          {t.outputTitle}
        </Text>
        <Field label={t.outputLanguage} hint={t.outputHint} {...at("outputLanguage")}>
          <Select
            className={styles.full}
            value={draft.outputLanguage}
            onChange={(_, d) => edit((x) => ({ ...x, outputLanguage: d.value as ModelDraft["outputLanguage"] }))}
          >
            <option value="auto">{t.outputAuto}</option>
            <option value="zh-CN" lang="zh-CN">
              {t.outputZh}
            </option>
            <option value="en-US" lang="en-US">
              {t.outputEn}
            </option>
          </Select>
        </Field>
        <Field label={t.asOf} hint={t.asOfHint} required {...at("asOf")}>
          <Input className={styles.full} type="date" value={draft.asOf} onChange={(_, d) => edit((x) => ({ ...x, asOf: d.value }))} />
        </Field>
        <Field hint={t.maskHint}>
          <Checkbox label={t.mask} checked={draft.mask} onChange={(_, d) => edit((x) => ({ ...x, mask: d.checked === true }))} />
        </Field>
      </section>
      <div className={styles.actions}>
        <Button onClick={() => actions.reset()}>{strings[lang].steps.backToDefaults}</Button>
      </div>
    </div>
  );
}
