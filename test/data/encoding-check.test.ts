import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {decodeLatin1} from "../../lib/data/decode.js";
import {asUtf8, encodingWarnings} from "../../lib/data/encoding-check.js";
import {parseDatasetFiles} from "../../lib/data/read-files.js";

const flags = "0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string) => new TextEncoder().encode(s);

function ml100k(item: Uint8Array) {
  return parseDatasetFiles(
    {"u.data": latin1("1\t1\t5\t874965758\n1\t2\t3\t876893171\n"), "u.item": item},
    {name: "enc", dir: "/data/enc"}
  );
}

describe("asUtf8", () => {
  it("recovers UTF-8 read as latin-1, and leaves real latin-1 and ASCII alone", () => {
    expect(asUtf8(decodeLatin1(utf8("Amélie (2001)")))).toBe("Amélie (2001)");
    expect(asUtf8("Mépris, Le (1963)")).toBeNull(); // é as one latin-1 byte
    expect(asUtf8("Toy Story (1995)")).toBeNull();
  });
});

describe("encodingWarnings", () => {
  it("warns when a latin-1 file's titles look like UTF-8, naming the file and examples, keeping the titles", () => {
    const item = utf8(`1|Amélie (2001)|01-Jan-2001||u|${flags}\n2|Toy Story (1995)|01-Jan-1995||u|${flags}\n`);
    const {report, data} = cleanDataset(ml100k(item));
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(
      /^1 title looks mis-encoded: u\.item is read as latin-1 .* movie 1 "AmÃ©lie \(2001\)" \(as UTF-8: "Amélie \(2001\)"\)/
    );
    expect(data.movies.title[0]).toBe("AmÃ©lie (2001)");
  });

  it("stays silent on real latin-1 files and on UTF-8 layouts", () => {
    const item = latin1(`1|Mépris, Le (1963)|01-Jan-1963||u|${flags}\n2|Toy Story (1995)|01-Jan-1995||u|${flags}\n`);
    expect(cleanDataset(ml100k(item)).report.warnings).toEqual([]);
    const csv = parseDatasetFiles(
      {
        "ratings.csv": utf8("userId,movieId,rating,timestamp\n1,1,4.0,964982703\n"),
        "movies.csv": utf8("movieId,title,genres\n1,AmÃ©lie (2001),Comedy\n")
      },
      {name: "csv"}
    );
    expect(encodingWarnings(csv)).toEqual([]);
  });
});
