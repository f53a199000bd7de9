import {describe, expect, it} from "vitest";
import {crc32, crc32Bytes} from "../../lib/bundle/crc32.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("crc32", () => {
  it("gives the IEEE check value and 0 for no bytes", () => {
    expect(crc32("123456789")).toBe("cbf43926");
    expect(crc32Bytes(bytes("123456789"))).toBe(0xcbf43926);
    expect(crc32Bytes(new Uint8Array(0))).toBe(0);
    expect(crc32("")).toBe("00000000");
  });

  it("continues over chunks to the CRC of the whole, whatever the cut (slicing-by-8 and the byte tail agree)", () => {
    const data = Uint8Array.from({length: 1000}, (_, i) => (i * 7919 + 13) & 0xff);
    const whole = crc32Bytes(data);
    expect(whole).toBe(2868740674); // zlib.crc32 of the same bytes
    for (const cut of [0, 1, 7, 8, 9, 500, 999, 1000]) {
      expect(crc32Bytes(data.subarray(cut), crc32Bytes(data.subarray(0, cut)))).toBe(whole);
    }
  });

  it("hashes the UTF-8 encoding of text", () => {
    expect(crc32("é")).toBe(
      crc32Bytes(Uint8Array.from([0xc3, 0xa9]))
        .toString(16)
        .padStart(8, "0")
    );
  });
});
