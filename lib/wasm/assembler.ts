/**
 * A minimal WebAssembly module writer for the few hand-written SIMD kernels of the recommenders
 * (no toolchain, no build step: the bytes are produced here and compiled by the JS engine).
 * Only what the kernels use: one imported memory, functions with typed params/locals, exports.
 */

export const T = {i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b} as const;

/** Opcodes used by the kernels (core and the 0xfd SIMD prefix). */
export const op = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, br: 0x0c, brIf: 0x0d, end: 0x0b, ret: 0x0f,
  get: 0x20, set: 0x21, tee: 0x22,
  i32Const: 0x41, f32Const: 0x43, f64Const: 0x44,
  i32Load: 0x28, f32Load: 0x2a, f64Load: 0x2b, i32Load8u: 0x2d, i32Load16u: 0x2f, i32Store: 0x36, f32Store: 0x38, f64Store: 0x39,
  i32Eq: 0x46, i32Ne: 0x47, i32Xor: 0x73, i32ShrU: 0x76,
  i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32And: 0x71, i32Shl: 0x74, i32GeU: 0x4f, i32LtU: 0x49,
  f32Add: 0x92, f32Sub: 0x93, f32Mul: 0x94,
  f64Add: 0xa0, f64Sub: 0xa1, f64Mul: 0xa2,
  simd: 0xfd
} as const;

/** SIMD sub-opcodes (after the 0xfd prefix). */
export const simd = {
  load: 0x00, store: 0x0b, f32x4Splat: 0x13, f64x2Splat: 0x14, f32x4Extract: 0x1f, f64x2Extract: 0x21,
  f32x4Add: 0xe4, f32x4Mul: 0xe6, f64x2Add: 0xf0, f64x2Sub: 0xf1, f64x2Mul: 0xf2
} as const;

/** Unsigned LEB128 encoding of a non-negative integer. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 encoding of an i32 (i32.const immediates). */
export function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** A SIMD instruction (prefix + LEB sub-opcode). */
export function vop(code: number): number[] {
  return [op.simd, ...uleb(code)];
}

/** Little-endian bytes of a float32 / float64 constant. */
export function f32Bytes(x: number): number[] {
  return Array.from(new Uint8Array(new Float32Array([x]).buffer));
}
export function f64Bytes(x: number): number[] {
  return Array.from(new Uint8Array(new Float64Array([x]).buffer));
}

/** One function of a module: its signature, extra locals (grouped by type) and body (without the final end). */
export interface WasmFunction {
  name: string;
  params: number[];
  results: number[];
  locals: Array<[count: number, type: number]>;
  body: number[];
}

function str(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/**
 * Module bytes: memory imported as env.memory, each function exported under its name.
 * sharedMemory: import a shared memory (limits 1..65536 pages), as threads sharing one WebAssembly.Memory need.
 */
export function moduleBytes(funcs: WasmFunction[], sharedMemory = false): Uint8Array<ArrayBuffer> {
  const memoryType = sharedMemory ? [0x03, 1, ...uleb(65536)] : [0x00, 1];
  const types = section(1, vec(funcs.map((f) => [0x60, ...uleb(f.params.length), ...f.params, ...uleb(f.results.length), ...f.results])));
  const imports = section(2, vec([[...str("env"), ...str("memory"), 0x02, ...memoryType]]));
  const fns = section(3, vec(funcs.map((_, i) => uleb(i))));
  const exports = section(7, vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)])));
  const code = section(10, vec(funcs.map((f) => {
    const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body, op.end];
    return [...uleb(body.length), ...body];
  })));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...fns, ...exports, ...code]);
}

/**
 * Compiles the module once (null when the engine lacks WebAssembly or SIMD) and instantiates it over a memory.
 * Synchronous compilation is fine in a browser main thread because the kernels stay far below the
 * 4 KB limit browsers put on it (the MF kernel is 435 bytes, the linear-algebra kernels 1.3 KB).
 */
export function kernelLoader<E>(funcs: () => WasmFunction[]): (memory: WebAssembly.Memory) => E | null {
  let compiled: WebAssembly.Module | null | undefined;
  return (memory) => {
    if (compiled === undefined) {
      const bytes = moduleBytes(funcs());
      compiled = typeof WebAssembly !== "undefined" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    }
    return compiled === null ? null : (new WebAssembly.Instance(compiled, {env: {memory}}).exports as E);
  };
}
