import {describe, expect, it} from "vitest";
import {detectFormat} from "../../lib/data/detect-format.js";

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
