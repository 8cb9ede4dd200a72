/*
 * The Columns step: for each field the models read, the column the run will use (the header match,
 * with the manager's choices put in its place exactly as the run does), why, and what a missing
 * column turns off. A choice is written to the draft; "(automatic)" removes it.
 */
import { Badge, Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { useId, type ReactNode } from "react";
import { explainHeader, type ClientField, type HeaderMatch } from "../../core/columns";
import type { RunConfig } from "../../core/config";
import { overrideColumns } from "../../core/read-clients";
import type { Lang } from "../../core/lang";
import { REVIEW_INDICATORS } from "../../core/score";
import { textOf } from "../../core/values";
import type { ModelDraft } from "../draft";
import type { TableRead } from "../pane-state";
import { stepStrings, type ColumnGroup, type ColumnsStepStrings } from "../strings-models";
import type { StepProps } from "./types";

/** The fields the models and plans read, grouped as a manager scans them. */
export const COLUMN_GROUPS: readonly { group: ColumnGroup; fields: readonly ClientField[] }[] = [
  { group: "identity", fields: ["id", "name", "owner"] },
  { group: "value", fields: ["value"] },
  { group: "review", fields: REVIEW_INDICATORS },
  { group: "quadrant", fields: ["ability", "willingness"] },
  { group: "dates", fields: ["birthDate", "policyDate", "renewalDate", "lastContact"] },
  { group: "quarterly", fields: ["frequency", "renewed"] },
];

/** How much a model that is on depends on a field: "off" when its only model is off. */
export type FieldNeed = "needed" | "optional" | "off";

export function needOf(field: ClientField, draft: ModelDraft): FieldNeed {
  if (field === "value") return draft.ladder.on ? "needed" : "optional";
  if ((REVIEW_INDICATORS as readonly ClientField[]).includes(field)) return draft.review.on ? "needed" : "off";
  if (field === "ability" || field === "willingness") return draft.quadrant.on ? "needed" : "off";
  return "optional";
}

/** The column a field gets in a run of this draft, and what else the header row offers for it. */
export interface FieldColumn {
  field: ClientField;
  used?: HeaderMatch;
  /** the column was chosen in the draft */
  chosen: boolean;
  /** a header chosen in the draft that this header row does not have */
  chosenMissing?: string;
  /** other columns whose header names the field, left unused */
  alsoFound: string[];
  /** the detected column of this field, given to another field by a choice */
  takenBy?: { header: string; field: ClientField };
}

/** The run's own column mapping (core overrideColumns) for the draft's choices over the table's header. */
export function fieldColumns(table: TableRead, draft: ModelDraft): Map<ClientField, FieldColumn> {
  const out = new Map<ClientField, FieldColumn>();
  const found = table.header;
  if (!found) return out;
  const header = table.block.cells[found.row] ?? [];
  const chosen = Object.fromEntries(Object.entries(draft.columns).filter(([, h]) => h)) as Partial<Record<ClientField, string>>;
  const missing = new Map<ClientField, string>();
  const config: RunConfig = { version: 1, columns: chosen };
  const used = overrideColumns(found.columns, header, config, (field, text) => missing.set(field, text));
  const usedColumns = new Set(used.map((c) => c.column));
  for (const group of COLUMN_GROUPS)
    for (const field of group.fields) {
      const match = used.find((c) => c.field === field);
      const detected = found.columns.find((c) => c.field === field);
      const taker = !match && detected ? used.find((c) => c.column === detected.column) : undefined;
      out.set(field, {
        field,
        ...(match ? { used: match } : {}),
        chosen: chosen[field] !== undefined && !missing.has(field),
        ...(missing.has(field) ? { chosenMissing: missing.get(field) } : {}),
        alsoFound: [...found.columns, ...found.duplicates].filter((c) => c.field === field && !usedColumns.has(c.column)).map((c) => c.header),
        ...(taker ? { takenBy: { header: detected!.header, field: taker.field } } : {}),
      });
    }
  return out;
}

const useStyles = makeStyles({
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0, margin: 0 },
  heading: { margin: 0 },
  label: { display: "inline-flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  select: { width: "100%", minWidth: 0, maxWidth: "100%" },
  hint: { display: "flex", flexDirection: "column", overflowWrap: "anywhere" },
});

function reasonOf(c: FieldColumn, t: ColumnsStepStrings, lang: Lang): string[] {
  if (!c.used) return [];
  const lines: string[] = [];
  const why = explainHeader(c.used.header);
  if (c.chosen) lines.push(t.chosenByYou);
  else if (why?.how === "synonym") lines.push(t.knownName(why.synonyms.join(t.listSeparator)));
  else if (why?.how === "qualified") lines.push(t.qualified(why.synonyms.join(t.listSeparator)));
  else if (why?.how === "bilingual") lines.push(t.bilingual(why.synonyms.map((s) => `“${s}”`).join(t.listSeparator)));
  // the multiplier is the run's own (HeaderMatch); the unit's name comes from the header
  if (c.used.unitMultiplier !== 1) lines.push(t.unitApplied(why?.unit ?? "", c.used.unitMultiplier.toLocaleString(lang)));
  else if (why?.unit) lines.push(t.unitAsIs(why.unit));
  return lines;
}

function withoutOf(field: ClientField, columns: Map<ClientField, FieldColumn>, draft: ModelDraft, t: ColumnsStepStrings): string | undefined {
  const w = t.without;
  const has = (f: ClientField) => columns.get(f)?.used !== undefined;
  switch (field) {
    case "id":
      return has("name") ? w.id : w.idAndName;
    case "name":
      return has("id") ? w.name : w.idAndName;
    case "owner":
      return w.owner;
    case "value":
      return draft.ladder.on ? w.valueLadder : w.valuePareto;
    case "ability":
    case "willingness":
      return draft.quadrant.on ? w.quadrant : undefined;
    case "birthDate":
    case "policyDate":
    case "renewalDate":
    case "lastContact":
    case "frequency":
    case "renewed":
      return w[field];
    default:
      return draft.review.on ? w.review : undefined;
  }
}

interface FieldRowProps {
  field: ClientField;
  column: FieldColumn;
  columns: Map<ClientField, FieldColumn>;
  headers: string[];
  lang: Lang;
  state: StepProps["state"];
  actions: StepProps["actions"];
}

function FieldRow({ field, column, columns, headers, lang, state, actions }: FieldRowProps) {
  const t = stepStrings[lang].columns;
  const styles = useStyles();
  const need = needOf(field, state.draft);
  const choice = state.draft.columns[field] ?? "";
  const hint: ReactNode[] = [];
  if (column.used) {
    hint.push(t.column(column.used.header));
    hint.push(...reasonOf(column, t, lang));
  } else {
    hint.push(t.noColumn);
    if (column.takenBy) hint.push(t.takenBy(column.takenBy.header, t.fields[column.takenBy.field]));
  }
  if (column.alsoFound.length > 0) hint.push(t.alsoFound(column.alsoFound.map((h) => `“${h}”`).join(t.listSeparator)));

  const messages: string[] = [];
  if (column.chosenMissing) messages.push(t.overrideMissing(column.chosenMissing));
  const without = column.used ? undefined : withoutOf(field, columns, state.draft, t);
  if (without) messages.push(without);
  const bothIdsMissing = (field === "id" || field === "name") && without === t.without.idAndName;
  const validationState = bothIdsMissing ? "error" : column.chosenMissing || (without && need === "needed") ? "warning" : "none";

  const onChange = (header: string) =>
    actions.edit((d) => {
      const rest = Object.fromEntries(Object.entries(d.columns).filter(([f]) => f !== field));
      return { ...d, columns: header === "" ? rest : { ...rest, [field]: header } };
    });

  const badge = need === "needed" ? t.needed : need === "optional" ? t.optional : t.modelOff;
  return (
    <Field
      label={{
        children: (
          <span className={styles.label}>
            <span>{t.fields[field]}</span>
            <Badge appearance="tint" size="small" color={need === "needed" ? "brand" : "informative"}>
              {badge}
            </Badge>
          </span>
        ),
      }}
      hint={{
        children: (
          <span className={styles.hint} data-testid={`column-${field}`}>
            {hint.map((line, i) => (
              <span key={i}>{line}</span>
            ))}
          </span>
        ),
      }}
      validationState={messages.length > 0 ? validationState : "none"}
      validationMessage={messages.length > 0 ? messages.join(" ") : undefined}
    >
      <Select className={styles.select} value={choice} onChange={(_, data) => onChange(data.value)}>
        <option value="">{t.automatic}</option>
        {choice !== "" && !headers.includes(choice) ? <option value={choice}>{t.notInTable(choice)}</option> : null}
        {headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function ColumnsStep({ lang, state, actions }: StepProps) {
  const t = stepStrings[lang].columns;
  const styles = useStyles();
  const id = useId();
  const table = state.table;
  if (!table?.header) return <Text block>{t.noTable}</Text>;
  const headerCells = table.block.cells[table.header.row] ?? [];
  const headers = [...new Set(headerCells.map(textOf).filter((h) => h !== ""))];
  const columns = fieldColumns(table, state.draft);
  return (
    <div className={styles.step}>
      <Text block>{t.intro}</Text>
      <Text block size={200}>
        {t.headerRow(table.block.firstRow + table.header.row)}
      </Text>
      {COLUMN_GROUPS.map(({ group, fields }) => (
        <section key={group} className={styles.group} aria-labelledby={`${id}-${group}`}>
          <Text as="h3" id={`${id}-${group}`} weight="semibold" size={400} className={styles.heading}>
            {t.groups[group]}
          </Text>
          {fields.map((field) => (
            <FieldRow key={field} field={field} column={columns.get(field)!} columns={columns} headers={headers} lang={lang} state={state} actions={actions} />
          ))}
        </section>
      ))}
    </div>
  );
}
