/**
 * A bump allocator over one fixed-size WebAssembly.Memory, where callers place the arrays a kernel
 * reads and writes (a kernel addresses only its memory).
 */

const PAGE = 65536;
/** The largest arena WasmArena.create accepts: 65535 pages, one short of a 32-bit memory's limit. */
export const MAX_ARENA_BYTES = 65535 * PAGE;

/**
 * A bump allocator over one fixed-size WebAssembly.Memory: views allocated here are what the kernels
 * read and write. The memory never grows, so views stay valid (growing a non-shared memory would
 * detach its buffer). Allocations are 16-byte aligned and zeroed.
 */
export class WasmArena {
  readonly memory: WebAssembly.Memory;
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly shared: boolean;
  private top = 0;

  private constructor(memory: WebAssembly.Memory, shared: boolean) {
    this.memory = memory;
    this.buffer = memory.buffer;
    this.shared = shared;
  }

  /**
   * An arena of at least `bytes` bytes (≤ 4 GiB − 64 KiB); shared: backed by a SharedArrayBuffer that
   * worker threads can receive. Null where WebAssembly memories cannot be created.
   */
  static create(bytes: number, shared = false): WasmArena | null {
    if (!(bytes >= 0) || bytes > MAX_ARENA_BYTES)
      throw new RangeError(`WasmArena.create: bytes = ${bytes}, expected 0 .. ${MAX_ARENA_BYTES}`);
    const pages = Math.max(1, Math.ceil(bytes / PAGE));
    try {
      return new WasmArena(new WebAssembly.Memory({initial: pages, maximum: pages, shared}), shared);
    } catch {
      return null;
    }
  }

  /** Bytes still free. */
  get free(): number {
    return this.buffer.byteLength - this.top;
  }

  /** Byte offset of a new zeroed block of `bytes` bytes, 16-byte aligned; throws RangeError when the arena is full. */
  alloc(bytes: number): number {
    const at = (this.top + 15) & ~15;
    if (at + bytes > this.buffer.byteLength)
      throw new RangeError(
        `WasmArena: ${bytes} bytes requested, ${this.buffer.byteLength - at} free of ${this.buffer.byteLength}`
      );
    this.top = at + bytes;
    return at;
  }

  /** A zeroed Float64Array of `length` in the arena. */
  f64(length: number): Float64Array {
    return new Float64Array(this.buffer, this.alloc(8 * length), length);
  }
  /** A zeroed Uint32Array of `length` in the arena. */
  u32(length: number): Uint32Array {
    return new Uint32Array(this.buffer, this.alloc(4 * length), length);
  }
  /** A zeroed Int32Array of `length` in the arena. */
  i32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.alloc(4 * length), length);
  }
  /** A zeroed Uint16Array of `length` in the arena. */
  u16(length: number): Uint16Array {
    return new Uint16Array(this.buffer, this.alloc(2 * length), length);
  }
  /** A zeroed Uint8Array of `length` in the arena. */
  u8(length: number): Uint8Array {
    return new Uint8Array(this.buffer, this.alloc(length), length);
  }
  /** A copy of src in the arena, same type. */
  copy<A extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array>(src: A): A {
    const Ctor = src.constructor as new (b: ArrayBufferLike, offset: number, length: number) => A;
    const out = new Ctor(this.buffer, this.alloc(src.byteLength), src.length);
    out.set(src as never);
    return out;
  }
}

/** Bytes an arena needs for the listed array lengths (elements × bytes per element), with alignment. */
export function arenaBytes(...blocks: Array<[length: number, bytesPerElement: number]>): number {
  return blocks.reduce((s, [n, b]) => s + ((n * b + 15) & ~15), 0);
}
