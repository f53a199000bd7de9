import {describe, expect, it} from "vitest";
import {DataError} from "../../lib/data/errors.js";
import {parseDatasetFiles} from "../../lib/data/read-files.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("parseDatasetFiles", () => {
  it("dispatches on the file names", () => {
    const ml100k = parseDatasetFiles(
      {
        "u.data": bytes("1\t1\t5\t1\n"),
        "u.item": bytes(`1|A (1990)|01-Jan-1990||u|${Array(19).fill("0").join("|")}\n`)
      },
      {name: "a", dir: "/data/a"}
    );
    expect(ml100k.source).toEqual({kind: "files", format: "ml-100k", dir: "/data/a"});
    const ml1m = parseDatasetFiles(
      {"ratings.dat": bytes("1::1::5::1\n"), "movies.dat": bytes("1::A (1990)::Drama\n")},
      {name: "b"}
    );
    expect(ml1m.source.format).toBe("ml-1m");
    const csv = parseDatasetFiles(
      {
        "ratings.csv": bytes("userId,movieId,rating,timestamp\n1,1,3.5,1\n"),
        "movies.csv": bytes("movieId,title,genres\n1,A (1990),Drama\n"),
        "tags.csv": bytes("junk")
      },
      {name: "c"}
    );
    expect(csv.source.format).toBe("csv");
    expect(csv.name).toBe("c");
  });
  it("accepts paths as keys (as a zip lists them) and rejects two files with one base name", () => {
    const d = parseDatasetFiles(
      {"ml-1m/ratings.dat": bytes("1::1::5::1\n"), "ml-1m/movies.dat": bytes("1::A (1990)::Drama\n")},
      {name: "z"}
    );
    expect(d.ratings.userId.length).toBe(1);
    expect(() =>
      parseDatasetFiles({"a/ratings.dat": bytes(""), "b/ratings.dat": bytes(""), "movies.dat": bytes("")}, {name: "z"})
    ).toThrow('z: got "a/ratings.dat and b/ratings.dat", expected one file named ratings.dat');
  });
  it("names what it expected when no layout matches", () => {
    expect(() => parseDatasetFiles({"u.data": bytes("")}, {name: "x", dir: "/data/x"})).toThrow(DataError);
    expect(() => parseDatasetFiles({"u.data": bytes("")}, {name: "x", dir: "/data/x"})).toThrow(
      '/data/x: got "u.data", expected MovieLens files: u.data + u.item (ml-100k), or ratings.dat + movies.dat (ml-1m), or ratings.csv + movies.csv (csv)'
    );
    expect(() => parseDatasetFiles({}, {name: "x"})).toThrow('x: got "no files"');
  });
});
