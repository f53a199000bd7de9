import {describe, expect, it} from "vitest";
import {mergedTable} from "../../lib/data/merge.js";
import type {Dataset} from "../../lib/data/types.js";

function dataset(withUsers: boolean): Dataset {
  return {
    name: "tiny",
    source: {kind: "files", format: "ml-100k", dir: "/x"},
    scale: {min: 1, max: 5, step: 1},
    ratings: {
      user: Int32Array.from([1, 0, 1]),
      movie: Int32Array.from([0, 1, 1]),
      rating: Float32Array.from([5, 3, 4]),
      timestamp: Float64Array.from([100, 200, 300])
    },
    movies: {
      id: Int32Array.from([7, 9]),
      title: ["Toy Story (1995)", "Untitled"],
      year: Float64Array.from([1995, NaN]),
      releaseDate: Float64Array.from([Date.UTC(1995, 0, 1) / 1000, NaN]),
      genreNames: ["Animation", "Children's", "Drama"],
      genres: Uint8Array.from([1, 1, 0, 0, 0, 1])
    },
    userIds: Int32Array.from([42, 43]),
    users: withUsers
      ? {
          id: Int32Array.from([42, 43]),
          age: Float64Array.from([24, 53]),
          gender: Uint8Array.from([0, 1]),
          occupation: Uint8Array.from([1, 0]),
          occupationNames: ["writer", "student"],
          zip: ["85711", "94043"]
        }
      : undefined
  };
}

describe("mergedTable", () => {
  it("joins each rating with its movie and user, in rating order", () => {
    const t = mergedTable(dataset(true));
    expect(t.columnNames()).toEqual([
      "user_id",
      "movie_id",
      "rating",
      "timestamp",
      "title",
      "year",
      "release_date",
      "Animation",
      "Children's",
      "Drama",
      "age",
      "gender",
      "occupation"
    ]);
    expect(t.numRows()).toBe(3);
    const rows = t.objects();
    expect(rows[0]).toEqual({
      user_id: 43,
      movie_id: 7,
      rating: 5,
      timestamp: 100,
      title: "Toy Story (1995)",
      year: 1995,
      release_date: "1995-01-01",
      Animation: 1,
      "Children's": 1,
      Drama: 0,
      age: 53,
      gender: "F",
      occupation: "writer"
    });
    expect(rows[1]).toMatchObject({
      user_id: 42,
      movie_id: 9,
      title: "Untitled",
      release_date: null,
      Drama: 1,
      gender: "M",
      occupation: "student"
    });
    expect((rows[1] as {year: number}).year).toBeNaN();
  });

  it("supports arquero verbs (mean rating per movie)", () => {
    const t = mergedTable(dataset(true))
      .groupby("movie_id")
      .rollup({mean: "d => op.mean(d.rating)"})
      .orderby("movie_id");
    expect(t.objects()).toEqual([
      {movie_id: 7, mean: 5},
      {movie_id: 9, mean: 3.5}
    ]);
  });

  it("leaves out user columns when there is no users table", () => {
    const names = mergedTable(dataset(false)).columnNames();
    expect(names).not.toContain("age");
    expect(names).not.toContain("gender");
    expect(names.at(-1)).toBe("Drama");
  });
});
