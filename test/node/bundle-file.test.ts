import {describe, expect, it} from "vitest";
import {existsSync, mkdtempSync, readdirSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {bundleMetadata, type Bundle} from "../../lib/bundle/bundle.js";
import {loadBundle, saveBundle} from "../../lib/node/bundle-file.js";

const bundle: Bundle = {
  kind: "recommender",
  model: "mf",
  scale: {min: 0.5, max: 5, step: 0.5},
  idMaps: {users: Int32Array.from([1]), movies: Int32Array.from([1])},
  meta: bundleMetadata({
    dataset: {name: "t", format: "csv", synthetic: true, ratings: 1, users: 1, movies: 1},
    params: {},
    metrics: {}
  }),
  state: {p: Float64Array.from([1, 2])}
};

describe("bundle files", () => {
  it("saves atomically and loads back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ml-bundle-"));
    const path = join(dir, "model.json");
    await saveBundle(path, bundle);
    const back = await loadBundle<{p: Float64Array}>(path, {kind: "recommender"});
    expect(Array.from(back.state.p)).toEqual([1, 2]);
    expect(readdirSync(dir)).toEqual(["model.json"]);
  });

  it("names a missing file", async () => {
    await expect(loadBundle("/nonexistent/model.json")).rejects.toThrow(/\/nonexistent\/model\.json: no such file/);
  });

  it.skipIf(!existsSync("/dev/zero"))(
    "refuses a bundle path that is not a regular file at once, naming it",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "ml-bundle-special-"));
      symlinkSync("/dev/zero", join(dir, "model.json"));
      await expect(loadBundle(join(dir, "model.json"))).rejects.toThrow(
        /model\.json: expected a model bundle as a regular file, but it is a character device/
      );
    }
  );
});
