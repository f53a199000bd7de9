import {cpSync, mkdtempSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {parquetWriteFile} from "hyparquet-writer";
import {describe, expect, it} from "vitest";
import {readAlsModel, readFactorTable} from "../../lib/node/read-als-factors.js";

// Written by pyarrow in Spark 3's ALSModel.save layout (test/fixtures/spark-als/make.py).
const MODEL = resolve(import.meta.dirname, "..", "fixtures", "spark-als", "als-model");

describe("readAlsModel", () => {
  it("reads both factor tables, every part in order, skipping _SUCCESS", async () => {
    const {users, items, rank} = await readAlsModel(MODEL);
    expect(rank).toBe(4);
    expect(users.files).toHaveLength(2);
    expect(Array.from(users.ids)).toEqual([...Array.from({length: 30}, (_, i) => i + 1).filter((i) => i !== 3), 999]);
    expect(items.ids).toHaveLength(40);
    expect(users.features).toHaveLength(30 * 4);
    expect(items.features.every(Number.isFinite)).toBe(true);
  });

  it("refuses an id that appears in two parts, naming both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "movielab-als-dup-"));
    cpSync(join(MODEL, "userFactors"), dir, {recursive: true});
    const first = readdirSync(dir).find((f) => f.endsWith(".parquet"))!;
    cpSync(join(dir, first), join(dir, `part-00009-copy.snappy.parquet`));
    await expect(readFactorTable(dir)).rejects.toThrow(
      /part-00009-copy\.snappy\.parquet: row 1: id 1 again \(first at part-00000/
    );
  });

  it("refuses columns that are not Spark's id int / features array<float>", async () => {
    const dir = mkdtempSync(join(tmpdir(), "movielab-als-schema-"));
    const file = join(dir, "part-00000.parquet");
    parquetWriteFile({
      filename: file,
      columnData: [
        {name: "id", data: [1.5, 2.5], type: "DOUBLE"},
        {name: "features", data: ["a", "b"], type: "STRING"}
      ]
    });
    await expect(readFactorTable(dir)).rejects.toThrow(`${file}: column "id" is DOUBLE, expected an int`);
  });

  it("refuses an empty directory and a file that is not Parquet", async () => {
    const dir = mkdtempSync(join(tmpdir(), "movielab-als-empty-"));
    await expect(readFactorTable(dir)).rejects.toThrow(`${dir}: holds no .parquet part files`);
    writeFileSync(join(dir, "part-00000.parquet"), "id,features\n");
    await expect(readFactorTable(dir)).rejects.toThrow(`${join(dir, "part-00000.parquet")}: cannot be read as Parquet`);
  });
});
