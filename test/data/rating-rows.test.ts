import {describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {parseRatingRows} from "../../lib/data/rating-rows.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const tab = {file: "u.data", separator: "\t", scale: {min: 1, max: 5, step: 1}};
const csv = {
  file: "ratings.csv",
  separator: ",",
  scale: {min: 0.5, max: 5, step: 0.5},
  header: "userId,movieId,rating,timestamp"
};

describe("parseRatingRows", () => {
  it("parses tab-separated rows into typed columns", () => {
    const r = parseRatingRows(bytes("196\t242\t3\t881250949\n186\t302\t5\t891717742\n"), tab);
    expect(Array.from(r.userId)).toEqual([196, 186]);
    expect(Array.from(r.movieId)).toEqual([242, 302]);
    expect(Array.from(r.rating)).toEqual([3, 5]);
    expect(Array.from(r.timestamp)).toEqual([881250949, 891717742]);
    expect(r.userId).toBeInstanceOf(Int32Array);
    expect(r.rating).toBeInstanceOf(Float32Array);
    expect(r.timestamp).toBeInstanceOf(Float64Array);
  });
  it("parses '::' rows without a final newline", () => {
    const r = parseRatingRows(bytes("1::1193::5::978300760\n1::661::3::978302109"), {...tab, separator: "::"});
    expect(Array.from(r.movieId)).toEqual([1193, 661]);
    expect(r.userId.length).toBe(2);
  });
  it("parses CSV with a header, CRLF, half stars, a BOM and trailing blank lines", () => {
    const r = parseRatingRows(
      bytes(
        "\ufeffuserId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n1,1029,3.0,1260759179\r\n2,10,0.5,835355493\r\n\r\n"
      ),
      csv
    );
    expect(Array.from(r.rating)).toEqual([2.5, 3, 0.5]);
    expect(r.userId.length).toBe(3);
  });
  it("rejects a blank line in the middle", () => {
    expect(() => parseRatingRows(bytes("1\t2\t3\t4\n\n1\t2\t3\t4\n"), tab)).toThrow(
      'u.data line 2: got "", expected a rating row, not a blank line (blank lines are allowed only at the end of the file)'
    );
  });
  it.each([
    [
      "too few fields",
      "1\t2\t3\t4\n1\t2\t3\n",
      'u.data line 2: got "1\\t2\\t3", expected 4 fields separated by tab (user id, movie id, rating, timestamp), found 3'
    ],
    [
      "too many fields",
      "1\t2\t3\t4\t5\n",
      'u.data line 1: got "1\\t2\\t3\\t4\\t5", expected 4 fields separated by tab (user id, movie id, rating, timestamp), found 5'
    ],
    [
      "a non-numeric id",
      "x1\t2\t3\t4\n",
      'u.data line 1, field "user id": got "x1", expected a positive integer id (1 to 2147483647)'
    ],
    [
      "a trailing-garbage id",
      "5abc\t2\t3\t4\n",
      'u.data line 1, field "user id": got "5abc", expected a positive integer id (1 to 2147483647)'
    ],
    [
      "an empty id",
      "1\t\t3\t4\n",
      'u.data line 1, field "movie id": got "", expected a positive integer id (1 to 2147483647)'
    ],
    [
      "a zero id",
      "0\t2\t3\t4\n",
      'u.data line 1, field "user id": got "0", expected a positive integer id (1 to 2147483647)'
    ],
    [
      "an id above 2^31-1",
      "2147483648\t2\t3\t4\n",
      'u.data line 1, field "user id": got "2147483648", expected a positive integer id (1 to 2147483647)'
    ],
    [
      "a rating off the scale",
      "1\t2\t7\t4\n",
      'u.data line 1, field "rating": got "7", expected a rating from 1 to 5 in steps of 1'
    ],
    [
      "a half star on a whole-star scale",
      "1\t2\t3.5\t4\n",
      'u.data line 1, field "rating": got "3.5", expected a rating from 1 to 5 in steps of 1'
    ],
    [
      "a zero rating",
      "1\t2\t0\t4\n",
      'u.data line 1, field "rating": got "0", expected a rating from 1 to 5 in steps of 1'
    ],
    [
      "a rating that is not a number",
      "1\t2\tfour\t4\n",
      'u.data line 1, field "rating": got "four", expected a number (a rating from 1 to 5 in steps of 1)'
    ],
    [
      "an empty rating",
      "1\t2\t\t4\n",
      'u.data line 1, field "rating": got "", expected a number (a rating from 1 to 5 in steps of 1)'
    ],
    [
      "a negative rating",
      "1\t2\t-3\t4\n",
      'u.data line 1, field "rating": got "-3", expected a number (a rating from 1 to 5 in steps of 1)'
    ],
    [
      "a rating with a bare dot",
      "1\t2\t3.\t4\n",
      'u.data line 1, field "rating": got "3.", expected a number (a rating from 1 to 5 in steps of 1)'
    ],
    [
      "a negative timestamp",
      "1\t2\t3\t-4\n",
      'u.data line 1, field "timestamp": got "-4", expected a timestamp in whole unix seconds (digits only, at most 10^12)'
    ],
    [
      "a fractional timestamp",
      "1\t2\t3\t88125.5\n",
      'u.data line 1, field "timestamp": got "88125.5", expected a timestamp in whole unix seconds (digits only, at most 10^12)'
    ],
    [
      "an empty timestamp",
      "1\t2\t3\t\n",
      'u.data line 1, field "timestamp": got "", expected a timestamp in whole unix seconds (digits only, at most 10^12)'
    ],
    [
      "a timestamp in milliseconds beyond 1e12",
      "1\t2\t3\t8812509490000\n",
      'u.data line 1, field "timestamp": got "8812509490000", expected a timestamp in whole unix seconds (digits only, at most 10^12)'
    ],
    [
      "a lone CR",
      "1\t2\t3\t4\r1\t2\t3\t4\n",
      'u.data line 1: got "\\r", expected LF or CRLF line endings, but this file has lone CR line endings (classic Mac OS): convert them to LF'
    ],
    [
      "a space before a value",
      "1\t 2\t3\t4\n",
      'u.data line 1, field "movie id": got " 2", expected a positive integer id (1 to 2147483647)'
    ]
  ])("rejects %s", (_name, text, message) => {
    expect(() => parseRatingRows(bytes(text), tab)).toThrow(DataError);
    expect(() => parseRatingRows(bytes(text), tab)).toThrow(message);
  });
  it("rejects a half star off the CSV scale", () => {
    expect(() => parseRatingRows(bytes("userId,movieId,rating,timestamp\n1,2,4.25,5\n"), csv)).toThrow(
      'ratings.csv line 2, field "rating": got "4.25", expected a rating from 0.5 to 5 in steps of 0.5'
    );
    expect(() => parseRatingRows(bytes("userId,movieId,rating,timestamp\n1,2,5.5,5\n"), csv)).toThrow(
      "ratings.csv line 2"
    );
  });
  it("names lone CR line endings even when they glue the header to the rows", () => {
    expect(() => parseRatingRows(bytes("userId,movieId,rating,timestamp\r1,1,4.0,964982703\r"), csv)).toThrow(
      'ratings.csv line 1: got "\\r", expected LF or CRLF line endings, but this file has lone CR line endings'
    );
  });
  it("rejects an empty file, whitespace-only file and a header without rows", () => {
    expect(() => parseRatingRows(new Uint8Array(0), tab)).toThrow(
      "u.data: expected rating rows, but the file is empty"
    );
    expect(() => parseRatingRows(bytes("\n\n"), tab)).toThrow(
      "u.data: expected rating rows, but the file holds only spaces, tabs and line breaks (2 characters)"
    );
    expect(() => parseRatingRows(bytes(" ".repeat(300_000)), tab)).toThrow(/only spaces.*\(300000 characters\)/);
    expect(() => parseRatingRows(bytes("userId,movieId,rating,timestamp\r\n"), csv)).toThrow(
      "ratings.csv: expected rating rows after the header, but there are none"
    );
  });
  it("rejects a missing or wrong header", () => {
    expect(() => parseRatingRows(bytes("1,2,3,4\n"), csv)).toThrow(
      'ratings.csv line 1, field "header": got "1,2,3,4", expected the header "userId,movieId,rating,timestamp"'
    );
    expect(() => parseRatingRows(bytes("user,movie,rating,timestamp\n1,2,3,4\n"), csv)).toThrow(
      'field "header": got "user,movie,rating,timestamp"'
    );
  });
  it("counts lines after a header and CRLF endings in errors", () => {
    expect(() => parseRatingRows(bytes("userId,movieId,rating,timestamp\r\n1,2,3,4\r\n1,2,x,4\r\n"), csv)).toThrow(
      'ratings.csv line 3, field "rating": got "x"'
    );
  });
  it("does not split '::' on a single colon", () => {
    expect(() => parseRatingRows(bytes("1:2::3::4::5\n"), {...tab, separator: "::"})).toThrow(
      'field "user id": got "1:2"'
    );
  });
});
