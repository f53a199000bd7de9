/** A small serialized workbench bundle (GBDT + EASE ranker on a seeded synthetic set), in well under a second. */
import {serializeBundle} from "../../lib/bundle/bundle.js";
import {buildWorkbenchBundle} from "../../lib/bundle/workbench.js";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {fitClassifier} from "../../lib/models/classifier/pipeline.js";

/** The bundle's text: `trees` rounds of depth 3 on users × movies with `ratings` ratings, `neighbours` kept per ranker row. */
export function smallWorkbenchText(o: {
  seed: number;
  users: number;
  movies: number;
  ratings: number;
  trees: number;
  neighbours: number;
}): string {
  const data = encodeDataset(
    cleanDataset(generateSynthetic({seed: o.seed, users: o.users, movies: o.movies, ratings: o.ratings})).data
  );
  const rows = Int32Array.from({length: data.ratings.rating.length}, (_, i) => i);
  const classifier = fitClassifier(data, rows, {
    gbdt: {n_estimators: o.trees, max_depth: 3, early_stopping_rounds: null},
    validationFraction: 0
  });
  const now = new Date("2026-01-01T00:00:00Z");
  return serializeBundle(buildWorkbenchBundle(data, classifier, {ranker: "ease", neighbours: o.neighbours, now}));
}
