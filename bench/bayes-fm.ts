/**
 * The Bayesian factorization machine (bayes-fm) on ml-100k's official splits: RMSE and MAE against
 * the number of Gibbs sweeps and the feature set, with fit seconds, seconds per sweep and the
 * process's peak memory. No native peer runs here (myFM is not installable offline); the anchor is
 * myFM's documented u1 figure for the same model (timeSVD++ flipped, rank 10, 300 sweeps): RMSE 0.889.
 * These are the base model's fits (no inner selection): `movielab cv --model bayes-fm` adds it.
 *
 *   npx tsx bench/bayes-fm.ts [--data DIR] [--folds u1,u2] [--sweeps 100,300] [--side false,true]
 */
import {loadavg} from "node:os";
import {join, resolve} from "node:path";
import {openDataset} from "../lib/node/open-dataset.js";
import {bayesFmModel, fitBayesFm} from "../lib/models/factors/bayes-fm.js";
import {predictRatings} from "../lib/models/estimator.js";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}
const dir = resolve(
  option("--data", process.env.MOVIELAB_TEST_DATA ?? join(import.meta.dirname, "../../shared/data/ml-100k"))
);
const foldNames = option("--folds", "u1").split(",");
const sweeps = option("--sweeps", "100,300").split(",").map(Number);
const sides = option("--side", "false,true")
  .split(",")
  .map((s) => s === "true");
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const load = () => loadavg().map((x) => round(x, 2));
const loadBefore = load();

const opened = await openDataset({spec: dir, clean: {beforeRelease: false}});
const folds = await opened.folds.officialRating(foldNames);
const results = [];
for (const fold of folds) {
  for (const side of sides) {
    for (const n of sweeps) {
      const params = {side, sweeps: n, burnIn: Math.round(n / 6)};
      const t0 = performance.now();
      const state = fitBayesFm(fold.train, params);
      const fit = (performance.now() - t0) / 1000;
      const p = predictRatings(bayesFmModel, state, fold.test).rating;
      let se = 0,
        ae = 0;
      for (let i = 0; i < p.length; i++) {
        se += (p[i] - fold.test.rating[i]) ** 2;
        ae += Math.abs(p[i] - fold.test.rating[i]);
      }
      results.push({
        fold: fold.name,
        ...params,
        rmse: round(Math.sqrt(se / p.length)),
        mae: round(ae / p.length),
        fit_seconds: round(fit, 2),
        seconds_per_sweep: round(fit / n, 4)
      });
    }
  }
}
console.log(
  JSON.stringify(
    {
      bench: "bayes-fm",
      data: dir,
      anchor: {system: "myFM Bayesian timeSVD++ flipped", protocol: "official u1", rmse: 0.889},
      results,
      peak_rss_mib: round(process.resourceUsage().maxRSS / 1024, 0),
      load_before: loadBefore,
      load_after: load()
    },
    null,
    2
  )
);
