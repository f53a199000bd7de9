import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {strToU8, Zip, ZipDeflate, zipSync} from "fflate";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {createRng} from "../../lib/random.js";
import {extractZip, safeEntryPath, ZipError} from "../../lib/node/unzip.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "movielab-unzip-"));
});
afterEach(() => {
  rmSync(root, {recursive: true, force: true});
});

/** Bytes that deflate poorly, so a multi-chunk stream really spans several pushes. */
function noise(n: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

/** The other files in root besides `keep`: temporary siblings must not survive. */
function leftovers(keep: string[]): string[] {
  return readdirSync(root).filter((f) => !keep.includes(f));
}

describe("safeEntryPath", () => {
  it("accepts relative names and normalises separators", () => {
    expect(safeEntryPath("ml-100k/u.data")).toBe("ml-100k/u.data");
    expect(safeEntryPath("ml-100k\\u.item")).toBe("ml-100k/u.item");
    expect(safeEntryPath("./a//b/")).toBe("a/b");
  });
  it.each(["../evil", "a/../../evil", "a\\..\\..\\evil", "/etc/passwd", "\\evil", "C:/evil", "c:evil", "a\0b"])(
    "rejects %j",
    (name) => {
      expect(() => safeEntryPath(name)).toThrow(ZipError);
    }
  );
});

describe("extractZip", () => {
  it("extracts the files under stripDir with the folder removed and lists the rest as skipped", async () => {
    const zip = zipSync({
      "ml-x/": {},
      "ml-x/u.data": strToU8("1\t2\t3\t4\n"),
      "ml-x/sub/u.item": strToU8("1|Toy Story (1995)\n"),
      "__MACOSX/ml-x/._u.data": strToU8("junk")
    });
    const dest = join(root, "ml-x");
    const result = await extractZip(zip, dest, {stripDir: "ml-x"});
    expect(result.files).toEqual(["u.data", "sub/u.item"]);
    expect(result.skipped).toEqual(["__MACOSX/ml-x/._u.data"]);
    expect(result.bytes).toBe(8 + 19);
    expect(readFileSync(join(dest, "u.data"), "utf8")).toBe("1\t2\t3\t4\n");
    expect(readFileSync(join(dest, "sub", "u.item"), "utf8")).toBe("1|Toy Story (1995)\n");
    expect(leftovers(["ml-x"])).toEqual([]);
  });

  it("streams a zip file in small chunks, stored and deflated entries alike", async () => {
    const big = noise(700_000, 7);
    const text = strToU8("a,b\n".repeat(50_000));
    const zip = zipSync({"d/big.bin": [big, {level: 0}], "d/text.csv": [text, {level: 6}]});
    const zipPath = join(root, "d.zip");
    writeFileSync(zipPath, zip);
    const result = await extractZip(zipPath, join(root, "out"), {stripDir: "d", chunkSize: 4096});
    expect(result.files.sort()).toEqual(["big.bin", "text.csv"]);
    expect(Buffer.compare(readFileSync(join(root, "out", "big.bin")), Buffer.from(big))).toBe(0);
    expect(readFileSync(join(root, "out", "text.csv")).length).toBe(text.length);
  });

  it("reads archives written in streaming mode (sizes in data descriptors)", async () => {
    const parts: Uint8Array[] = [];
    const body = noise(200_000, 3);
    await new Promise<void>((done, fail) => {
      const z = new Zip((err, chunk, final) => {
        if (err) return fail(err);
        parts.push(chunk);
        if (final) done();
      });
      const f = new ZipDeflate("s/r.bin", {level: 1});
      z.add(f);
      f.push(body.subarray(0, 100_000));
      f.push(body.subarray(100_000), true);
      z.end();
    });
    const zip = Buffer.concat(parts);
    const result = await extractZip(new Uint8Array(zip), join(root, "s"), {stripDir: "s", chunkSize: 1000});
    expect(result.files).toEqual(["r.bin"]);
    expect(Buffer.compare(readFileSync(join(root, "s", "r.bin")), Buffer.from(body))).toBe(0);
  });

  it("replaces a previous copy only on success", async () => {
    const dest = join(root, "set");
    mkdirSync(dest);
    writeFileSync(join(dest, "old.txt"), "old");
    await extractZip(zipSync({"set/new.txt": strToU8("new")}), dest, {stripDir: "set"});
    expect(readdirSync(dest)).toEqual(["new.txt"]);
    expect(leftovers(["set"])).toEqual([]);
  });

  it.each([
    [
      "a parent-directory entry",
      {"set/ok.txt": strToU8("x"), "set/../../evil.txt": strToU8("evil")},
      /would write outside/
    ],
    ["an absolute entry", {"set/ok.txt": strToU8("x"), "/tmp/evil.txt": strToU8("evil")}, /absolute path/]
  ])("rejects a zip with %s and leaves the previous copy untouched", async (_label, files, message) => {
    const dest = join(root, "set");
    mkdirSync(dest);
    writeFileSync(join(dest, "good.txt"), "good");
    await expect(extractZip(zipSync(files), dest, {stripDir: "set"})).rejects.toThrow(message);
    expect(readdirSync(dest)).toEqual(["good.txt"]);
    expect(readFileSync(join(dest, "good.txt"), "utf8")).toBe("good");
    expect(leftovers(["set"])).toEqual([]);
    expect(existsSync(join(root, "evil.txt"))).toBe(false);
  });

  it("rejects a zip without the expected folder", async () => {
    await expect(
      extractZip(zipSync({"other/u.data": strToU8("x")}), join(root, "ml-100k"), {stripDir: "ml-100k"})
    ).rejects.toThrow('zip has no files under "ml-100k/" (entries: other/u.data)');
    expect(readdirSync(root)).toEqual([]);
  });

  it("rejects a zip cut anywhere, and bytes that are no zip at all, leaving nothing behind", async () => {
    const zip = zipSync({
      "t/a.bin": [noise(50_000, 1), {level: 0}],
      "t/b.txt": [strToU8("b".repeat(5000)), {level: 9}]
    });
    for (const cut of [10, 20_000, 50_040, 50_070, zip.length - 60, zip.length - 1]) {
      await expect(extractZip(zip.subarray(0, cut), join(root, "t"), {stripDir: "t"}), `cut at ${cut}`).rejects.toThrow(
        ZipError
      );
    }
    await expect(extractZip(strToU8("this is not a zip archive at all"), join(root, "t"))).rejects.toThrow(
      /not a zip archive/
    );
    await expect(extractZip(new Uint8Array(0), join(root, "t"))).rejects.toThrow(/empty zip/);
    expect(readdirSync(root)).toEqual([]);
  });

  it("rejects an entry whose bytes do not match the directory's CRC-32", async () => {
    const zip = zipSync({"c/a.txt": [strToU8("hello, movielab"), {level: 0}]});
    const i = Buffer.from(zip).indexOf("hello");
    zip[i] ^= 1;
    await expect(extractZip(zip, join(root, "c"), {stripDir: "c"})).rejects.toThrow(
      /CRC-32 [0-9a-f]{8} does not match/
    );
    expect(readdirSync(root)).toEqual([]);
  });

  it("rejects a zip whose body lost an entry that its directory lists", async () => {
    const zip = zipSync({"m/a.txt": [strToU8("first"), {level: 0}], "m/b.txt": [strToU8("second"), {level: 0}]});
    const view = Buffer.from(zip);
    const secondLocal = view.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 4);
    const eocd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const dirOffset = view.readUInt32LE(eocd + 16);
    const spliced = Buffer.concat([view.subarray(0, secondLocal), view.subarray(dirOffset)]);
    spliced.writeUInt32LE(secondLocal, spliced.length - 22 + 16);
    await expect(extractZip(new Uint8Array(spliced), join(root, "m"), {stripDir: "m"})).rejects.toThrow(
      "entries listed in its directory are missing from its body: m/b.txt"
    );
    expect(readdirSync(root)).toEqual([]);
  });

  it("rejects an entry that appears twice", async () => {
    // zipSync cannot hold two equal keys; "a/./x" and "a/x" normalise to the same target.
    const zip = zipSync({"a/x": strToU8("1"), "a/./x": strToU8("2")});
    await expect(extractZip(zip, join(root, "a"), {stripDir: "a"})).rejects.toThrow(/appears twice/);
  });
});
