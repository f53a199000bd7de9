import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {parseCsv} from "../../lib/data/csv.js";
import {DataError} from "../../lib/data/errors.js";
import {parseDatasetFiles, type DatasetFiles} from "../../lib/data/read-files.js";
import type {RawDataset} from "../../lib/data/types.js";

const enc = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const flags19 = (g: number) => Array.from({length: 19}, (_, i) => (i === g ? "1" : "0")).join("|");

/** Small valid sets, one per format; mutations start from these. */
const VALID: Record<string, DatasetFiles> = {
  "ml-100k": {
    "u.data": latin1("1\t1\t5\t874965758\n2\t2\t3\t876893171\n1\t2\t1\t878542960\n"),
    "u.item": latin1(
      `1|Toy Story (1995)|01-Jan-1995||http://x|${flags19(3)}\n2|Mépris, Le (1963)|4-Feb-1971||u|${flags19(8)}\n`
    ),
    "u.user": latin1("1|24|M|technician|85711\n2|53|F|other|T8H1N\n"),
    "u.genre": latin1(
      `${["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"].map((g, i) => `${g}|${i}`).join("\n")}\n\n`
    ),
    "u.occupation": latin1("other\ntechnician\n")
  },
  "ml-1m": {
    "ratings.dat": latin1("1::1193::5::978300760\n1::661::3::978302109\n"),
    "movies.dat": latin1("1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::Amélie (2001)::Comedy|Romance\n"),
    "users.dat": latin1("1::F::1::10::48067\n")
  },
  csv: {
    "ratings.csv": enc("userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,4.5,964981247\r\n"),
    "movies.csv": enc(
      'movieId,title,genres\r\n1,Toy Story (1995),Animation|Comedy\r\n3,"Bird, The ""Early"" (1990)",(no genres listed)\r\n'
    )
  }
};

/** The reader must either return a well-formed RawDataset or throw a DataError: nothing else. */
function readOrDataError(files: DatasetFiles): RawDataset | DataError {
  try {
    const d = parseDatasetFiles(files, {name: "p"});
    checkInvariants(d);
    return d;
  } catch (e) {
    if (e instanceof DataError) {
      expect(e.message.startsWith("p/") || e.message.startsWith("p:")).toBe(true);
      return e;
    }
    throw e;
  }
}

function checkInvariants(d: RawDataset): void {
  const n = d.ratings.userId.length;
  expect(n).toBeGreaterThan(0);
  for (const col of [d.ratings.movieId, d.ratings.rating, d.ratings.timestamp]) expect(col.length).toBe(n);
  const {min, max, step} = d.scale;
  for (let i = 0; i < n; i++) {
    expect(d.ratings.userId[i]).toBeGreaterThan(0);
    expect(d.ratings.movieId[i]).toBeGreaterThan(0);
    const r = d.ratings.rating[i];
    expect(r >= min && r <= max && Number.isInteger((r - min) / step)).toBe(true);
    expect(Number.isInteger(d.ratings.timestamp[i]) && d.ratings.timestamp[i] >= 0).toBe(true);
  }
  const m = d.movies.id.length;
  expect(m).toBeGreaterThan(0);
  expect(new Set(d.movies.id).size).toBe(m);
  expect(d.movies.title.length).toBe(m);
  expect(d.movies.genres.length).toBe(m * d.movies.genreNames.length);
}

type Mutation = {kind: "flip" | "insert" | "delete"; at: number; byte: number};
const mutation = fc.record({
  kind: fc.constantFrom("flip", "insert", "delete") as fc.Arbitrary<Mutation["kind"]>,
  at: fc.nat(),
  byte: fc.integer({min: 0, max: 255})
});
/** Bytes that matter to the parsers, so mutations hit separators, quotes and line ends often. */
const interestingByte = fc.oneof(
  fc.integer({min: 0, max: 255}),
  fc.constantFrom(9, 10, 13, 34, 44, 46, 48, 49, 53, 58, 124, 0xe9, 0xc3, 0xff)
);

function mutate(bytes: Uint8Array, ms: Mutation[]): Uint8Array {
  let a = Array.from(bytes);
  for (const m of ms) {
    const at = a.length === 0 ? 0 : m.at % (a.length + (m.kind === "insert" ? 1 : 0));
    if (m.kind === "flip" && a.length > 0) a[at] = m.byte;
    else if (m.kind === "insert") a = [...a.slice(0, at), m.byte, ...a.slice(at)];
    else if (m.kind === "delete" && a.length > 0) a.splice(at, 1);
  }
  return Uint8Array.from(a);
}

describe("readers on random and mutated files", () => {
  it("the valid fixtures read", () => {
    for (const files of Object.values(VALID)) expect(readOrDataError(files)).not.toBeInstanceOf(DataError);
  });

  for (const [format, files] of Object.entries(VALID)) {
    it(`${format}: mutated files give a dataset or a DataError`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...Object.keys(files)),
          fc.array(fc.record({kind: mutation.map((m) => m.kind), at: fc.nat(), byte: interestingByte}), {
            minLength: 1,
            maxLength: 6
          }),
          (name, ms) => {
            const t0 = performance.now();
            readOrDataError({...files, [name]: mutate(files[name], ms)});
            expect(performance.now() - t0).toBeLessThan(1000);
          }
        ),
        {numRuns: 400, seed: 20240601}
      );
    });

    it(`${format}: random bytes in any file give a dataset or a DataError`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...Object.keys(files)), fc.uint8Array({maxLength: 300}), (name, bytes) => {
          readOrDataError({...files, [name]: bytes});
        }),
        {numRuns: 300, seed: 7}
      );
    });

    it(`${format}: random strings in any file give a dataset or a DataError`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...Object.keys(files)),
          fc.string({
            maxLength: 200,
            unit: fc.constantFrom(
              "1",
              "2",
              "5",
              ".",
              ",",
              "\t",
              "|",
              ":",
              "\n",
              "\r",
              '"',
              "a",
              "é",
              " ",
              "-",
              "(",
              ")"
            )
          }),
          (name, text) => {
            readOrDataError({...files, [name]: format === "csv" ? enc(text) : latin1(text)});
          }
        ),
        {numRuns: 300, seed: 11}
      );
    });
  }
});

describe("round trips", () => {
  it("generated rating rows parse back exactly (all three separators)", () => {
    const row = fc.tuple(
      fc.integer({min: 1, max: 0x7fffffff}),
      fc.integer({min: 1, max: 0x7fffffff}),
      fc.integer({min: 1, max: 10}),
      fc.integer({min: 0, max: 1e12})
    );
    fc.assert(
      fc.property(fc.array(row, {minLength: 1, maxLength: 50}), fc.boolean(), (rows, crlf) => {
        const eol = crlf ? "\r\n" : "\n";
        const csv = `userId,movieId,rating,timestamp${eol}${rows.map(([u, m, r, t]) => `${u},${m},${(r / 2).toFixed(1)},${t}`).join(eol)}${eol}`;
        const d = parseDatasetFiles(
          {"ratings.csv": enc(csv), "movies.csv": enc("movieId,title,genres\n1,A,Drama\n")},
          {name: "rt"}
        );
        expect(Array.from(d.ratings.userId)).toEqual(rows.map((r) => r[0]));
        expect(Array.from(d.ratings.movieId)).toEqual(rows.map((r) => r[1]));
        expect(Array.from(d.ratings.rating)).toEqual(rows.map((r) => r[2] / 2));
        expect(Array.from(d.ratings.timestamp)).toEqual(rows.map((r) => r[3]));
        const dat = rows.map(([u, m, r, t]) => `${u}::${m}::${Math.ceil(r / 2)}::${t}`).join(eol);
        const d1 = parseDatasetFiles({"ratings.dat": enc(dat), "movies.dat": enc("1::A::Drama\n")}, {name: "rt"});
        expect(Array.from(d1.ratings.rating)).toEqual(rows.map((r) => Math.ceil(r[2] / 2)));
      }),
      {numRuns: 200, seed: 3}
    );
  });

  it("RFC 4180-quoted records parse back to the same fields and start lines", () => {
    const field = fc.string({maxLength: 12, unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "é", "|")});
    const record = fc.array(field, {minLength: 2, maxLength: 4});
    fc.assert(
      fc.property(fc.array(record, {minLength: 1, maxLength: 20}), (records) => {
        // Quote every field (a lone empty unquoted field would be a blank line).
        const quote = (f: string) => `"${f.replaceAll('"', '""')}"`;
        const text = records.map((r) => r.map(quote).join(",")).join("\r\n");
        const got = parseCsv(text, {file: "rt.csv"});
        expect(got.records).toEqual(records);
        let line = 1;
        const lines = records.map((r) => {
          const start = line;
          line += r.join(",").split("\n").length;
          return start;
        });
        expect(got.lines).toEqual(lines);
      }),
      {numRuns: 300, seed: 5}
    );
  });
});
