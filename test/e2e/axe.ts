/*
 * axe-core in a Playwright page: inject the installed axe.min.js and run it on the page as it is
 * now. The pane's page has a Content-Security-Policy without 'unsafe-inline', so an inline
 * <script> (page.addScriptTag({ content })) may be refused; then the same source is evaluated
 * through the DevTools protocol, which the policy does not govern.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(path.resolve(__dirname, "../../node_modules/axe-core/axe.min.js"), "utf8");

export type AxeImpact = "minor" | "moderate" | "serious" | "critical";

/** One rule that failed, with where (CSS selectors) and what axe says to fix. */
export interface AxeFinding {
  id: string;
  impact: AxeImpact | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

async function injectAxe(page: Page): Promise<void> {
  const present = () => page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  if (await present()) return;
  await page.addScriptTag({ content: AXE_SOURCE }).catch(() => undefined);
  if (!(await present())) await page.evaluate(AXE_SOURCE);
  if (!(await present())) throw new Error("axe-core could not be injected into the page");
}

/** Every violation axe finds on the page (WCAG 2.x A and AA rules and axe's best practices). */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  await injectAxe(page);
  // colours in the middle of a CSS transition (a button's hover fade) are not what a reader sees
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            options: object,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), html: n.html.slice(0, 300), summary: n.failureSummary ?? "" })),
    }));
  }) as Promise<AxeFinding[]>;
}

/** The violations a user is blocked by: serious and critical ones. */
export function blocking(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((f) => f.impact === "serious" || f.impact === "critical");
}

/** One line per finding, for a test's failure message and the log. */
export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings
    .map(
      (f) =>
        `${f.impact ?? "?"} ${f.id}: ${f.help} (${f.nodes.length}: ${f.nodes
          .slice(0, 3)
          .map((n) => `${n.target} ${n.html} — ${n.summary}`)
          .join("; ")})`,
    )
    .join("\n");
}
