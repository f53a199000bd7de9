import {execFileSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {readRegularFile} from "../../lib/node/read-regular-file.js";

const root = mkdtempSync(join(tmpdir(), "movielab-regular-"));
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** The DataError a read throws (fails the test when it resolves or throws something else). */
async function refusal(file: string, maxBytes = 1 << 20): Promise<DataError> {
  const e = await readRegularFile(file, maxBytes, "a ratings file").then(
    () => null,
    (err: unknown) => err
  );
  expect(e).toBeInstanceOf(DataError);
  return e as DataError;
}

describe("readRegularFile", () => {
  it("reads a regular file, also through a symlink, and an empty one", async () => {
    const file = join(root, "ok.csv");
    writeFileSync(file, "a,b\n1,2\n");
    expect((await readRegularFile(file, 100, "x")).toString()).toBe("a,b\n1,2\n");
    symlinkSync(file, join(root, "link.csv"));
    expect((await readRegularFile(join(root, "link.csv"), 100, "x")).toString()).toBe("a,b\n1,2\n");
    writeFileSync(join(root, "empty.csv"), "");
    expect((await readRegularFile(join(root, "empty.csv"), 100, "x")).length).toBe(0);
    const big = Buffer.alloc(300_000, 65);
    writeFileSync(join(root, "big.csv"), big);
    expect((await readRegularFile(join(root, "big.csv"), 300_000, "x")).equals(big)).toBe(true);
  });

  it.skipIf(!existsSync("/dev/zero"))("refuses a symlink to /dev/zero at once instead of reading forever", async () => {
    symlinkSync("/dev/zero", join(root, "zero.csv"));
    const e = await refusal(join(root, "zero.csv"));
    expect(e.message).toMatch(/zero\.csv/);
    expect(e.message).toMatch(/a ratings file as a regular file, but it is a character device/);
  });

  it("refuses a FIFO without waiting for a writer", async () => {
    const fifo = join(root, "pipe.csv");
    execFileSync("mkfifo", [fifo]);
    const e = await refusal(fifo);
    expect(e.message).toMatch(/pipe\.csv.*a FIFO \(named pipe\)/);
  });

  it("refuses a directory and a missing file, naming them", async () => {
    mkdirSync(join(root, "dir.csv"));
    expect((await refusal(join(root, "dir.csv"))).message).toMatch(/dir\.csv.*but it is a directory/);
    expect((await refusal(join(root, "missing.csv"))).message).toMatch(
      /missing\.csv.*but it cannot be read \(ENOENT\)/
    );
  });

  it("refuses a file over the cap, with both sizes", async () => {
    writeFileSync(join(root, "huge.csv"), Buffer.alloc(3 * 2 ** 20));
    const e = await refusal(join(root, "huge.csv"), 2 ** 20);
    expect(e.message).toMatch(/huge\.csv.*at most 1\.0 MiB, but it has 3\.0 MiB/);
  });
});
