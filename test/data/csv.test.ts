import {describe, expect, it} from "vitest";
import {forEachCsvRecord, parseCsv} from "../../lib/data/csv.js";
import {DataError} from "../../lib/data/errors.js";

const opts = {file: "t.csv"};

describe("parseCsv", () => {
  it("parses plain records with LF and CRLF endings", () => {
    expect(parseCsv("a,b,c\n1,2,3\r\n4,5,6", opts)).toEqual({
      records: [
        ["a", "b", "c"],
        ["1", "2", "3"],
        ["4", "5", "6"]
      ],
      lines: [1, 2, 3]
    });
  });
  it("keeps commas and doubled quotes inside quoted fields", () => {
    const text = '1,"American President, The (1995)",Comedy\n2,"Bird, The ""Early"" (1990)",Drama\n';
    expect(parseCsv(text, opts).records).toEqual([
      ["1", "American President, The (1995)", "Comedy"],
      ["2", 'Bird, The "Early" (1990)', "Drama"]
    ]);
  });
  it("tracks physical lines when a quoted field spans lines", () => {
    const {records, lines} = parseCsv('1,"two\nlines",x\r\n2,"three\r\nmore\nlines",y\n3,z,w\n', opts);
    expect(records[0][1]).toBe("two\nlines");
    expect(records[1][1]).toBe("three\r\nmore\nlines");
    expect(lines).toEqual([1, 3, 6]);
  });
  it("reads empty fields, a quoted empty field and a trailing separator", () => {
    expect(parseCsv('a,,""\n,x,\n', opts).records).toEqual([
      ["a", "", ""],
      ["", "x", ""]
    ]);
  });
  it("ignores blank lines at the end but rejects a blank line in the middle", () => {
    expect(parseCsv("a\nb\n\n\r\n", opts).records).toEqual([["a"], ["b"]]);
    expect(() => parseCsv("a\n\nb\n", opts)).toThrow(
      't.csv line 2: got "", expected a record, not a blank line (blank lines are allowed only at the end of the file)'
    );
  });
  it("names the line where an unterminated quote opened", () => {
    expect(() => parseCsv('a,b\n1,"never closed\n2,x\n', opts)).toThrow(DataError);
    expect(() => parseCsv('a,b\n1,"never closed\n2,x\n', opts)).toThrow(
      't.csv line 2: got ""never closed\\n2,x\\n", expected a closing quote for the field opened on this line'
    );
  });
  it("rejects text after a closing quote", () => {
    expect(() => parseCsv('1,"a"b,c\n', opts)).toThrow(
      't.csv line 1, field "column 2": got "b,c\\n", expected a separator or the end of the line after a closing quote'
    );
  });
  it("rejects a quote inside an unquoted field", () => {
    expect(() => parseCsv('1,ab"c,d\n', opts)).toThrow(
      't.csv line 1, field "column 2": got "ab"c,d", expected a quote only around a whole field'
    );
  });
  it("rejects a lone CR", () => {
    expect(() => parseCsv("a\rb\n", opts)).toThrow(
      't.csv line 1: got "\\r", expected LF or CRLF line endings, but this file has lone CR line endings (classic Mac OS): convert them to LF'
    );
  });
  it("supports another one-character separator and returns the record count", () => {
    let seen = 0;
    const n = forEachCsvRecord("a;b\nc;d", {file: "x", separator: ";"}, (f) => {
      expect(f.length).toBe(2);
      seen++;
    });
    expect([n, seen]).toEqual([2, 2]);
  });
  it("returns no records for empty text", () => {
    expect(parseCsv("", opts).records).toEqual([]);
  });
});
