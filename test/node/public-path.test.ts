// Local paths in published JSON: project-relative inside the project, "…/name" outside, never absolute.
import {homedir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {PROJECT_ROOT, localRoots, publicJson, publicPath, redactLocalPaths} from "../../lib/node/public-path.js";

describe("publicPath", () => {
  it("makes paths inside the project relative and keeps only the name of others", () => {
    expect(publicPath("/home/ann/movielab/data/ml-100k", "/home/ann/movielab")).toBe("data/ml-100k");
    expect(publicPath("/home/ann/movielab", "/home/ann/movielab")).toBe(".");
    expect(publicPath("/srv/shared/data/ml-100k", "/home/ann/movielab")).toBe("…/ml-100k");
    expect(publicPath("/home/ann/movielab-old/x", "/home/ann/movielab")).toBe("…/x");
    expect(publicPath("data/ml-1m", "/home/ann/movielab")).toBe("data/ml-1m");
  });
});

describe("redactLocalPaths", () => {
  const cwd = "/home/ann/movielab";
  const roots = ["/home/ann/movielab", "/home/ann", "/srv/shared/data/ml-100k"];
  it("rewrites every path under a root, inside JSON strings and prose", () => {
    const text = JSON.stringify({
      reason: "MOVIELAB_DATA=/srv/shared/data/ml-100k: /srv/shared/data/ml-100k",
      dir: "/home/ann/movielab/data/ml-1m",
      other: "/home/ann/Downloads/ml-25m/ratings.csv, line 3",
      url: "https://example.org/home/ann/x"
    });
    const out = JSON.parse(redactLocalPaths(text, roots, cwd));
    expect(out).toEqual({
      reason: "MOVIELAB_DATA=…/ml-100k: …/ml-100k",
      dir: "data/ml-1m",
      other: "…/ratings.csv, line 3",
      url: "https://example.org/home/ann/x"
    });
  });
  it("leaves look-alike prefixes alone", () => {
    expect(redactLocalPaths("/home/annie/x and /home/ann", roots, cwd)).toBe("/home/annie/x and …/ann");
  });
});

describe("publicJson", () => {
  it("holds no path of the project, the home directory or the data directory", () => {
    const dataDir = "/opt/data/ml-100k";
    const json = publicJson({a: join(PROJECT_ROOT, "data", "ml-100k"), b: dataDir, c: join(homedir(), "x", "y.csv")}, [
      dataDir,
      undefined
    ]);
    for (const root of localRoots([dataDir])) expect(json).not.toContain(root);
    expect(JSON.parse(json).a).toBe("data/ml-100k");
    expect(JSON.parse(json).b).toBe("…/ml-100k");
  });
});
