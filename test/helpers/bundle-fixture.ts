/**
 * A real classifier bundle for delivery tests (API, CLI, widget): GBDT + EASE ranker trained on a
 * small seeded synthetic set in a few seconds, with one hostile title so that every consumer is
 * tested for text-only rendering. Fewer rounds than the CLI's defaults: the tests check delivery,
 * not accuracy.
 */
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {serializeBundle, parseBundle, type Bundle} from "../../lib/bundle/bundle.js";
import {buildWorkbenchBundle, type WorkbenchState} from "../../lib/bundle/workbench.js";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import type {Dataset} from "../../lib/data/types.js";
import {fitClassifier} from "../../lib/models/classifier/pipeline.js";
import {createBundleService} from "../../lib/serving/bundle-service.js";
import type {PredictionService, VisitorService} from "../../lib/serving/types.js";

export const HOSTILE_TITLE = "<img src=x onerror=alert(1)>";

export interface BundleFixture {
  data: Dataset;
  bundle: Bundle<WorkbenchState>;
  /** The bundle as written to disk. */
  text: string;
  /** A file holding text, in a fresh temporary directory. */
  path: string;
  service: PredictionService & VisitorService;
  hostileMovieId: number;
}

/** Trains the fixture bundle (about 2–4 s) and writes it to a temporary file. */
export function trainFixtureBundle(): BundleFixture {
  const raw = generateSynthetic({seed: 3, users: 120, movies: 200, ratings: 6000});
  raw.movies.title[1] = HOSTILE_TITLE;
  const data = encodeDataset(cleanDataset(raw).data);
  const rows = Int32Array.from({length: data.ratings.rating.length}, (_, i) => i);
  const state = fitClassifier(data, rows, {
    gbdt: {n_estimators: 8, max_depth: 4, early_stopping_rounds: null},
    validationFraction: 0
  });
  const built = buildWorkbenchBundle(data, state, {
    ranker: "ease",
    neighbours: 32,
    now: new Date("2025-01-01T00:00:00Z")
  });
  const text = serializeBundle(built);
  const path = join(mkdtempSync(join(tmpdir(), "movielab-bundle-")), "model.json");
  writeFileSync(path, text);
  const bundle = parseBundle<WorkbenchState>(text, path);
  return {
    data,
    bundle,
    text,
    path,
    service: createBundleService(bundle, path),
    hostileMovieId: data.movies.id[data.movies.title.indexOf(HOSTILE_TITLE)]
  };
}
