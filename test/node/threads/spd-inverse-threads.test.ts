/**
 * The SPD inversion on worker threads: the same bits as on one thread (every split of the work,
 * odd sizes included), EASE's weights unchanged, and a matrix that is not positive definite still
 * refused with the one-thread error.
 */
import {afterEach, describe, expect, it} from "vitest";
import {invertSpd, wColumns} from "../../../lib/linalg/spd-inverse.js";
import {easeWeights} from "../../../lib/models/implicit/ease.js";
import {MIN_THREADED_N, useInverseThreads, type InverseThreads} from "../../../lib/node/threads/spd-inverse-threads.js";

/** A seeded SPD matrix: a dominant diagonal plus a smooth symmetric part. */
function spd(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? n : 0) + Math.sin(1 + i * j + i + j);
  return a;
}

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

let running: InverseThreads | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("wColumns", () => {
  it("cuts [0, n) into consecutive even-bounded column ranges, the first ones narrower (their columns are longer)", () => {
    for (const count of [1, 2, 3, 4]) {
      const ranges = Array.from({length: count}, (_, t) => wColumns(1682, t, count));
      expect(ranges[0][0]).toBe(0);
      expect(ranges[count - 1][1]).toBe(1682);
      for (let t = 1; t < count; t++) expect(ranges[t][0]).toBe(ranges[t - 1][1]);
      for (const [lo] of ranges) expect(lo % 2).toBe(0);
    }
    expect(wColumns(1682, 0, 2)).toEqual([0, 346]);
  });
});

describe("useInverseThreads", () => {
  it("inverts with the same bits as one thread, on 2 and 3 threads, for sizes with and without a tail of rows", async () => {
    for (const threads of [2, 3]) {
      running = useInverseThreads({threads});
      expect(running.threads).toBe(threads);
      await running.ready;
      for (const n of [MIN_THREADED_N, 203, 262]) {
        const a = spd(n);
        const together = invertSpd(a, n);
        expect(running.jobs).toBe(1);
        await running.stop();
        const alone = invertSpd(a, n);
        expect(bits(together)).toEqual(bits(alone));
        running = useInverseThreads({threads});
        await running.ready;
      }
      await running.stop();
    }
  });

  it("gives EASE the same weights", async () => {
    const n = 211;
    const gram = spd(n);
    const alone = easeWeights(gram, n, 50);
    running = useInverseThreads({threads: 2});
    await running.ready;
    expect(Array.from(easeWeights(gram, n, 50))).toEqual(Array.from(alone));
    expect(running.jobs).toBe(1);
  });

  it("refuses a matrix that is not positive definite with the one-thread error, then inverts alone", async () => {
    running = useInverseThreads({threads: 2});
    await running.ready;
    const n = 200;
    const a = spd(n);
    a[150 * n + 150] = -1e6;
    expect(() => invertSpd(a, n)).toThrow(/pivot 150 is .*expected a positive-definite matrix/);
    expect(running.jobs).toBe(0);
    const b = spd(n);
    expect(invertSpd(b, n)[0]).toBeGreaterThan(0);
    expect(running.jobs).toBe(0);
  });

  it("starts nothing for one thread", async () => {
    running = useInverseThreads({threads: 1});
    expect(running.threads).toBe(1);
    await running.ready;
  });
});
