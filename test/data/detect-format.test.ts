import {describe, expect, it} from "vitest";
import {chooseFormat, detectFormat, matchingFormats} from "../../lib/data/detect-format.js";

describe("detectFormat", () => {
  it("recognises each layout by its required files", () => {
    expect(detectFormat(["README", "u.data", "u.item", "u.user", "u1.base"])).toBe("ml-100k");
    expect(detectFormat(["movies.dat", "ratings.dat", "users.dat"])).toBe("ml-1m");
    expect(detectFormat(["links.csv", "movies.csv", "ratings.csv", "tags.csv"])).toBe("csv");
    expect(detectFormat(["ml-25m/ratings.csv", "ml-25m/movies.csv"])).toBe("csv");
  });
  it("returns null when a required file is missing", () => {
    expect(detectFormat([])).toBeNull();
    expect(detectFormat(["u.data"])).toBeNull();
    expect(detectFormat(["u.item", "u.user"])).toBeNull();
    expect(detectFormat(["ratings.dat", "movies.csv"])).toBeNull();
    expect(detectFormat(["ratings.csv"])).toBeNull();
  });
});

describe("chooseFormat", () => {
  const both = ["u.data", "u.item", "ratings.csv", "movies.csv"];
  it("refuses two layouts in one place, naming both, instead of ignoring one", () => {
    expect(matchingFormats(both)).toEqual(["ml-100k", "csv"]);
    expect(() => chooseFormat(both, "/data/mixed")).toThrow(
      '/data/mixed: got "u.data + u.item (ml-100k) and ratings.csv + movies.csv (csv)", expected the files of one MovieLens layout: move the others away, or name the layout to read (--format ml-100k|csv)'
    );
  });
  it("reads the layout named explicitly, when its files are there", () => {
    expect(chooseFormat(both, "/data/mixed", "csv")).toBe("csv");
    expect(chooseFormat(both, "/data/mixed", "ml-100k")).toBe("ml-100k");
    expect(() => chooseFormat(both, "/data/mixed", "ml-1m")).toThrow(
      /\/data\/mixed, field "format": got "ml-1m", expected the ratings\.dat \+ movies\.dat \(ml-1m\) files/
    );
  });
  it("takes the only layout present, and null for none", () => {
    expect(chooseFormat(["u.data", "u.item", "ratings.csv"], "d")).toBe("ml-100k");
    expect(chooseFormat(["README"], "d")).toBeNull();
  });
});
