import {describe, expect, it} from "vitest";
import {aggregateFeatureNames, DEFAULT_AGGREGATE_OPTIONS} from "../../lib/features/aggregates.js";
import {featureLabel} from "../../lib/features/feature-labels.js";
import {movieFeatureNames} from "../../lib/features/movie-features.js";
import {userFeatureNames} from "../../lib/features/user-features.js";

describe("featureLabel", () => {
  it("names the codes readers met on the Training page", () => {
    expect(featureLabel("u_genre_affinity").label).toBe("User's taste for the genres");
    expect(featureLabel("i_share_4").label).toBe("Movie share of 5★");
    expect(featureLabel("u_share_0").label).toBe("User share of 1★");
    expect(featureLabel("pc0").label).toBe("Genre component 1");
    expect(featureLabel("i_count").label).toBe("Movie number of ratings");
    expect(featureLabel("u_mean").description).toContain("user's mean rating");
  });

  it("maps class shares through the rating scale", () => {
    expect(featureLabel("i_share_1", {min: 0.5, step: 0.5}).label).toBe("Movie share of 1★");
  });

  it("labels and describes every column the pipeline builds, each label once", () => {
    const names = [
      ...userFeatureNames(true),
      ...movieFeatureNames(5),
      ...aggregateFeatureNames({options: DEFAULT_AGGREGATE_OPTIONS, nClasses: 5})
    ];
    const labels = names.map((n) => featureLabel(n));
    for (const l of labels) {
      expect(l.label, l.name).not.toBe(l.name);
      expect(l.description, l.name).not.toBe("");
    }
    expect(new Set(labels.map((l) => l.label)).size).toBe(names.length);
  });

  it("passes unknown names through", () => {
    expect(featureLabel("mystery")).toEqual({name: "mystery", label: "mystery", description: ""});
  });
});
