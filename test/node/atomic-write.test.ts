import {describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {writeFileAtomic} from "../../lib/node/atomic-write.js";

/** The id of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

describe("writeFileAtomic", () => {
  it("keeps the previous good file when a write fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ml-atomic-"));
    const path = join(dir, "model.json");
    writeFileSync(path, "good");
    // Data of the wrong type makes the write fail after the temporary file was created.
    await expect(writeFileAtomic(path, 42 as unknown as string)).rejects.toThrow();
    expect(readFileSync(path, "utf8")).toBe("good");
    expect(readdirSync(dir)).toEqual(["model.json"]);
  });

  it("names the file when the system refuses the write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ml-atomic-"));
    const path = join(dir, "missing-dir", "model.json");
    await expect(writeFileAtomic(path, "x")).rejects.toThrow(
      `${path}: could not be written (ENOENT); the previous file, if any, is unchanged`
    );
  });

  it("removes the temporary files of a killed writer of the same file, and nothing else", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ml-atomic-stale-"));
    const dead = deadPid();
    const keep = [
      `.model.json.${process.pid}.cafebabe.tmp`, // a live writer (a concurrent write in this process)
      `.other.json.${dead}.deadbeef.tmp`, // another file's
      `.model.json.${dead}.notours.tmp`, // not our pattern
      "notes.tmp"
    ];
    for (const name of [...keep, `.model.json.${dead}.deadbeef.tmp`, `.model.json.${dead}.0badf00d.tmp`])
      writeFileSync(join(dir, name), "");
    await writeFileAtomic(join(dir, "model.json"), "new");
    expect(readdirSync(dir).sort()).toEqual([...keep, "model.json"].sort());
    expect(readFileSync(join(dir, "model.json"), "utf8")).toBe("new");
  });
});
