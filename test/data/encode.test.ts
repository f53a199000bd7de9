import {describe, expect, it} from "vitest";
import {encodeDataset, firstDuplicateId, idLookup, indexOfIds, sortedUniqueIds} from "../../lib/data/encode.js";
import {DataError} from "../../lib/data/errors.js";
import type {Movies, RawDataset, Users} from "../../lib/data/types.js";

function movies(ids: number[]): Movies {
  return {
    id: Int32Array.from(ids),
    title: ids.map((id) => `Movie ${id}`),
    year: new Float64Array(ids.length).fill(1995),
    releaseDate: new Float64Array(ids.length).fill(NaN),
    genreNames: ["Comedy", "Drama"],
    genres: Uint8Array.from(ids.flatMap((id) => [id % 2, 1 - (id % 2)]))
  };
}

function users(ids: number[]): Users {
  return {
    id: Int32Array.from(ids),
    age: Float64Array.from(ids.map((id) => 20 + id)),
    gender: Uint8Array.from(ids.map((id) => id % 2)),
    occupation: Uint8Array.from(ids.map((id) => id % 3)),
    occupationNames: ["a", "b", "c"],
    zip: ids.map((id) => `0000${id}`)
  };
}

function raw(userIds: number[], movieIds: number[], movieTable: number[], userTable?: number[]): RawDataset {
  return {
    name: "tiny",
    source: {kind: "files", format: "csv", dir: "/x"},
    scale: {min: 1, max: 5, step: 1},
    ratings: {
      userId: Int32Array.from(userIds),
      movieId: Int32Array.from(movieIds),
      rating: Float32Array.from(userIds.map((_, i) => 1 + (i % 5))),
      timestamp: Float64Array.from(userIds.map((_, i) => 1000 + i))
    },
    movies: movies(movieTable),
    users: userTable ? users(userTable) : undefined
  };
}

describe("indexOfIds / idLookup / sortedUniqueIds", () => {
  it("maps raw ids to positions and refuses repeated ids", () => {
    const ids = Int32Array.from([7, 3, 100]);
    expect([...indexOfIds(ids)]).toEqual([
      [7, 0],
      [3, 1],
      [100, 2]
    ]);
    expect(() => indexOfIds(Int32Array.from([1, 2, 1]))).toThrow(/id 1 appears twice \(positions 0 and 2\)/);
    expect(firstDuplicateId(Int32Array.from([5, 6, 5]))).toEqual({id: 5, first: 0, second: 2});
    expect(firstDuplicateId(ids)).toBeNull();
  });

  it("looks up compact and sparse id ranges alike", () => {
    const compact = idLookup(Int32Array.from([5, 3, 4]));
    expect([compact(3), compact(4), compact(5), compact(6), compact(-1)]).toEqual([1, 2, 0, -1, -1]);
    const sparse = idLookup(Int32Array.from([2_000_000_000, -5, 17]));
    expect([sparse(-5), sparse(17), sparse(2_000_000_000), sparse(0)]).toEqual([1, 2, 0, -1]);
    expect(() => idLookup(Int32Array.from([9, 9]))).toThrow(/appears twice/);
    expect(idLookup(new Int32Array(0))(1)).toBe(-1);
  });

  it("returns distinct ids in ascending order on both code paths", () => {
    expect(Array.from(sortedUniqueIds(Int32Array.from([9, 2, 9, 4, 2])))).toEqual([2, 4, 9]);
    expect(Array.from(sortedUniqueIds(Int32Array.from([2_000_000_000, -7, -7, 3])))).toEqual([-7, 3, 2_000_000_000]);
    expect(sortedUniqueIds(new Int32Array(0)).length).toBe(0);
  });
});

describe("encodeDataset", () => {
  it("indexes users by ascending raw id, keeps movies in file order and re-maps ratings", () => {
    const input = raw([30, 10, 30, 20], [8, 5, 5, 9], [9, 5, 8]);
    const d = encodeDataset(input);
    expect(Array.from(d.userIds)).toEqual([10, 20, 30]);
    expect(Array.from(d.ratings.user)).toEqual([2, 0, 2, 1]);
    expect(Array.from(d.ratings.movie)).toEqual([2, 1, 1, 0]);
    expect(Array.from(d.ratings.rating)).toEqual([1, 2, 3, 4]);
    expect(Array.from(d.ratings.timestamp)).toEqual([1000, 1001, 1002, 1003]);
    expect(d.movies).toBe(input.movies);
    expect(d.users).toBeUndefined();
    // Copies: the raw columns are not shared with the encoded set.
    d.ratings.rating[0] = 5;
    expect(input.ratings.rating[0]).toBe(1);
  });

  it("re-orders the users table by ascending id, aligned with userIds, without touching the input", () => {
    const input = raw([3, 1], [5, 5], [5], [3, 1, 2]);
    const d = encodeDataset(input);
    expect(Array.from(d.userIds)).toEqual([1, 2, 3]);
    expect(Array.from(d.users!.age)).toEqual([21, 22, 23]);
    expect(Array.from(d.users!.gender)).toEqual([1, 0, 1]);
    expect(Array.from(d.users!.occupation)).toEqual([1, 2, 0]);
    expect(d.users!.zip).toEqual(["00001", "00002", "00003"]);
    expect(Array.from(d.ratings.user)).toEqual([2, 0]);
    expect(Array.from(input.users!.id)).toEqual([3, 1, 2]);
  });

  it("throws a DataError that says to clean first when a rating names an unknown movie", () => {
    const input = raw([1, 1], [5, 77], [5]);
    expect(() => encodeDataset(input)).toThrow(DataError);
    expect(() => encodeDataset(input)).toThrow(
      'tiny ratings, field "movieId": got "77", expected a movie id listed in the movies table (rating row 2); run cleanDataset before encodeDataset'
    );
  });

  it("throws when a users table exists and a rating names a user outside it", () => {
    expect(() => encodeDataset(raw([1, 4], [5, 5], [5], [1, 2]))).toThrow(/field "userId": got "4".*run cleanDataset/);
  });

  it("throws on repeated movie ids", () => {
    expect(() => encodeDataset(raw([1], [5], [5, 6, 5]))).toThrow(
      'tiny movies, field "id": got "5", expected unique ids (rows 1 and 3 share this one)'
    );
  });
});
