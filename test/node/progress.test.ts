import {describe, expect, it} from "vitest";
import {createProgress, formatProgress} from "../../lib/node/progress.js";

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & {written: string[]} {
  const written: string[] = [];
  return {
    isTTY,
    columns: 80,
    written,
    write: (s: string) => (written.push(s), true)
  } as unknown as NodeJS.WriteStream & {written: string[]};
}

describe("formatProgress", () => {
  it("draws a bar with percent and megabytes when the total is known", () => {
    expect(formatProgress("ml-100k.zip", 2_462_014, 4_924_029, 10)).toBe("ml-100k.zip [#####.....]  49%  2.5/4.9 MB");
    expect(formatProgress("x", 5, 5, 4)).toBe("x [####] 100%  0.0/0.0 MB");
  });
  it("prints only the amount when the total is unknown, and counts for items", () => {
    expect(formatProgress("x", 1_500_000, NaN, 10)).toBe("x 1.5 MB");
    expect(formatProgress("folds", 3, 5, 5, "items")).toBe("folds [###..]  60%  3/5");
  });
});

describe("createProgress", () => {
  it("draws on a TTY and ends the line on finish", () => {
    const stream = fakeStream(true);
    const p = createProgress({label: "f", stream, env: {}, intervalMs: 0});
    expect(p.enabled).toBe(true);
    p.update(1, 2);
    p.update(2, 2);
    p.finish();
    expect(stream.written.filter((s) => s.startsWith("\r")).length).toBe(3);
    expect(stream.written.at(-2)).toContain("100%");
    expect(stream.written.at(-1)).toBe("\n");
  });
  it("stays silent when not a TTY, when disabled (--json) or with MOVIELAB_NO_PROGRESS=1", () => {
    for (const [stream, disabled, env] of [
      [fakeStream(false), false, {}],
      [fakeStream(true), true, {}],
      [fakeStream(true), false, {MOVIELAB_NO_PROGRESS: "1"}]
    ] as const) {
      const p = createProgress({label: "f", stream, disabled, env, intervalMs: 0});
      p.update(1, 2);
      p.finish();
      expect(p.enabled).toBe(false);
      expect(stream.written).toEqual([]);
    }
  });
});
