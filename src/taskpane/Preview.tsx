/*
 * What a run will write, read from the prepared run and nothing else: every figure here is the
 * one the sheets will hold (the prepared run's preview: run.ts previewOf), only formatted for the reader.
 */
import {
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
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
import { PARETO_TOP_FRACTION, PARETO_VALUE_SHARE } from "../core/pareto";
import { QUADRANT_LABELS } from "../core/quadrant";
import { PREVIEW_ISSUES, type RunPreview } from "../workbook/run";
import { strings } from "./strings";

/** How many Data issues the preview lists; the sheet holds them all. */
export const ISSUES_SHOWN = PREVIEW_ISSUES;

export interface PreviewProps {
  lang: Lang;
  prepared: RunPreview;
  /** the run was written since: the preview no longer says nothing has been */
  written?: boolean;
}

const useStyles = makeStyles({
  preview: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  figures: { display: "grid", gridTemplateColumns: "1fr auto", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  matrix: { width: "100%", borderCollapse: "collapse", tableLayout: "fixed" },
  matrixCell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalXS, verticalAlign: "top", overflowWrap: "anywhere" },
  curve: { width: "100%", height: "auto", maxWidth: "360px" },
});

export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang, { maximumFractionDigits: 0 });
}

export function formatPercent(x: number | null, lang: Lang): string {
  return x === null ? strings[lang].workbench.notAvailable : x.toLocaleString(lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function Groups({
  title,
  placed,
  unplaced,
  lang,
  name,
}: {
  title: string;
  placed: readonly GroupFigure[];
  unplaced: GroupFigure | null;
  lang: Lang;
  name: string;
}) {
  const t = strings[lang].workbench;
  const styles = useStyles();
  if (placed.length === 0) return null;
  // as on the Summary: the clients the model could not place are a line, so the counts add up
  const groups = unplaced ? [...placed, unplaced] : placed;
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

/** The quadrant matrix as the Summary lays it out: willingness up, ability across. */
function Matrix({ prepared, lang }: { prepared: RunPreview; lang: Lang }) {
  const t = strings[lang].steps;
  const styles = useStyles();
  const r = prepared.figures;
  if (r.quadrants.length === 0) return null;
  const cell = (q: "pamper" | "cultivate" | "maintain" | "develop") => {
    const g = r.quadrants.find((x) => x.quadrant === q);
    return (
      <td className={styles.matrixCell} data-quadrant={q}>
        <Text weight="semibold" block>
          {QUADRANT_LABELS[prepared.lang][q]}
        </Text>
        <Caption1 block>
          {formatCount(g?.count ?? 0, lang)} · {formatCount(g?.value ?? 0, lang)}
        </Caption1>
      </td>
    );
  };
  return (
    <table className={styles.matrix} aria-label={t.matrix}>
      <caption>
        <Text weight="semibold">{t.matrix}</Text>
      </caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{t.lowAbility}</th>
          <th scope="col">{t.highAbility}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t.highWillingness}</th>
          {cell("maintain")}
          {cell("pamper")}
        </tr>
        <tr>
          <th scope="row">{t.lowWillingness}</th>
          {cell("develop")}
          {cell("cultivate")}
        </tr>
      </tbody>
    </table>
  );
}

/** The tier moves since the last run: the Summary's line, and the from-to matrix of the Changes sheet in clients. */
function SinceLast({ prepared, lang }: { prepared: RunPreview; lang: Lang }) {
  const t = strings[lang].workbench;
  const styles = useStyles();
  const m = prepared.sinceLast;
  if (!m) return null;
  const f = (n: number) => formatCount(n, lang);
  const labels = m.tiers.labels.map((l) => l ?? t.notTiered);
  return (
    <section aria-label={t.sinceLastMatrix} data-figure="sinceLast">
      <Text block>{t.sinceLast(m.date, f(m.up), f(m.down), f(m.added), f(m.gone))}</Text>
      {labels.length > 0 ? (
        <table className={styles.matrix} aria-label={t.sinceLastMatrix}>
          <caption>
            <Caption1>{t.sinceLastMatrix}</Caption1>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.fromTo}</th>
              {labels.map((l) => (
                <th key={l} scope="col">
                  {l}
                </th>
              ))}
              <th scope="col">{t.goneClients}</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((l, a) => (
              <tr key={l}>
                <th scope="row">{l}</th>
                {m.tiers.clients[a].map((n, b) => (
                  <td key={b} className={`${styles.matrixCell} ${styles.number}`}>
                    {f(n)}
                  </td>
                ))}
                <td className={`${styles.matrixCell} ${styles.number}`}>{f(m.tiers.goneClients[a])}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t.newClients}</th>
              {m.tiers.newClients.map((n, b) => (
                <td key={b} className={`${styles.matrixCell} ${styles.number}`}>
                  {f(n)}
                </td>
              ))}
              <td />
            </tr>
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** The Pareto (Lorenz) curve drawn in the pane: share of clients across, cumulative share of value up, 20% and 80% marked. */
function Curve({ prepared, lang }: { prepared: RunPreview; lang: Lang }) {
  const t = strings[lang].steps;
  const styles = useStyles();
  const points = prepared.figures.curve;
  if (points.length === 0) return <Caption1>{t.noValue}</Caption1>;
  const r = prepared.figures;
  const W = 300,
    H = 180,
    L = 34,
    B = 24,
    T = 8,
    R = 8;
  const x = (f: number) => L + f * (W - L - R);
  const y = (f: number) => H - B - f * (H - B - T);
  const path = points.map(([a, b], i) => `${i === 0 ? "M" : "L"}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(" ");
  const description = t.curveDescription(formatPercent(r.topShare, lang), formatPercent(r.cutoff, lang));
  const ink = tokens.colorNeutralForeground2;
  return (
    <figure style={{ margin: 0 }}>
      <Text weight="semibold" block>
        {t.curveTitle}
      </Text>
      <svg className={styles.curve} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={description} data-figure="curve">
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(0)} stroke={ink} />
        <line x1={x(0)} y1={y(0)} x2={x(0)} y2={y(1)} stroke={ink} />
        {[0, 0.5, 1].map((f) => (
          <text key={f} x={x(0) - 4} y={y(f) + 4} fontSize="10" textAnchor="end" fill={ink}>
            {Math.round(f * 100)}%
          </text>
        ))}
        {[0, PARETO_TOP_FRACTION, 1].map((f) => (
          <text key={f} x={x(f)} y={H - 8} fontSize="10" textAnchor={f === 1 ? "end" : f === 0 ? "start" : "middle"} fill={ink}>
            {Math.round(f * 100)}%
          </text>
        ))}
        <line x1={x(PARETO_TOP_FRACTION)} y1={y(0)} x2={x(PARETO_TOP_FRACTION)} y2={y(1)} stroke={tokens.colorNeutralStroke1} strokeDasharray="3 3" />
        <line x1={x(0)} y1={y(PARETO_VALUE_SHARE)} x2={x(1)} y2={y(PARETO_VALUE_SHARE)} stroke={tokens.colorNeutralStroke1} strokeDasharray="3 3" />
        <path d={path} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth="2" />
      </svg>
      <Caption1 block>{description}</Caption1>
    </figure>
  );
}

export function Preview({ lang, prepared, written = false }: PreviewProps) {
  const t = strings[lang].workbench;
  const s = strings[lang].steps;
  const styles = useStyles();
  const r = prepared.figures;
  const shown = prepared.issues.slice(0, ISSUES_SHOWN);
  const issuesSheet = prepared.sheets.find((x) => x.key === "issues")?.name ?? "";
  return (
    <section className={styles.preview} aria-label={s.names.preview}>
      {!written && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{s.notWrittenYet}</MessageBarBody>
        </MessageBar>
      )}
      <Text>{t.clientsSegmented(formatCount(r.clients, lang), formatCount(r.rowsRead, lang))}</Text>
      <Groups title={t.byTier} placed={r.tiers} unplaced={r.unplaced.tiers} lang={lang} name="tiers" />
      <Groups title={t.byClass} placed={r.classes} unplaced={r.unplaced.classes} lang={lang} name="classes" />
      <Groups title={t.byQuadrant} placed={r.quadrants} unplaced={r.unplaced.quadrants} lang={lang} name="quadrants" />
      <Matrix prepared={prepared} lang={lang} />
      {prepared.rfm ? <Groups title={t.byRfm} placed={prepared.rfm} unplaced={null} lang={lang} name="rfm" /> : null}
      <SinceLast prepared={prepared} lang={lang} />
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
      <Curve prepared={prepared} lang={lang} />
      <div>
        <Text weight="semibold" block data-figure="issues">
          {t.issuesTitle(formatCount(prepared.issueCount, lang))}
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
        {prepared.issueCount > shown.length && <Caption1>{t.moreIssues(formatCount(prepared.issueCount - shown.length, lang), issuesSheet)}</Caption1>}
      </div>
      <div>
        <Text weight="semibold" block>
          {s.sheetsToWrite}
        </Text>
        <ul className={styles.list} data-figure="sheets">
          {prepared.sheets
            .filter((p) => prepared.output.includes(p.name))
            .map((p) => (
              <li key={p.key}>
                <Caption1>
                  {p.name}
                  {p.replace ? s.replaces : ""}
                </Caption1>
              </li>
            ))}
        </ul>
      </div>
    </section>
  );
}
