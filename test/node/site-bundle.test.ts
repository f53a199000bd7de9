import {execFile} from "node:child_process";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {promisify} from "node:util";
import {beforeAll, describe, expect, it} from "vitest";
import {attachFactors} from "../../lib/bundle/attach-factors.js";
import {parseBundle} from "../../lib/bundle/bundle.js";
import {buildWorkbenchBundle, type WorkbenchState} from "../../lib/bundle/workbench.js";
import {setShape} from "../../lib/data/synthetic-shapes.js";
import type {Dataset} from "../../lib/data/types.js";
import {fitClassifier} from "../../lib/models/classifier/pipeline.js";
import {saveBundle} from "../../lib/node/bundle-file.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {siteBundle} from "../../lib/node/site-bundle.js";
import {writeLikeSet} from "../../lib/node/write-like-set.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);

let dir: string;
let dataset: Dataset;
let bundlePath: string;

/** Seeded factors of rank 3 for every user but the first and every movie but the first. */
function factorsOf(ids: Int32Array, seed: number) {
  const kept = ids.subarray(1);
  const features = Float32Array.from({length: kept.length * 3}, (_, i) => Math.sin(seed * 7919 + i * 104729) * 0.8);
  return {ids: kept, features, rank: 3};
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "movielab-site-bundle-"));
  dir = join(root, "small");
  writeLikeSet(setShape("ml-latest-small"), dir, {seed: 5, fraction: 0.05});
  dataset = (await openDataset({spec: dir, cache: false, allowDownload: false})).dataset;
  const rows = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
  const classifier = fitClassifier(dataset, rows, {
    gbdt: {n_estimators: 2, max_depth: 3, early_stopping_rounds: null},
    validationFraction: 0
  });
  const base = buildWorkbenchBundle(dataset, classifier, {ranker: "ease", neighbours: 8});
  const {bundle} = attachFactors(base, factorsOf(dataset.userIds, 1), factorsOf(dataset.movies.id, 2));
  bundlePath = join(root, "als.json");
  await saveBundle(bundlePath, bundle);
}, 60_000);

describe("siteBundle (MOVIELAB_BUNDLE)", () => {
  it("is null when unset, and the checked bundle when set", async () => {
    expect(await siteBundle(dataset, {})).toBeNull();
    const got = await siteBundle(dataset, {MOVIELAB_BUNDLE: bundlePath});
    expect(got?.path).toBe(bundlePath);
    expect(got?.bundle.idMaps.users).toEqual(Int32Array.from(dataset.userIds));
  });

  it("refuses a bundle of another data set, naming the file and the difference", async () => {
    const fewer: Dataset = {...dataset, userIds: dataset.userIds.subarray(1)};
    await expect(siteBundle(fewer, {MOVIELAB_BUNDLE: bundlePath})).rejects.toThrow(
      `MOVIELAB_BUNDLE=${bundlePath}: its users include id ${dataset.userIds[0]}, which the site's set does not have`
    );
    await expect(siteBundle({...dataset, name: "ml-1m"}, {MOVIELAB_BUNDLE: bundlePath})).rejects.toThrow(
      /it was fitted on "small", the site shows "ml-1m"/
    );
    await expect(siteBundle(dataset, {MOVIELAB_BUNDLE: join(dir, "missing.json")})).rejects.toThrow(/missing\.json/);
  });

  it("is what the Predict page's loader ships, and its factors join the Recommendations page's models", async () => {
    const env = {...process.env, MOVIELAB_DATA: dir, MOVIELAB_BUNDLE: bundlePath, MOVIELAB_CACHE: "off"};
    const tsx = join(ROOT, "node_modules", ".bin", "tsx");
    const opts = {env, cwd: ROOT, maxBuffer: 64 * 2 ** 20};
    const model = await run(tsx, [join(ROOT, "notebooks", "data", "model.json.ts")], opts);
    const shipped = parseBundle<WorkbenchState>(model.stdout, "model.json", {kind: "classifier"});
    expect(shipped.meta.params.page).toEqual({imported: "als.json"});
    expect(shipped.state.ranker).toMatchObject({kind: "factors", name: "als", rank: 3});

    const users = await run(tsx, [join(ROOT, "notebooks", "data", "recommender-users.json.ts")], opts);
    const page = JSON.parse(users.stdout) as {
      models: {name: string; label: string}[];
      users: {userId: number; recommendations: Record<string, [number, number, unknown][]>}[];
    };
    expect(page.models.map((m) => m.name)).toContain("als");
    expect(page.models.find((m) => m.name === "als")?.label).toBe("als (imported)");
    for (const u of page.users) {
      const als = u.recommendations.als.map(([id]) => id);
      expect(als).toHaveLength(10);
      expect(als).not.toContain(dataset.movies.id[0]); // the movie without factors
      // The user without factors gets the most-rated movies, as serve gives them.
      if (u.userId === dataset.userIds[0]) expect(als).toEqual(u.recommendations.popular.map(([id]) => id));
    }
  }, 120_000);
});
