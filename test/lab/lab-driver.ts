// Drives the Lab page through its documented contract (README, "The Lab"), for the browser test and
// bench/lab.ts: loading data, running a model and reading its row, with the long tasks seen meanwhile.
import type {Page} from "playwright-core";

/** An init script that collects long tasks from the start of the page (PerformanceObserver). */
export const LONG_TASKS = `
  window.__longTasks = [];
  // When a run row leaves "running": the end of training, for the long-task window.
  window.__settled = {};
  new MutationObserver((ms) => {
    for (const m of ms) {
      const tr = m.target;
      if (m.attributeName === "data-status" && tr.dataset.status !== "running" && m.oldValue === "running")
        window.__settled.last = performance.now();
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-status"], attributeOldValue: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({start: e.startTime, duration: e.duration});
  }).observe({type: "longtask", buffered: true});
`;

/** Console errors, page errors and failed requests of a page (the browser's own /favicon.ico request aside: the site has none yet). */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on(
    "console",
    (m) => m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && problems.push(`console: ${m.text()}`)
  );
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  return problems;
}

/**
 * Chooses files in the data input and waits for them to be read: the status line, the seconds from
 * choice to ready, where the files were read (`data-reader`: worker or page) and the long tasks the
 * page had meanwhile (ms; empty unless the page was opened with LONG_TASKS as an init script).
 */
export async function loadFiles(
  page: Page,
  files: string | string[],
  timeout = 120_000
): Promise<{status: string; seconds: number; reader: string | null; longTasks: number[]}> {
  const t0 = performance.now();
  const pageT0 = await page.evaluate(() => performance.now());
  await page.setInputFiles("input[type=file][name=dataset]", files);
  await page.waitForSelector(".lab-data-status[data-state=ready], .lab-data-status[data-state=error]", {timeout});
  const seconds = (performance.now() - t0) / 1000;
  const status = (await page.locator(".lab-data-status").textContent()) ?? "";
  const error = (await page.locator(".lab-data .lab-error").textContent()) ?? "";
  if (error !== "") throw new Error(`the Lab refused the files: ${error}`);
  const reader = await page.locator(".lab-data-status").getAttribute("data-reader");
  const longTasks = await page.evaluate(
    (from) =>
      ((window as unknown as {__longTasks?: {start: number; duration: number}[]}).__longTasks ?? [])
        .filter((t) => t.start >= from)
        .map((t) => Math.round(t.duration)),
    pageT0
  );
  return {status, seconds, reader, longTasks};
}

export interface RunOutcome {
  id: string;
  status: string;
  /** The metric cells' text. */
  metrics: Record<string, string>;
  /** Durations of the long tasks that started between the click and the run's end (its row leaving "running"), ms. */
  longTasks: number[];
  seconds: number;
}

/** Starts a run of `model` with the given parameter inputs, and waits until its row settles. */
export async function runModel(
  page: Page,
  model: string,
  params: Record<string, string>,
  options: {protocol?: string; folds?: string; seed?: string; timeout?: number} = {}
): Promise<RunOutcome> {
  await page.selectOption("select[name=model]", model);
  for (const [name, value] of Object.entries(params)) await page.fill(`[name=param-${name}]`, value);
  if (options.protocol) await page.selectOption("select[name=protocol]", options.protocol);
  if (options.folds) await page.fill("input[name=folds]", options.folds);
  if (options.seed) await page.fill("input[name=seed]", options.seed);
  const before = await page.locator("tr[data-run]").count();
  const t0 = await page.evaluate(() => performance.now());
  await page.click("[data-action=run]");
  const row = page.locator("tr[data-run]").nth(before);
  await row.and(page.locator(":not([data-status=running])")).waitFor({timeout: options.timeout ?? 300_000});
  const t1 = (await page.evaluate("window.__settled.last ?? performance.now()")) as number;
  const longTasks = await page.evaluate(
    ([a, b]) =>
      (window as unknown as {__longTasks: {start: number; duration: number}[]}).__longTasks
        .filter((t) => t.start >= a && t.start <= b)
        .map((t) => t.duration),
    [t0, t1]
  );
  const metrics: Record<string, string> = {};
  for (const m of ["rmse", "mae", "accuracy", "ndcg"])
    metrics[m] = (await row.locator(`[data-metric=${m}]`).textContent()) ?? "";
  return {
    id: (await row.getAttribute("data-run"))!,
    status: (await row.getAttribute("data-status"))!,
    metrics,
    longTasks,
    seconds: (t1 - t0) / 1000
  };
}
