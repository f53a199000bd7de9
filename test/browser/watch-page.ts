// What a widget's browser test must not see on a page: console errors, uncaught errors, failed requests,
// HTTP errors and dialogs (an alert would mean a title ran as markup).
import type {Page} from "playwright-core";

/** Starts recording a page's problems; the returned list fills as they happen (all must stay empty). */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}
