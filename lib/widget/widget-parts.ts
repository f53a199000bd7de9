/**
 * What the user widget (predict-widget.ts) and the visitor widget (visitor-widget.ts) share: the record
 * of lookups in flight behind `settled()`, the status line, and the title search wired to a service.
 */
import type {PredictionService, MovieInfo} from "../serving/types.js";
import {h} from "./dom.js";
import {createMovieSearch, type MovieSearch} from "./movie-search.js";

/** Lookups in flight: `track` records a promise until it settles; `settled` waits for all, and for what they start. */
export function pendingWork(): {
  track<T>(p: Promise<T>): Promise<T>;
  settled(first: () => Promise<void>): Promise<void>;
} {
  const inFlight = new Set<Promise<unknown>>();
  const settled = async (first: () => Promise<void>): Promise<void> => {
    await first();
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    // Continuations of settled lookups (render, the next lookup) run in later microtasks.
    await new Promise((r) => setTimeout(r, 0));
    if (inFlight.size > 0) await settled(first);
  };
  return {
    track<T>(p: Promise<T>): Promise<T> {
      inFlight.add(p);
      const done = (): void => void inFlight.delete(p);
      p.then(done, done);
      return p;
    },
    settled
  };
}

/** The polite status line (`.mlp-status`, role status): an error's message in `.mlp-error`, or nothing. */
export function statusLine(
  doc: Document,
  id: string
): {element: HTMLElement; showError(e: unknown): void; clear(): void} {
  const element = h(doc, "div", {id, class: "mlp-status", role: "status", "aria-live": "polite"});
  return {
    element,
    showError(e) {
      element.classList.add("mlp-error");
      element.textContent = e instanceof Error ? e.message : String(e);
    },
    clear() {
      element.classList.remove("mlp-error");
      element.textContent = "";
    }
  };
}

/**
 * The widget's announcer: a visually hidden polite live region (`.mlp-announce`, role status) that says
 * in one sentence what a reader's action produced ("User 2, Heat (1995): 3.8★ expected."), so that a
 * screen reader speaks the answer without reading the whole result again.
 */
export function announcer(doc: Document): {element: HTMLElement; say(text: string): void} {
  const element = h(doc, "div", {class: "mlp-announce mlp-sr-only", role: "status", "aria-live": "polite"});
  return {
    element,
    say(text) {
      element.textContent = text;
    }
  };
}

/** The title search over `service`, its lookups tracked, failures shown on the status line. */
export function serviceSearch(
  doc: Document,
  service: PredictionService,
  track: <T>(p: Promise<T>) => Promise<T>,
  onPick: (m: MovieInfo) => void,
  showError: (e: unknown) => void,
  options: {searchLimit?: number; debounceMs?: number}
): MovieSearch {
  return createMovieSearch(doc, {
    search: (q, limit) => track(service.searchMovies(q, limit)),
    onPick,
    onError: showError,
    limit: options.searchLimit,
    debounceMs: options.debounceMs
  });
}
