/**
 * Biased MF at full size against the C SGD peer (../shared/peers/svd_sgd.c), both fed the same 90 %
 * split of a generated look-alike (default ml-25m's shape) as TSV, in the same run. Prints one JSON
 * object: RMSE and MAE on the 10 % test part, fit seconds of each side, the ratio, peak RSS, load average.
 *
 * The peer as shipped cannot read this data: it sizes its factor arrays for ml-100k (NU = 2000,
 * NI = 4000: a 162k-user set writes past them), reads ratings with %d (it stops at the first half
 * star) and clips predictions to 1..5 (ml-25m's scale is 0.5..5). The bench compiles a copy with
 * exactly those three things changed (listed in the JSON as `peerPatches`) and the algorithm untouched.
 * Usage: tsx bench/mf-scale.ts [--like ml-25m] [--fraction 1] [--dir DIR] [--epochs 20]
 */
import {execFileSync, spawnSync} from "node:child_process";
import {createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {lookAlikeArgs} from "./look-alike-args.js";
import {once} from "node:events";
import {createRng} from "../lib/random.js";
import {selectRows, trainSetOf} from "../lib/data/folds.js";
import {mae, rmse} from "../lib/eval/rating-metrics.js";
import {predictRatings} from "../lib/models/estimator.js";
import {mfModel} from "../lib/models/factors/mf.js";
import {openDataset} from "../lib/node/open-dataset.js";
import {writeLikeSet} from "../lib/node/write-like-set.js";
import {setShape} from "../lib/data/synthetic-shapes.js";

const {arg, like, fraction, dir} = lookAlikeArgs();
const epochs = Number(arg("epochs", "20"));
const PEER = resolve(import.meta.dirname, "../../shared/peers/svd_sgd.c");
const load = [loadavg()[0]];
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const log = (msg: string) => process.stderr.write(`mf-scale: ${msg}\n`);

if (!existsSync(join(dir, "ratings.csv")) && !existsSync(join(dir, "ratings.dat"))) {
  log(`writing a ${like} look-alike to ${dir}`);
  writeLikeSet(setShape(like), dir, {fraction});
}
const {dataset: d} = await openDataset({spec: dir, clean: {beforeRelease: false}});
const n = d.ratings.rating.length;

// The 90 % split: a seeded shuffle of the rows, the last tenth held out.
const order = createRng(42).shuffle(Int32Array.from({length: n}, (_, i) => i));
const nTest = Math.round(n / 10);
const trainRows = order.slice(0, n - nTest).sort();
const testRows = order.slice(n - nTest).sort();
const train = trainSetOf(d, trainRows);
const test = selectRows(d.ratings, testRows);

const work = mkdtempSync(join(tmpdir(), "movielab-mf-scale-"));
try {
  // Dense 0-based ids keep the peer's arrays exactly as large as the data.
  const writeTsv = async (path: string, r: typeof test) => {
    const out = createWriteStream(path);
    let chunk = "";
    for (let i = 0; i < r.rating.length; i++) {
      chunk += `${r.user[i]}\t${r.movie[i]}\t${r.rating[i]}\t${r.timestamp[i]}\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, "drain");
        chunk = "";
      }
    }
    out.end(chunk);
    await once(out, "finish");
  };
  await writeTsv(join(work, "base.tsv"), train.ratings);
  await writeTsv(join(work, "test.tsv"), test);

  const patches: {was: string; now: string; why: string}[] = [
    {
      was: "int NU = 2000, NI = 4000;",
      now: `int NU = ${d.userIds.length}, NI = ${d.movies.id.length};`,
      why: "factor arrays sized for the data, not for ml-100k"
    },
    {was: "int u, i, r; long t;", now: "int u, i; float r; long t;", why: "half-star ratings"},
    {was: '"%d\\t%d\\t%d\\t%ld"', now: '"%d\\t%d\\t%f\\t%ld"', why: "half-star ratings"},
    {
      was: "d = d < 1 ? 1 : d > 5 ? 5 : d;",
      now: `d = d < ${d.scale.min} ? ${d.scale.min} : d > ${d.scale.max} ? ${d.scale.max} : d;`,
      why: "predictions clipped to the data set's scale, as movielab clips them"
    },
    {was: "e < 20", now: `e < ${epochs}`, why: "the same epoch count on both sides"}
  ];
  let src = readFileSync(PEER, "utf8");
  for (const p of patches) {
    if (!src.includes(p.was)) throw new Error(`the peer changed: ${PEER} no longer contains ${p.was}`);
    src = src.replace(p.was, p.now);
  }
  writeFileSync(join(work, "svd_sgd.c"), src);
  execFileSync("gcc", ["-O3", "-march=native", "-o", join(work, "svd_sgd"), join(work, "svd_sgd.c"), "-lm"]);

  log(`${n} ratings; C peer on ${trainRows.length} training ratings`);
  load.push(loadavg()[0]);
  const peerRun = spawnSync(
    "/usr/bin/time",
    ["-f", "%M", join(work, "svd_sgd"), join(work, "base.tsv"), join(work, "test.tsv")],
    {
      encoding: "utf8"
    }
  );
  if (peerRun.status !== 0) throw new Error(`the peer failed: ${peerRun.stderr}`);
  const [cRmse, cMae, cFit] = peerRun.stdout.trim().split(/\s+/).map(Number);
  const cRssMiB = Number(peerRun.stderr.trim().split("\n").at(-1)) / 1024;

  log("movielab MF");
  load.push(loadavg()[0]);
  const t0 = performance.now();
  const state = mfModel.fit(train, {epochs});
  const fit = (performance.now() - t0) / 1000;
  const pred = predictRatings(mfModel, state, test).rating;
  load.push(loadavg()[0]);
  console.log(
    JSON.stringify({
      bench: "mf-scale",
      like,
      fraction,
      dir,
      ratings: n,
      users: d.userIds.length,
      movies: d.movies.id.length,
      split: "seeded 90/10 over ratings (seed 42)",
      params: {factors: state.factors, epochs, lr: 0.005, reg: 0.02},
      movielab: {rmse: round(rmse(test.rating, pred)), mae: round(mae(test.rating, pred)), fitSeconds: round(fit, 1)},
      peer: {
        name: "svd_sgd.c (gcc -O3 -march=native)",
        rmse: cRmse,
        mae: cMae,
        fitSeconds: cFit,
        rssMiB: Math.round(cRssMiB)
      },
      peerPatches: patches,
      timeRatio: round(fit / cFit, 2),
      targets: {"fit within 1.5× of the C peer": fit / cFit <= 1.5},
      rssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage: load.map((l) => round(l, 2))
    })
  );
} finally {
  rmSync(work, {recursive: true, force: true});
}
