import {createHash} from "node:crypto";
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {strToU8, zipSync} from "fflate";
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from "vitest";
import {KNOWN_DATASETS, type MovieLensEntry} from "../../lib/data/registry.js";
import {fetchDataset} from "../../lib/node/fetch-dataset.js";

const RATINGS = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.0,964981247\n";
const MOVIES =
  "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n3,Grumpier Old Men (1995),Comedy|Romance\n";
const GOOD_ZIP = zipSync({
  "ml-test/ratings.csv": strToU8(RATINGS),
  "ml-test/movies.csv": strToU8(MOVIES),
  "ml-test/README.txt": strToU8("test set\n")
});

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const md5 = (b: Uint8Array): string => createHash("md5").update(b).digest("hex");

/** A registry entry describing `zip` as served at url. */
function entryFor(
  zip: Uint8Array,
  url = "https://example.invalid/ml-test.zip",
  overrides: Partial<MovieLensEntry> = {}
): MovieLensEntry {
  return {
    name: "ml-test",
    url,
    size: zip.length,
    sha256: sha256(zip),
    md5: md5(zip),
    innerDir: "ml-test",
    format: "csv",
    description: "test set",
    checksumSource: "computed in the test",
    tables: {users: false, tags: false, links: false},
    ...overrides
  };
}

/** A fetch that answers every request with `zip` (or the given status) and counts calls. */
function fakeFetch(zip: Uint8Array, status = 200): typeof fetch & {calls: number} {
  const f = (async () => {
    f.calls++;
    return new Response(status === 200 ? new Blob([new Uint8Array(zip)]) : "not found", {
      status,
      statusText: status === 200 ? "OK" : "Not Found"
    });
  }) as unknown as typeof fetch & {calls: number};
  f.calls = 0;
  return f;
}

let dataRoot: string;
beforeEach(() => {
  dataRoot = mkdtempSync(join(tmpdir(), "movielab-fetch-"));
});
afterEach(() => {
  rmSync(dataRoot, {recursive: true, force: true});
});

/** A previous good copy in data/ml-test, to prove failures leave it alone. */
function writePreviousCopy(): void {
  mkdirSync(join(dataRoot, "ml-test"));
  writeFileSync(join(dataRoot, "ml-test", "ratings.csv"), "previous good copy");
}

function expectPreviousCopyIntact(): void {
  expect(readdirSync(dataRoot)).toEqual(["ml-test"]);
  expect(readdirSync(join(dataRoot, "ml-test"))).toEqual(["ratings.csv"]);
  expect(readFileSync(join(dataRoot, "ml-test", "ratings.csv"), "utf8")).toBe("previous good copy");
}

describe("fetchDataset over real HTTP on 127.0.0.1", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/ml-test.zip") {
        res.writeHead(200, {"content-type": "application/zip", "content-length": GOOD_ZIP.length});
        // Two writes so the client sees more than one chunk.
        res.write(GOOD_ZIP.subarray(0, 100));
        res.end(GOOD_ZIP.subarray(100));
      } else {
        res.writeHead(404, "Not Found");
        res.end("no such file");
      }
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it("downloads, verifies and unpacks the inner folder into data/<name>/", async () => {
    const progress: [number, number][] = [];
    const dir = await fetchDataset("ml-test", {
      dataRoot,
      registry: [entryFor(GOOD_ZIP, `${base}/ml-test.zip`)],
      onProgress: (bytes, total) => progress.push([bytes, total])
    });
    expect(dir).toBe(join(dataRoot, "ml-test"));
    expect(readdirSync(dir).sort()).toEqual(["README.txt", "movies.csv", "ratings.csv"]);
    expect(readFileSync(join(dir, "ratings.csv"), "utf8")).toBe(RATINGS);
    expect(readdirSync(dataRoot)).toEqual(["ml-test"]);
    expect(progress.at(-1)).toEqual([GOOD_ZIP.length, GOOD_ZIP.length]);
  });

  it("reports an HTTP error with the URL and what to do", async () => {
    const url = `${base}/missing.zip`;
    await expect(fetchDataset("ml-test", {dataRoot, registry: [entryFor(GOOD_ZIP, url)]})).rejects.toThrow(
      `could not download ${url}: the server answered HTTP 404 Not Found`
    );
    expect(readdirSync(dataRoot)).toEqual([]);
  });

  it("reports a refused connection (offline) with the URL, the cause and the manual route", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const url = `http://127.0.0.1:${port}/ml-test.zip`;
    const error = await fetchDataset("ml-test", {dataRoot, registry: [entryFor(GOOD_ZIP, url)]}).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`could not download ${url}: fetch failed (ECONNREFUSED`);
    expect(message).toContain(
      `download ${url} by hand and unpack its ml-test/ folder into ${join(dataRoot, "ml-test")}/`
    );
    expect(message).toContain("set MOVIELAB_DATA");
    expect(readdirSync(dataRoot)).toEqual([]);
  });
});

describe("fetchDataset verification", () => {
  it("refuses a wrong SHA-256, writes no data dir and keeps a previous copy", async () => {
    writePreviousCopy();
    const entry = entryFor(GOOD_ZIP, undefined, {sha256: "0".repeat(64)});
    await expect(
      fetchDataset("ml-test", {dataRoot, registry: [entry], fetchImpl: fakeFetch(GOOD_ZIP)})
    ).rejects.toThrow(`SHA-256 is ${sha256(GOOD_ZIP)}, expected ${"0".repeat(64)}`);
    expectPreviousCopyIntact();
  });

  it("refuses a wrong size before looking at the checksum", async () => {
    const entry = entryFor(GOOD_ZIP, undefined, {size: GOOD_ZIP.length + 1});
    await expect(
      fetchDataset("ml-test", {dataRoot, registry: [entry], fetchImpl: fakeFetch(GOOD_ZIP)})
    ).rejects.toThrow(`downloaded ${GOOD_ZIP.length} bytes, expected exactly ${GOOD_ZIP.length + 1}`);
    expect(readdirSync(dataRoot)).toEqual([]);
  });

  it("verifies with GroupLens's MD5 when no SHA-256 is recorded", async () => {
    const good = entryFor(GOOD_ZIP, undefined, {sha256: null});
    await expect(fetchDataset("ml-test", {dataRoot, registry: [good], fetchImpl: fakeFetch(GOOD_ZIP)})).resolves.toBe(
      join(dataRoot, "ml-test")
    );
    const bad = entryFor(GOOD_ZIP, undefined, {sha256: null, md5: "f".repeat(32)});
    await expect(fetchDataset("ml-test", {dataRoot, registry: [bad], fetchImpl: fakeFetch(GOOD_ZIP)})).rejects.toThrow(
      `MD5 is ${md5(GOOD_ZIP)}`
    );
  });

  it("refuses a set without a recorded checksum unless verification is off", async () => {
    const entry = entryFor(GOOD_ZIP, undefined, {sha256: null, md5: null, size: null});
    const f = fakeFetch(GOOD_ZIP);
    await expect(fetchDataset("ml-test", {dataRoot, registry: [entry], fetchImpl: f})).rejects.toThrow(
      "no checksum is recorded for ml-test, so a download of it cannot be verified; rerun with --no-verify"
    );
    expect(f.calls).toBe(0);
    await expect(fetchDataset("ml-test", {dataRoot, registry: [entry], fetchImpl: f, verify: false})).resolves.toBe(
      join(dataRoot, "ml-test")
    );
    expect(readFileSync(join(dataRoot, "ml-test", "movies.csv"), "utf8")).toBe(MOVIES);
  });

  it("rejects a zip-slip entry even when its checksum matches, keeping the previous copy", async () => {
    writePreviousCopy();
    const evil = zipSync({"ml-test/ratings.csv": strToU8(RATINGS), "ml-test/../../escaped.txt": strToU8("gotcha")});
    await expect(
      fetchDataset("ml-test", {dataRoot, registry: [entryFor(evil)], fetchImpl: fakeFetch(evil)})
    ).rejects.toThrow(/would write outside the target directory/);
    expectPreviousCopyIntact();
  });

  it("keeps the previous copy when an unverified download is not a usable zip", async () => {
    writePreviousCopy();
    const junk = strToU8("<html>captive portal</html>");
    await expect(
      fetchDataset("ml-test", {dataRoot, registry: [entryFor(GOOD_ZIP)], fetchImpl: fakeFetch(junk), verify: false})
    ).rejects.toThrow(/not a zip archive/);
    expectPreviousCopyIntact();
  });

  it("names the URL and the manual route when fetch itself fails (DNS)", async () => {
    const offline = (async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND files.grouplens.org"), {code: "ENOTFOUND"})
      });
    }) as unknown as typeof fetch;
    const entry = KNOWN_DATASETS[0];
    await expect(fetchDataset("ml-100k", {dataRoot, fetchImpl: offline})).rejects.toThrow(
      `could not download ${entry.url}: fetch failed (ENOTFOUND: getaddrinfo ENOTFOUND files.grouplens.org). If this machine is offline, ` +
        `download ${entry.url} by hand and unpack its ml-100k/ folder into ${join(dataRoot, "ml-100k")}/`
    );
    expect(readdirSync(dataRoot)).toEqual([]);
  });

  it("reports a download that breaks off", async () => {
    const broken = (async () => {
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (!sent) {
            sent = true;
            controller.enqueue(GOOD_ZIP.subarray(0, 50));
          } else controller.error(new Error("socket hang up"));
        }
      });
      return new Response(body, {status: 200});
    }) as unknown as typeof fetch;
    await expect(
      fetchDataset("ml-test", {dataRoot, registry: [entryFor(GOOD_ZIP)], fetchImpl: broken})
    ).rejects.toThrow("download of https://example.invalid/ml-test.zip broke off after 50 bytes: socket hang up");
    expect(readdirSync(dataRoot)).toEqual([]);
  });

  it("rejects an unknown name, listing the known ones", async () => {
    await expect(fetchDataset("ml-7m", {dataRoot})).rejects.toThrow(
      'unknown data set "ml-7m": expected one of ml-100k, ml-latest-small, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m'
    );
  });
});
