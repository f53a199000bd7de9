import {describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {readCsvMovies, readCsvRatings, readCsvSet} from "../../lib/data/read-csv-set.js";
import type {DatasetFiles} from "../../lib/data/read-files.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

const RATINGS =
  "userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,4.5,964981247\r\n2,6,0.5,964982224\r\n3,11,5.0,964982931\r\n";
const MOVIES = [
  "movieId,title,genres",
  "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy",
  '3,"American President, The (1995)",Comedy|Drama|Romance',
  '6,"Bird, The ""Early"" Cut (1990)",Drama',
  "11,Babylon 5,(no genres listed)",
  "12,Ready Player One (2018) ,Action|Sci-Fi|IMAX",
  "13,Amélie (Fabuleux destin d'Amélie Poulain) (2001),Comedy|Romance",
  ""
].join("\r\n");

function fixture(over: Record<string, string> = {}): DatasetFiles {
  const files: DatasetFiles = {};
  for (const [k, v] of Object.entries({"ratings.csv": RATINGS, "movies.csv": MOVIES, ...over})) files[k] = utf8(v);
  return files;
}
const read = (over: Record<string, string> = {}) => readCsvSet(fixture(over), {name: "small"});

describe("readCsvSet", () => {
  it("reads half-star ratings and quoted titles with CRLF endings", () => {
    const d = read();
    expect(d.source).toEqual({kind: "files", format: "csv"});
    expect(d.scale).toEqual({min: 0.5, max: 5, step: 0.5});
    expect(Array.from(d.ratings.rating)).toEqual([4, 4.5, 0.5, 5]);
    expect(Array.from(d.ratings.movieId)).toEqual([1, 3, 6, 11]);
    expect(d.users).toBeUndefined();
    expect(d.movies.title).toEqual([
      "Toy Story (1995)",
      "American President, The (1995)",
      'Bird, The "Early" Cut (1990)',
      "Babylon 5",
      "Ready Player One (2018) ",
      "Amélie (Fabuleux destin d'Amélie Poulain) (2001)"
    ]);
    expect(Array.from(d.movies.year)).toEqual([1995, 1995, 1990, NaN, 2018, 2001]);
    expect(Array.from(d.movies.releaseDate).every(Number.isNaN)).toBe(true);
  });
  it("maps genres to sorted names, with (no genres listed) as no flags", () => {
    const m = read().movies;
    const names = m.genreNames;
    expect(names).toEqual([
      "Action",
      "Adventure",
      "Animation",
      "Children",
      "Comedy",
      "Drama",
      "Fantasy",
      "IMAX",
      "Romance",
      "Sci-Fi"
    ]);
    const of = (row: number) => names.filter((_, g) => m.genres[row * names.length + g] === 1);
    expect(of(0)).toEqual(["Adventure", "Animation", "Children", "Comedy", "Fantasy"]);
    expect(of(3)).toEqual([]);
    expect(of(4)).toEqual(["Action", "IMAX", "Sci-Fi"]);
  });
  it("takes the quoting-aware path when ratings.csv quotes a field", () => {
    const d = read({"ratings.csv": 'userId,movieId,rating,timestamp\n"1",2,"3.5",964982703\n'});
    expect(Array.from(d.ratings.rating)).toEqual([3.5]);
    expect(() => read({"ratings.csv": 'userId,movieId,rating,timestamp\n"1",2,"3.25",964982703\n'})).toThrow(
      'small/ratings.csv line 2, field "rating": got "3.25", expected a rating from 0.5 to 5 in steps of 0.5'
    );
    expect(() => read({"ratings.csv": '"user",movieId,rating,timestamp\n1,2,3,4\n'})).toThrow(
      'small/ratings.csv line 1, field "header": got "user,movieId,rating,timestamp"'
    );
    expect(() => read({"ratings.csv": 'userId,movieId,rating,timestamp\n"1",2,3\n'})).toThrow(
      'small/ratings.csv line 2: got "1,2,3", expected 4 fields separated by "," (user id, movie id, rating, timestamp), found 3'
    );
  });
  it.each([
    [
      "ratings.csv",
      "movieId,userId,rating,timestamp\n1,1,4,5\n",
      'small/ratings.csv line 1, field "header": got "movieId,userId,rating,timestamp", expected the header "userId,movieId,rating,timestamp"'
    ],
    [
      "ratings.csv",
      "1,1,4.0,964982703\n",
      'small/ratings.csv line 1, field "header": got "1,1,4.0,964982703", expected the header "userId,movieId,rating,timestamp"'
    ],
    [
      "ratings.csv",
      "userId,movieId,rating,timestamp\n1,1,0,964982703\n",
      'small/ratings.csv line 2, field "rating": got "0", expected a rating from 0.5 to 5 in steps of 0.5'
    ],
    [
      "ratings.csv",
      "userId,movieId,rating,timestamp\n1,1,NaN,964982703\n",
      'small/ratings.csv line 2, field "rating": got "NaN", expected a number (a rating from 0.5 to 5 in steps of 0.5)'
    ],
    [
      "ratings.csv",
      "userId,movieId,rating,timestamp\n1,1,4,1e9\n",
      'small/ratings.csv line 2, field "timestamp": got "1e9", expected a timestamp in whole unix seconds (digits only, at most 10^12)'
    ],
    [
      "ratings.csv",
      "userId,movieId,rating,timestamp\n1,1,4,5,6\n",
      'small/ratings.csv line 2: got "1,1,4,5,6", expected 4 fields separated by "," (user id, movie id, rating, timestamp), found 5'
    ],
    ["ratings.csv", "", "small/ratings.csv: expected rating rows, but the file is empty"],
    [
      "ratings.csv",
      'userId,movieId,rating,timestamp\n1,"1\n2",4.0,964982703\n',
      'small/ratings.csv line 2, field "movie id": got "1\\n2", expected a positive integer id (1 to 2147483647)'
    ],
    [
      "movies.csv",
      "id,title,genres\n1,A (1995),Drama\n",
      'small/movies.csv line 1, field "header": got "id,title,genres", expected the header "movieId,title,genres"'
    ],
    [
      "movies.csv",
      "movieId,title,genres\n1,A (1995),Drama\n1,B (1996),Comedy\n",
      'small/movies.csv line 3, field "movie id": got "1", expected a unique movie id (already on line 2)'
    ],
    [
      "movies.csv",
      "movieId,title,genres\n1,A, The (1995),Drama\n",
      'small/movies.csv line 2: got "1,A, The (1995),Drama", expected 3 fields separated by "," (movie id, title, genres), found 4'
    ],
    [
      "movies.csv",
      'movieId,title,genres\n1,"A, The (1995),Drama\n2,B (1990),Drama\n',
      'small/movies.csv line 2: got ""A, The (1995),Drama\\n2,B (1990),Drama\\n", expected a closing quote for the field opened on this line'
    ],
    [
      "movies.csv",
      "movieId,title,genres\n1.5,A (1995),Drama\n",
      'small/movies.csv line 2, field "movie id": got "1.5", expected a positive integer id'
    ],
    [
      "movies.csv",
      "movieId,title,genres\n",
      "small/movies.csv: expected movie rows after the header, but there are none"
    ],
    ["movies.csv", "", "small/movies.csv: expected movie rows, but the file is empty"],
    [
      "movies.csv",
      "movieId,title,genres\n1,A (1995),\n",
      'small/movies.csv line 2, field "genres": got "", expected genre names joined by "|"'
    ],
    [
      "movies.csv",
      "movieId,title,genres\n1, ,Drama\n",
      'small/movies.csv line 2, field "title": got " ", expected a non-empty value'
    ]
  ])("rejects bad %s: %j", (file, text, message) => {
    expect(() => read({[file]: text})).toThrow(DataError);
    expect(() => read({[file]: text})).toThrow(message);
  });
  it("rejects invalid UTF-8 in movies.csv naming the line", () => {
    const bytes = new Uint8Array([...utf8("movieId,title,genres\n1,Am"), 0xe9, ...utf8("lie (2001),Comedy\n")]);
    expect(() => readCsvMovies(bytes, "small/movies.csv")).toThrow(DataError);
    expect(() => readCsvMovies(bytes, "small/movies.csv")).toThrow('small/movies.csv line 2: got "bytes 0xe9');
  });
  it("rejects non-ASCII bytes in ratings.csv as a bad value", () => {
    const bytes = new Uint8Array([...utf8("userId,movieId,rating,timestamp\n1,2,"), 0xff, ...utf8(",5\n")]);
    expect(() => readCsvRatings(bytes, "r.csv")).toThrow('r.csv line 2, field "rating": got "ÿ", expected a number');
  });
  it("names a missing movies.csv", () => {
    const files = fixture();
    delete files["movies.csv"];
    expect(() => readCsvSet(files, {name: "small"})).toThrow(
      "small/movies.csv: expected CSV movies (movies.csv), but the file is missing"
    );
  });
});
