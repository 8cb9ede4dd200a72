/*
 * Browser mode: open an .xlsx file (or the sample), choose the sheet, the output language and the run
 * date, segment, preview what was written and download it. The file handling is browser-run.ts; what
 * depends on the page (loading ExcelJS, saving a file, today's date) comes in as props.
 */
import {
  Button,
  Caption1,
  Card,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useRef, useState, type ChangeEvent } from "react";
import { describeIssue, type Issue } from "../core/issues";
import type { Lang } from "../core/lang";
import type { ExcelJsModule } from "../workbook/xlsx";
import {
  downloadResult,
  openSample,
  openWorkbook,
  readFileBytes,
  segmentBook,
  XLSX_MIME,
  type Finished,
  type OpenedBook,
  type Opened,
  type SaveFile,
} from "./browser-run";
import { Preview } from "./Preview";
import { strings } from "./strings";

export interface WorkbenchProps {
  /** UI language */
  lang: Lang;
  /** ExcelJS, loaded on first use (the page: a lazy import; tests: Node's copy) */
  loadExcelJs: () => Promise<ExcelJsModule>;
  save: SaveFile;
  /** the default run date, YYYY-MM-DD */
  today: string;
}

type LangChoice = "auto" | Lang;
type Busy = "opening" | "running" | "saving" | undefined;

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  hidden: { display: "none" },
});

export function Workbench({ lang, loadExcelJs, save, today }: WorkbenchProps) {
  const t = strings[lang].workbench;
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<Busy>();
  const [issue, setIssue] = useState<Issue>();
  const [book, setBook] = useState<OpenedBook>();
  const [sheet, setSheet] = useState("");
  const [outputLang, setOutputLang] = useState<LangChoice>("auto");
  const [asOf, setAsOf] = useState(today);
  const [finished, setFinished] = useState<Extract<Finished, { ok: true }>>();

  const opened = (result: Opened) => {
    setFinished(undefined);
    if (!result.ok) {
      setBook(undefined);
      setIssue(result.issue);
      return;
    }
    setIssue(undefined);
    setBook(result.book);
    setSheet(result.book.defaultSheet ?? "");
  };

  const withExcelJs = async (phase: Busy, job: (exceljs: ExcelJsModule) => Promise<void>) => {
    setBusy(phase);
    try {
      await job(await loadExcelJs());
    } catch (err) {
      // loading the ExcelJS chunk failed (the page's server went away): say so, never a stack trace
      setIssue({ code: "unreadable", params: { value: err instanceof Error ? err.message : String(err) } });
    } finally {
      setBusy(undefined);
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again opens it again
    if (!file) return;
    void withExcelJs("opening", async (exceljs) => opened(await openWorkbook(exceljs, await readFileBytes(file), file.name)));
  };

  const onSample = () => void withExcelJs("opening", async (exceljs) => opened(await openSample(exceljs, t.sampleName)));

  const onSegment = () => {
    if (!book) return;
    void withExcelJs("running", async (exceljs) => {
      const result = await segmentBook(exceljs, book, { sheet: sheet || undefined, lang: outputLang === "auto" ? undefined : outputLang, asOf });
      if (result.ok) {
        setIssue(undefined);
        setFinished(result);
      } else {
        setFinished(undefined);
        setIssue(result.issue);
      }
    });
  };

  const onDownload = async () => {
    if (!finished) return;
    setBusy("saving");
    try {
      const saved = await downloadResult(finished, save);
      if (!saved.ok) setIssue(saved.issue);
    } finally {
      setBusy(undefined);
    }
  };

  const working = busy !== undefined;
  return (
    <Card className={styles.card} aria-labelledby="workbench-title">
      <Subtitle2 as="h2" id="workbench-title">
        {t.title}
      </Subtitle2>
      <Caption1>{t.intro}</Caption1>

      <div className={styles.row}>
        <Button appearance={book ? "secondary" : "primary"} disabled={working} onClick={() => fileInput.current?.click()}>
          {t.openFile}
        </Button>
        <Button disabled={working} onClick={onSample}>
          {t.trySample}
        </Button>
        <input
          ref={fileInput}
          className={styles.hidden}
          type="file"
          accept={`.xlsx,${XLSX_MIME}`}
          aria-label={t.fileInputLabel}
          onChange={onFile}
        />
      </div>

      {busy === "opening" && <Spinner size="tiny" label={t.loading} />}

      {issue && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
            {describeIssue(issue, lang)}
          </MessageBarBody>
        </MessageBar>
      )}

      {book && (
        <>
          <Text>{t.opened(book.name, book.sheetNames.length)}</Text>
          {!book.hasClientTable && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{t.noClientTable}</MessageBarBody>
            </MessageBar>
          )}
          <Field label={t.sheetLabel}>
            <Select value={sheet} disabled={working} onChange={(_e, data) => setSheet(data.value)}>
              {book.sheetNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.langLabel}>
            <Select value={outputLang} disabled={working} onChange={(_e, data) => setOutputLang(data.value as LangChoice)}>
              <option value="auto">{t.langAuto}</option>
              <option value="zh-CN">中文</option>
              <option value="en-US">English</option>
            </Select>
          </Field>
          <Field label={t.asOfLabel}>
            <Input type="date" value={asOf} disabled={working} required onChange={(_e, data) => setAsOf(data.value)} />
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" disabled={working || asOf === ""} onClick={onSegment}>
              {t.segment}
            </Button>
            {busy === "running" && <Spinner size="tiny" label={t.running} />}
          </div>
        </>
      )}

      {finished && (
        <>
          <Preview lang={lang} outcome={finished.outcome} />
          <div className={styles.row}>
            <Button appearance="primary" disabled={working} onClick={() => void onDownload()}>
              {t.download}
            </Button>
            {busy === "saving" ? <Spinner size="tiny" label={t.saving} /> : <Caption1>{t.downloadHint(finished.fileName)}</Caption1>}
          </div>
        </>
      )}
    </Card>
  );
}
