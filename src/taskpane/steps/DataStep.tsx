/*
 * Data: which client table. The table or block under the selection (Excel), or a sheet from the list,
 * each marked by whether its first rows hold a client table header; then the table's size and first rows.
 */
import { Badge, Button, Caption1, Field, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Text, tokens } from "@fluentui/react-components";
import { shownValue } from "../../core/values";
import { formatCount } from "../Preview";
import { strings } from "../strings";
import type { StepProps } from "./types";

/** Rows and columns of the table shown on the Data step. */
const SHOWN_ROWS = 4;
const SHOWN_COLUMNS = 6;

const useStyles = makeStyles({
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  sheet: { display: "flex", flexDirection: "column" },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  grid: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    whiteSpace: "nowrap",
    maxWidth: "10em",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

export function sourceLabel(source: { sheet?: string; table?: string; selection?: boolean }, address?: string): string {
  return source.table ?? source.sheet ?? address ?? "";
}

export function DataStep({ lang, state, actions, canSelect }: StepProps & { canSelect: boolean }) {
  const t = strings[lang].steps;
  const styles = useStyles();
  const { book, table } = state;
  if (!book) return null;
  const working = state.busy !== undefined;
  const chosenSheet = table?.source.sheet ?? "";
  const header = table?.header;
  const width = table?.width ?? 0;
  const shown = header && table ? table.block.cells.slice(header.row, header.row + 1 + SHOWN_ROWS) : [];
  return (
    <div className={styles.step}>
      <Caption1>{t.dataIntro}</Caption1>
      {book.saved && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.settingsLoaded(book.saved.lastRun ?? "")}</MessageBarBody>
        </MessageBar>
      )}
      {book.settingsProblem && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t.settingsIgnored}</MessageBarBody>
        </MessageBar>
      )}
      {canSelect && (
        <div className={styles.row}>
          <Button disabled={working} onClick={actions.useSelection}>
            {t.useSelection}
          </Button>
          <Caption1>{t.useSelectionHint}</Caption1>
        </div>
      )}
      <Field label={t.sheetList}>
        <RadioGroup value={chosenSheet} disabled={working} onChange={(_e, data) => actions.chooseSource({ sheet: data.value })}>
          {book.sheets.map((s) => (
            <Radio
              key={s.name}
              value={s.name}
              label={
                <span className={styles.sheet}>
                  <Text>{s.name}</Text>
                  <Caption1>
                    {t.sheetSize(formatCount(s.rows, lang), formatCount(s.columns, lang))}{" "}
                    {s.fields >= 2 ? (
                      <Badge appearance="tint" color="success" size="small">
                        {t.looksLikeClients(s.fields)}
                      </Badge>
                    ) : (
                      `· ${t.notClients}`
                    )}
                  </Caption1>
                </span>
              }
            />
          ))}
        </RadioGroup>
      </Field>
      {table && (
        <section aria-label={t.tableFrom(sourceLabel(table.source, table.block.source))} data-table-source={sourceLabel(table.source, table.block.source)}>
          <Text weight="semibold" block>
            {t.tableFrom(sourceLabel(table.source, table.block.source))}
          </Text>
          {header ? (
            <>
              <Caption1 block data-figure="tableSize">
                {t.tableSize(formatCount(table.rows - header.row - 1, lang), formatCount(width, lang), table.block.firstRow + header.row)}
              </Caption1>
              <Caption1 block>{t.firstRows}</Caption1>
              {/* keyboard users scroll a wide table with the arrow keys once it has focus */}
              <div className={styles.scroll} tabIndex={0} role="region" aria-label={t.firstRows}>
                <table className={styles.grid}>
                  <tbody>
                    {shown.map((row, r) => (
                      <tr key={r}>
                        {Array.from({ length: Math.min(width, SHOWN_COLUMNS) }, (_, c) =>
                          r === 0 ? (
                            <th key={c} scope="col" className={styles.cell}>
                              {shownValue(row[c])}
                            </th>
                          ) : (
                            <td key={c} className={styles.cell}>
                              {shownValue(row[c])}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{t.noHeader}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
    </div>
  );
}
