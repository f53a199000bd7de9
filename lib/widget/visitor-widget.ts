/**
 * The cold-start widget: a visitor who is not in the data set searches movies, gives stars, and at
 * each rating sees their predicted rating of the movie in hand and their top-N, each with "because
 * you rated …". Everything is computed by a VisitorService (a bundle in the page); the ratings stay in
 * the page (in localStorage only when the host asks, under its key) and are never sent anywhere.
 * Like PredictWidget it follows the Observable Inputs contract: `.value` is the latest
 * {ratings, movie, prediction, recommendations} and it dispatches a bubbling `input` on each change.
 *
 * Stable hooks for tests and hosts: star buttons `button[data-rating]`, a typed rating
 * `input[name=rating]` with `[data-action=rate]`, the rated list `.mlp-rated-list li[data-movie-id]`
 * (each with `[data-action=unrate]`), recommendations `.mlp-recs li[data-movie-id]` whose
 * `.mlp-because [data-because-movie-id]` name the rated movies, and the status line `.mlp-status`
 * (`.mlp-error` on a bad rating).
 */
import type {
  MovieInfo,
  PredictionService,
  VisitorPrediction,
  VisitorRating,
  VisitorRecommendResult,
  VisitorService
} from "../serving/types.js";
import {h, replaceChildren, uniqueId} from "./dom.js";
import {movieLabel} from "./movie-search.js";
import {announcer, pendingWork, serviceSearch, statusLine} from "./widget-parts.js";
import {formatExpected} from "./prediction-summary.js";
import {WIDGET_CSS} from "./styles.js";

/** The visitor widget's `.value`: the visitor's ratings and what they gave. */
export interface VisitorWidgetValue {
  /** The visitor's ratings, in the order given. */
  ratings: VisitorRating[];
  /** The movie in hand (picked in the search), null before one is picked. */
  movie: MovieInfo | null;
  /** Its predicted rating for the visitor after their ratings. */
  prediction: VisitorPrediction | null;
  /** Their top-N after their ratings (the most-rated movies before any), null until it arrived. */
  recommendations: VisitorRecommendResult | null;
}

/** Options of {@link VisitorWidget}: list and search sizes, its accessible name, and where ratings are kept. */
export interface VisitorWidgetOptions {
  /** Length of the recommendation list, 1..100 (default 10). */
  k?: number;
  /** Most search matches shown (default 8). */
  searchLimit?: number;
  /** Milliseconds between typing and searching (default 150). */
  debounceMs?: number;
  /** Accessible name (default "Rate movies, get recommendations"). */
  label?: string;
  /** Keep the ratings in this page's localStorage under this key (default: not kept). */
  storageKey?: string;
  /** Ratings to start from (ignored when stored ones exist under storageKey). */
  ratings?: VisitorRating[];
  /** Document to build in (default the global document). */
  document?: Document;
}

/** The visitor widget's element: an HTMLElement with the Inputs-style value and methods a host page may call. */
export type VisitorWidgetElement = HTMLElement & {
  /** The visitor's ratings and results now; an `input` event (bubbling) follows every change. */
  value: VisitorWidgetValue;
  /** Rates a movie (a MovieInfo, or a raw id already known to the widget); shows the error and resolves when refused. */
  rate(movie: MovieInfo, rating: number): Promise<void>;
  /** Removes the visitor's rating of a movie by raw id. */
  unrate(movieId: number): Promise<void>;
  /** Puts a movie in hand, as picking it in the search would. */
  setMovie(movie: MovieInfo): Promise<void>;
  /** Resolves when every update started so far has rendered. */
  settled(): Promise<void>;
};

/** The scale's values from min to max by step (1–5 → 1..5; 0.5–5 by 0.5 → ten values). */
export function scaleValues(scale: {min: number; max: number; step: number}): number[] {
  const n = Math.round((scale.max - scale.min) / scale.step);
  return Array.from({length: n + 1}, (_, i) => Math.round((scale.min + i * scale.step) * 1e6) / 1e6);
}

/** Builds the widget over a service that answers visitors. */
export function VisitorWidget(
  service: PredictionService & VisitorService,
  options: VisitorWidgetOptions = {}
): VisitorWidgetElement {
  const doc = options.document ?? globalThis.document;
  const k = Math.max(1, Math.min(100, Math.round(options.k ?? 10)));
  const statusId = uniqueId("mlp-status");
  const ratingId = uniqueId("mlp-rating");
  const movies = new Map<number, MovieInfo>();
  let value: VisitorWidgetValue = {
    ratings: loadRatings(options),
    movie: null,
    prediction: null,
    recommendations: null
  };
  let seq = 0;
  const work = pendingWork();
  const track = work.track;

  const statusLine_ = statusLine(doc, statusId);
  const status = statusLine_.element;
  const showError = statusLine_.showError;
  const clearStatus = statusLine_.clear;
  // Neither the movie in hand nor the list is live: the announcer says what each action changed.
  const current = h(doc, "section", {class: "mlp-current", "aria-label": "The movie in hand"});
  const announce = announcer(doc);
  const stars = h(doc, "div", {class: "mlp-stars", role: "group", "aria-label": "Your rating"});
  const typed = h(doc, "input", {
    id: ratingId,
    name: "rating",
    type: "text",
    inputmode: "decimal",
    placeholder: `${service.scale.min}–${service.scale.max}`,
    "aria-describedby": statusId
  });
  const rateButton = h(doc, "button", {type: "button", "data-action": "rate"}, "Rate");
  const rated = h(doc, "section", {class: "mlp-rated", "aria-label": "Your ratings"});
  const recs = h(doc, "section", {class: "mlp-recs", "aria-label": "Recommendations for you"});

  for (const v of scaleValues(service.scale)) {
    const b = h(
      doc,
      "button",
      {type: "button", "data-rating": v, "aria-label": `${v} star${v === 1 ? "" : "s"}`},
      `${v}★`
    );
    b.addEventListener("click", () => {
      if (value.movie) void root.rate(value.movie, v);
      else showError("Pick a movie first, then rate it.");
    });
    stars.append(b);
  }

  const search = serviceSearch(doc, service, track, (m) => void root.setMovie(m), showError, options);

  const root = h(
    doc,
    "div",
    {class: "mlp-root mlp-visitor", role: "group", "aria-label": options.label ?? "Rate movies, get recommendations"},
    h(doc, "style", {}, WIDGET_CSS),
    search.element,
    announce.element,
    current,
    h(
      doc,
      "div",
      {class: "mlp-row"},
      h(doc, "label", {for: ratingId}, "Your rating"),
      h(doc, "div", {class: "mlp-rate"}, stars, h(doc, "div", {class: "mlp-typed"}, typed, rateButton))
    ),
    status,
    rated,
    recs,
    h(
      doc,
      "div",
      {class: "mlp-muted"},
      "Your ratings stay in this page: the model runs here and nothing is sent anywhere."
    )
  ) as unknown as VisitorWidgetElement;

  function emit(next: VisitorWidgetValue): void {
    value = next;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }
  function remember(list: VisitorRating[]): void {
    if (options.storageKey === undefined) return;
    try {
      globalThis.localStorage?.setItem(options.storageKey, JSON.stringify(list));
    } catch {
      // Storage full or refused (private mode): the ratings still live in the page.
    }
  }

  function renderCurrent(movie: MovieInfo | null, p: VisitorPrediction | null, model: string): void {
    // The star of the visitor's rating of the movie in hand is pressed (aria-pressed), the others not.
    const mine = movie === null ? undefined : value.ratings.find((r) => r.movieId === movie.movieId)?.rating;
    for (const b of stars.querySelectorAll<HTMLButtonElement>("button[data-rating]"))
      b.setAttribute("aria-pressed", String(Number(b.dataset.rating) === mine));
    if (movie === null) {
      replaceChildren(
        current,
        h(doc, "div", {class: "mlp-muted"}, "Search a movie you have seen, then give it stars.")
      );
      return;
    }
    replaceChildren(
      current,
      h(
        doc,
        "div",
        {class: "mlp-headline", "data-movie-id": movie.movieId},
        p ? h(doc, "strong", {class: "mlp-expected"}, formatExpected(p.expected)) : null,
        p ? ` predicted for you: ${movieLabel(movie)}` : movieLabel(movie)
      ),
      p ? h(doc, "div", {class: "mlp-muted"}, `${model}, from ${value.ratings.length} of your ratings`) : null,
      p?.visitorRating != null ? h(doc, "div", {class: "mlp-muted"}, `You rated it ${p.visitorRating}★.`) : null
    );
  }

  function renderRated(): void {
    if (value.ratings.length === 0) {
      replaceChildren(rated);
      return;
    }
    replaceChildren(
      rated,
      h(doc, "h3", {class: "mlp-title"}, `Your ratings (${value.ratings.length})`),
      h(
        doc,
        "ul",
        {class: "mlp-list mlp-rated-list"},
        ...value.ratings.map((r) => {
          const remove = h(
            doc,
            "button",
            {
              type: "button",
              "data-action": "unrate",
              "aria-label": `Remove your rating of ${nameOf(r.movieId)}`
            },
            // Visible text that starts the accessible name (WCAG 2.5.3: speech users say what they see).
            "Remove"
          );
          remove.addEventListener("click", () => void unrateFromList(r.movieId));
          return h(doc, "li", {"data-movie-id": r.movieId}, `${nameOf(r.movieId)} — ${r.rating}★ `, remove);
        })
      )
    );
  }

  function renderRecs(r: VisitorRecommendResult): void {
    replaceChildren(
      recs,
      h(doc, "h3", {class: "mlp-title"}, `Top ${r.items.length} for you`),
      h(
        doc,
        "span",
        {class: "mlp-muted"},
        r.coldStart
          ? "popular movies (rate a few to make it yours)"
          : `${r.model}, from your ${value.ratings.length} ratings`
      ),
      h(
        doc,
        "ol",
        {class: "mlp-list mlp-top-list"},
        ...r.items.map((m) =>
          h(
            doc,
            "li",
            {"data-movie-id": m.movieId},
            movieLabel(m),
            m.because.length > 0
              ? h(
                  doc,
                  "div",
                  {class: "mlp-because mlp-muted"},
                  "because you rated ",
                  ...m.because.flatMap((b, i) => [
                    i > 0 ? ", " : null,
                    h(doc, "span", {"data-because-movie-id": b.movieId}, `${movieLabel(b)} (${b.rating}★)`)
                  ])
                )
              : null
          )
        )
      )
    );
  }

  /**
   * Removes a rating from its Remove button. The button goes with the rating, so focus moves to the next one
   * (the one that took its place), or to the search when the list is empty, instead of to the page.
   */
  async function unrateFromList(movieId: number): Promise<void> {
    const index = value.ratings.findIndex((r) => r.movieId === movieId);
    await root.unrate(movieId);
    // Focus the reader moved elsewhere meanwhile stays where they put it.
    if (doc.activeElement !== null && doc.activeElement !== doc.body) return;
    const buttons = rated.querySelectorAll<HTMLButtonElement>("[data-action=unrate]");
    (buttons[Math.min(index, buttons.length - 1)] ?? search.input).focus();
  }

  /** "Title (1995)" of a movie the widget has seen, else "movie 42". */
  function nameOf(movieId: number): string {
    const m = movies.get(movieId);
    return m ? movieLabel(m) : `movie ${movieId}`;
  }

  /**
   * Recomputes the prediction of the movie in hand and the top-N from the current ratings; `say` gives
   * the sentence to announce once they are shown (none when absent).
   */
  async function update(say?: (p: VisitorPrediction | null, top: VisitorRecommendResult) => string): Promise<void> {
    const mine = ++seq;
    const {ratings, movie} = value;
    renderRated();
    try {
      // Ratings restored from storage name movies by id only: fetch their titles once.
      const unnamed = ratings.filter((r) => !movies.has(r.movieId)).map((r) => r.movieId);
      if (unnamed.length > 0)
        for (const m of (await track(service.predictForRatings(ratings, unnamed.slice(0, 100)))).items)
          movies.set(m.movieId, m);
      // A bundle without the MF part (written before cold start) still recommends: its prediction's error is shown instead.
      let predictError: unknown = null;
      const [top, p] = await Promise.all([
        track(service.recommendForRatings(ratings, k)),
        movie
          ? track(service.predictForRatings(ratings, [movie.movieId])).catch((e: unknown) => {
              predictError = e;
              return null;
            })
          : Promise.resolve(null)
      ]);
      if (mine !== seq) return;
      for (const item of top.items) for (const b of item.because) movies.set(b.movieId, b);
      renderCurrent(movie, p?.items[0] ?? null, p?.model ?? "");
      renderRated();
      renderRecs(top);
      if (say) announce.say(say(p?.items[0] ?? null, top));
      if (predictError !== null) showError(predictError);
      emit({ratings, movie, prediction: p?.items[0] ?? null, recommendations: top});
    } catch (e) {
      if (mine === seq) showError(e);
    }
  }

  root.rate = async (movie: MovieInfo, rating: number): Promise<void> => {
    movies.set(movie.movieId, movie);
    const next = value.ratings.filter((r) => r.movieId !== movie.movieId).concat({movieId: movie.movieId, rating});
    try {
      // Validate through the service before keeping the rating, so a refused value leaves the list as it was.
      await track(service.recommendForRatings([{movieId: movie.movieId, rating}], 1));
    } catch (e) {
      showError(e);
      return;
    }
    clearStatus();
    value = {...value, ratings: next};
    remember(next);
    await update((p, top) => {
      const inHand = value.movie;
      const now =
        p && inHand
          ? `Now ${formatExpected(p.expected)} predicted for ${inHand.movieId === movie.movieId ? "it" : movieLabel(inHand)}`
          : null;
      const pick = top.items[0] ? `top pick: ${movieLabel(top.items[0])}` : null;
      const rest = [now, pick].filter((x) => x !== null).join("; ");
      return `You rated ${movieLabel(movie)} ${rating}★.${rest ? ` ${rest[0].toUpperCase()}${rest.slice(1)}.` : ""}`;
    });
  };

  root.unrate = async (movieId: number): Promise<void> => {
    const next = value.ratings.filter((r) => r.movieId !== movieId);
    value = {...value, ratings: next};
    remember(next);
    clearStatus();
    await update(() => `Removed your rating of ${nameOf(movieId)}.`);
  };

  root.setMovie = async (movie: MovieInfo): Promise<void> => {
    movies.set(movie.movieId, movie);
    search.show(movie);
    const mine = value.ratings.find((r) => r.movieId === movie.movieId);
    typed.value = mine ? String(mine.rating) : "";
    value = {...value, movie, prediction: null};
    await update((p) =>
      p ? `${movieLabel(movie)}: ${formatExpected(p.expected)} predicted for you.` : `${movieLabel(movie)}.`
    );
  };

  root.settled = (): Promise<void> => work.settled(() => search.settled());

  Object.defineProperty(root, "value", {
    get: () => value,
    set: (v: Partial<VisitorWidgetValue>) => {
      if (v?.movie && v.movie.movieId !== value.movie?.movieId) void root.setMovie(v.movie);
    }
  });

  const rateTyped = (): void => {
    const text = typed.value.trim();
    if (value.movie === null) return showError("Pick a movie first, then rate it.");
    const n = text === "" ? NaN : Number(text);
    // Number("abc") is NaN; the service's message names the movie and the scale either way.
    void root.rate(value.movie, Number.isNaN(n) ? (text as unknown as number) : n);
  };
  typed.addEventListener("input", (e) => e.stopPropagation());
  rateButton.addEventListener("click", rateTyped);
  typed.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      rateTyped();
    }
  });

  renderCurrent(null, null, "");
  void update();
  return root;
}

/** The starting ratings: stored ones under storageKey when readable, else options.ratings, else none. */
function loadRatings(options: VisitorWidgetOptions): VisitorRating[] {
  if (options.storageKey !== undefined) {
    try {
      const text = globalThis.localStorage?.getItem(options.storageKey);
      const list: unknown = text ? JSON.parse(text) : null;
      if (Array.isArray(list) && list.every((r) => typeof r?.movieId === "number" && typeof r?.rating === "number"))
        return list as VisitorRating[];
    } catch {
      // Unreadable storage: start empty rather than fail the widget.
    }
  }
  return options.ratings?.slice() ?? [];
}
