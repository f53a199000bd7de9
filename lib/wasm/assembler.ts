/**
 * The one WebAssembly assembler of the project: the kernels in this folder are written with it and
 * their bytes are produced at run time, so there is no binary file, toolchain or build step, and a
 * kernel reads as its instruction list. It knows only what the kernels use: one imported memory,
 * functions with named params and locals, exports. Every immediate goes through the LEB128
 * encoders below, so none is encoded by hand.
 */

/** A value type (the kernels use no reference types). */
export type ValType = "i32" | "i64" | "f32" | "f64" | "v128";

const VAL_TYPE: Record<ValType, number> = {i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b};

/** Prefix byte of the SIMD instructions; their sub-opcode follows as unsigned LEB128. */
const SIMD = 0xfd;
/** Prefix byte of the bulk-memory instructions (memory.copy). */
const MISC = 0xfc;

/** Instructions without immediates, by their text-format names: an opcode, or [prefix, sub-opcode]. */
const PLAIN = {
  return: 0x0f,
  select: 0x1b,
  "i32.eq": 0x46,
  "i32.ne": 0x47,
  "i32.lt_u": 0x49,
  "i32.gt_u": 0x4b,
  "i32.le_u": 0x4d,
  "i32.ge_u": 0x4f,
  "i32.add": 0x6a,
  "i32.sub": 0x6b,
  "i32.mul": 0x6c,
  "i32.rem_u": 0x70,
  "i32.and": 0x71,
  "i32.xor": 0x73,
  "i32.shl": 0x74,
  "i32.shr_u": 0x76,
  "f32.add": 0x92,
  "f32.sub": 0x93,
  "f32.mul": 0x94,
  "f64.add": 0xa0,
  "f64.sub": 0xa1,
  "f64.mul": 0xa2,
  "f32x4.splat": [SIMD, 0x13],
  "f64x2.splat": [SIMD, 0x14],
  "f32x4.add": [SIMD, 0xe4],
  "f32x4.mul": [SIMD, 0xe6],
  "f64x2.add": [SIMD, 0xf0],
  "f64x2.sub": [SIMD, 0xf1],
  "f64x2.mul": [SIMD, 0xf2]
} as const satisfies Record<string, number | readonly [number, number]>;

/** Loads and stores: opcode (or [prefix, sub-opcode]) and natural alignment (log2 bytes), the default of their memarg. */
const MEMORY = {
  "i32.load": [0x28, 2],
  "f32.load": [0x2a, 2],
  "f64.load": [0x2b, 3],
  "i32.load8_u": [0x2d, 0],
  "i32.load16_u": [0x2f, 1],
  "i32.store": [0x36, 2],
  "f32.store": [0x38, 2],
  "f64.store": [0x39, 3],
  "v128.load": [[SIMD, 0x00], 4],
  "v128.store": [[SIMD, 0x0b], 4]
} as const satisfies Record<string, readonly [number | readonly [number, number], number]>;

/** Lane extractions: [prefix, sub-opcode], followed by a lane index byte. */
const LANE = {
  "f32x4.extract_lane": [SIMD, 0x1f],
  "f64x2.extract_lane": [SIMD, 0x21]
} as const satisfies Record<string, readonly [number, number]>;

const OPCODE = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i64Const: 0x42,
  f32Const: 0x43,
  f64Const: 0x44,
  memoryCopy: 0x0a
};
/** Block type of blocks, loops and ifs that leave nothing on the stack (the only kind the kernels use). */
const EMPTY_BLOCK = 0x40;

/** Name of an instruction without immediates. */
export type PlainOp = keyof typeof PLAIN;
/** Name of a load or store. */
export type MemoryOp = keyof typeof MEMORY;
/** Name of a lane extraction. */
export type LaneOp = keyof typeof LANE;

/** Unsigned LEB128 of a non-negative integer: a number up to 2^53 − 1, or a bigint of any size. */
export function uleb(value: number | bigint): number[] {
  let v = toBigInt(value, "uleb");
  if (v < 0n) throw new RangeError(`uleb: ${value} is negative`);
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v === 0n) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Signed LEB128 (two's complement) of an integer: a number up to ±(2^53 − 1), or a bigint of any size. */
export function sleb(value: number | bigint): number[] {
  let v = toBigInt(value, "sleb");
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    // BigInt >> is arithmetic: a negative value tends to −1, a non-negative one to 0.
    v >>= 7n;
    const signBit = byte & 0x40;
    if ((v === 0n && signBit === 0) || (v === -1n && signBit !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function toBigInt(value: number | bigint, what: string): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what}: ${value} is not a safe integer`);
  return BigInt(value);
}

function littleEndian(bytes: number, write: (view: DataView) => void): number[] {
  const view = new DataView(new ArrayBuffer(bytes));
  write(view);
  return Array.from(new Uint8Array(view.buffer));
}

function opcodeBytes(code: number | readonly [number, number]): number[] {
  return typeof code === "number" ? [code] : [code[0], ...uleb(code[1])];
}

/** The signature and local slots of a function: names in declaration order (params first), each with its type. */
export interface FuncSpec {
  params: Record<string, ValType>;
  results?: ValType[];
  locals?: Record<string, ValType>;
}

/**
 * One function's instructions, appended by chained calls; locals are named (params first, then
 * locals, in the order of their declaration, as WebAssembly numbers them).
 */
export class Func {
  readonly name: string;
  readonly params: ValType[];
  readonly results: ValType[];
  readonly locals: ValType[];
  readonly code: number[] = [];
  private readonly slot = new Map<string, number>();

  constructor(name: string, spec: FuncSpec) {
    this.name = name;
    this.params = Object.values(spec.params);
    this.results = spec.results ?? [];
    this.locals = Object.values(spec.locals ?? {});
    [...Object.keys(spec.params), ...Object.keys(spec.locals ?? {})].forEach((n, i) => {
      if (this.slot.has(n)) throw new Error(`${name}: local ${n} declared twice`);
      this.slot.set(n, i);
    });
  }

  private index(name: string): number {
    const i = this.slot.get(name);
    if (i === undefined) throw new Error(`${this.name}: unknown local ${name}`);
    return i;
  }

  /** local.get of each name in turn. */
  get(...names: string[]): this {
    for (const n of names) this.code.push(OPCODE.localGet, ...uleb(this.index(n)));
    return this;
  }

  /** local.set. */
  set(name: string): this {
    this.code.push(OPCODE.localSet, ...uleb(this.index(name)));
    return this;
  }

  /** local.tee. */
  tee(name: string): this {
    this.code.push(OPCODE.localTee, ...uleb(this.index(name)));
    return this;
  }

  /** i32.const of a signed 32-bit integer. */
  i32(value: number): this {
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31)
      throw new RangeError(`${this.name}: i32.const ${value} is not a signed 32-bit integer`);
    this.code.push(OPCODE.i32Const, ...sleb(value));
    return this;
  }

  /** i64.const of a signed 64-bit integer. */
  i64(value: bigint): this {
    if (value !== BigInt.asIntN(64, value))
      throw new RangeError(`${this.name}: i64.const ${value} is not a signed 64-bit integer`);
    this.code.push(OPCODE.i64Const, ...sleb(value));
    return this;
  }

  /** f32.const (the value rounded to single precision). */
  f32(value: number): this {
    this.code.push(OPCODE.f32Const, ...littleEndian(4, (v) => v.setFloat32(0, value, true)));
    return this;
  }

  /** f64.const. */
  f64(value: number): this {
    this.code.push(OPCODE.f64Const, ...littleEndian(8, (v) => v.setFloat64(0, value, true)));
    return this;
  }

  /** Instructions without immediates, in order. */
  op(...names: PlainOp[]): this {
    for (const n of names) this.code.push(...opcodeBytes(PLAIN[n]));
    return this;
  }

  /** A load or store at the address on the stack plus `offset` bytes; alignment hint: log2 bytes, natural by default. */
  mem(name: MemoryOp, offset = 0, align: number = MEMORY[name][1]): this {
    this.code.push(...opcodeBytes(MEMORY[name][0]), ...uleb(align), ...uleb(offset));
    return this;
  }

  /** A lane extraction. */
  lane(name: LaneOp, lane: number): this {
    this.code.push(...opcodeBytes(LANE[name]), lane);
    return this;
  }

  /** memory.copy (dest, src, length on the stack) within the one memory. */
  memoryCopy(): this {
    this.code.push(MISC, ...uleb(OPCODE.memoryCopy), 0x00, 0x00);
    return this;
  }

  /** block … end; a br of depth 0 inside leaves it. */
  block(body: () => void): this {
    return this.structured(OPCODE.block, body);
  }

  /** loop … end; a br of depth 0 inside starts it again. */
  loop(body: () => void): this {
    return this.structured(OPCODE.loop, body);
  }

  /** if … end on the i32 on the stack. */
  if(body: () => void): this {
    return this.structured(OPCODE.if, body);
  }

  private structured(opcode: number, body: () => void): this {
    this.code.push(opcode, EMPTY_BLOCK);
    body();
    this.code.push(OPCODE.end);
    return this;
  }

  /** br to the enclosing block or loop `depth` levels out. */
  br(depth: number): this {
    this.code.push(OPCODE.br, ...uleb(depth));
    return this;
  }

  /** br_if on the i32 on the stack. */
  brIf(depth: number): this {
    this.code.push(OPCODE.brIf, ...uleb(depth));
    return this;
  }

  /** name += step (i32). */
  bump(name: string, step: number): this {
    return this.get(name).i32(step).op("i32.add").set(name);
  }

  /** while (a <u b) { body }: the test before each pass, so an empty range runs nothing. */
  whileLt(a: string, b: string, body: () => void): this {
    return this.block(() =>
      this.loop(() => {
        this.get(a, b).op("i32.ge_u").brIf(1);
        body();
        this.br(0);
      })
    );
  }

  /** do { body } while (a <u b): the test after each pass, for ranges known not to be empty. */
  doWhileLt(a: string, b: string, body: () => void): this {
    return this.loop(() => {
      body();
      this.get(a, b).op("i32.lt_u").brIf(0);
    });
  }
}

function str(s: string): number[] {
  const bytes = Array.from(new TextEncoder().encode(s));
  return [...uleb(bytes.length), ...bytes];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** Runs of one type, as the code section declares locals: [count, type] pairs. */
function localGroups(types: ValType[]): number[][] {
  const groups: number[][] = [];
  for (let i = 0; i < types.length;) {
    let j = i;
    while (j < types.length && types[j] === types[i]) j++;
    groups.push([...uleb(j - i), VAL_TYPE[types[i]]]);
    i = j;
  }
  return groups;
}

/**
 * A module's bytes: memory imported as env.memory, each function exported under its name and named
 * in a "name" section.
 * sharedMemory: import a shared memory (limits 1..65536 pages), as threads sharing one WebAssembly.Memory need.
 */
export function moduleBytes(funcs: Func[], sharedMemory = false): Uint8Array<ArrayBuffer> {
  const types = (ts: ValType[]) => vec(ts.map((t) => [VAL_TYPE[t]]));
  const memoryType = sharedMemory ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const typeSection = section(1, vec(funcs.map((f) => [0x60, ...types(f.params), ...types(f.results)])));
  const importSection = section(2, vec([[...str("env"), ...str("memory"), 0x02, ...memoryType]]));
  const funcSection = section(3, vec(funcs.map((_, i) => uleb(i))));
  const exportSection = section(7, vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)])));
  const codeSection = section(
    10,
    vec(
      funcs.map((f) => {
        const body = [...vec(localGroups(f.locals)), ...f.code, OPCODE.end];
        return [...uleb(body.length), ...body];
      })
    )
  );
  // The custom "name" section (function names): profilers and stack traces then show "dot4" rather
  // than "wasm-function[2]". Engines ignore it when running the code.
  const functionNames = vec(funcs.map((f, i) => [...uleb(i), ...str(f.name)]));
  const nameSection = section(0, [...str("name"), 0x01, ...uleb(functionNames.length), ...functionNames]);
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...typeSection,
    ...importSection,
    ...funcSection,
    ...exportSection,
    ...codeSection,
    ...nameSection
  ]);
}

/** Calls per "kernel.export" made through instances created while countKernelCalls was on. */
export const kernelCalls = new Map<string, number>();
let counting = false;

/**
 * From now on (on = true), new kernel instances count each call of each export in kernelCalls, so
 * that a test can prove a caller ran the kernel rather than its JavaScript fallback. Off by default:
 * the counting wrapper adds a JavaScript call to every kernel call.
 */
export function countKernelCalls(on: boolean): void {
  counting = on;
}

/**
 * One kernel module, compiled on first use. Compilation is synchronous because browsers allow it on
 * the main thread below 4 KB, which every kernel here stays under, and an async API would ripple
 * through every caller. Null (never an exception) where WebAssembly or SIMD is missing or a page's
 * CSP refuses compilation, so that callers fall back to JavaScript.
 */
export class Kernel<E extends object> {
  readonly name: string;
  private readonly build: () => Uint8Array<ArrayBuffer>;
  private compiled: WebAssembly.Module | null | undefined;

  constructor(name: string, build: () => Uint8Array<ArrayBuffer>) {
    this.name = name;
    this.build = build;
  }

  /** The compiled module, or null where it cannot be compiled here. */
  module(): WebAssembly.Module | null {
    if (this.compiled === undefined) {
      try {
        const bytes = this.build();
        this.compiled =
          typeof WebAssembly !== "undefined" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
      } catch {
        this.compiled = null;
      }
    }
    return this.compiled;
  }

  /** True when the module compiles here (WebAssembly with SIMD, not refused). */
  available(): boolean {
    return this.module() !== null;
  }

  /** The exports of a new instance over `memory`, or null where the module cannot be compiled or instantiated. */
  instantiate(memory: WebAssembly.Memory): E | null {
    const mod = this.module();
    if (mod === null) return null;
    let exports: WebAssembly.Exports;
    try {
      exports = new WebAssembly.Instance(mod, {env: {memory}}).exports;
    } catch {
      return null;
    }
    return (counting ? this.counted(exports) : exports) as E;
  }

  private counted(exports: WebAssembly.Exports): WebAssembly.Exports {
    const out: WebAssembly.Exports = {};
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== "function") {
        out[name] = value;
        continue;
      }
      const key = `${this.name}.${name}`;
      const fn = value as (...args: number[]) => unknown;
      out[name] = ((...args: number[]) => {
        kernelCalls.set(key, (kernelCalls.get(key) ?? 0) + 1);
        return fn(...args);
      }) as WebAssembly.ExportValue;
    }
    return out;
  }
}
