/**
 * The dense linear-algebra kernels: they compile here, invertSpd really runs them (calls counted),
 * and each kernel's numbers are bit for bit those of the JavaScript row operations that replace them
 * without wasm SIMD (lib/linalg/spd-inverse.ts's jsRowOps, a transcription of the two-lane arithmetic).
 */
import {describe, expect, it} from "vitest";
import {invertSpd, jsRowOps} from "../../lib/linalg/spd-inverse.js";
import {createRng} from "../../lib/random.js";
import {countKernelCalls, kernelCalls} from "../../lib/wasm/assembler.js";
import {linalgAvailable, linalgKernels, linalgModuleBytes} from "../../lib/wasm/linalg.js";

countKernelCalls(true);

const bits = (a: Float64Array) =>
  Array.from(new BigUint64Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)));

describe("dense linear-algebra kernels", () => {
  it("are available here (no silent JavaScript fallback in these tests) and small enough for synchronous compilation", () => {
    expect(linalgAvailable()).toBe(true);
    const bytes = linalgModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
  });

  it("dot, axpy, dot4, axpy4 and gather4 equal the JavaScript row operations bit for bit (lengths 0..41, rows at odd element offsets)", () => {
    const rng = createRng(17);
    const size = 4096;
    const memory = new WebAssembly.Memory({initial: 1});
    const k = linalgKernels(memory)!;
    expect(k).not.toBeNull();
    const m = new Float64Array(memory.buffer, 0, size);
    const scratch = new Float64Array(memory.buffer, size * 8, 4);
    for (let n = 0; n <= 41; n++) {
      m.set(Float64Array.from({length: size}, () => rng.normal() * 10 ** rng.int(6)));
      const ref = m.slice();
      const js = jsRowOps(ref);
      const out = new Float64Array(4);
      // Six rows apart, at offsets that leave some only 8-byte aligned.
      const row = (t: number) => 1 + t * 97 + (n % 3);
      const [r0, r1, r2, r3, r4, r5] = [0, 1, 2, 3, 4, 5].map(row);
      const c = [rng.normal(), rng.normal(), -rng.normal(), rng.normal()];
      expect(k.dot(r0 * 8, r1 * 8, n)).toBe(js.dot(r0, r1, n));
      k.dot4(r0 * 8, r1 * 8, r2 * 8, r3 * 8, r4 * 8, n, size * 8);
      js.dot4(r0, r1, r2, r3, r4, n, out);
      expect(bits(scratch)).toEqual(bits(out));
      k.axpy(r0 * 8, r5 * 8, c[0], n);
      js.axpy(r0, r5, c[0], n);
      k.axpy4(r1 * 8, r2 * 8, r3 * 8, r4 * 8, r5 * 8, c[0], c[1], c[2], c[3], n);
      js.axpy4(r1, r2, r3, r4, r5, c[0], c[1], c[2], c[3], n);
      k.gather4(r5 * 8, r1 * 8, r2 * 8, r3 * 8, r4 * 8, c[0], c[1], c[2], c[3], n);
      js.gather4(r5, r1, r2, r3, r4, c[0], c[1], c[2], c[3], n);
      expect(bits(m)).toEqual(bits(ref));
    }
  });

  it("invertSpd runs the kernels (calls counted), its JavaScript path runs none, and both give the same bits", () => {
    const rng = createRng(2);
    for (const n of [1, 2, 3, 5, 8, 13, 23, 40]) {
      const x = Array.from({length: n * n}, () => rng.normal());
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = i === j ? 1 : 0;
          for (let q = 0; q < n; q++) s += x[i * n + q] * x[j * n + q];
          a[i * n + j] = s;
        }
      const count = () => ["dot", "axpy", "dot4", "axpy4", "gather4"].map((e) => kernelCalls.get(`linalg.${e}`) ?? 0);
      const c0 = count();
      const w = invertSpd(a, n, true);
      const c1 = count();
      // n = 23: blocks of four rows (dot4, axpy4, gather4) and three leftover rows (dot, axpy).
      if (n === 23) expect(c1.map((v, i) => v - c0[i]).every((d) => d > 0)).toBe(true);
      const j = invertSpd(a, n, false);
      expect(count()).toEqual(c1);
      expect(bits(w)).toEqual(bits(j));
      // And it is the inverse: A·A⁻¹ = I up to rounding.
      for (let r = 0; r < n; r++)
        for (let c = 0; c < n; c++) {
          let s = 0;
          for (let q = 0; q < n; q++) s += a[r * n + q] * w[q * n + c];
          expect(s).toBeCloseTo(r === c ? 1 : 0, 8);
        }
    }
  });
});
