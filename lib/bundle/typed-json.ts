/**
 * JSON that keeps typed arrays exact and compact: a typed array is written as
 * {"$typed": "Float32Array", "base64": "…"} (little-endian bytes) and read back only for the
 * constructors listed here. Parsing never evaluates anything: unlike a pickle, a bundle is data.
 */
const CONSTRUCTORS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array
} as const;

type TypedName = keyof typeof CONSTRUCTORS;
type AnyTyped = InstanceType<(typeof CONSTRUCTORS)[TypedName]>;

/** JSON.stringify with typed arrays encoded as base64 records. */
export function stringifyTyped(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name as TypedName;
      if (!(name in CONSTRUCTORS)) throw new TypeError(`cannot serialise a ${name}`);
      return {$typed: name, base64: bytesToBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))};
    }
    return v;
  });
}

/** Deepest nesting a bundle may have; real ones are under 10 levels. */
export const MAX_TYPED_JSON_DEPTH = 64;

/**
 * JSON.parse that turns {"$typed", "base64"} records back into typed arrays; throws TypeError on a
 * bad record, on nesting deeper than MAX_TYPED_JSON_DEPTH, and on a "__proto__" key. The records are
 * found by an explicit walk, not a reviver: V8 revives recursively, and a few thousand nested
 * brackets then overflow the stack, which only says "Maximum call stack size exceeded".
 */
export function parseTyped(text: string): unknown {
  const root: unknown = JSON.parse(text);
  const holder = {root};
  const stack: [Record<string, unknown>, number, string][] = [[holder, 0, ""]];
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop()!;
    for (const key of Object.keys(node)) {
      if (key === "__proto__")
        throw new TypeError(`a "__proto__" key at ${path || "the top"}, which a bundle never has`);
      const v = node[key];
      if (v === null || typeof v !== "object") continue;
      if (Object.hasOwn(v, "$typed")) {
        node[key] = decodeTyped(v as {$typed: unknown; base64: unknown});
        continue;
      }
      if (depth + 1 > MAX_TYPED_JSON_DEPTH)
        throw new TypeError(`it is nested more than ${MAX_TYPED_JSON_DEPTH} levels deep (a bundle has fewer than 10)`);
      stack.push([v as Record<string, unknown>, depth + 1, path === "" ? "body" : `${path}.${key}`]);
    }
  }
  return holder.root;
}

function decodeTyped(rec: {$typed: unknown; base64: unknown}): AnyTyped {
  if (typeof rec.$typed !== "string" || !Object.hasOwn(CONSTRUCTORS, rec.$typed)) {
    throw new TypeError(`unknown typed array "${String(rec.$typed)}"`);
  }
  if (typeof rec.base64 !== "string") throw new TypeError(`typed array ${rec.$typed} has no base64 data`);
  const Ctor = CONSTRUCTORS[rec.$typed as TypedName];
  const bytes = base64ToBytes(rec.base64);
  if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0) {
    throw new TypeError(
      `typed array ${rec.$typed} has ${bytes.length} bytes, not a multiple of ${Ctor.BYTES_PER_ELEMENT}`
    );
  }
  return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length / Ctor.BYTES_PER_ELEMENT) as AnyTyped;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

/** Standard base64 (with padding) of bytes; works the same in Node and browsers. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = "";
  const chunk: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i],
      b = bytes[i + 1],
      c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    chunk.push(
      ALPHABET[(n >> 18) & 63] +
        ALPHABET[(n >> 12) & 63] +
        (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : "=") +
        (i + 2 < bytes.length ? ALPHABET[n & 63] : "=")
    );
    if (chunk.length === 4096) {
      out += chunk.join("");
      chunk.length = 0;
    }
  }
  return out + chunk.join("");
}

/** Decodes standard base64; throws TypeError on a character outside the alphabet or a bad length. */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new TypeError(`base64 length ${text.length} is not a multiple of 4`);
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text.charCodeAt(i + j);
      const isPad = ch === 61 && i + j >= text.length - pad;
      const v = isPad ? 0 : ch < 128 ? LOOKUP[ch] : -1;
      if (v < 0) throw new TypeError(`invalid base64 character at ${i + j}`);
      n = (n << 6) | v;
    }
    out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
