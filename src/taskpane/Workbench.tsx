/*
 * Browser mode: the pane's steps on an .xlsx file. Before them, "open a file / the sample"; after
 * them, "download". The file is a workbook host (the package host, in a Web Worker of this page): the
 * steps run on it as they run on a workbook in Excel, and nothing leaves the machine.
 */
import { Button, Caption1, Card, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { describeIssue, type Issue } from "../core/issues";
import type { Lang } from "../core/lang";
import type { BookOpener, OpenedBook } from "../workbook/package/worker";
import { baseName, downloadResult, openFile, openSample, readFileBytes, resultFileName, XLSX_MIME, type OpenResult, type SaveFile } from "./browser-run";
import { Pane } from "./Pane";
import { strings } from "./strings";

export interface WorkbenchProps {
  /** UI language */
  lang: Lang;
  /** opens files and the sample as workbook hosts (the page: one Web Worker per book; tests: in-process) */
  books: BookOpener;
  save: SaveFile;
  /** the default run date, YYYY-MM-DD */
  today: string;
}

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  hidden: { display: "none" },
});

export function Workbench({ lang, books, save, today }: WorkbenchProps) {
  const t = strings[lang].workbench;
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const [opening, setOpening] = useState(false);
  const [issue, setIssue] = useState<Issue>();
  const [book, setBook] = useState<{ host: OpenedBook; name: string; sheets: number; id: number; macroEnabled: boolean }>();
  const opened = useRef(0);
  // the book on show; the one before it is closed (its worker ended) when another opens or the page goes
  const current = useRef<OpenedBook>(undefined);
  useEffect(() => () => current.current?.close(), []);

  const open = async (how: () => Promise<OpenResult>, name: string, macroEnabled = false) => {
    setOpening(true);
    setIssue(undefined);
    try {
      const result = await how();
      if (!result.ok) return setIssue(result.issue);
      let sheets: number;
      try {
        sheets = (await result.host.open()).sheetNames.length;
      } catch (err) {
        result.host.close();
        throw err;
      }
      current.current?.close();
      current.current = result.host;
      setBook({ host: result.host, name, sheets, id: ++opened.current, macroEnabled });
    } catch (err) {
      // the file could not be read from the disk, or the worker stopped: say so, never a stack trace
      setIssue({ code: "unreadable", params: { value: err instanceof Error ? err.message : String(err) } });
    } finally {
      setOpening(false);
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again opens it again
    if (file) void open(async () => openFile(books, await readFileBytes(file)), baseName(file.name), /\.xlsm$/i.test(file.name));
  };

  const onSample = () => void open(() => openSample(books), t.sampleName);

  return (
    <Card className={styles.card} aria-labelledby="workbench-title">
      <Subtitle2 as="h2" id="workbench-title">
        {t.title}
      </Subtitle2>
      <Caption1>{t.intro}</Caption1>
      <div className={styles.row}>
        <Button appearance={book ? "secondary" : "primary"} disabled={opening} onClick={() => fileInput.current?.click()}>
          {t.openFile}
        </Button>
        <Button disabled={opening} onClick={onSample}>
          {t.trySample}
        </Button>
        <input ref={fileInput} className={styles.hidden} type="file" accept={`.xlsx,.xlsm,${XLSX_MIME}`} aria-label={t.fileInputLabel} onChange={onFile} />
      </div>
      {opening && <Spinner size="tiny" label={t.loading} />}
      {issue && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
            {describeIssue(issue, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
      {book && <Text data-opened={book.name}>{t.opened(book.name, book.sheets)}</Text>}
      {book && (
        // a new file is a new pane: nothing of the last file's steps carries over
        <Pane
          key={book.id}
          lang={lang}
          host={book.host}
          env={{ lang, today, fileName: book.name }}
          mode="browser"
          download={(state, actions) => {
            if (!state.generated || !state.prepared) return null;
            const fileName = resultFileName(book.name, state.prepared.lang, book.macroEnabled);
            return (
              <div className={styles.row}>
                <Button
                  appearance="primary"
                  disabled={state.busy !== undefined}
                  onClick={async () => {
                    const saved = await downloadResult(book.host, fileName, save);
                    if (saved.ok) actions.downloaded(fileName);
                    else actions.failed(saved.issue);
                  }}
                >
                  {t.download}
                </Button>
                <Caption1>{state.downloaded ? t.downloadHint(state.downloaded) : t.downloadHint(fileName)}</Caption1>
              </div>
            );
          }}
        />
      )}
    </Card>
  );
}
