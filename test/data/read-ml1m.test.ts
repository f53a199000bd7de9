import {describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {ML1M_OCCUPATIONS, readMl1m} from "../../lib/data/read-ml1m.js";
import type {DatasetFiles} from "../../lib/data/read-files.js";

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function fixture(over: Record<string, string> = {}): DatasetFiles {
  const text: Record<string, string> = {
    "ratings.dat": "1::1193::5::978300760\r\n1::661::3::978302109\r\n6040::2::1::956703977\r\n",
    "movies.dat":
      "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::James and the Giant Peach (1996)::Animation|Children's|Musical\n2::Am\u00e9lie::Comedy|Romance\n",
    "users.dat": "1::F::1::10::48067\n6040::M::25::6::11106\n",
    ...over
  };
  const files: DatasetFiles = {};
  for (const [k, v] of Object.entries(text)) files[k] = latin1(v);
  return files;
}
const read = (over: Record<string, string> = {}) => readMl1m(fixture(over), {name: "ml-1m"});

describe("readMl1m", () => {
  it("reads ratings, movies with title years and sorted genres, and users", () => {
    const d = read();
    expect(d.source.format).toBe("ml-1m");
    expect(d.scale).toEqual({min: 1, max: 5, step: 1});
    expect(Array.from(d.ratings.userId)).toEqual([1, 1, 6040]);
    expect(Array.from(d.ratings.rating)).toEqual([5, 3, 1]);
    expect(d.movies.title[2]).toBe("Amélie");
    expect(Array.from(d.movies.year)).toEqual([1975, 1996, NaN]);
    expect(Array.from(d.movies.releaseDate).every(Number.isNaN)).toBe(true);
    expect(d.movies.genreNames).toEqual(["Animation", "Children's", "Comedy", "Drama", "Musical", "Romance"]);
    expect(Array.from(d.movies.genres)).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1]);
    const u = d.users!;
    expect(Array.from(u.age)).toEqual([1, 25]);
    expect(Array.from(u.gender)).toEqual([1, 0]);
    expect(u.occupationNames).toEqual(ML1M_OCCUPATIONS);
    expect(u.occupationNames.length).toBe(21);
    expect(u.occupationNames[Array.from(u.occupation)[0]]).toBe("K-12 student");
    expect(u.occupationNames[Array.from(u.occupation)[1]]).toBe("doctor/health care");
    expect(u.zip).toEqual(["48067", "11106"]);
  });
  it("reads ml-10m's half stars in the same layout on the 0.5..5 scale", () => {
    const files = fixture({"ratings.dat": "1::1193::4.5::978300760\n1::661::0.5::978302109\n6040::2::5::956703977\n"});
    delete files["users.dat"];
    const d = readMl1m(files, {name: "ml-10m"});
    expect(d.scale).toEqual({min: 0.5, max: 5, step: 0.5});
    expect(Array.from(d.ratings.rating)).toEqual([4.5, 0.5, 5]);
  });
  it("has no users table without users.dat", () => {
    const files = fixture();
    delete files["users.dat"];
    expect(readMl1m(files, {name: "x"}).users).toBeUndefined();
  });
  it.each([
    [
      "ratings.dat",
      "1::1193::5\n",
      'ml-1m/ratings.dat line 1: got "1::1193::5", expected 4 fields separated by "::" (user id, movie id, rating, timestamp), found 3'
    ],
    [
      "ratings.dat",
      "1::1193::5.5::978300760\n",
      'ml-1m/ratings.dat line 1, field "rating": got "5.5", expected a rating from 0.5 to 5 in steps of 0.5'
    ],
    [
      "ratings.dat",
      "a::1193::4::978300760\n",
      'ml-1m/ratings.dat line 1, field "user id": got "a", expected a positive integer id'
    ],
    [
      "movies.dat",
      "1::Toy Story (1995)\n",
      'ml-1m/movies.dat line 1: got "1::Toy Story (1995)", expected 3 fields separated by "::" (movie id, title, genres), found 2'
    ],
    [
      "movies.dat",
      "1::A (1995)::Drama\n1::B (1996)::Comedy\n",
      'ml-1m/movies.dat line 2, field "movie id": got "1", expected a unique movie id (already on line 1)'
    ],
    [
      "movies.dat",
      "1::A (1995)::Drama||Comedy\n",
      'ml-1m/movies.dat line 1, field "genres": got "Drama||Comedy", expected genre names joined by "|"'
    ],
    ["movies.dat", "1::A (1995)::\n", 'ml-1m/movies.dat line 1, field "genres": got ""'],
    [
      "movies.dat",
      "-1::A (1995)::Drama\n",
      'ml-1m/movies.dat line 1, field "movie id": got "-1", expected a positive integer id'
    ],
    ["users.dat", "1::X::1::10::48067\n", 'ml-1m/users.dat line 1, field "gender": got "X", expected "M" or "F"'],
    [
      "users.dat",
      "1::F::20::10::48067\n",
      'ml-1m/users.dat line 1, field "age": got "20", expected an ml-1m age bucket (1, 18, 25, 35, 45, 50, 56)'
    ],
    [
      "users.dat",
      "1::F::18::21::48067\n",
      'ml-1m/users.dat line 1, field "occupation": got "21", expected an occupation code from 0 to 20'
    ],
    [
      "users.dat",
      "1::F::18::05::48067\n",
      'ml-1m/users.dat line 1, field "occupation": got "05", expected an occupation code from 0 to 20'
    ],
    ["users.dat", "", "ml-1m/users.dat: expected user rows, but the file is empty"],
    [
      "movies.dat",
      "\n",
      "ml-1m/movies.dat: expected movie rows, but the file holds only spaces, tabs and line breaks (1 character)"
    ]
  ])("rejects bad %s: %j", (file, text, message) => {
    expect(() => read({[file]: text})).toThrow(DataError);
    expect(() => read({[file]: text})).toThrow(message);
  });
  it("names a missing ratings.dat", () => {
    const files = fixture();
    delete files["ratings.dat"];
    expect(() => readMl1m(files, {name: "ml-1m"})).toThrow(
      "ml-1m/ratings.dat: expected ml-1m ratings (ratings.dat), but the file is missing"
    );
  });
});
