/**
 * axe-core (injected from node_modules; @axe-core/playwright needs Node 22) on the widget's host page,
 * examples/embed-host, served as the embed test serves it: `<movielab-predict>` from a model bundle, from
 * the API and in visitor mode, light and dark (prefers-color-scheme), at 1280 and 375 px, first as
 * loaded, then with a prediction shown, a rating given and a search's listbox open. WCAG 2.0/2.1 A and
 * AA rules; any critical or serious violation fails, and the counts per rule are printed
 * (`widget-axe: {...}`) for the record. Needs the built site; skips without it or Chromium, except in CI.
 */
import {createRequire} from "node:module";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchChromium} from "../browser/chromium.js";
import {watchPage} from "../browser/watch-page.js";
import {EMBED_READY, startEmbedHost, type EmbedHost} from "./embed-host-servers.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  nodes: AxeNode[];
}

/** Runs axe on the whole page (open shadow roots included): its violations, and the rules it could not decide ("needs review"). */
async function axe(page: Page): Promise<{violations: AxeViolation[]; incomplete: AxeViolation[]}> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({path: AXE});
  return page.evaluate(async (tags) => {
    type Result = {violations: AxeViolation[]; incomplete: AxeViolation[]};
    const {axe} = window as unknown as {axe: {run(ctx: unknown, o: unknown): Promise<Result>}};
    const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    const plain = (vs: AxeViolation[]) =>
      vs.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => ({target: n.target, failureSummary: n.failureSummary}))
      }));
    return {violations: plain(r.violations), incomplete: plain(r.incomplete)};
  }, TAGS);
}

/** Shows a prediction in both user widgets, a rating in the visitor one, and opens a search listbox. */
async function interact(page: Page): Promise<void> {
  // Type into each widget's search; choose the first match with the keyboard.
  for (const id of ["bundle-widget", "api-widget", "visitor-widget"]) {
    const input = page.locator(`#${id} input[role=combobox]`);
    await input.pressSequentially("the", {delay: 5});
    await page.evaluate((i) => (document.getElementById(i) as unknown as {ready(): Promise<void>}).ready(), id);
    await input.press("ArrowDown");
    await input.press("Enter");
    await page.evaluate((i) => (document.getElementById(i) as unknown as {ready(): Promise<void>}).ready(), id);
  }
  await page.locator("#visitor-widget button[data-rating='4']").press("Enter");
  await page.waitForSelector("#visitor-widget .mlp-rated-list li");
  // Leave one listbox open, its first option active.
  const input = page.locator("#bundle-widget input[role=combobox]");
  await input.press("Control+A");
  await input.pressSequentially("a", {delay: 5});
  await page.evaluate(() => (document.getElementById("bundle-widget") as unknown as {ready(): Promise<void>}).ready());
  await input.press("ArrowDown");
}

describe.skipIf(!EMBED_READY && process.env.CI !== "true")("axe on the widget's host page, in Chromium", () => {
  let browser: Browser;
  let embed: EmbedHost;
  const counts: Record<string, Record<string, number>> = {};
  beforeAll(async () => {
    embed = await startEmbedHost();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    console.log(`widget-axe: ${JSON.stringify(counts)}`);
    await browser?.close();
    await embed?.close();
  });

  it("sees inside the widget: an unlabelled input put in it is a critical violation", async () => {
    const page = await browser.newPage();
    await page.goto(embed.pageUrl);
    await page.waitForSelector("#bundle-widget .mlp-top-list li", {timeout: 60_000});
    await page.evaluate(() => {
      const probe = document.createElement("input");
      probe.className = "axe-probe";
      document.querySelector("#bundle-widget .mlp-root")!.append(probe);
    });
    const {violations} = await axe(page);
    const label = violations.find((v) => v.id === "label");
    expect(label?.impact).toBe("critical");
    expect(label?.nodes.map((n) => n.target)).toEqual([[".axe-probe"]]);
    await page.close();
  }, 120_000);

  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 375]) {
      it(`no critical or serious violation, ${colorScheme}, ${width} px, as loaded and in use`, async () => {
        const page = await browser.newPage({colorScheme, viewport: {width, height: 900}});
        const problems = watchPage(page);
        await page.goto(embed.pageUrl);
        await page.waitForSelector("#bundle-widget .mlp-top-list li", {timeout: 60_000});
        await page.waitForSelector("#api-widget .mlp-top-list li", {timeout: 30_000});
        await page.waitForSelector("#visitor-widget .mlp-recs li", {timeout: 60_000});
        const found: string[] = [];
        for (const state of ["loaded", "in use"] as const) {
          if (state === "in use") await interact(page);
          const {violations, incomplete} = await axe(page);
          const key = `${colorScheme} ${width} ${state}`;
          counts[key] = Object.fromEntries([
            ...violations.map((v) => [`${v.id} (${v.impact})`, v.nodes.length]),
            ...incomplete.map((v) => [`${v.id} (needs review)`, v.nodes.length])
          ]);
          for (const v of incomplete)
            for (const n of v.nodes)
              console.log(`widget-axe needs review, ${key}: ${v.id} at ${JSON.stringify(n.target)}`);
          for (const v of violations)
            if (v.impact === "critical" || v.impact === "serious")
              for (const n of v.nodes)
                found.push(`${key}: ${v.id} (${v.impact}) at ${JSON.stringify(n.target)}: ${n.failureSummary}`);
        }
        expect(found).toEqual([]);
        expect(problems).toEqual([]);
        await page.close();
      }, 120_000);
    }
  }
});
