import {describe, expect, it} from "vitest";
import {decodeLatin1, decodeUtf8Strict, findInvalidUtf8, lineOfOffset} from "../../lib/data/decode.js";
import {DataError} from "../../lib/data/errors.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeLatin1", () => {
  it("maps every byte to the same code point, including 0x80..0x9F (not windows-1252)", () => {
    const bytes = Uint8Array.from({length: 256}, (_, i) => i);
    const text = decodeLatin1(bytes);
    expect(text.length).toBe(256);
    for (let i = 0; i < 256; i++) expect(text.charCodeAt(i)).toBe(i);
  });
  it("decodes an accented ml-100k title", () => {
    expect(decodeLatin1(Uint8Array.from([0x4d, 0xe9, 0x70, 0x72, 0x69, 0x73]))).toBe("Mépris");
  });
  it("handles inputs longer than one chunk", () => {
    const bytes = new Uint8Array(20_000).fill(0x41);
    bytes[19_999] = 0xe8;
    const text = decodeLatin1(bytes);
    expect(text.length).toBe(20_000);
    expect(text.endsWith("Aè")).toBe(true);
  });
});

describe("decodeUtf8Strict", () => {
  it("decodes valid UTF-8 and drops a BOM", () => {
    expect(decodeUtf8Strict(utf8("\ufeffAmélie (2001)"), "movies.csv")).toBe("Amélie (2001)");
  });
  it("throws a DataError naming the line of invalid bytes", () => {
    const bytes = new Uint8Array([
      ...utf8("movieId,title,genres\n1,ok,Drama\n2,Am"),
      0xe9,
      ...utf8("lie (2001),Comedy\n")
    ]);
    expect(() => decodeUtf8Strict(bytes, "set/movies.csv")).toThrow(DataError);
    expect(() => decodeUtf8Strict(bytes, "set/movies.csv")).toThrow(
      'set/movies.csv line 3: got "bytes 0xe9 0x6c 0x69 0x65 at byte offset 36", expected valid UTF-8 text'
    );
  });
});

describe("findInvalidUtf8", () => {
  it("accepts valid multi-byte sequences", () => {
    expect(findInvalidUtf8(utf8("aé€😀z"))).toBe(-1);
  });
  it.each([
    ["lone continuation byte", [0x61, 0x80], 1],
    ["overlong 2-byte", [0xc0, 0xaf], 0],
    ["overlong 3-byte", [0xe0, 0x80, 0xaf], 0],
    ["surrogate", [0xed, 0xa0, 0x80], 0],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["truncated at end", [0x61, 0xe2, 0x82], 1],
    ["bad continuation", [0xe2, 0x28, 0xa1], 0],
    ["invalid lead byte", [0xff], 0]
  ])("finds %s", (_name, bytes, at) => {
    expect(findInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
    expect(() => new TextDecoder("utf-8", {fatal: true}).decode(Uint8Array.from(bytes))).toThrow();
  });
});

describe("lineOfOffset", () => {
  it("counts line feeds before the offset", () => {
    const bytes = utf8("a\nb\r\nc");
    expect(lineOfOffset(bytes, 0)).toBe(1);
    expect(lineOfOffset(bytes, 1)).toBe(1);
    expect(lineOfOffset(bytes, 2)).toBe(2);
    expect(lineOfOffset(bytes, 5)).toBe(3);
  });
});
