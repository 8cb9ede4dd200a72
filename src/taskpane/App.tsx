import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Caption1,
  Card,
  CardHeader,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Title2,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { Lang } from "../core/lang";
import type { WorkbookHost } from "../workbook/port";
import type { ReplaceClientFormulas } from "../workbook/share";
import type { PaneHost } from "./office-host";
import { Pane } from "./Pane";
import { ShareSection } from "./ShareSection";
import { strings } from "./strings";
import { Workbench, type WorkbenchProps } from "./Workbench";

export interface AppProps {
  lang: Lang;
  version: string;
  /** undefined while Office.onReady has not answered yet */
  host?: PaneHost;
  /** Office.onReady is taking long inside Office */
  waiting?: boolean;
  /** what browser mode needs from the page: a way to open books (a Web Worker), to save a file, today's date */
  browser?: Omit<WorkbenchProps, "lang">;
  /** inside Excel: the workbook host (ExcelHost over Excel.run), the run date and the display language */
  excel?: { host: WorkbookHost; today: string; displayLang: Lang; share?: ReplaceClientFormulas };
}

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  item: { listStyleType: "none" },
  example: { wordBreak: "break-all" },
});

export function App({ lang, version, host, waiting, browser, excel }: AppProps) {
  const t = strings[lang];
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
      <main className={styles.page}>
        <header className={styles.header}>
          <Title2 as="h1">{t.productName}</Title2>
          <Caption1>
            {t.productSubtitle} · {t.version(version)}
          </Caption1>
        </header>

        {host === undefined ? (
          <Spinner size="tiny" label={waiting ? t.waitingForExcel : t.detecting} />
        ) : host.kind === "browser" ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {t.browserMode} {t.browserModeHint}
            </MessageBarBody>
          </MessageBar>
        ) : null}

        {host?.kind === "office" && excel && (
          <Pane lang={lang} host={excel.host} env={{ lang, today: excel.today, displayLang: excel.displayLang }} mode="excel" />
        )}
        {host?.kind === "browser" && browser && <Workbench lang={lang} {...browser} />}

        <Accordion collapsible>
          {host?.kind === "office" && excel?.share && (
            <AccordionItem value="share">
              <AccordionHeader as="h2">{t.share.title}</AccordionHeader>
              <AccordionPanel>
                <ShareSection lang={lang} replace={excel.share} />
              </AccordionPanel>
            </AccordionItem>
          )}
          <AccordionItem value="functions">
            <AccordionHeader as="h2">{t.steps.help}</AccordionHeader>
            <AccordionPanel>
              {host?.kind === "office" && <Caption1 block>{t.insideOfficeHint}</Caption1>}
              <ul className={styles.list}>
                {t.functions.map((fn) => (
                  <li key={fn.name} className={styles.item}>
                    <Card size="small">
                      <CardHeader header={<Text weight="semibold">{fn.name}</Text>} description={<Caption1>{fn.summary}</Caption1>} />
                      <Text size={200} className={styles.example}>
                        {t.exampleLabel}:{" "}
                        <Text font="monospace" size={200}>
                          {fn.example}
                        </Text>
                      </Text>
                      <Text size={200}>
                        {t.resultLabel}: <Badge appearance="tint">{fn.result}</Badge>
                      </Text>
                    </Card>
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      </main>
    </FluentProvider>
  );
}
