import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {readDatasetDir} from "../../lib/node/read-dataset-dir.js";
import {foldText, matchTier, orderByMatch, searchIndex, searchMovies} from "../../lib/serving/search-movies.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

const titlesOf = (index: ReturnType<typeof searchIndex>, hits: number[]) => hits.map((m) => index.titles[m]);

describe("title search ranking", () => {
  it("ranks title start, then a later word, then inside a word; whole words before prefixes", () => {
    const q = "star";
    expect(matchTier("star wars (1977)", q)).toBe(0);
    expect(matchTier("stargate (1994)", q)).toBe(1);
    expect(matchTier("lone star (1996)", q)).toBe(2);
    expect(matchTier("dark starship", q)).toBe(3);
    expect(matchTier("bastard out of carolina (1996)", q)).toBe(4);
    expect(matchTier("casablanca", q)).toBe(-1);
    // The best occurrence counts, not the first.
    expect(matchTier("mustard star", q)).toBe(2);
    // A query that ends inside a word, or starts with punctuation, is judged by its own ends.
    expect(matchTier("star wars", "ar w")).toBe(4);
    expect(matchTier("star wars", "r w")).toBe(4);
    expect(matchTier("<img src=x>", "<img")).toBe(0);
    expect(matchTier("anything", "")).toBe(-1);
  });

  it("orders equal matches by popularity when known, else by title; case, accents and spaces do not matter", () => {
    const titles = ["Bastard Out of Carolina", "Stars", "Star Kid", "Star Wars", "Lone Star", "Café Star"];
    const byTitle = searchIndex(titles);
    expect(titlesOf(byTitle, searchMovies(byTitle, "STAR", 10))).toEqual([
      "Star Kid",
      "Star Wars",
      "Stars",
      "Café Star",
      "Lone Star",
      "Bastard Out of Carolina"
    ]);
    const byPopularity = searchIndex(titles, [50, 9, 2, 583, 48, 1]);
    expect(titlesOf(byPopularity, searchMovies(byPopularity, "star", 3))).toEqual(["Star Wars", "Star Kid", "Stars"]);
    expect(titlesOf(byTitle, searchMovies(byTitle, "  cafe   STAR ", 10))).toEqual(["Café Star"]);
    expect(searchMovies(byTitle, "   ", 10)).toEqual([]);
    expect(foldText("Les  Misérables")).toBe("les miserables");
  });

  it("re-orders already ranked results by match only, keeping their order within a tier", () => {
    const items = ["Bastard Out of Carolina", "Star Trek", "Lone Star", "Star Wars"];
    expect(orderByMatch(items, (t) => t, "star")).toEqual([
      "Star Trek",
      "Star Wars",
      "Lone Star",
      "Bastard Out of Carolina"
    ]);
  });
});

describe.skipIf(!HAS_ML100K)("title search on the real ml-100k", async () => {
  const d = HAS_ML100K ? encodeDataset(cleanDataset(await readDatasetDir(ML100K_DIR)).data) : undefined;

  it('puts Star Wars (1977) and the Star Trek films first for "star", Bastard Out of Carolina last', () => {
    const pop = new Float64Array(d!.movies.id.length);
    for (const m of d!.ratings.movie) pop[m]++;
    const index = searchIndex(d!.movies.title, pop);
    const hits = titlesOf(index, searchMovies(index, "star", 100));
    expect(hits[0]).toBe("Star Wars (1977)");
    expect(hits.slice(1, 9).every((t) => t.startsWith("Star Trek"))).toBe(true);
    expect(hits.slice(0, 12).every((t) => /^Star /.test(t))).toBe(true);
    expect(hits.at(-1)).toBe("Bastard Out of Carolina (1996)");
    expect(titlesOf(index, searchMovies(index, "CAFE", 5))).toEqual(["Metisse (Café au Lait) (1993)"]);
  });
});
