// axe-core in a playwright-core page: the page checks fail on its critical and serious findings and
// bench/axe-report.ts counts them. axe-core is injected as a script because @axe-core/playwright
// wants Node 22 and movielab supports Node 20.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import type {Page} from "playwright-core";

/** The WCAG 2.0 and 2.1 level A and AA rules (issue 18: the bar every page must meet). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Impacts that fail a page; moderate and minor ones are reported only. */
export const FAILING_IMPACTS = new Set(["critical", "serious"]);

const require = createRequire(import.meta.url);
let source: string | undefined;

/** axe-core's version as installed (e.g. "4.14.1"). */
export function axeVersion(): string {
  return (require("axe-core/package.json") as {version: string}).version;
}

/** One rule that failed on a page: its impact and the CSS selectors of the offending nodes. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  /** One selector per node (a node inside a shadow root or iframe joins its path with " >> "). */
  targets: string[];
}

/** Runs axe-core once on the page as it is now (cells settled) and returns its violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  source ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated rather than added as a <script>, so the page's DOM is left as axe should find it.
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(source);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as {axe: typeof import("axe-core")}).axe;
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(" > ") : String(t))).join(" >> "))
    }));
  }, AXE_TAGS);
}

/** Problem lines for the critical and serious violations of one page view, each with a selector. */
export function axeProblems(violations: readonly AxeViolation[], where: string): string[] {
  return violations
    .filter((v) => FAILING_IMPACTS.has(v.impact))
    .map(
      (v) => `axe ${v.impact} ${v.id} (${where}): ${v.help}; ${v.targets.length} node(s), e.g. ${v.targets[0] ?? "?"}`
    );
}

/** One line per moderate or minor rule summed over page views: "rule (impact): N nodes on M views". */
export function axeMinorReport(views: readonly (readonly AxeViolation[])[]): string[] {
  const byRule = new Map<string, {impact: string; nodes: number; views: number}>();
  for (const violations of views)
    for (const v of violations) {
      if (FAILING_IMPACTS.has(v.impact)) continue;
      const r = byRule.get(v.id) ?? {impact: v.impact, nodes: 0, views: 0};
      r.nodes += v.targets.length;
      r.views += 1;
      byRule.set(v.id, r);
    }
  return [...byRule].map(([id, r]) => `${id} (${r.impact}): ${r.nodes} node(s) on ${r.views} page view(s)`);
}

/** Every moderate and minor finding of the page views checked so far by axeCheck, for axeSummary. */
const minorViews: AxeViolation[][] = [];

/**
 * The page checks' axe step: runs axe once on the settled page and returns a problem line for each
 * critical or serious rule (`where` names the page, theme and width); the others are kept for axeSummary.
 */
export async function axeCheck(page: Page, where: string): Promise<string[]> {
  try {
    const violations = await runAxe(page);
    minorViews.push(violations.filter((v) => !FAILING_IMPACTS.has(v.impact)));
    return axeProblems(violations, where);
  } catch (error) {
    return [`axe did not run (${where}): ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`];
  }
}

/** The short report of the moderate and minor rules over every page view axeCheck saw (none: empty). */
export function axeSummary(): string[] {
  return axeMinorReport(minorViews);
}
