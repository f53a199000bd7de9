import {describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {
  DuplicateIdCheck,
  GenreCollector,
  GrowableColumn,
  ID_EXPECTED,
  ID_MAX,
  forEachLine,
  parseGender,
  parseId,
  parseRating,
  parseReleaseDate,
  parseTimestamp,
  requireFile,
  requireNonEmpty,
  yearFromTitle
} from "../../lib/data/fields.js";

const ctx = {file: "f", line: 7};

describe("field validators", () => {
  it("parseId accepts plain positive digits only", () => {
    expect(parseId("42", "id", ctx)).toBe(42);
    expect(parseId("2147483647", "id", ctx)).toBe(2147483647);
    expect(ID_MAX).toBe(2 ** 31 - 1);
    expect(ID_EXPECTED).toBe("a positive integer id (1 to 2147483647)");
    for (const bad of ["", " 1", "1 ", "5abc", "0", "-3", "1.0", "1e3", "0x10", "2147483648", "99999999999"]) {
      expect(() => parseId(bad, "id", ctx)).toThrow(
        `f line 7, field "id": got "${bad}", expected a positive integer id (1 to 2147483647)`
      );
    }
  });
  it("parseRating checks the scale and the number format", () => {
    const half = {min: 0.5, max: 5, step: 0.5};
    expect(parseRating("0.5", half, ctx)).toBe(0.5);
    expect(parseRating("5.0", half, ctx)).toBe(5);
    expect(() => parseRating("", half, ctx)).toThrow(
      'got "", expected a number (a rating from 0.5 to 5 in steps of 0.5)'
    );
    expect(() => parseRating(" 4", half, ctx)).toThrow("expected a number");
    expect(() => parseRating("4.2", half, ctx)).toThrow('got "4.2", expected a rating from 0.5 to 5 in steps of 0.5');
    expect(() => parseRating("5.5", half, ctx)).toThrow("expected a rating from 0.5 to 5");
  });
  it("parseTimestamp wants whole seconds", () => {
    expect(parseTimestamp("0", ctx)).toBe(0);
    expect(parseTimestamp("964982703", ctx)).toBe(964982703);
    expect(() => parseTimestamp("-1", ctx)).toThrow(
      'field "timestamp": got "-1", expected a timestamp in whole unix seconds (digits only, at most 10^12)'
    );
    expect(() => parseTimestamp("", ctx)).toThrow('field "timestamp": got ""');
  });
  it("parseGender wants M or F", () => {
    expect(parseGender("M", ctx)).toBe(0);
    expect(parseGender("F", ctx)).toBe(1);
    expect(() => parseGender("", ctx)).toThrow('f line 7, field "gender": got "", expected "M" or "F"');
  });
  it("parseReleaseDate reads DD-Mon-YYYY at UTC midnight", () => {
    expect(parseReleaseDate("01-Jan-1995", ctx)).toBe(788918400);
    expect(parseReleaseDate("29-Feb-1996", ctx)).toBe(Date.UTC(1996, 1, 29) / 1000);
    expect(parseReleaseDate("", ctx)).toBeNaN();
    for (const bad of [
      "29-Feb-1997",
      "01-jan-1995",
      "1995-01-01",
      "01-Jan-95",
      " 01-Jan-1995",
      "00-Jan-1995",
      "32-Jan-1995"
    ]) {
      expect(() => parseReleaseDate(bad, ctx)).toThrow(
        `f line 7, field "release date": got "${bad}", expected a date as DD-Mon-YYYY`
      );
    }
  });
  it("yearFromTitle reads a trailing (YYYY), tolerating trailing spaces", () => {
    expect(yearFromTitle("Toy Story (1995)")).toBe(1995);
    expect(yearFromTitle("Heidi Fleiss: Hollywood Madam (1995) ")).toBe(1995);
    expect(yearFromTitle("Babylon 5")).toBeNaN();
    expect(yearFromTitle("Land Before Time III (1995) (V)")).toBeNaN();
    expect(yearFromTitle("Fawlty Towers (1975-1979)")).toBeNaN();
  });
});

describe("forEachLine and requireNonEmpty", () => {
  it("yields lines with numbers, CRLF stripped, trailing blank lines ignored", () => {
    const got: [string, number][] = [];
    forEachLine("a\r\nb\nc\n\n\r\n", "f", (t, l) => got.push([t, l]));
    expect(got).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3]
    ]);
  });
  it("rejects a blank line in the middle", () => {
    expect(() => forEachLine("a\n\nb", "f", () => {})).toThrow(DataError);
    expect(() => forEachLine("a\n\nb", "f", () => {})).toThrow('f line 2: got "", expected a record, not a blank line');
  });
  it("requireNonEmpty rejects blank text", () => {
    expect(() => requireNonEmpty("", "f", "rows")).toThrow("f: expected rows, but the file is empty");
    expect(() => requireNonEmpty(" \n", "f", "rows")).toThrow(
      "f: expected rows, but the file holds only spaces, tabs and line breaks (2 characters)"
    );
    expect(() => requireNonEmpty("x", "f", "rows")).not.toThrow();
  });
  it("requireFile names the missing file", () => {
    expect(requireFile({a: new Uint8Array(1)}, "a", "set", "A")).toHaveLength(1);
    expect(() => requireFile({}, "a", "set", "the A file")).toThrow(
      "set/a: expected the A file, but the file is missing"
    );
  });
});

describe("helpers", () => {
  it("DuplicateIdCheck reports both lines", () => {
    const dup = new DuplicateIdCheck("movie id", "movie");
    dup.check(5, {file: "f", line: 2});
    dup.check(6, {file: "f", line: 3});
    expect(() => dup.check(5, {file: "f", line: 9})).toThrow(
      'f line 9, field "movie id": got "5", expected a unique movie id (already on line 2)'
    );
  });
  it("GrowableColumn doubles and trims", () => {
    const col = new GrowableColumn((n) => new Int32Array(n), 2);
    for (let i = 0; i < 5; i++) col.push(i * 10);
    const out = col.finish();
    expect(out).toBeInstanceOf(Int32Array);
    expect(Array.from(out)).toEqual([0, 10, 20, 30, 40]);
  });
  it("GenreCollector sorts names and rejects empty genre names", () => {
    const g = new GenreCollector();
    g.add("Drama|Action", ctx);
    g.add("(no genres listed)", ctx);
    expect(g.finish()).toEqual({genreNames: ["Action", "Drama"], genres: Uint8Array.from([1, 1, 0, 0])});
    expect(() => new GenreCollector().add("Drama| Action", ctx)).toThrow('field "genres": got "Drama| Action"');
  });
});
