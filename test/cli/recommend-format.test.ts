import {describe, expect, it} from "vitest";
import {rankerSentence} from "../../src/commands/recommend.js";
import {formatTopList} from "../../src/commands/recommend/format.js";
import type {RecommendResult} from "../../lib/serving/types.js";
import {trainFixtureBundle} from "../helpers/bundle-fixture.js";

describe("movielab recommend's text", () => {
  it("prints a header and right-aligned ids and scores, titles last, notes under their row", () => {
    expect(
      formatTopList([
        {movieId: 204, label: "Back to the Future (1985)", score: 0.2381},
        {movieId: 1293, label: "Star Kid (1997)", score: -0.05, notes: ["because you rated Star Wars (1977) (5)"]}
      ])
    ).toEqual([
      "   #  movie id    score  title",
      "   1       204    0.238  Back to the Future (1985)",
      "   2      1293   -0.050  Star Kid (1997)",
      "        because you rated Star Wars (1977) (5)"
    ]);
  });

  it("names the ranker that made the list, and why popularity stood in for it", () => {
    const {bundle} = trainFixtureBundle();
    const result = (model: string, coldStart: boolean): RecommendResult => ({
      userId: 1,
      k: 3,
      model,
      items: [],
      coldStart,
      modelVersion: "v"
    });
    expect(rankerSentence(result("ease", false), bundle)).toBe("ranked by ease, the bundle's ranker");
    expect(rankerSentence(result("popular", true), bundle)).toBe(
      "ranked by popularity: the user has no ratings in the bundle"
    );
    expect(rankerSentence(result("popular", false), bundle)).toBe(
      "ranked by popularity: the bundle's ranker ease has no factors for this user"
    );
    const none = {...bundle, state: {...bundle.state, ranker: null}};
    expect(rankerSentence(result("popular", false), none)).toBe("ranked by popularity: the bundle has no ranker");
  });
});
