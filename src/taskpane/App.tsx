import {
  Badge,
  Body1,
  Caption1,
  Card,
  CardHeader,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  Title2,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { Lang } from "../core/lang";
import type { PaneHost } from "./office-host";
import { strings } from "./strings";
import { Workbench, type WorkbenchProps } from "./Workbench";

export interface AppProps {
  lang: Lang;
  version: string;
  /** undefined while Office.onReady has not answered yet */
  host?: PaneHost;
  /** what browser mode needs from the page: ExcelJS on demand, a way to save a file, today's date */
  browser?: Omit<WorkbenchProps, "lang">;
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

export function App({ lang, version, host, browser }: AppProps) {
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
          <Spinner size="tiny" label={t.detecting} />
        ) : host.kind === "office" ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              {t.insideOffice(host.host)} {t.insideOfficeHint}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {t.browserMode} {t.browserModeHint}
            </MessageBarBody>
          </MessageBar>
        )}

        {host?.kind === "browser" && browser ? <Workbench lang={lang} {...browser} /> : <Body1>{t.comingSoon}</Body1>}

        <section>
          <Subtitle2 as="h2">{t.functionsTitle}</Subtitle2>
          <ul className={styles.list}>
            {t.functions.map((fn) => (
              <li key={fn.name} className={styles.item}>
                <Card size="small">
                  <CardHeader header={<Text weight="semibold">{fn.name}</Text>} description={<Caption1>{fn.summary}</Caption1>} />
                  <Text size={200} className={styles.example}>
                    {t.exampleLabel}: <Text font="monospace" size={200}>{fn.example}</Text>
                  </Text>
                  <Text size={200}>
                    {t.resultLabel}: <Badge appearance="tint">{fn.result}</Badge>
                  </Text>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </FluentProvider>
  );
}
