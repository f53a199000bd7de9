/**
 * The data-set banner at the top of every workbench page: which data set the figures come from,
 * and — prominently — when it is the synthetic stand-in rather than real MovieLens ratings.
 *
 * Strings from the data loader are set with textContent, never parsed as HTML: a directory name or
 * a reason is data, not markup.
 */

/** What the banner needs to know about the loaded data set (the shape of data/dataset.json). */
export interface DataBannerInput {
  /** Data set name, e.g. "ml-100k" or "synthetic". */
  name: string;
  /** True when the ratings come from the seeded generator, not from GroupLens files. */
  synthetic: boolean;
  /** Why this data set was chosen, e.g. "MOVIELAB_DATA=synthetic" or "data/ml-100k not found; offline". */
  reason: string;
}

/** CSS class on every banner; `movielab-data-banner--synthetic` is added for synthetic data. */
export const DATA_BANNER_CLASS = "movielab-data-banner";
/** CSS class that marks the synthetic-data warning (the browser checks look for it). */
export const SYNTHETIC_BANNER_CLASS = "movielab-data-banner--synthetic";

/** Where to get MovieLens 100K by hand when the machine that builds the site has no network. */
export const ML100K_ZIP_URL = "https://files.grouplens.org/datasets/movielens/ml-100k.zip";

/** True when the reason says the download failed for want of a network (DNS, fetch) or was switched off. */
export function isOfflineReason(reason: string): boolean {
  return /ENOTFOUND|EAI_AGAIN|fetch failed|MOVIELAB_OFFLINE/i.test(reason);
}

/**
 * Builds the banner element: a two-line warning callout for synthetic data (what the figures are, and
 * how to get real data) with the loader's reason behind a disclosure, a quiet one-line note otherwise.
 * `doc` defaults to the page's document (pass one in for tests or other windows).
 */
export function DataBanner(dataset: DataBannerInput, doc: Document = document): HTMLElement {
  const el = doc.createElement("div");
  el.classList.add(DATA_BANNER_CLASS);
  el.setAttribute("role", "status");
  el.dataset.synthetic = String(dataset.synthetic);
  el.dataset.dataset = dataset.name;
  if (dataset.synthetic) {
    // Framework's .warning callout: themed for light and dark, with our own label.
    el.classList.add(SYNTHETIC_BANNER_CLASS, "warning");
    el.setAttribute("label", "Synthetic data");
    // Small type and tight paragraphs: two short lines on a desktop page, not a block above every page.
    el.style.cssText = "font: 14px var(--sans-serif);";
    const p = doc.createElement("p");
    p.append(strong(doc, "Synthetic ratings"), ", not real MovieLens data: the figures only illustrate the methods.");
    el.append(p, realDataHint(doc, isOfflineReason(dataset.reason)));
    for (const line of el.querySelectorAll("p")) line.style.margin = "0.15rem 0";
    // The reason can be a long error with local paths: useful when debugging, noise on every page.
    const details = doc.createElement("details");
    const summary = doc.createElement("summary");
    summary.textContent = "Why synthetic data";
    const why = doc.createElement("p");
    why.style.cssText = "overflow-wrap: anywhere; font-size: 85%;";
    why.textContent = `${dataset.reason}. The seeded generator mimics MovieLens 100K's shape (users, movies, genres, rating shares).`;
    details.append(summary, why);
    el.append(details);
  } else {
    el.style.cssText =
      "font: 13px var(--sans-serif); color: var(--theme-foreground-muted); margin: 0 0 1rem; overflow-wrap: anywhere;";
    el.append("Data: ", strong(doc, dataset.name), ` — ${dataset.reason}`);
  }
  return el;
}

/** The one line on getting real data: the manual download when offline, the fetch command otherwise. */
function realDataHint(doc: Document, offline: boolean): HTMLElement {
  const hint = doc.createElement("p");
  if (offline) {
    const a = doc.createElement("a");
    a.href = ML100K_ZIP_URL;
    a.textContent = "ml-100k.zip";
    hint.append(
      "Offline? Get ",
      a,
      " on a connected machine, unzip it into ",
      code(doc, "data/ml-100k/"),
      ", rebuild."
    );
  } else
    hint.append(
      "Real data: run ",
      code(doc, "npx movielab data fetch ml-100k"),
      " or set ",
      code(doc, "MOVIELAB_DATA"),
      ", then rebuild."
    );
  return hint;
}

function strong(doc: Document, text: string): HTMLElement {
  const b = doc.createElement("strong");
  b.textContent = text;
  return b;
}

function code(doc: Document, text: string): HTMLElement {
  const c = doc.createElement("code");
  c.textContent = text;
  return c;
}
