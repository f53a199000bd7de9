import {createHash} from "node:crypto";
import {afterEach, describe, expect, it, vi} from "vitest";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {createRng} from "../../lib/random.js";
import {datasetFingerprint, sha256} from "../../lib/lab/fingerprint.js";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

describe("sha256", () => {
  it("gives Node's digest with Web Crypto and without it (a page that is not a secure context)", async () => {
    const rng = createRng(3);
    // Every length around the 64-byte block and its padding boundary, and a few large ones.
    for (const n of [...Array.from({length: 140}, (_, i) => i), 1000, 65_536, 1_000_003]) {
      const bytes = Uint8Array.from({length: n}, () => rng.int(256));
      const want = createHash("sha256").update(bytes).digest("hex");
      expect(hex(await sha256(bytes))).toBe(want);
      expect(hex(await sha256(bytes, null))).toBe(want);
    }
  });
});

describe("datasetFingerprint", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is the same with and without Web Crypto, and without it never calls Web Crypto", async () => {
    const dataset = encodeDataset(cleanDataset(generateSynthetic(), {beforeRelease: false}).data);
    const digest = vi.spyOn(globalThis.crypto.subtle, "digest");
    const withSubtle = await datasetFingerprint(dataset);
    expect(digest).toHaveBeenCalled();
    digest.mockClear();
    expect(withSubtle).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await datasetFingerprint(dataset, null)).toBe(withSubtle);
    expect(digest).not.toHaveBeenCalled();
  });
});
