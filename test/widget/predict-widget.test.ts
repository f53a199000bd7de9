// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
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
    expect(w.querySelector(".mlp-rating")!.textContent).toBe(`${direct.rating}★`);
    expect(w.querySelector(".mlp-expected")!.textContent).toBe(direct.expected.toFixed(2));
    // One bar per rating class, labelled for screen readers.
    const svg = w.querySelector("svg.mlp-bars")!;
    expect(svg.querySelectorAll("rect.mlp-bar")).toHaveLength(direct.probabilities.length);
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toMatch(/^Class probabilities: 5★ /);
    // Events: user picked, movie picked, prediction ready — the text fields' own events do not leak.
    expect(seen.map((v) => [v.user?.userId ?? null, v.movie?.movieId ?? null, v.prediction !== null])).toEqual([
      [userId, null, false],
      [userId, movie.movieId, false],
      [userId, movie.movieId, true]
    ]);
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
