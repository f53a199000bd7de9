/**
 * Copies a message for postMessage with every typed array's bytes transferred rather than cloned.
 * Chromium's structured clone serialises typed arrays at about 100 MB/s (a 100,000-rating set takes
 * 40–90 ms to post, a long task on the page's thread); a copy by `slice` is a memcpy, and transferring
 * the copies costs nothing, so the page keeps its own arrays and stays responsive.
 */

/** A deep copy of plain objects and arrays whose typed arrays are fresh copies, with their buffers to transfer. */
export function copyForTransfer<T>(value: T): {value: T; transfer: ArrayBuffer[]} {
  const transfer: ArrayBuffer[] = [];
  const copy = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const c = (v as unknown as {slice(): ArrayBufferView}).slice();
      transfer.push(c.buffer as ArrayBuffer);
      return c;
    }
    if (Array.isArray(v)) return v.map(copy);
    if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
    return v;
  };
  return {value: copy(value) as T, transfer};
}

/** Bytes copied per task by copyForTransferAsync (a 1 MiB memcpy stays far under a 50 ms long task). */
const CHUNK_BYTES = 1 << 20;

/** Waits for the next task. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * As copyForTransfer, in steps of at most about 1 MiB copied per task (yielding to the page between
 * them), so that a large data set (a 1M-rating set is 20 MB of arrays) never blocks the page long.
 */
export async function copyForTransferAsync<T>(
  value: T,
  chunkBytes = CHUNK_BYTES
): Promise<{value: T; transfer: ArrayBuffer[]}> {
  const transfer: ArrayBuffer[] = [];
  let sinceYield = 0;
  const copy = async (v: unknown): Promise<unknown> => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const src = v as unknown as {
        length: number;
        BYTES_PER_ELEMENT: number;
        subarray(a: number, b: number): ArrayLike<number>;
      };
      const Ctor = (v as object).constructor as new (n: number) => {
        set(a: ArrayLike<number>, at: number): void;
        buffer: ArrayBuffer;
      };
      const out = new Ctor(src.length);
      const step = Math.max(1, Math.floor(chunkBytes / src.BYTES_PER_ELEMENT));
      for (let i = 0; i < src.length; i += step) {
        if (sinceYield >= chunkBytes) {
          await nextTask();
          sinceYield = 0;
        }
        const part = src.subarray(i, Math.min(src.length, i + step));
        out.set(part, i);
        sinceYield += part.length * src.BYTES_PER_ELEMENT;
      }
      transfer.push(out.buffer);
      return out;
    }
    if (Array.isArray(v)) {
      const items: unknown[] = [];
      for (const x of v) items.push(await copy(x));
      return items;
    }
    if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      const entries: [string, unknown][] = [];
      for (const [k, x] of Object.entries(v)) entries.push([k, await copy(x)]);
      return Object.fromEntries(entries);
    }
    return v;
  };
  return {value: (await copy(value)) as T, transfer};
}
