/**
 * The prediction widget: pick a user (demographics and a few movies they rated), search a movie by
 * title, see the expected rating first (with a note when the top classes are close), the class
 * probabilities, the user's own rating when they already rated the movie, and the user's top-N. It follows the Observable Inputs contract: the element's `.value` is the latest
 * {user, movie, prediction} and it dispatches `input` (bubbling) whenever that changes, so
 * `view(PredictWidget(service))` works in a Framework page. Works with any PredictionService: a
 * bundle in the browser or a remote API.
 */
import {
  NotFoundError,
  type MovieInfo,
  type PredictionService,
  type PredictResult,
  type RecommendResult,
  type UserInfo
} from "../serving/types.js";
import {h, replaceChildren, uniqueId} from "./dom.js";
import {movieLabel} from "./movie-search.js";
import {announcer, pendingWork, serviceSearch, statusLine} from "./widget-parts.js";
import {byProbability, closeTopClasses, formatExpected} from "./prediction-summary.js";
import {formatPercent, probabilityBars} from "./probability-bars.js";
import {WIDGET_CSS} from "./styles.js";

/** The widget's `.value`, as Observable Inputs expose it: what is picked and predicted now. */
export interface PredictWidgetValue {
  /** The picked user, null before one is picked. */
  user: UserInfo | null;
  /** The picked movie, null before one is picked. */
  movie: MovieInfo | null;
  /** The prediction for that user and movie, null until both are picked and it arrived. */
  prediction: PredictResult | null;
}

/** Options of {@link PredictWidget}: what to show first, list and search sizes, and its accessible name. */
export interface PredictWidgetOptions {
  /** User shown first (raw id); none when absent. */
  userId?: number;
  /** Movie shown first (as returned by searchMovies or recommend). */
  movie?: MovieInfo;
  /** Length of the top-N list, 1..100 (default 5). */
  k?: number;
  /** Most search matches shown (default 8). */
  searchLimit?: number;
  /** Milliseconds between typing and searching (default 150). */
  debounceMs?: number;
  /** Accessible name of the whole widget (default "Movie rating prediction"). */
  label?: string;
  /** Document to build in (default the global document). */
  document?: Document;
}

/** The widget's element: an HTMLElement with the Inputs-style value and a way to await pending work. */
export type PredictWidgetElement = HTMLElement & {
  /** What is picked and predicted now; an `input` event (bubbling) follows every change. */
  value: PredictWidgetValue;
  /** Resolves when every lookup started so far has rendered (for tests and host pages). */
  settled(): Promise<void>;
  /** Selects a user by raw id, as typing it would. */
  setUser(userId: number): Promise<void>;
  /** Selects a movie, as picking it in the search would. */
  setMovie(movie: MovieInfo): Promise<void>;
};

/** Builds the widget over service; see PredictWidgetOptions. */
export function PredictWidget(service: PredictionService, options: PredictWidgetOptions = {}): PredictWidgetElement {
  const doc = options.document ?? globalThis.document;
  const k = Math.max(1, Math.min(100, Math.round(options.k ?? 5)));
  const userInputId = uniqueId("mlp-user");
  const statusId = uniqueId("mlp-status");
  let value: PredictWidgetValue = {user: null, movie: null, prediction: null};
  const work = pendingWork();
  const track = work.track;
  let userSeq = 0;
  let predictSeq = 0;

  const userInput = h(doc, "input", {
    id: userInputId,
    type: "number",
    min: 0,
    step: 1,
    inputmode: "numeric",
    placeholder: "e.g. 196",
    "aria-describedby": statusId
  });
  const userInfo = h(doc, "div", {class: "mlp-user-info", "aria-live": "polite"});
  const statusLine_ = statusLine(doc, statusId);
  const status = statusLine_.element;
  const showError = statusLine_.showError;
  const clearStatus = statusLine_.clear;
  // The result is not itself live: the announcer says the prediction in one sentence.
  const result = h(doc, "section", {class: "mlp-result", "aria-label": "Prediction"});
  const announce = announcer(doc);
  const topList = h(doc, "section", {class: "mlp-top", "aria-label": "Recommendations"});

  const search = serviceSearch(doc, service, track, (m) => void root.setMovie(m), showError, options);

  const root = h(
    doc,
    "div",
    {class: "mlp-root", role: "group", "aria-label": options.label ?? "Movie rating prediction"},
    h(doc, "style", {}, WIDGET_CSS),
    h(
      doc,
      "div",
      {class: "mlp-row"},
      h(doc, "label", {for: userInputId}, "User id"),
      h(doc, "div", {}, userInput, userInfo)
    ),
    search.element,
    status,
    announce.element,
    result,
    topList
  ) as unknown as PredictWidgetElement;

  function emit(next: PredictWidgetValue): void {
    value = next;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function renderUser(u: UserInfo): void {
    const facts = [
      u.age !== null ? `age ${u.age}` : null,
      u.gender,
      u.occupation,
      `${u.ratings} rating${u.ratings === 1 ? "" : "s"}`
    ].filter((x) => x !== null);
    replaceChildren(
      userInfo,
      h(doc, "div", {class: "mlp-muted"}, facts.join(" · ")),
      u.topRated.length > 0 ? h(doc, "div", {class: "mlp-muted"}, "Rated highly:") : null,
      u.topRated.length > 0
        ? h(
            doc,
            "ul",
            {class: "mlp-list mlp-rated"},
            ...u.topRated.slice(0, 5).map((m) => h(doc, "li", {}, `${movieLabel(m)} — ${m.rating}★`))
          )
        : null
    );
  }

  function renderTop(r: RecommendResult): void {
    replaceChildren(
      topList,
      h(doc, "h3", {class: "mlp-title"}, `Top ${r.items.length} for user ${r.userId}`),
      h(
        doc,
        "span",
        {class: "mlp-muted"},
        `${r.model}${
          r.coldStart
            ? " (cold start: popular movies)"
            : r.model === "popular"
              ? " (this bundle carries no user's rating history)"
              : ""
        }`
      ),
      h(
        doc,
        "ol",
        {class: "mlp-list mlp-top-list"},
        ...r.items.map((m) => h(doc, "li", {"data-movie-id": m.movieId}, movieLabel(m)))
      )
    );
  }

  /** The line under the headline: the most likely class, or the two that are nearly tied. */
  function classesLine(p: PredictResult): HTMLElement {
    const close = closeTopClasses(p.probabilities);
    const top = close?.[0] ?? byProbability(p.probabilities)[0];
    return h(
      doc,
      "div",
      {class: close ? "mlp-classes mlp-close" : "mlp-classes"},
      close ? "The classes are close: " : "Most likely ",
      h(doc, "strong", {class: "mlp-rating"}, `${top.value}★`),
      close
        ? ` ${formatPercent(top.p)}, ${close[1].value}★ ${formatPercent(close[1].p)}; the expected rating says more than either.`
        : ` (${formatPercent(top.p)})`
    );
  }

  function renderPrediction(p: PredictResult, movie: MovieInfo, userId: number): void {
    replaceChildren(
      result,
      h(
        doc,
        "div",
        {class: "mlp-headline"},
        h(doc, "strong", {class: "mlp-expected"}, formatExpected(p.expected)),
        ` expected for ${movieLabel(movie)}`
      ),
      classesLine(p),
      h(
        doc,
        "div",
        {class: "mlp-muted"},
        `Expected rating ${p.expected.toFixed(2)} on ${service.scale.min}–${service.scale.max}: the classes' values weighted by their probabilities.`
      ),
      p.userRating !== null
        ? h(
            doc,
            "div",
            {class: "mlp-user-rating"},
            `User ${userId} already rated this ${p.userRating}★ (in the ratings the model was trained on).`
          )
        : null,
      p.coldStart
        ? h(
            doc,
            "div",
            {class: "mlp-muted"},
            "Cold start: the model did not know this user or movie and answered from priors."
          )
        : null,
      probabilityBars(doc, p.probabilities),
      h(doc, "div", {class: "mlp-muted"}, `model ${p.modelVersion}`)
    );
  }

  async function predictIfReady(): Promise<void> {
    const {user, movie} = value;
    const mine = ++predictSeq;
    if (user === null || movie === null) {
      replaceChildren(
        result,
        h(doc, "div", {class: "mlp-muted"}, user === null ? "Pick a user and a movie." : "Pick a movie.")
      );
      return;
    }
    try {
      const p = await track(service.predict(user.userId, movie.movieId));
      if (mine !== predictSeq) return;
      renderPrediction(p, movie, user.userId);
      announce.say(`User ${user.userId}, ${movieLabel(movie)}: ${formatExpected(p.expected)} expected.`);
      clearStatus();
      emit({user, movie, prediction: p});
    } catch (e) {
      if (mine === predictSeq) showError(e);
    }
  }

  root.setUser = async (userId: number): Promise<void> => {
    const mine = ++userSeq;
    if (String(userInput.value) !== String(userId)) userInput.value = String(userId);
    try {
      const [u, top] = await Promise.all([track(service.user(userId)), track(service.recommend(userId, k))]);
      if (mine !== userSeq) return;
      renderUser(u);
      renderTop(top);
      clearStatus();
      emit({user: u, movie: value.movie, prediction: null});
      await predictIfReady();
    } catch (e) {
      if (mine !== userSeq) return;
      replaceChildren(userInfo);
      replaceChildren(topList);
      replaceChildren(result);
      showError(e instanceof NotFoundError ? `${e.message}: try another id` : e);
      emit({user: null, movie: value.movie, prediction: null});
    }
  };

  root.setMovie = async (movie: MovieInfo): Promise<void> => {
    search.show(movie);
    emit({user: value.user, movie, prediction: null});
    await predictIfReady();
  };

  root.settled = (): Promise<void> => work.settled(() => search.settled());

  Object.defineProperty(root, "value", {
    get: () => value,
    set: (v: PredictWidgetValue) => {
      if (v?.user && v.user.userId !== value.user?.userId) void root.setUser(v.user.userId);
      if (v?.movie && v.movie.movieId !== value.movie?.movieId) void root.setMovie(v.movie);
    }
  });

  userInput.addEventListener("input", (e) => e.stopPropagation());
  userInput.addEventListener("change", () => {
    const text = userInput.value.trim();
    if (text === "") return;
    const id = Number(text);
    if (!Number.isInteger(id) || id < 0) {
      showError(`user id "${text}" is not a whole number`);
      return;
    }
    void root.setUser(id);
  });
  userInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      userInput.dispatchEvent(new Event("change"));
    }
  });

  replaceChildren(result, h(doc, "div", {class: "mlp-muted"}, "Pick a user and a movie."));
  if (options.userId !== undefined) void root.setUser(options.userId);
  if (options.movie !== undefined) void root.setMovie(options.movie);
  return root;
}
