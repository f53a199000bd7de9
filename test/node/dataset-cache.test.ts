import {spawn, spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {setShape} from "../../lib/data/synthetic-shapes.js";
import {cacheKey, readCacheEntry, writeCacheEntry, type CachedDataset} from "../../lib/node/dataset-cache.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {datasetFilesOf} from "../../lib/node/read-dataset-dir.js";
import {writeLikeSet} from "../../lib/node/write-like-set.js";

const root = mkdtempSync(join(tmpdir(), "movielab-cache-"));
const csvDir = writeLikeSet(setShape("ml-latest-small"), join(root, "small"), {seed: 5, fraction: 0.2}).dir;
const datDir = writeLikeSet(setShape("ml-1m"), join(root, "onem"), {seed: 5, fraction: 0.02}).dir;

/** Opens dir with the cache in cacheDir, collecting the log. */
async function open(dir: string, cacheDir: string) {
  const log: string[] = [];
  const opened = await openDataset({spec: dir, cacheDir, log: (m) => log.push(m)});
  return {opened, log};
}

const key = async (dir: string, cacheDir: string) => {
  const {format, paths} = await datasetFilesOf(dir);
  return cacheKey(cacheDir, paths, format, undefined);
};

describe("the parsed-data cache", () => {
  it("opens a set from the cache exactly as it was read and cleaned, users and all", async () => {
    for (const dir of [csvDir, datDir]) {
      const cacheDir = mkdtempSync(join(tmpdir(), "movielab-cache-root-"));
      const first = await open(dir, cacheDir);
      expect(first.log.some((l) => l.includes("from the cache"))).toBe(false);
      const second = await open(dir, cacheDir);
      expect(second.log.some((l) => l.startsWith(`opened ${dir} from the cache`))).toBe(true);
      expect(second.opened.dataset).toEqual(first.opened.dataset);
      expect(second.opened.report).toEqual(first.opened.report);
      expect(second.opened.dir).toBe(dir);
    }
  });

  it("reports its steps for a progress bar: hash, read, clean, encode, cache; one step from the cache; three without it", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "movielab-cache-root-"));
    const stepsOf = async (extra: {cache?: boolean}) => {
      const steps: string[] = [];
      await openDataset({spec: csvDir, cacheDir, onStep: (d, t) => steps.push(`${d}/${t}`), ...extra});
      return steps;
    };
    expect(await stepsOf({})).toEqual(["1/5", "2/5", "3/5", "4/5", "5/5"]);
    expect(await stepsOf({})).toEqual(["1/5", "5/5"]);
    expect(await stepsOf({cache: false})).toEqual(["1/3", "2/3", "3/3"]);
  });

  it("rebuilds a truncated, corrupted or unreadable entry instead of reading it", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "movielab-cache-bad-"));
    const good = (await open(csvDir, cacheDir)).opened.dataset;
    const entry = join(cacheDir, await key(csvDir, cacheDir));
    const ratings = join(entry, "ratings.arrow");
    const damage: [string, () => void, RegExp][] = [
      [
        "truncated",
        () => writeFileSync(ratings, readFileSync(ratings).subarray(0, 1000)),
        /does not have its \d+ bytes/
      ],
      [
        "corrupted",
        () => {
          const b = readFileSync(ratings);
          b[b.length >> 1] ^= 0x40;
          writeFileSync(ratings, b);
        },
        /does not match its checksum \(corrupted\)/
      ],
      ["meta", () => writeFileSync(join(entry, "meta.json"), "{not json"), /meta\.json is not valid JSON/]
    ];
    for (const [what, breakIt, message] of damage) {
      breakIt();
      const again = await open(csvDir, cacheDir);
      expect(again.log.join("\n"), what).toMatch(message);
      expect(again.log.join("\n")).toMatch(/cache entry unusable, rebuilding it/);
      expect(again.opened.dataset, what).toEqual(good);
      const healed = await open(csvDir, cacheDir);
      expect(
        healed.log.some((l) => l.includes("from the cache")),
        what
      ).toBe(true);
    }
  });

  it("keys on content: a changed file is read again, the same content elsewhere shares the entry", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "movielab-cache-key-"));
    const copy = join(root, "copy");
    mkdirSync(copy);
    for (const f of readdirSync(csvDir)) writeFileSync(join(copy, f), readFileSync(join(csvDir, f)));
    await open(csvDir, cacheDir);
    const fromCopy = await open(copy, cacheDir);
    expect(fromCopy.log.some((l) => l.startsWith(`opened ${copy} from the cache`))).toBe(true);
    expect(fromCopy.opened.dataset.source.dir).toBe(copy);
    const lines = readFileSync(join(copy, "ratings.csv"), "utf8").split("\n");
    writeFileSync(join(copy, "ratings.csv"), lines.slice(0, -2).join("\n") + "\n"); // one rating fewer
    const changed = await open(copy, cacheDir);
    expect(changed.log.some((l) => l.includes("from the cache"))).toBe(false);
    expect(changed.opened.dataset.ratings.rating.length).toBe(fromCopy.opened.dataset.ratings.rating.length - 1);
  });

  it("keeps the data when the cache cannot be written, and says where", async () => {
    const blocked = join(root, "not-a-dir");
    writeFileSync(blocked, "a file where the cache directory would go");
    const {opened, log} = await open(csvDir, join(blocked, "cache"));
    expect(opened.dataset.ratings.rating.length).toBeGreaterThan(0);
    expect(log.join("\n")).toMatch(
      /could not write the data cache in .*not-a-dir\/cache \(ENOTDIR on .*not-a-dir\/cache\); continuing without it/
    );
  });

  it("is off with MOVIELAB_CACHE=off", async () => {
    const cacheDir = join(root, "never");
    await openDataset({spec: csvDir, cacheDir, env: {...process.env, MOVIELAB_CACHE: "off"}});
    expect(existsSync(cacheDir)).toBe(false);
  });

  it("survives two processes writing the same entry at once, and removes a dead writer's leftovers", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "movielab-cache-race-"));
    const k = await key(datDir, cacheDir);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    mkdirSync(join(cacheDir, `.${k}.${dead}.0badf00d.tmp`));
    const script = `
      import {openDataset} from "${join(import.meta.dirname, "..", "..", "lib", "node", "open-dataset.ts")}";
      await openDataset({spec: ${JSON.stringify(datDir)}, cacheDir: ${JSON.stringify(cacheDir)}});`;
    const run = () =>
      new Promise<number | null>((done) =>
        spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {stdio: "inherit"}).on(
          "close",
          done
        )
      );
    expect(await Promise.all([run(), run(), run()])).toEqual([0, 0, 0]);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const hit = readCacheEntry(cacheDir, k, "onem", datDir) as CachedDataset;
    expect("problem" in hit).toBe(false);
    expect(hit.dataset.users!.id.length).toBeGreaterThan(0);
    // A second write of an entry that exists leaves one good entry.
    writeCacheEntry(cacheDir, k, hit);
    expect("problem" in readCacheEntry(cacheDir, k, "onem", datDir)).toBe(false);
  }, 60_000);
});
