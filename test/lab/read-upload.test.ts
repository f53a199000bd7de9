import {readFileSync} from "node:fs";
import {join} from "node:path";
import {zipSync} from "fflate";
import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {DataError} from "../../lib/data/errors.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {datasetFingerprint} from "../../lib/lab/fingerprint.js";
import {collectFiles, isZip, readUpload, syntheticLabData} from "../../lib/lab/read-upload.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";
import {bytes, U_DATA, U_ITEM} from "./tiny-ml100k-files.js";

describe("readUpload", () => {
  it("reads loose ml-100k files, cleans and encodes them, and fingerprints the set", async () => {
    const lab = await readUpload([
      {name: "u.data", bytes: bytes(U_DATA)},
      {name: "u.item", bytes: bytes(U_ITEM)},
      {name: "notes.txt", bytes: bytes("ignored")}
    ]);
    expect(lab.dataset.name).toBe("ml-100k");
    expect(lab.dataset.ratings.rating).toEqual(Float32Array.from([5, 3, 4]));
    expect(lab.official).toBeNull();
    expect(lab.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("reads a zip (named after it), leaving out files that are not MovieLens files and macOS forks", async () => {
    const zip = zipSync({
      "ml-100k/u.data": bytes(U_DATA),
      "ml-100k/u.item": bytes(U_ITEM),
      "ml-100k/README": bytes("readme"),
      "__MACOSX/ml-100k/u.data": bytes("junk")
    });
    const file = {name: "my-set.zip", bytes: zip};
    expect(isZip(file)).toBe(true);
    expect(isZip({name: "renamed.bin", bytes: zip})).toBe(true);
    expect(Object.keys(collectFiles([file])).sort()).toEqual(["ml-100k/u.data", "ml-100k/u.item"]);
    const lab = await readUpload([file]);
    expect(lab.dataset.name).toBe("my-set");
    expect(lab.dataset.ratings.rating.length).toBe(3);
  });

  it("gives the CLI's DataError for a malformed file: file, line, field, expected", async () => {
    const bad = "1\t1\t5\t881250949\n1\t2\t7\t881250950\n";
    await expect(
      readUpload([
        {name: "u.data", bytes: bytes(bad)},
        {name: "u.item", bytes: bytes(U_ITEM)}
      ])
    ).rejects.toThrow(/^ml-100k\/u\.data line 2, field "rating": got "7", expected a rating from 1 to 5/);
  });

  it("names what it expected when the files are no MovieLens set, or the zip is damaged", async () => {
    await expect(readUpload([{name: "u.data", bytes: bytes(U_DATA)}])).rejects.toThrow(DataError);
    await expect(readUpload([])).rejects.toThrow(/expected a MovieLens zip or its files/);
    const zip = zipSync({"u.data": bytes(U_DATA)});
    await expect(readUpload([{name: "cut.zip", bytes: zip.slice(0, 20)}])).rejects.toThrow(
      /^cut\.zip: expected a zip archive of MovieLens files, but it cannot be unzipped/
    );
  });

  it("the synthetic set is the CLI's (same fingerprint as MOVIELAB_DATA=synthetic through openDataset)", async () => {
    const lab = await syntheticLabData();
    const opened = await openDataset({spec: "synthetic", clean: {beforeRelease: false}, cache: false});
    expect(lab.fingerprint).toBe(await datasetFingerprint(opened.dataset));
    const other = encodeDataset(cleanDataset(generateSynthetic({seed: 7}), {beforeRelease: false}).data);
    expect(await datasetFingerprint(other)).not.toBe(lab.fingerprint);
  });

  it.skipIf(!HAS_ML100K)("reads the real ml-100k zip with its official folds, as openDataset does", async () => {
    const names = ["u.data", "u.item", "u.user", "u.genre", "u.occupation"];
    const folds = ["u1", "u2", "u3", "u4", "u5"].flatMap((f) => [`${f}.base`, `${f}.test`]);
    const zip = zipSync(
      Object.fromEntries(
        [...names, ...folds].map((n) => [`ml-100k/${n}`, new Uint8Array(readFileSync(join(ML100K_DIR, n)))])
      )
    );
    const lab = await readUpload([{name: "ml-100k.zip", bytes: zip}]);
    const opened = await openDataset({spec: ML100K_DIR, clean: {beforeRelease: false}, cache: false});
    expect(lab.fingerprint).toBe(await datasetFingerprint(opened.dataset));
    expect(lab.official!.map((f) => f.name)).toEqual(["u1", "u2", "u3", "u4", "u5"]);
    expect(lab.official).toEqual(await opened.folds.official());
  });
});

describe("the synthetic set as an ml-100k zip", () => {
  it("reads back as the synthetic set (same fingerprint) with official folds", async () => {
    const {syntheticZip} = await import("./synthetic-zip.js");
    const lab = await readUpload([{name: "synthetic-100k.zip", bytes: syntheticZip()}]);
    expect(lab.dataset.name).toBe("synthetic-100k");
    expect(lab.fingerprint).toBe((await syntheticLabData()).fingerprint);
    expect(lab.official!.map((f) => f.test.length)).toEqual([20_000, 20_000, 20_000, 20_000, 20_000]);
  });
});
