import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parquetMetadata} from "hyparquet";
import {afterEach, describe, expect, it} from "vitest";
import {exportParquet} from "../../lib/node/export-parquet.js";
import {openDataset} from "../../lib/node/open-dataset.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, {recursive: true, force: true})));

describe("exportParquet", () => {
  it("reports its progress once per row group of ratings.parquet, ending at every row", async () => {
    const data = await openDataset({spec: "synthetic", cache: false});
    const n = data.dataset.ratings.rating.length;
    const root = mkdtempSync(join(tmpdir(), "movielab-export-"));
    dirs.push(root);
    const calls: [number, number][] = [];
    const written = await exportParquet(data, join(root, "pq"), {
      rowGroupSize: 30_000,
      onProgress: (rows, total) => calls.push([rows, total])
    });
    const groups = Math.ceil(n / 30_000);
    expect(calls).toEqual(Array.from({length: groups}, (_, i) => [Math.min(n, (i + 1) * 30_000), n]));
    const b = readFileSync(join(written.dir, "ratings.parquet"));
    const meta = parquetMetadata(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    expect(meta.row_groups).toHaveLength(groups);
    expect(Number(meta.num_rows)).toBe(n);
  });
});
