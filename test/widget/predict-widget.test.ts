// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {movieLabel} from "../../lib/widget/movie-search.js";
import {PredictWidget, type PredictWidgetElement, type PredictWidgetValue} from "../../lib/widget/predict-widget.js";
import {HOSTILE_TITLE, trainFixtureBundle} from "../helpers/bundle-fixture.js";
import {createTinyService} from "../helpers/tiny-service.js";

function key(el: HTMLElement, k: string): KeyboardEvent {
  const e = new KeyboardEvent("keydown", {key: k, bubbles: true, cancelable: true});
  el.dispatchEvent(e);
  return e;
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event("input", {bubbles: true}));
}

function mount(w: PredictWidgetElement): () => void {
  document.body.appendChild(w);
  return () => w.remove();
}

const fixture = trainFixtureBundle();
const service = fixture.service;
const userId = fixture.data.userIds[4];

describe("PredictWidget in jsdom", () => {
  it("is labelled and keyboard-operable: arrows move aria-activedescendant, Enter picks, Escape closes", async () => {
    const w = PredictWidget(service, {debounceMs: 0});
    const unmount = mount(w);
    const input = w.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    const listbox = w.querySelector<HTMLUListElement>('[role="listbox"]')!;
    expect(w.getAttribute("role")).toBe("group");
    expect(w.getAttribute("aria-label")).toBe("Movie rating prediction");
    // Every input has a label pointing at it.
    for (const i of w.querySelectorAll("input")) expect(w.querySelector(`label[for="${i.id}"]`)).not.toBeNull();
    expect(input.getAttribute("aria-controls")).toBe(listbox.id);

    type(input, "a");
    await w.settled();
    const options = [...listbox.querySelectorAll('[role="option"]')];
    expect(options.length).toBeGreaterThan(2);
    expect(listbox.hidden).toBe(false);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(input.hasAttribute("aria-activedescendant")).toBe(false);

    expect(key(input, "ArrowDown").defaultPrevented).toBe(true);
    expect(input.getAttribute("aria-activedescendant")).toBe(options[0].id);
    expect(options[0].getAttribute("aria-selected")).toBe("true");
    key(input, "ArrowDown");
    expect(input.getAttribute("aria-activedescendant")).toBe(options[1].id);
    expect(options[0].getAttribute("aria-selected")).toBe("false");
    key(input, "ArrowUp");
    key(input, "ArrowUp"); // wraps to the last
    expect(input.getAttribute("aria-activedescendant")).toBe(options[options.length - 1].id);
    key(input, "Home");
    expect(input.getAttribute("aria-activedescendant")).toBe(options[0].id);

    key(input, "Escape");
    expect(listbox.hidden).toBe(true);
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.hasAttribute("aria-activedescendant")).toBe(false);
    expect(input.value).toBe("a");
    key(input, "Escape");
    expect(input.value).toBe("");

    type(input, "a");
    await w.settled();
    key(input, "ArrowDown");
    key(input, "ArrowDown");
    const chosenId = Number(listbox.querySelectorAll('[role="option"]')[1].getAttribute("data-movie-id"));
    key(input, "Enter");
    await w.settled();
    expect(listbox.hidden).toBe(true);
    expect(w.value.movie?.movieId).toBe(chosenId);
    expect(input.value).toContain(w.value.movie!.title);
    unmount();
  });

  it("exposes .value and dispatches bubbling input events as the user and movie are picked", async () => {
    const w = PredictWidget(service, {debounceMs: 0, k: 4});
    const unmount = mount(w);
    const seen: PredictWidgetValue[] = [];
    document.body.addEventListener("input", (e) => {
      if (e.target === w) seen.push(w.value);
    });
    expect(w.value).toEqual({user: null, movie: null, prediction: null});

    const userInput = w.querySelector<HTMLInputElement>('input[type="number"]')!;
    userInput.value = String(userId);
    userInput.dispatchEvent(new Event("change"));
    await w.settled();
    expect(w.value.user?.userId).toBe(userId);
    expect(w.value.prediction).toBeNull();
    // Demographics and a few rated movies are shown.
    const info = w.querySelector(".mlp-user-info")!.textContent!;
    expect(info).toMatch(/ratings?/);
    expect(w.querySelectorAll(".mlp-rated li").length).toBeGreaterThan(0);
    expect(w.querySelectorAll(".mlp-top-list li")).toHaveLength(4);

    const movie = (await service.searchMovies("a", 3))[2];
    await w.setMovie(movie);
    await w.settled();
    const direct = await service.predict(userId, movie.movieId);
    expect(w.value.prediction).toEqual(direct);
    // The headline leads with the expected rating; the most probable class comes after it.
    expect(w.querySelector(".mlp-expected")!.textContent).toBe(`${direct.expected.toFixed(1)}★`);
    expect(w.querySelector(".mlp-headline")!.textContent).toMatch(/^\d\.\d★ expected for /);
    expect(w.querySelector(".mlp-rating")!.textContent).toBe(`${direct.rating}★`);
    expect(w.querySelector(".mlp-result")!.textContent).toContain(`Expected rating ${direct.expected.toFixed(2)} on`);
    // One bar per rating class, labelled for screen readers.
    const svg = w.querySelector("svg.mlp-bars")!;
    expect(svg.querySelectorAll("rect.mlp-bar")).toHaveLength(direct.probabilities.length);
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toMatch(/^Class probabilities: 5★ /);
    // The prediction is announced in one sentence by the polite live region.
    const announce = w.querySelector(".mlp-announce")!;
    expect([announce.getAttribute("role"), announce.getAttribute("aria-live")]).toEqual(["status", "polite"]);
    expect(announce.textContent).toBe(`User ${userId}, ${movieLabel(movie)}: ${direct.expected.toFixed(1)}★ expected.`);
    // Events: user picked, movie picked, prediction ready — the text fields' own events do not leak.
    expect(seen.map((v) => [v.user?.userId ?? null, v.movie?.movieId ?? null, v.prediction !== null])).toEqual([
      [userId, null, false],
      [userId, movie.movieId, false],
      [userId, movie.movieId, true]
    ]);
    unmount();
  });

  it("says the top classes are close when they are within 5 points, and leads with the expected rating", async () => {
    const flat = [
      {value: 1, p: 0.02},
      {value: 2, p: 0.07},
      {value: 3, p: 0.32},
      {value: 4, p: 0.3},
      {value: 5, p: 0.29}
    ];
    const tiny = createTinyService();
    const answers = [
      {probabilities: flat, rating: 3, expected: 3.78},
      {
        probabilities: [
          {value: 3, p: 0.2},
          {value: 4, p: 0.6},
          {value: 5, p: 0.2}
        ],
        rating: 4,
        expected: 4
      }
    ];
    let call = 0;
    const stub = {
      ...tiny,
      predict: async (u: number, m: number) => ({...(await tiny.predict(u, m)), ...answers[call++]})
    };
    const uid = tiny.data.userIds[0];
    const [movie, other] = await tiny.searchMovies("a", 2);
    const w = PredictWidget(stub, {debounceMs: 0, userId: uid, movie});
    const unmount = mount(w);
    await w.settled();
    expect(w.querySelector(".mlp-headline")!.textContent).toBe(`3.8★ expected for ${movieLabel(movie)}`);
    const classes = w.querySelector(".mlp-classes")!;
    expect(classes.classList.contains("mlp-close")).toBe(true);
    expect(classes.textContent).toMatch(/^The classes are close: 3★ 32%, 4★ 30%/);
    await w.setMovie(other);
    await w.settled();
    expect(w.querySelector(".mlp-headline")!.textContent).toBe(`4.0★ expected for ${movieLabel(other)}`);
    expect(w.querySelector(".mlp-classes")!.textContent).toBe("Most likely 4★ (60%)");
    unmount();
  });

  it("says when the user already rated the movie in the training ratings, and what they gave", async () => {
    const r = fixture.data.ratings;
    const i = r.user.findIndex((u) => u === 4);
    const ratedMovie = (await service.searchMovies(fixture.data.movies.title[r.movie[i]], 100)).find(
      (m) => m.movieId === fixture.data.movies.id[r.movie[i]]
    )!;
    const w = PredictWidget(service, {debounceMs: 0, userId, movie: ratedMovie});
    const unmount = mount(w);
    await w.settled();
    expect(w.value.prediction?.userRating).toBe(r.rating[i]);
    expect(w.querySelector(".mlp-user-rating")!.textContent).toBe(
      `User ${userId} already rated this ${r.rating[i]}★ (in the ratings the model was trained on).`
    );
    const seen = new Set<number>();
    for (let j = 0; j < r.user.length; j++) if (r.user[j] === 4) seen.add(r.movie[j]);
    const unrated = fixture.data.movies.id.findIndex((_, m) => !seen.has(m));
    const unratedMovie = (await service.searchMovies(fixture.data.movies.title[unrated], 100)).find(
      (m) => m.movieId === fixture.data.movies.id[unrated]
    )!;
    await w.setMovie(unratedMovie);
    await w.settled();
    expect(w.value.prediction?.userRating).toBeNull();
    expect(w.querySelector(".mlp-user-rating")).toBeNull();
    unmount();
  });

  it("renders a hostile title as text, never as markup", async () => {
    const w = PredictWidget(service, {debounceMs: 0, userId});
    const unmount = mount(w);
    await w.settled();
    const input = w.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    type(input, "<img src");
    await w.settled();
    const option = w.querySelector('[role="option"]')!;
    expect(option.textContent).toContain(HOSTILE_TITLE);
    key(input, "ArrowDown");
    key(input, "Enter");
    await w.settled();
    expect(w.value.movie?.title).toBe(HOSTILE_TITLE);
    expect(w.querySelector(".mlp-headline")!.textContent).toContain(HOSTILE_TITLE);
    // No element was created from the title anywhere in the widget.
    expect(w.querySelectorAll("img")).toHaveLength(0);
    expect(w.querySelectorAll("[onerror]")).toHaveLength(0);
    unmount();
  });

  it("shows an unknown user as a message and keeps working", async () => {
    const w = PredictWidget(service, {debounceMs: 0});
    const unmount = mount(w);
    await w.setUser(99999);
    expect(w.querySelector('[role="status"]')!.textContent).toBe("unknown user id 99999: try another id");
    expect(w.value.user).toBeNull();
    await w.setUser(userId);
    expect(w.value.user?.userId).toBe(userId);
    expect(w.querySelector('[role="status"]')!.textContent).toBe("");
    unmount();
  });

  it("keeps only the latest search when answers arrive out of order", async () => {
    const slow = createTinyService({delayMs: 30});
    let calls = 0;
    const racing = {
      ...slow,
      searchMovies: (q: string, l: number) =>
        new Promise<Awaited<ReturnType<typeof slow.searchMovies>>>((res) =>
          setTimeout(() => res(slow.searchMovies(q, l)), ++calls === 1 ? 80 : 0)
        )
    };
    const w = PredictWidget(racing, {debounceMs: 0});
    const input = w.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    type(input, "a");
    type(input, HOSTILE_TITLE.slice(0, 4));
    await new Promise((r) => setTimeout(r, 150));
    const titles = [...w.querySelectorAll('[role="option"]')].map((o) => o.textContent);
    expect(titles).toHaveLength(1);
    expect(titles[0]).toContain(HOSTILE_TITLE);
  });
});
