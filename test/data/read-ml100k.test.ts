import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {ML100K_GENRES, readMl100k} from "../../lib/data/read-ml100k.js";
import type {DatasetFiles} from "../../lib/data/read-files.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const zeros = (n: number) => Array(n).fill("0").join("|");

/** A tiny ml-100k set with three genres (u.genre), two movies, two users. */
function fixture(over: Record<string, string> = {}): DatasetFiles {
  const text: Record<string, string> = {
    "u.data": "1\t10\t4\t881250949\n2\t20\t1\t891717742\n",
    "u.item": "10|Mépris, Le (1963)|27-Jun-1997||http://x|0|1|1\n20|unknown||||1|0|0\n",
    "u.genre": "unknown|0\nAction|1\nDrama|2\n\n",
    "u.user": "1|24|M|technician|85711\n2|53|F|other|T8H1N\n",
    "u.occupation": "other\ntechnician\n",
    ...over
  };
  const files: DatasetFiles = {};
  for (const [k, v] of Object.entries(text)) if (v !== undefined) files[k] = latin1(v);
  return files;
}
const read = (over: Record<string, string> = {}) => readMl100k(fixture(over), {name: "tiny"});

describe("readMl100k on a fixture", () => {
  it("reads ratings, movies, users and the source", () => {
    const d = read();
    expect(d.name).toBe("tiny");
    expect(d.source).toEqual({kind: "files", format: "ml-100k"});
    expect(d.scale).toEqual({min: 1, max: 5, step: 1});
    expect(Array.from(d.ratings.movieId)).toEqual([10, 20]);
    expect(Array.from(d.movies.id)).toEqual([10, 20]);
    expect(d.movies.title).toEqual(["Mépris, Le (1963)", "unknown"]);
    expect(d.movies.genreNames).toEqual(["unknown", "Action", "Drama"]);
    expect(Array.from(d.movies.genres)).toEqual([0, 1, 1, 1, 0, 0]);
    expect(d.movies.releaseDate[0]).toBe(Date.UTC(1997, 5, 27) / 1000);
    expect(d.movies.releaseDate[1]).toBeNaN();
    expect(Array.from(d.movies.year)).toEqual([1963, NaN]);
    expect(Array.from(d.users!.id)).toEqual([1, 2]);
    expect(Array.from(d.users!.age)).toEqual([24, 53]);
    expect(Array.from(d.users!.gender)).toEqual([0, 1]);
    expect(d.users!.occupationNames).toEqual(["other", "technician"]);
    expect(Array.from(d.users!.occupation)).toEqual([1, 0]);
    expect(d.users!.zip).toEqual(["85711", "T8H1N"]);
  });
  it("takes the year from the release date when the title has none, and accepts a one-digit day", () => {
    const d = read({"u.item": "10|Some Film (1995) (V)|4-Feb-1971||u|0|0|1\n"});
    expect(d.movies.year[0]).toBe(1971);
    expect(d.movies.releaseDate[0]).toBe(Date.UTC(1971, 1, 4) / 1000);
  });
  it("uses the README's 19 genres without u.genre, and has no users without u.user", () => {
    const files = fixture({"u.item": `1|Toy Story (1995)|01-Jan-1995||u|${zeros(3)}|1|${zeros(15)}\n`});
    delete files["u.genre"];
    delete files["u.user"];
    const d = readMl100k(files, {name: "x", dir: "/d"});
    expect(d.movies.genreNames).toEqual(ML100K_GENRES);
    expect(d.movies.genres[3]).toBe(1);
    expect(d.users).toBeUndefined();
    expect(d.source.dir).toBe("/d");
  });
  it("derives sorted occupation names when u.occupation is absent", () => {
    const files = fixture();
    delete files["u.occupation"];
    expect(readMl100k(files, {name: "x"}).users!.occupationNames).toEqual(["other", "technician"]);
  });
  it.each([
    [
      "u.item",
      "10|A (1990)|01-Jan-1990||u|0|1\n",
      'tiny/u.item line 1: got "10|A (1990)|01-Jan-1990||u|0|1", expected 8 fields separated by "|" (movie id, title, release date, video release date, IMDb URL, unknown, Action, Drama), found 7'
    ],
    [
      "u.item",
      "ten|A (1990)|01-Jan-1990||u|0|1|0\n",
      'tiny/u.item line 1, field "movie id": got "ten", expected a positive integer id (1 to 2147483647)'
    ],
    [
      "u.item",
      "10|A (1990)|1990-01-01||u|0|1|0\n",
      'tiny/u.item line 1, field "release date": got "1990-01-01", expected a date as DD-Mon-YYYY (e.g. 01-Jan-1995) or empty'
    ],
    ["u.item", "10|A (1990)|31-Feb-1990||u|0|1|0\n", 'tiny/u.item line 1, field "release date": got "31-Feb-1990"'],
    ["u.item", "10|A (1990)|01-Foo-1990||u|0|1|0\n", 'tiny/u.item line 1, field "release date": got "01-Foo-1990"'],
    [
      "u.item",
      "10|A (1990)|01-Jan-1990||u|0|2|0\n",
      'tiny/u.item line 1, field "Action": got "2", expected a genre flag 0 or 1'
    ],
    ["u.item", "10||01-Jan-1990||u|0|1|0\n", 'tiny/u.item line 1, field "title": got "", expected a non-empty value'],
    [
      "u.item",
      "10|A (1990)|01-Jan-1990||u|0|1|0\n10|B (1991)|01-Jan-1991||u|0|1|0\n",
      'tiny/u.item line 2, field "movie id": got "10", expected a unique movie id (already on line 1)'
    ],
    ["u.item", "", "tiny/u.item: expected movie rows, but the file is empty"],
    [
      "u.user",
      "1|x|M|other|1\n",
      'tiny/u.user line 1, field "age": got "x", expected an age in whole years from 1 to 120'
    ],
    [
      "u.user",
      "1|0|M|other|1\n",
      'tiny/u.user line 1, field "age": got "0", expected an age in whole years from 1 to 120'
    ],
    [
      "u.user",
      "1|121|M|other|1\n",
      'tiny/u.user line 1, field "age": got "121", expected an age in whole years from 1 to 120'
    ],
    [
      "u.user",
      "1||M|other|1\n",
      'tiny/u.user line 1, field "age": got "", expected an age in whole years from 1 to 120'
    ],
    ["u.user", "1|30|m|other|1\n", 'tiny/u.user line 1, field "gender": got "m", expected "M" or "F"'],
    ["u.user", "1|30|X|other|1\n", 'tiny/u.user line 1, field "gender": got "X", expected "M" or "F"'],
    [
      "u.user",
      "1|30|M|pilot|1\n",
      'tiny/u.user line 1, field "occupation": got "pilot", expected one of the occupations in u.occupation (other, technician)'
    ],
    [
      "u.user",
      "1|30|M|other|1\n1|31|F|other|2\n",
      'tiny/u.user line 2, field "user id": got "1", expected a unique user id (already on line 1)'
    ],
    [
      "u.user",
      "1|30|M|other\n",
      'tiny/u.user line 1: got "1|30|M|other", expected 5 fields separated by "|" (user id, age, gender, occupation, zip code), found 4'
    ],
    [
      "u.data",
      "1\t10\t6\t881250949\n",
      'tiny/u.data line 1, field "rating": got "6", expected a rating from 1 to 5 in steps of 1'
    ],
    [
      "u.data",
      "1\t10\t4\tsoon\n",
      'tiny/u.data line 1, field "timestamp": got "soon", expected a timestamp in whole unix seconds (digits only, at most 10^12)'
    ],
    ["u.data", "", "tiny/u.data: expected rating rows, but the file is empty"],
    [
      "u.genre",
      "unknown|0\nAction|2\n",
      'tiny/u.genre line 2, field "index": got "2", expected the genre index 1 (indices count up from 0 in order)'
    ],
    [
      "u.item",
      "10|A (1990)|01-Jan-1990||u|0|1|0\n\n20|B (1991)|01-Jan-1991||u|0|1|0\n",
      'tiny/u.item line 2: got "", expected a record, not a blank line (blank lines are allowed only at the end of the file)'
    ]
  ])("rejects bad %s: %j", (file, text, message) => {
    expect(() => read({[file]: text})).toThrow(DataError);
    expect(() => read({[file]: text})).toThrow(message);
  });
  it("names a missing required file", () => {
    const files = fixture();
    delete files["u.item"];
    expect(() => readMl100k(files, {name: "tiny"})).toThrow(
      "tiny/u.item: expected ml-100k movies (u.item), but the file is missing"
    );
  });
});

describe.skipIf(!HAS_ML100K)("readMl100k on the real MovieLens 100K", () => {
  const files: DatasetFiles = {};
  if (HAS_ML100K)
    for (const f of ["u.data", "u.item", "u.user", "u.genre", "u.occupation"])
      files[f] = readFileSync(join(ML100K_DIR, f));
  const d = HAS_ML100K ? readMl100k(files, {name: "ml-100k"}) : undefined!;

  it("has 100,000 ratings, 943 distinct users and 1,682 movies", () => {
    expect(d.ratings.userId.length).toBe(100_000);
    expect(new Set(d.ratings.userId).size).toBe(943);
    expect(d.movies.id.length).toBe(1682);
    expect(new Set(d.ratings.movieId).size).toBe(1682);
    expect(Array.from(new Set(d.ratings.rating)).sort()).toEqual([1, 2, 3, 4, 5]);
  });
  it("names the 19 genres as in u.genre", () => {
    expect(d.movies.genreNames).toEqual(ML100K_GENRES);
    expect(d.movies.genres.length).toBe(1682 * 19);
  });
  it("reads movie 1 as Toy Story, released 01-Jan-1995", () => {
    expect(d.movies.id[0]).toBe(1);
    expect(d.movies.title[0]).toBe("Toy Story (1995)");
    expect(d.movies.releaseDate[0]).toBe(Date.UTC(1995, 0, 1) / 1000);
    expect(d.movies.year[0]).toBe(1995);
    // Toy Story: Animation, Children's, Comedy.
    const flags = Array.from(d.movies.genres.subarray(0, 19));
    expect(d.movies.genreNames.filter((_, g) => flags[g] === 1)).toEqual(["Animation", "Children's", "Comedy"]);
  });
  it("decodes latin-1 titles (byte 0xE9 is é)", () => {
    const row = Array.from(d.movies.id).indexOf(1104);
    expect(d.movies.title[row]).toBe("C'est arrivé près de chez vous (1992)");
    expect(d.movies.title[Array.from(d.movies.id).indexOf(543)]).toBe("Misérables, Les (1995)");
  });
  it("gives item 267 no release date and no year", () => {
    const row = Array.from(d.movies.id).indexOf(267);
    expect(d.movies.title[row]).toBe("unknown");
    expect(d.movies.releaseDate[row]).toBeNaN();
    expect(d.movies.year[row]).toBeNaN();
    expect(Array.from(d.movies.releaseDate).filter(Number.isNaN).length).toBe(1);
  });
  it("reads u.user: ages 7..73, 21 occupations, 670 M and 273 F", () => {
    const u = d.users!;
    expect(u.id.length).toBe(943);
    expect(Math.min(...u.age)).toBe(7);
    expect(Math.max(...u.age)).toBe(73);
    expect(u.occupationNames.length).toBe(21);
    expect(new Set(u.occupation).size).toBe(21);
    expect(u.gender.filter((g) => g === 0).length).toBe(670);
    expect(u.gender.filter((g) => g === 1).length).toBe(273);
  });
  it("matches the documented rating shares and 231 ratings before release", () => {
    const counts = [0, 0, 0, 0, 0];
    for (const r of d.ratings.rating) counts[r - 1]++;
    expect(counts).toEqual([6110, 11370, 27145, 34174, 21201]);
    const release = new Map(Array.from(d.movies.id, (id, m) => [id, d.movies.releaseDate[m]]));
    let before = 0;
    for (let i = 0; i < 100_000; i++) if (d.ratings.timestamp[i] < release.get(d.ratings.movieId[i])!) before++;
    expect(before).toBe(231);
  });
});
