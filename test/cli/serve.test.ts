import {spawn, type ChildProcess} from "node:child_process";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {closeTopClasses} from "../../lib/widget/prediction-summary.js";
import {formatPercent} from "../../lib/widget/probability-bars.js";
import {trainFixtureBundle, type BundleFixture} from "../helpers/bundle-fixture.js";

const BIN = resolve(import.meta.dirname, "..", "..", "bin", "movielab.js");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `movielab …` through the real launcher; resolves `done` on exit. */
function start(args: string[]): {child: ChildProcess; out: () => string; err: () => string; done: Promise<Run>} {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {...process.env, MOVIELAB_OFFLINE: "1"},
    stdio: ["ignore", "pipe", "pipe"]
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const done = new Promise<Run>((res, rej) => {
    child.on("error", rej);
    child.on("close", (code, signal) => res({code, signal, stdout, stderr}));
  });
  return {child, out: () => stdout, err: () => stderr, done};
}

/** Waits until stderr announces the server's URL (or the process exits). */
async function urlOf(run: ReturnType<typeof start>, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  void run.done.then(() => (exited = true));
  while (Date.now() < until && !exited) {
    const m = /movielab serve: (http:\/\/127\.0\.0\.1:\d+)/.exec(run.err());
    if (m) return m[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`serve did not announce its URL; stderr:\n${run.err()}`);
}

let fixture: BundleFixture;
let tmp: string;
beforeAll(() => {
  fixture = trainFixtureBundle();
  tmp = mkdtempSync(join(tmpdir(), "movielab-serve-"));
});

describe("movielab serve", () => {
  const running: ChildProcess[] = [];
  afterAll(() => {
    for (const c of running) if (c.exitCode === null) c.kill("SIGKILL");
  });

  it("serves a real bundle over a socket, logs JSON, and exits 0 on SIGTERM after finishing", async () => {
    const run = start(["serve", "--bundle", fixture.path, "--port", "0"]);
    running.push(run.child);
    const url = await urlOf(run);
    const health = await (await fetch(`${url}/health`)).json();
    expect(health).toMatchObject({status: "ok", model_version: fixture.service.version});
    const user = fixture.data.userIds[1];
    const movie = fixture.data.movies.id[2];
    const res = await fetch(`${url}/predict`, {
      method: "POST",
      headers: {"content-type": "application/json"},
      body: JSON.stringify({user_id: user, movie_id: movie})
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    const direct = await fixture.service.predict(user, movie);
    expect(body.rating).toBe(direct.rating);
    expect(body.expected).toBeCloseTo(direct.expected, 10);
    const bad = await fetch(`${url}/predict`, {
      method: "POST",
      headers: {"content-type": "application/json"},
      body: "{oops"
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${url}/health`)).status).toBe(200);

    run.child.kill("SIGTERM");
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("movielab serve: stopped");
    // Structured logs: one JSON object per line, with the requests in them.
    const logs = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as {msg?: string; req?: {url?: string}});
    expect(logs.some((l) => l.req?.url === "/predict")).toBe(true);
  });

  it("--quiet logs nothing for good requests", async () => {
    const run = start(["serve", "--bundle", fixture.path, "--port", "0", "--quiet"]);
    running.push(run.child);
    const url = await urlOf(run);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    run.child.kill("SIGINT");
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
  });

  it("refuses a bad bundle with a message and exit 1", async () => {
    const broken = join(tmp, "broken.json");
    writeFileSync(broken, fixture.text.slice(0, fixture.text.length / 2));
    const result = await start(["serve", "--bundle", broken, "--port", "0"]).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.json: the file is truncated/);
    expect(result.stderr).not.toMatch(/ at .*\.ts:\d+/); // no stack trace

    const missing = await start(["serve", "--bundle", join(tmp, "nope.json"), "--port", "0"]).done;
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
  });

  it("bad usage exits 2 naming the option", async () => {
    const noModel = await start(["serve"]).done;
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/--bundle FILE is required/);
    // --model is --bundle's older name here: the same file, never both.
    const both = await start(["serve", "--bundle", fixture.path, "--model", fixture.path]).done;
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--bundle and --model name the same file here; give one of them/);
    const badPort = await start(["serve", "--bundle", fixture.path, "--port", "70000"]).done;
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--port "70000": expected an integer from 0 to 65535/);
    const badCors = await start(["serve", "--bundle", fixture.path, "--cors", "example.org/x"]).done;
    expect(badCors.code).toBe(2);
    expect(badCors.stderr).toMatch(/--cors/);
  });
});

describe("movielab predict and recommend", () => {
  it("predict prints the prediction, --json the API's answer; unknown ids exit 1", async () => {
    const user = fixture.data.userIds[0];
    const movie = fixture.data.movies.id[1];
    const direct = await fixture.service.predict(user, movie);
    const text = await start(["predict", "--bundle", fixture.path, "--user", String(user), "--movie", String(movie)])
      .done;
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`predicted ${direct.rating}★, expected ${direct.expected.toFixed(2)}`);
    expect(text.stdout).toContain(JSON.stringify("<img src=x onerror=alert(1)>"));
    const json = await start([
      "predict",
      "--bundle",
      fixture.path,
      "--user",
      String(user),
      "--movie",
      String(movie),
      "--json"
    ]).done;
    expect(JSON.parse(json.stdout)).toMatchObject({
      user_id: user,
      movie_id: movie,
      rating: direct.rating,
      cold_start: false
    });
    // --model, the older name of --bundle here, still reads the bundle.
    const unknown = await start(["predict", "--model", fixture.path, "--user", "99999", "--movie", String(movie)]).done;
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown user id 99999/);
    const bad = await start(["predict", "--bundle", fixture.path, "--user", "1.5", "--movie", String(movie)]).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--user "1\.5": expected an integer/);
  });

  it("predict says when the user already rated the movie in the training ratings, and what they gave", async () => {
    const r = fixture.data.ratings;
    const user = fixture.data.userIds[r.user[0]];
    const movie = fixture.data.movies.id[r.movie[0]];
    const [text, json] = await Promise.all(
      [[], ["--json"]].map(
        (extra) =>
          start(["predict", "--bundle", fixture.path, "--user", String(user), "--movie", String(movie), ...extra]).done
      )
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`user ${user} already rated this movie ${r.rating[0]}★ in the training ratings`);
    expect(JSON.parse(json.stdout).user_rating).toBe(r.rating[0]);
  });

  it("predict says when the two most probable classes are within 5 points", async () => {
    const user = fixture.data.userIds[0];
    let found: {movie: number; close: NonNullable<ReturnType<typeof closeTopClasses>>} | null = null;
    for (const movie of fixture.data.movies.id) {
      const close = closeTopClasses((await fixture.service.predict(user, movie)).probabilities);
      if (close !== null) {
        found = {movie, close};
        break;
      }
    }
    expect(found).not.toBeNull();
    const {movie, close} = found!;
    const text = await start(["predict", "--bundle", fixture.path, "--user", String(user), "--movie", String(movie)])
      .done;
    expect(text.stdout).toContain(
      `the classes are close: ${close[0].value}★ ${formatPercent(close[0].p)}, ${close[1].value}★ ${formatPercent(close[1].p)}`
    );
  });

  it("recommend --bundle prints k movies under a header with their ids and names the ranker; --json the API's answer", async () => {
    const user = fixture.data.userIds[3];
    const direct = await fixture.service.recommend(user, 4);
    const json = await start(["recommend", "--bundle", fixture.path, "--user", String(user), "--k", "4", "--json"])
      .done;
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout);
    expect(body.items.map((m: {movie_id: number}) => m.movie_id)).toEqual(direct.items.map((m) => m.movieId));
    const text = await start(["recommend", "--bundle", fixture.path, "--user", String(user), "--k", "4"]).done;
    const lines = text.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `top 4 for user ${user}, ranked by ease, the bundle's ranker (scores rank movies; they are not ratings):`
    );
    expect(lines[1]).toMatch(/^\s+#\s+movie id\s+score\s+title$/);
    const rows = lines.filter((l) => /^\s+\d+\s+\d+\s+-?\d+\.\d{3}  /.test(l));
    expect(rows.map((l) => Number(l.trim().split(/\s+/)[1]))).toEqual(direct.items.map((m) => m.movieId));
    // The last line names the ranker that made the list, not only the bundle's classifier.
    expect(lines.at(-1)).toBe(`list by ranker ease; bundle ${direct.modelVersion}`);
    const badK = await start(["recommend", "--bundle", fixture.path, "--user", String(user), "--k", "0"]).done;
    expect(badK.code).toBe(2);
  });

  it("recommend refuses the old --model FILE and mixed sources with advice naming the options (exit 2)", async () => {
    const old = await start(["recommend", "--model", fixture.path, "--user", "1"]).done;
    expect(old.code).toBe(2);
    expect(old.stderr).toContain(`for a bundle file use --bundle ${fixture.path}`);
    const both = await start(["recommend", "--bundle", fixture.path, "--data", "synthetic", "--user", "1"]).done;
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--bundle and --data are two sources/);
    const none = await start(["recommend", "--user", "1"]).done;
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/needs a source: --bundle FILE/);
  });
});
