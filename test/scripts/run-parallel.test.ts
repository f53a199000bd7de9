// scripts/run-parallel.mjs: npm test's independent checks run at once, and any failure fails the whole.
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {runParallel} from "../../scripts/run-parallel.mjs";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
  dir = undefined;
});

describe("runParallel", () => {
  it("runs the scripts at once, keeps each one's output whole, and reports each exit code", async () => {
    dir = mkdtempSync(join(tmpdir(), "movielab-parallel-"));
    // Each script waits for the other's mark: both finish only if they run at the same time.
    const wait = (me: string, other: string) =>
      `node -e "const f=require('fs');f.writeFileSync('${me}','');const t=Date.now();` +
      `(function w(){if(f.existsSync('${other}'))return console.log('${me} saw ${other}');` +
      `if(Date.now()-t>20000)process.exit(3);setTimeout(w,20)})()"`;
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        scripts: {a: wait("a", "b"), b: wait("b", "a"), bad: `node -e "console.log('no');process.exit(4)"`}
      })
    );
    const printed: string[] = [];
    const results = await runParallel(["a", "b", "bad"], {cwd: dir, print: (s) => printed.push(s)});
    expect(results.map((r) => [r.name, r.code])).toEqual([
      ["a", 0],
      ["b", 0],
      ["bad", 4]
    ]);
    expect(results[0].output).toContain("a saw b");
    expect(printed.join("")).toMatch(/== bad: FAILED \(exit 4\) in [\d.]+ s\nno\n/);
  }, 60_000);
});
