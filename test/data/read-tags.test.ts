import {describe, expect, it} from "vitest";
import {readCsvTags, readDatTags} from "../../lib/data/read-tags.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("readCsvTags", () => {
  it("reads rows, quoted tags with commas and CRLF", () => {
    const t = readCsvTags(
      bytes('userId,movieId,tag,timestamp\r\n2,60756,funny,1445714994\r\n2,89774,"Boxing, story",1445715207\r\n'),
      "x/tags.csv"
    );
    expect(Array.from(t.userId)).toEqual([2, 2]);
    expect(Array.from(t.movieId)).toEqual([60756, 89774]);
    expect(t.tag).toEqual(["funny", "Boxing, story"]);
    expect(Array.from(t.timestamp)).toEqual([1445714994, 1445715207]);
  });

  it("names the file, line and field of a bad row", () => {
    expect(() => readCsvTags(bytes("userId,movieId,tag,timestamp\n2,abc,funny,1\n"), "x/tags.csv")).toThrow(
      /x\/tags\.csv.*line 2.*movie id/
    );
    expect(() => readCsvTags(bytes("userId,movieId,tag,timestamp\n2,5,,1\n"), "x/tags.csv")).toThrow(
      /x\/tags\.csv.*line 2.*tag.*non-empty/
    );
    expect(() => readCsvTags(bytes("user,movie,tag,time\n"), "x/tags.csv")).toThrow(/header/);
    expect(() => readCsvTags(bytes("userId,movieId,tag,timestamp\n1,2,3\n"), "x/tags.csv")).toThrow(/line 2.*4 fields/);
  });
});

describe("readDatTags", () => {
  it("reads ml-10m's :: rows, a tag holding :: included", () => {
    const t = readDatTags(bytes("15::4973::excellent!::1215184630\n20::1747::a::b::1188263880\n"), "tags.dat");
    expect(t.tag).toEqual(["excellent!", "a::b"]);
    expect(Array.from(t.movieId)).toEqual([4973, 1747]);
  });

  it("names the line of a short row", () => {
    expect(() => readDatTags(bytes("15::4973::1215184630\n"), "tags.dat")).toThrow(/tags\.dat.*line 1/);
  });
});
