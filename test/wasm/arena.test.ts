import {describe, expect, it} from "vitest";
import {arenaBytes, WasmArena} from "../../lib/wasm/arena.js";

describe("WasmArena", () => {
  it("aligns, zeroes and refuses to overflow", () => {
    const arena = WasmArena.create(100)!;
    const a = arena.u8(3);
    const b = arena.f64(2);
    expect(a.byteOffset).toBe(0);
    expect(b.byteOffset % 16).toBe(0);
    expect(Array.from(b)).toEqual([0, 0]);
    expect(() => arena.u8(arena.free + 1)).toThrow(RangeError);
    expect(() => WasmArena.create(-1)).toThrow(RangeError);
  });

  it("copies arrays into its memory with their type, and arenaBytes covers the alignment padding", () => {
    const bytes = arenaBytes([3, 1], [5, 4], [2, 8]);
    expect(bytes).toBe(16 + 32 + 16);
    const arena = WasmArena.create(bytes, true)!;
    expect(arena.shared).toBe(true);
    const u8 = arena.copy(Uint8Array.of(1, 2, 3));
    const u32 = arena.copy(Uint32Array.of(4, 5, 6, 7, 8));
    const f64 = arena.copy(Float64Array.of(0.5, -0));
    expect([u8, u32, f64].every((x) => x.buffer === arena.buffer)).toBe(true);
    expect(u32).toBeInstanceOf(Uint32Array);
    expect(Array.from(u32)).toEqual([4, 5, 6, 7, 8]);
    expect(Object.is(f64[1], -0)).toBe(true);
    expect(arena.buffer.byteLength - arena.free).toBe(bytes);
  });
});
