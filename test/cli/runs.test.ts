// `movielab cv` and `rank` write run records; `movielab runs list|show|compare|reproduce` read them.
// In-process through main() on a small generated ml-100k directory, with the data cache off.
import {spawn} from "node:child_process";
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {createRng} from "../../lib/random.js";
import {main} from "../../src/cli.js";

let tmp: string;
let data: string;
let runs: string;

/** A seeded ml-100k layout: 40 users × 60 movies, each user rating 25 movies from a bias model plus noise. */
function writeSmallSet(dir: string, seed: number): void {
  mkdirSync(dir, {recursive: true});
  const rng = createRng(seed);
  const movieBias = Array.from({length: 60}, () => rng.normal() * 0.6);
  const lines: string[] = [];
  for (let u = 1; u <= 40; u++) {
    const userBias = rng.normal() * 0.5;
    const movies = rng.shuffle(Array.from({length: 60}, (_, i) => i + 1)).slice(0, 25);
    for (const m of movies) {
      const r = Math.min(5, Math.max(1, Math.round(3.5 + userBias + movieBias[m - 1] + rng.normal() * 0.7)));
      lines.push(`${u}\t${m}\t${r}\t${880_000_000 + u * 1000 + m}`);
    }
  }
  writeFileSync(join(dir, "u.data"), `${lines.join("\n")}\n`);
  const items = Array.from(
    {length: 60},
    (_, i) => `${i + 1}|Film ${i + 1} (1990)|01-Jan-1990||http://x|0|${i % 2}|${(i + 1) % 2}`
  );
  writeFileSync(join(dir, "u.item"), `${items.join("\n")}\n`);
  writeFileSync(join(dir, "u.genre"), "unknown|0\nAction|1\nDrama|2\n\n");
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment every run here gets: offline, no progress bars, no data cache, records in `runs`. */
const cliEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  MOVIELAB_OFFLINE: "1",
  MOVIELAB_NO_PROGRESS: "1",
  MOVIELAB_CACHE: "off",
  MOVIELAB_RUNS_DIR: runs
});

async function movielab(args: string[]): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    env: cliEnv(),
    cwd: tmp,
    stderrIsTTY: false
  });
  return {code, stdout, stderr};
}

const recordFiles = () => readdirSync(runs).filter((f) => f.endsWith(".json"));
const readRecord = (id: string) => JSON.parse(readFileSync(join(runs, `${id}.json`), "utf8"));

let cvId: string;
let cv2Id: string;
let rankId: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "movielab-runs-"));
  data = join(tmp, "small");
  runs = join(tmp, "runs");
  writeSmallSet(data, 7);
  const a = await movielab(["cv", "--model", "baseline", "--data", "./small", "--folds", "3", "--seed", "5", "--json"]);
  expect(a.stderr).toBe("");
  expect(a.code).toBe(0);
  cvId = JSON.parse(a.stdout).id;
  const b = await movielab([
    "cv",
    "recommender",
    "--model",
    "global-mean",
    "--data",
    data,
    "--folds",
    "3",
    "--seed",
    "5"
  ]);
  expect(b.code).toBe(0);
  cv2Id = /run record: .*\/(cli-[^/]+)\.json/.exec(b.stderr)![1];
  const c = await movielab(["rank", "--model", "popular", "--data", data, "--k", "5", "--seeds", "1", "--json"]);
  expect(c.code).toBe(0);
  rankId = recordFiles()
    .map((f) => f.slice(0, -5))
    .find((id) => id !== cvId && id !== cv2Id)!;
}, 120_000);

afterAll(() => rmSync(tmp, {recursive: true, force: true}));

describe("run records written by cv and rank", () => {
  it("files cv's record as <id>.json: the record --json prints, with the invocation, code version and machine", () => {
    const r = readRecord(cvId);
    expect(r).toMatchObject({record: "movielab-cv-run/1", kind: "cv", source: "cli", model: "baseline"});
    expect(r).toMatchObject({protocol: "kfold", seed: 5, dataset: "small", n_ratings: 1000});
    expect(r.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The options as parsed; --data is the directory the run read (absolute), --json is output only.
    expect(r.invocation).toEqual({
      command: ["cv", "recommender"],
      options: {model: "baseline", data: "./small", folds: "3", seed: "5"},
      data,
      cwd: tmp
    });
    expect(r.code.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.code.dirty).toBeNull();
    expect(r.machine.load_average).toHaveLength(3);
    expect(r.machine.cpus).toBeGreaterThan(0);
    expect(r.folds.map((f: {fold: string}) => f.fold)).toEqual(["fold1", "fold2", "fold3"]);
  });

  it("files rank's record of the same family: protocol msr, one fold per split seed, metrics at k", () => {
    const r = readRecord(rankId);
    expect(r).toMatchObject({kind: "rank", protocol: "msr", seed: 42, model: "popular"});
    expect(r.params.k).toBe(5);
    expect(r.folds).toHaveLength(1);
    expect(r.folds[0].fold).toBe("seed42");
    expect(r.folds[0].n_train + r.folds[0].n_test).toBe(1000);
    expect(r.metrics["ndcg@5"].mean).toBe(r.folds[0]["ndcg@5"]);
    expect(r.metrics["ndcg@5"].sd).toBe(0);
    expect(r.invocation.command).toEqual(["rank"]);
  });

  it("files cv classifier's record too (stratified folds, never paired with random k-fold) and reproduces it", async () => {
    const dir = join(tmp, "classifier-runs");
    const args = [
      "cv",
      "classifier",
      "--data",
      data,
      "--folds",
      "2",
      "--rounds",
      "5",
      "--components",
      "2",
      "--runs-dir",
      dir
    ];
    const made = await movielab([...args, "--json"]);
    expect(made.code, made.stderr).toBe(0);
    const [file] = readdirSync(dir);
    const r = JSON.parse(readFileSync(join(dir, file), "utf8"));
    expect(r).toMatchObject({kind: "cv", model: "classifier", protocol: "stratified-k-fold", seed: 42});
    expect(r.invocation.command).toEqual(["cv", "classifier"]);
    expect(Object.keys(r.metrics).sort()).toEqual(["accuracy", "log_loss", "macro_f1", "weighted_f1"]);
    expect(r.folds[0].accuracy).toBe(JSON.parse(made.stdout).folds[0].metrics.accuracy);
    const again = await movielab(["runs", "reproduce", r.id, "--runs-dir", dir]);
    expect(again.stdout).toBe(`${r.id}: bit-identical (18 per-fold values over 2 folds; timings not compared)\n`);
    expect(again.code).toBe(0);
  }, 120_000);

  it("writes nothing with --no-record", async () => {
    const before = recordFiles().length;
    const r = await movielab(["cv", "--model", "global-mean", "--data", data, "--folds", "2", "--no-record"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(recordFiles()).toHaveLength(before);
  });
});

describe("movielab runs", () => {
  it("lists the runs with their headline metric, filters by model, and prints JSON rows", async () => {
    const r = await movielab(["runs", "list"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^id\s+date\s+data\s+model\s+protocol\s+metric\s+mean ± sd\s+fit s\s+peak MiB$/);
    expect(lines).toHaveLength(4);
    const cv = readRecord(cvId);
    expect(r.stdout).toContain(`${cvId}`);
    expect(lines.find((l) => l.startsWith(cvId))).toMatch(
      new RegExp(
        `small\\s+baseline\\s+kfold ×3 seed 5\\s+rmse\\s+${cv.rmse.mean.toFixed(4)} ± ${cv.rmse.sd.toFixed(4)}`
      )
    );
    expect(lines.find((l) => l.startsWith(rankId))).toMatch(/popular\s+msr ×1 seed 42\s+ndcg@5/);
    const only = await movielab(["runs", "list", "--model", "popular", "--json"]);
    const rows = JSON.parse(only.stdout);
    expect(rows.map((x: {id: string}) => x.id)).toEqual([rankId]);
    expect(rows[0]).toMatchObject({metric: "ndcg@5", dataset: "small"});
    // The CLI records the peak memory of the process that ran it (a Node process holds tens of MiB at least).
    expect(rows[0].peak_rss_mib).toBeGreaterThan(20);
    expect(readRecord(rankId).machine.peak_rss_mib).toBe(rows[0].peak_rss_mib);
    const none = await movielab(["runs", "list", "--dataset", "ml-25m"]);
    expect(none.stdout).toMatch(/no run in .* matches \(3 records\)/);
  });

  it("shows a run by unique prefix: every field, the command line, a per-fold table; an ambiguous prefix fails", async () => {
    const r = await movielab(["runs", "show", cvId.slice(0, -4)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^id\s+cli-/);
    expect(r.stdout).toContain(
      `command        movielab cv recommender --model baseline --data ${data} --folds 3 --seed 5`
    );
    expect(r.stdout).toMatch(/^param regUser\s+15$/m);
    expect(r.stdout).toMatch(/^fold\s+rmse\s+mae\s+n_train\s+n_test\s+fallbacks\s+fit_seconds\s+predict_seconds$/m);
    const f1 = readRecord(cvId).folds[0];
    expect(r.stdout).toMatch(
      new RegExp(`^fold1\\s+${f1.rmse.toFixed(4)}\\s+${f1.mae.toFixed(4)}\\s+${f1.n_train}\\s+${f1.n_test}`, "m")
    );
    const json = await movielab(["runs", "show", join(runs, `${cvId}.json`), "--json"]);
    expect(JSON.parse(json.stdout)).toEqual(readRecord(cvId));
    const ambiguous = await movielab(["runs", "show", "cli-"]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/"cli-" matches 3 runs in .*; give more of the id/);
    const unknown = await movielab(["runs", "show", "lab-nothing"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no run "lab-nothing" in .*runs list/);
  });

  it("compares runs on the same folds pairwise, and says why a cv run and a rank run are not comparable", async () => {
    const r = await movielab(["runs", "compare", cvId, cv2Id, rankId]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\* model\s+baseline\s+global-mean\s+popular$/m);
    expect(r.stdout).toMatch(/^ {2}fingerprint\s+(sha256:\S+)\s+\1\s+\1$/m);
    expect(r.stdout).toContain(`${cv2Id} against ${cvId}: paired over 3 folds (same data, protocol kfold, seed 5)`);
    const a = readRecord(cvId);
    const b = readRecord(cv2Id);
    const d = a.folds.map((f: {rmse: number}, i: number) => b.folds[i].rmse - f.rmse);
    const mean = (d[0] + d[1] + d[2]) / 3;
    expect(r.stdout).toMatch(new RegExp(`^rmse\\s+\\${mean >= 0 ? "+" : "-"}${Math.abs(mean).toFixed(5)}\\s`, "m"));
    expect(r.stdout).toMatch(
      new RegExp(
        `${rankId} against ${cvId}: not comparable fold by fold \\(different protocols: kfold and msr; different folds`
      )
    );
    const json = JSON.parse((await movielab(["runs", "compare", cvId, cv2Id, "--json"])).stdout);
    expect(json.pairs[0]).toMatchObject({comparable: true, why: []});
    expect(json.pairs[0].differences.find((x: {metric: string}) => x.metric === "rmse").mean).toBe(mean);
  });

  it("reproduces a cv run and a rank run bit for bit", async () => {
    const cv = await movielab(["runs", "reproduce", cvId]);
    expect(cv.stdout).toBe(`${cvId}: bit-identical (15 per-fold values over 3 folds; timings not compared)\n`);
    expect(cv.code).toBe(0);
    const rank = await movielab(["runs", "reproduce", rankId]);
    expect(rank.code).toBe(0);
    expect(rank.stdout).toMatch(/bit-identical \(\d+ per-fold values over 1 fold;/);
    // The re-runs' records go to a temporary directory, not among the runs.
    expect(recordFiles()).toHaveLength(3);
  }, 60_000);

  it("reproduces from the sources too (tsx src/cli.ts: the command imports the entry module it runs in)", async () => {
    // The source entry awaited itself at the top level: importing it from `runs reproduce` never settled (exit 13).
    const root = join(import.meta.dirname, "..", "..");
    const out = await new Promise<Result>((done, fail) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", join(root, "src", "cli.ts"), "runs", "reproduce", cvId],
        {
          cwd: root,
          env: cliEnv(),
          stdio: ["ignore", "pipe", "pipe"]
        }
      );
      let stdout = "",
        stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", fail);
      child.on("close", (code) => done({code: code ?? -1, stdout, stderr}));
    });
    expect(out.stdout).toBe(`${cvId}: bit-identical (15 per-fold values over 3 folds; timings not compared)\n`);
    expect(out.code).toBe(0);
  }, 60_000);

  it("reports a tampered metric and exits 1", async () => {
    const r = readRecord(cvId);
    const original = r.folds[1].rmse;
    r.id = "cli-tampered";
    r.folds[1].rmse = original + 2 ** -40;
    const file = join(tmp, "tampered.json");
    writeFileSync(file, JSON.stringify(r));
    const out = await movielab(["runs", "reproduce", file]);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe(
      `cli-tampered: 1 per-fold value differs\n  fold2 rmse: recorded ${original + 2 ** -40}, now ${original}\n`
    );
  }, 60_000);

  it("refuses to reproduce when the data's fingerprint changed", async () => {
    const copy = join(tmp, "copy");
    cpSync(data, copy, {recursive: true});
    const made = await movielab([
      "cv",
      "--model",
      "global-mean",
      "--data",
      copy,
      "--folds",
      "2",
      "--runs-dir",
      join(tmp, "other"),
      "--json"
    ]);
    const id = JSON.parse(made.stdout).id;
    const text = readFileSync(join(copy, "u.data"), "utf8");
    writeFileSync(
      join(copy, "u.data"),
      text.replace(/^1\t(\d+)\t(\d)/, (_m, movie, r) => `1\t${movie}\t${r === "5" ? 4 : Number(r) + 1}`)
    );
    const out = await movielab(["runs", "reproduce", id, "--runs-dir", join(tmp, "other")]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(
      new RegExp(`refusing to reproduce ${id}: the data at .*copy is not the data the run read`)
    );
    expect(out.stderr).toContain(`recorded fingerprint ${JSON.parse(made.stdout).fingerprint}`);
  }, 60_000);

  it("says a record without an invocation (the Lab's) cannot be reproduced", async () => {
    const r = readRecord(cvId);
    delete r.invocation;
    r.source = "lab";
    const file = join(tmp, "lab-run.json");
    writeFileSync(file, JSON.stringify(r));
    const out = await movielab(["runs", "reproduce", file]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/lab-run\.json: the record has no invocation/);
  });

  it("names the file and the field of a malformed record, in show and in list", async () => {
    const r = readRecord(cvId);
    r.folds[1].mae = "oops";
    r.id = "cli-malformed";
    const bad = join(runs, "cli-malformed.json");
    writeFileSync(bad, JSON.stringify(r));
    try {
      const show = await movielab(["runs", "show", "cli-malformed"]);
      expect(show.code).toBe(1);
      expect(show.stderr).toBe(`movielab: ${bad}, field "folds[1].mae": got "oops", expected a number\n`);
      const list = await movielab(["runs", "list"]);
      expect(list.code).toBe(1);
      expect(list.stderr).toContain(`skipped ${bad}, field "folds[1].mae"`);
      expect(list.stdout.trimEnd().split("\n")).toHaveLength(4);
      writeFileSync(
        bad,
        JSON.stringify({...readRecord(cvId), invocation: {command: ["cv"], options: {}, data: "", cwd: "/"}})
      );
      const inv = await movielab(["runs", "show", bad]);
      expect(inv.stderr).toMatch(/cli-malformed\.json, field "invocation\.data": got "", expected a non-empty string/);
    } finally {
      rmSync(bad);
    }
  });
});
