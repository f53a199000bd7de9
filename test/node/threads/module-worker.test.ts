import {describe, expect, it} from "vitest";
import {sharedCopy} from "../../../lib/node/threads/module-worker.js";

describe("sharedCopy", () => {
  it("copies values and type into a new SharedArrayBuffer, independent of the source", () => {
    for (const src of [
      Uint8Array.from([1, 255]),
      Uint16Array.from([7, 65535]),
      Int32Array.from([-3, 4]),
      Float32Array.from([0.1, NaN]),
      Float64Array.from([1e300, -0])
    ]) {
      const out = sharedCopy(src);
      expect(out.constructor).toBe(src.constructor);
      expect(out.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(out)).toEqual(Array.from(src));
      out[0] = 0;
      expect(src[0]).not.toBe(0);
    }
  });

  it("copies only a view's own elements", () => {
    const out = sharedCopy(Float64Array.from([1, 2, 3, 4]).subarray(1, 3));
    expect(Array.from(out)).toEqual([2, 3]);
    expect(out.buffer.byteLength).toBe(16);
  });
});
