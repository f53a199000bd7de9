import {describe, expect, it} from "vitest";
import {releaseGap} from "../../lib/analysis/release-gap.js";
import {DAY, tinyDataset} from "./tiny-dataset.js";

describe("releaseGap", () => {
  it("finds the one rating before release and the one it cannot judge", () => {
    const g = releaseGap(tinyDataset());
    expect(g.total).toBe(7);
    expect(g.before).toBe(1);
    expect(g.undated).toBe(1); // Delta has neither date nor year
    expect(g.moviesAffected).toBe(1);
    expect(g.usersAffected).toBe(1);
    expect(g.rows).toEqual({
      userId: [10],
      movieId: [2],
      movieRow: [1],
      rating: [4],
      rated: [DAY(1998, 2, 1)],
      release: [DAY(1998, 3, 1)]
    });
    // Gamma is judged against Jan 1 1990 (year only): its 1997 rating is ordinary.
    expect(g.ordinaryTotal).toBe(5);
    expect(g.ordinaryDrawn).toBe(5);
    expect(g.points.before).toEqual([0, 0, 0, 0, 0, 1]);
    expect(g.points.release).toContain(DAY(1990, 1, 1));
    expect([g.ratedFrom, g.ratedTo]).toEqual([DAY(1997, 9, 22), DAY(1998, 3, 2) + 60]);
    // Alpha (1995, 3 ratings) and Gamma (1990, 1 rating) came out before the first rating; Beta did not.
    expect(g.releasedBeforePeriod).toBe(4);
  });

  it("keeps every before-release rating but samples the ordinary ones, seeded", () => {
    const a = releaseGap(tinyDataset(), {ordinarySample: 2, seed: 7});
    const b = releaseGap(tinyDataset(), {ordinarySample: 2, seed: 7});
    expect(a.ordinaryDrawn).toBe(2);
    expect(a.points.before).toEqual([0, 0, 1]);
    expect(a.points).toEqual(b.points);
    const seeds = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => releaseGap(tinyDataset(), {ordinarySample: 2, seed}).points.rated.join())
    );
    expect(seeds.size).toBeGreaterThan(1);
  });
});
