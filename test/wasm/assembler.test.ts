import {describe, expect, it} from "vitest";
import {Func, moduleBytes, sleb, uleb} from "../../lib/wasm/assembler.js";

// Reference encoders and decoders written from the LEB128 definition with plain arithmetic on
// bigints (no shifts, no masks), so that they share no code path with the assembler's.

function refUleb(value: bigint): number[] {
  const out: number[] = [];
  let v = value;
  do {
    const low = Number(v % 128n);
    v = v / 128n;
    out.push(v > 0n ? low + 128 : low);
  } while (v > 0n);
  return out;
}

function refSleb(value: bigint): number[] {
  const out: number[] = [];
  let v = value;
  for (;;) {
    // Floor division and a non-negative remainder, as two's complement bits would give.
    let low = v % 128n;
    if (low < 0n) low += 128n;
    v = (v - low) / 128n;
    // Done when the rest is all sign bits and bit 6 of this byte already carries that sign.
    const done = (v === 0n && low < 64n) || (v === -1n && low >= 64n);
    out.push(done ? Number(low) : Number(low) + 128);
    if (done) return out;
  }
}

function decodeUleb(bytes: number[]): {value: bigint; length: number} {
  let value = 0n;
  let scale = 1n;
  for (let i = 0; i < bytes.length; i++) {
    value += BigInt(bytes[i] % 128) * scale;
    scale *= 128n;
    if (bytes[i] < 128) return {value, length: i + 1};
  }
  throw new Error("unterminated LEB128");
}

function decodeSleb(bytes: number[]): {value: bigint; length: number} {
  const {value, length} = decodeUleb(bytes);
  const bits = 7n * BigInt(length);
  // Bit 6 of the last byte is the sign: subtract 2^bits when it is set.
  return {value: bytes[length - 1] % 128 >= 64 ? value - 2n ** bits : value, length};
}

/** Every 7-bit boundary up to 2^max: 2^k − 1, 2^k and 2^k + 1 for k = 0, 7, 14, … plus the i32 / u32 / i64 / u64 edges. */
function boundaries(max: number): bigint[] {
  const set = new Set<bigint>([0n, 1n, 63n, 64n, 65n, 127n, 128n, 8191n, 8192n, 16383n, 16384n]);
  for (let k = 0; k <= max; k++) {
    const p = 2n ** BigInt(k);
    if (k % 7 === 0 || k % 7 === 6 || [31, 32, 53, 63, 64].includes(k)) for (const v of [p - 1n, p, p + 1n]) set.add(v);
  }
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe("LEB128 encoders", () => {
  const unsigned = boundaries(70);
  const signed = [...unsigned.filter((v) => v <= 2n ** 63n), ...unsigned.filter((v) => v <= 2n ** 63n).map((v) => -v)];

  it("spec examples and the 7-bit boundaries named in the format", () => {
    expect(uleb(0)).toEqual([0x00]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(uleb(2 ** 32)).toEqual([0x80, 0x80, 0x80, 0x80, 0x10]);
    expect(sleb(0)).toEqual([0x00]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(2 ** 31 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x07]);
    expect(sleb(-(2 ** 31))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(sleb(2n ** 63n - 1n)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
    expect(sleb(-(2n ** 63n))).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
  });

  it("uleb equals the reference at every width (numbers up to 2^53 − 1, bigints beyond) and decodes back", () => {
    expect(unsigned.length).toBeGreaterThan(50);
    for (const v of unsigned) {
      const want = refUleb(v);
      expect(uleb(v), `uleb(${v}n)`).toEqual(want);
      if (v <= BigInt(Number.MAX_SAFE_INTEGER)) expect(uleb(Number(v)), `uleb(${v})`).toEqual(want);
      expect(decodeUleb(want)).toEqual({value: v, length: want.length});
      // Width: one byte per started group of 7 bits.
      expect(want.length).toBe(Math.max(1, Math.ceil(v.toString(2).length / 7)));
    }
  });

  it("sleb equals the reference at every width, negative and positive, and decodes back", () => {
    for (const v of signed) {
      const want = refSleb(v);
      expect(sleb(v), `sleb(${v}n)`).toEqual(want);
      if (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER))
        expect(sleb(Number(v)), `sleb(${v})`).toEqual(want);
      expect(decodeSleb(want)).toEqual({value: v, length: want.length});
    }
    for (const v of [0n, 63n, -64n]) expect(sleb(v).length).toBe(1);
    for (const v of [64n, -65n, 8191n, -8192n]) expect(sleb(v).length).toBe(2);
    for (const v of [8192n, -8193n]) expect(sleb(v).length).toBe(3);
  });

  it("refuses what it cannot encode exactly", () => {
    expect(() => uleb(-1)).toThrow(RangeError);
    expect(() => uleb(2 ** 53)).toThrow(RangeError);
    expect(() => uleb(1.5)).toThrow(RangeError);
    expect(() => sleb(0.5)).toThrow(RangeError);
    expect(() => sleb(NaN)).toThrow(RangeError);
  });
});

describe("Func and moduleBytes", () => {
  /** Runs a function of no params returning one value, built by `body`. */
  function run(result: "i32" | "i64", body: (f: Func) => void): number | bigint {
    const f = new Func("f", {params: {}, results: [result]});
    body(f);
    const bytes = moduleBytes([f]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({initial: 1});
    return (
      new WebAssembly.Instance(new WebAssembly.Module(bytes), {env: {memory}}).exports.f as () => number | bigint
    )();
  }

  it("i32.const and i64.const round-trip through the engine at every boundary", () => {
    for (const v of [0, 1, 63, 64, -64, -65, 127, 128, 8191, 8192, -8193, 2 ** 31 - 1, -(2 ** 31), 0xffff, -1])
      expect(run("i32", (f) => f.i32(v))).toBe(v);
    for (const v of [0n, 63n, 64n, -65n, 2n ** 31n, -(2n ** 31n) - 1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)])
      expect(run("i64", (f) => f.i64(v))).toBe(v);
    expect(() => new Func("f", {params: {}}).i32(2 ** 31)).toThrow(RangeError);
    expect(() => new Func("f", {params: {}}).i64(2n ** 63n)).toThrow(RangeError);
  });

  it("locals beyond index 127 and offsets beyond 127 bytes take multi-byte LEB128 immediates", () => {
    const locals = Object.fromEntries(Array.from({length: 200}, (_, i) => [`x${i}`, "i32" as const]));
    const f = new Func("f", {params: {a: "i32"}, results: ["i32"], locals});
    // x199 (index 200) = a + 7; memory[300] = x199; return memory[300].
    f.get("a").i32(7).op("i32.add").set("x199");
    f.i32(0).get("x199").mem("i32.store", 300);
    f.i32(0).mem("i32.load", 300);
    const bytes = moduleBytes([f]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({initial: 1});
    const fn = new WebAssembly.Instance(new WebAssembly.Module(bytes), {env: {memory}}).exports.f as (
      a: number
    ) => number;
    expect(fn(35)).toBe(42);
    expect(new Int32Array(memory.buffer, 300, 1)[0]).toBe(42);
  });

  it("names every function in a custom name section, which profilers and stack traces read", () => {
    const funcs = ["first", "second_one"].map((name) => {
      const f = new Func(name, {params: {}, results: ["i32"]});
      f.i32(1);
      return f;
    });
    const mod = new WebAssembly.Module(moduleBytes(funcs));
    const [names] = WebAssembly.Module.customSections(mod, "name");
    // Subsection 1 (function names): its size, then a vector of (index, name).
    const b = new Uint8Array(names);
    expect(b[0]).toBe(1);
    const text = new TextDecoder().decode(b);
    expect(text).toContain("first");
    expect(text).toContain("second_one");
    expect(Array.from(b.slice(2, 5))).toEqual([2, 0, 5]);
  });

  it("rejects unknown and duplicate local names", () => {
    expect(() => new Func("f", {params: {a: "i32"}}).get("b")).toThrow(/unknown local b/);
    expect(() => new Func("f", {params: {a: "i32"}, locals: {a: "f64"}})).toThrow(/declared twice/);
  });
});
