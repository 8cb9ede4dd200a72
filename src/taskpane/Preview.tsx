/*
 * What a run wrote, read from its outcome and nothing else: every figure here is the run's own
 * (Segmentation in RunOutcome.result), only formatted for the reader.
 */
import {
  Caption1,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { describeIssue } from "../core/issues";
import type { GroupFigure } from "../core/job";
import type { Lang } from "../core/lang";
import type { RunOutcome } from "../workbook/run";
import { strings } from "./strings";

/** How many Data issues the preview lists; the sheet holds them all. */
export const ISSUES_SHOWN = 3;

export interface PreviewProps {
  lang: Lang;
  outcome: Extract<RunOutcome, { ok: true }>;
}

const useStyles = makeStyles({
  preview: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  figures: { display: "grid", gridTemplateColumns: "1fr auto", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang, { maximumFractionDigits: 0 });
}

export function formatPercent(x: number | null, lang: Lang): string {
  return x === null ? strings[lang].workbench.notAvailable : x.toLocaleString(lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function Groups({ title, groups, lang, name }: { title: string; groups: readonly GroupFigure[]; lang: Lang; name: string }) {
  const t = strings[lang].workbench;
  const styles = useStyles();
  if (groups.length === 0) return null;
  return (
    <section aria-label={title} data-group={name}>
      <Text weight="semibold" block>
        {title}
      </Text>
      <Table size="extra-small" aria-label={title}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t.groupHeader}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>{t.countHeader}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>{t.valueHeader}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {groups.map((g) => (
            <TableRow key={g.label}>
              <TableCell>{g.label}</TableCell>
              <TableCell className={styles.number}>{formatCount(g.count, lang)}</TableCell>
              <TableCell className={styles.number}>{formatCount(g.value, lang)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

export function Preview({ lang, outcome }: PreviewProps) {
  const t = strings[lang].workbench;
  const styles = useStyles();
  const r = outcome.result;
  const shown = outcome.issues.slice(0, ISSUES_SHOWN);
  const issuesSheet = outcome.sheets.find((s) => s.key === "issues")?.name ?? "";
  return (
    <section className={styles.preview} aria-labelledby="preview-title">
      <Subtitle2 as="h3" id="preview-title">
        {t.previewTitle}
      </Subtitle2>
      <Text>{t.clientsSegmented(formatCount(r.clients.length, lang), formatCount(r.rowsRead, lang))}</Text>
      <Groups title={t.byTier} groups={r.tiers} lang={lang} name="tiers" />
      <Groups title={t.byQuadrant} groups={r.quadrants} lang={lang} name="quadrants" />
      <Groups title={t.byClass} groups={r.classes} lang={lang} name="classes" />
      <dl className={styles.figures}>
        <dt>{t.topShare}</dt>
        <dd className={styles.number} data-figure="topShare">
          {formatPercent(r.topShare, lang)}
        </dd>
        <dt>{t.cutoff}</dt>
        <dd className={styles.number} data-figure="cutoff">
          {formatPercent(r.cutoff, lang)}
        </dd>
      </dl>
      <div>
        <Text weight="semibold" block data-figure="issues">
          {t.issuesTitle(formatCount(outcome.issues.length, lang))}
        </Text>
        {shown.length > 0 && (
          <ul className={styles.list}>
            {shown.map((issue, i) => (
              <li key={i}>
                <Caption1>
                  {t.issueRow(issue.row)}
                  {issue.column ? ` · ${issue.column}` : ""}: {describeIssue(issue.issue, lang)}
                </Caption1>
              </li>
            ))}
          </ul>
        )}
        {outcome.issues.length > shown.length && <Caption1>{t.moreIssues(formatCount(outcome.issues.length - shown.length, lang), issuesSheet)}</Caption1>}
      </div>
      <div>
        <Text weight="semibold" block>
          {t.sheetsWritten}
        </Text>
        <Caption1 block data-figure="sheets">
          {outcome.sheets.map((s) => s.name).join(" · ")}
        </Caption1>
      </div>
    </section>
  );
}
