// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {scaleValues, VisitorWidget, type VisitorWidgetElement} from "../../lib/widget/visitor-widget.js";
import {HOSTILE_TITLE, trainFixtureBundle} from "../helpers/bundle-fixture.js";

const fixture = trainFixtureBundle();
const service = fixture.service;
const ids = fixture.data.movies.id;
const info = (m: number) => ({
  movieId: ids[m],
  title: fixture.data.movies.title[m],
  year: null,
  genres: []
});

function mount(w: VisitorWidgetElement): () => void {
  document.body.appendChild(w);
  return () => w.remove();
}

describe("scaleValues", () => {
  it("lists whole and half stars", () => {
    expect(scaleValues({min: 1, max: 5, step: 1})).toEqual([1, 2, 3, 4, 5]);
    expect(scaleValues({min: 0.5, max: 5, step: 0.5})).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
  });
});

describe("VisitorWidget in jsdom", () => {
  it("updates the prediction and the top-N at each rating, naming rated movies as reasons", async () => {
    const w = VisitorWidget(service, {debounceMs: 0, k: 5});
    const unmount = mount(w);
    await w.settled();
    expect(w.querySelector(".mlp-recs")!.textContent).toMatch(/popular movies/);
    expect(w.querySelectorAll("button[data-rating]").length).toBe(5);
    const rated = [0, 1, 5, 9, 14];
    for (const [t, m] of rated.entries()) {
      await w.setMovie(info(m));
      (w.querySelector(`button[data-rating="${[5, 4, 5, 2, 4][t]}"]`) as HTMLButtonElement).click();
      await w.settled();
      expect(w.value.ratings.length).toBe(t + 1);
      expect(w.querySelectorAll(".mlp-rated-list li").length).toBe(t + 1);
    }
    const want = await service.recommendForRatings(w.value.ratings, 5);
    const items = [...w.querySelectorAll(".mlp-recs li[data-movie-id]")];
    expect(items.map((li) => Number(li.getAttribute("data-movie-id")))).toEqual(want.items.map((i) => i.movieId));
    const ratedIds = new Set(rated.map((m) => String(ids[m])));
    const reasons = [...w.querySelectorAll("[data-because-movie-id]")].map((e) =>
      e.getAttribute("data-because-movie-id")
    );
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(ratedIds.has(r!)).toBe(true);
    // The hostile title is shown as text, never markup.
    expect(w.querySelector(".mlp-rated-list")!.textContent).toContain(HOSTILE_TITLE);
    expect(w.querySelectorAll("img").length).toBe(0);
    // The movie in hand (the last rated) has a prediction.
    expect(w.value.prediction?.movieId).toBe(ids[14]);
    expect(w.querySelector(".mlp-expected")).not.toBeNull();
    unmount();
  });

  it("shows a clear message for a typed rating off the scale and keeps the list unchanged", async () => {
    const w = VisitorWidget(service, {debounceMs: 0});
    const unmount = mount(w);
    await w.setMovie(info(3));
    const typed = w.querySelector<HTMLInputElement>("input[name=rating]")!;
    typed.value = "7";
    w.querySelector<HTMLButtonElement>("[data-action=rate]")!.click();
    await w.settled();
    const status = w.querySelector(".mlp-status")!;
    expect(status.classList.contains("mlp-error")).toBe(true);
    expect(status.textContent).toMatch(/rating 7 of movie \d+ .* is not on the scale: expected 1 to 5 in steps of 1/);
    expect(w.value.ratings).toEqual([]);
    typed.value = "4";
    w.querySelector<HTMLButtonElement>("[data-action=rate]")!.click();
    await w.settled();
    expect(status.classList.contains("mlp-error")).toBe(false);
    expect(w.value.ratings).toEqual([{movieId: ids[3], rating: 4}]);
    w.querySelector<HTMLButtonElement>("[data-action=unrate]")!.click();
    await w.settled();
    expect(w.value.ratings).toEqual([]);
    unmount();
  });

  it("names its stars, announces each rating, and keeps focus in the widget when a rating is removed", async () => {
    const w = VisitorWidget(service, {debounceMs: 0});
    const unmount = mount(w);
    await w.settled();
    const stars = [...w.querySelectorAll<HTMLButtonElement>("button[data-rating]")];
    expect(stars.map((b) => b.getAttribute("aria-label"))).toEqual([
      "1 star",
      "2 stars",
      "3 stars",
      "4 stars",
      "5 stars"
    ]);
    // A star before any movie is in hand says what to do, instead of nothing.
    stars[3].click();
    expect(w.querySelector(".mlp-status")!.textContent).toBe("Pick a movie first, then rate it.");
    const announce = w.querySelector(".mlp-announce")!;
    for (const m of [3, 7]) {
      await w.setMovie(info(m));
      await w.settled();
      expect(announce.textContent).toBe(
        `${info(m).title}: ${w.value.prediction!.expected.toFixed(1)}★ predicted for you.`
      );
      stars[3].click();
      await w.settled();
      expect(announce.textContent).toMatch(
        new RegExp(`^You rated .+ 4★\\. Now \\d\\.\\d★ predicted for it; top pick: .+\\.$`)
      );
      expect(stars.map((b) => b.getAttribute("aria-pressed"))).toEqual(["false", "false", "false", "true", "false"]);
    }
    // Removing the first rating moves focus to the Remove button that took its place, the last one to the search.
    w.querySelector<HTMLButtonElement>("[data-action=unrate]")!.focus();
    w.querySelector<HTMLButtonElement>("[data-action=unrate]")!.click();
    await w.settled();
    expect(announce.textContent).toBe(`Removed your rating of ${info(3).title}.`);
    expect(document.activeElement).toBe(w.querySelector("[data-action=unrate]"));
    (document.activeElement as HTMLButtonElement).click();
    await w.settled();
    expect(document.activeElement).toBe(w.querySelector("input[role=combobox]"));
    unmount();
  });

  it("still recommends from a bundle without the MF part, and says why there is no prediction", async () => {
    const {createBundleService} = await import("../../lib/serving/bundle-service.js");
    const old = createBundleService({...fixture.bundle, state: {...fixture.bundle.state, coldStart: undefined}});
    const w = VisitorWidget(old, {debounceMs: 0, k: 3});
    await w.setMovie(info(6));
    await w.rate(info(6), 4);
    await w.settled();
    expect(w.value.recommendations?.items).toHaveLength(3);
    expect(w.value.prediction).toBeNull();
    expect(w.querySelector(".mlp-status")!.textContent).toMatch(/no cold-start model/);
  });

  it("keeps the ratings in localStorage only under the host's key", async () => {
    localStorage.clear();
    const w = VisitorWidget(service, {debounceMs: 0, storageKey: "k1"});
    await w.rate(info(2), 3);
    await w.settled();
    expect(JSON.parse(localStorage.getItem("k1")!)).toEqual([{movieId: ids[2], rating: 3}]);
    const again = VisitorWidget(service, {debounceMs: 0, storageKey: "k1"});
    await again.settled();
    expect(again.value.ratings).toEqual([{movieId: ids[2], rating: 3}]);
    expect(again.querySelector(".mlp-rated-list")!.textContent).toContain(fixture.data.movies.title[2]);
    const other = VisitorWidget(service, {debounceMs: 0});
    await other.rate(info(4), 2);
    expect(localStorage.length).toBe(1);
  });
});
