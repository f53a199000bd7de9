// The dist/ gate of scripts/build.mjs: it must catch every way a page could load from another host
// or ship MovieLens files, and let through prose links and local assets.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {buildLogProblems, localPathRoots, scanDist} from "../../scripts/build.mjs";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
  dir = undefined;
});

/** A throwaway dist/ holding the given files. */
function site(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "movielab-dist-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true});
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const page = (body: string, head = ""): string =>
  `<!doctype html><html><head>${head}<link rel="stylesheet" href="./_observablehq/theme.css"><script type="module" src="./_observablehq/client.js"></script></head><body>${body}</body></html>`;

describe("scanDist", () => {
  it("accepts local assets and prose links to other sites", () => {
    const d = site({
      "index.html": page(
        `<p>Data from <a href="https://grouplens.org/datasets/movielens/">GroupLens</a>.</p><svg><use xlink:href="#a"/></svg><img src="data:image/png;base64,AAAA">`
      ),
      "_observablehq/client.js": `import "./runtime.js"; const ns = "http://www.w3.org/2000/svg"; const u = "https://files.grouplens.org/datasets/movielens/ml-100k.zip";`,
      "_observablehq/theme.css": `body { background: url(./bg.png); }`,
      "_file/data/cleaning.json": JSON.stringify({rules: [{rule: "before-release", removed: 231}]})
    });
    expect(scanDist(d)).toEqual([]);
  });

  it.each([
    [
      "a CDN script",
      page("", `<script src="https://cdn.jsdelivr.net/npm/d3@7"></script>`),
      /script src="https:\/\/cdn\.jsdelivr\.net/
    ],
    [
      "a protocol-relative stylesheet",
      page("", `<link rel="stylesheet" href="//example.org/x.css">`),
      /<link href="\/\/example\.org/
    ],
    ["a Google font", page("", `<link rel="preconnect" href="https://fonts.gstatic.com">`), /fonts\.gstatic\.com/],
    ["a remote image", page(`<img src="http://example.org/a.png">`), /<img src/],
    ["a CDN host in an <a> text", page(`<p>see unpkg.com</p>`), /mentions unpkg\.com/],
    [
      "an inline import",
      page(`<script type="module">import x from "https://esm.sh/x";</script>`),
      /JS loads https:\/\/esm\.sh/
    ]
  ])("rejects %s in HTML", (_what, html, message) => {
    const problems = scanDist(site({"index.html": html}));
    expect(problems.join("\n")).toMatch(message);
    expect(problems[0]).toMatch(/^index\.html:1: /);
  });

  it("rejects remote imports, fetches and CSS urls in assets", () => {
    const problems = scanDist(
      site({
        "_node/a.js": `\nimport {x} from "https://example.org/x.js";\nconst y = await import('//example.org/y.js');\nfetch("https://api.example.org/q");`,
        "_observablehq/b.css": `@import "https://example.org/b.css";\n.x { background: url("http://example.org/i.png") }`
      })
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "_node/a.js:2: JS loads https://example.org/x.js",
        "_node/a.js:3: JS loads //example.org/y.js",
        "_node/a.js:4: JS loads https://api.example.org/q",
        "_observablehq/b.css:1: CSS loads https://example.org/b.css",
        "_observablehq/b.css:2: CSS loads http://example.org/i.png"
      ])
    );
  });

  it("rejects MovieLens files by name and by content", () => {
    const rows = Array.from(
      {length: 25},
      (_, i) => `${i + 1}\t${i + 10}\t${(i % 5) + 1}\t8812509${String(i).padStart(2, "0")}`
    ).join("\n");
    const csv = Array.from({length: 25}, (_, i) => `${i + 1},${i + 10},3.5,9649828${String(i).padStart(2, "0")}`).join(
      "\r\n"
    );
    const problems = scanDist(
      site({
        "_file/data/u.data": "1\t1\t5\t874965758\n",
        "_file/ratings.csv": "userId,movieId,rating,timestamp\n",
        "_file/ml-100k.zip": "PK",
        "_file/data/u-rows.txt": rows,
        "_file/data/ratings.9f3a.json": JSON.stringify(
          Array.from({length: 1200}, (_, i) => [i + 1, i + 7, (i % 5) + 1, 881250949 + i])
        ),
        "_file/data/dump.txt": csv
      })
    );
    const text = problems.join("\n");
    expect(text).toMatch(/_file\/data\/u\.data: a raw MovieLens file name/);
    expect(text).toMatch(/_file\/ratings\.csv: a raw MovieLens file name/);
    expect(text).toMatch(/_file\/ml-100k\.zip: a raw MovieLens file name/);
    expect(text).toMatch(/u-rows\.txt: 25 lines of u\.data rows/);
    expect(text).toMatch(/ratings\.9f3a\.json: 1200 \(user, movie, rating, timestamp\) tuples/);
    expect(text).toMatch(/dump\.txt: 25 lines of ratings\.csv rows/);
  });

  it("tolerates a few rating-shaped lines and removed-row objects (e.g. examples in a report)", () => {
    const rows = Array.from({length: 5}, (_, i) => `${i + 1}\t${i + 10}\t3\t881250949`).join("\n");
    const removed = Array.from({length: 300}, (_, i) => ({
      userId: i + 1,
      movieId: 315,
      rating: 5,
      timestamp: 886432749,
      release: 909100800
    }));
    const tuples = JSON.stringify(Array.from({length: 50}, (_, i) => [i + 1, i + 7, 3, 881250949]));
    expect(
      scanDist(
        site({"_file/examples.txt": rows, "_file/removed.json": JSON.stringify(removed), "_file/few.json": tuples})
      )
    ).toEqual([]);
  });
});

describe("buildLogProblems", () => {
  it("flags failed loaders, broken links and unresolved imports, not the normal log", () => {
    const log = [
      "load /data/dataset.json → error in 1.2s: loader exited with code 1",
      "render /index → dist/index.html",
      "Warning: 2 broken links (5 validated)",
      "1 link validated",
      "build /_node/d3@7.9.0/index.js → dist/_node/d3@7.9.0/index.js"
    ].join("\n");
    expect(buildLogProblems(log)).toEqual([
      "load /data/dataset.json → error in 1.2s: loader exited with code 1",
      "Warning: 2 broken links (5 validated)"
    ]);
  });
});

describe("scanDist: local paths", () => {
  it("refuses a local absolute path anywhere in a text file, and names the file", () => {
    const d = site({
      "_file/data/dataset.json": JSON.stringify({
        reason: "MOVIELAB_DATA=/srv/me/data/ml-100k",
        dir: "/srv/me/data/ml-100k"
      }),
      "index.html": page(`<p>Data in data/ml-100k (project-relative), …/ml-100k, /srv/meadow</p>`)
    });
    const problems = scanDist(d, {localRoots: ["/srv/me"]});
    expect(problems).toEqual(["_file/data/dataset.json:1: a local path (/srv/me…) must not be published"]);
  });
  it("looks for the project, its parent, home, the temporary directory and the data directories", () => {
    const roots = localPathRoots(
      {MOVIELAB_DATA: "/opt/sets/ml-1m", MOVIELAB_DATA_ROOT: "ml-100k"},
      "/home/ann/movielab"
    );
    expect(roots).toContain("/home/ann/movielab");
    expect(roots).toContain("/home/ann");
    expect(roots).toContain("/opt/sets/ml-1m");
    expect(roots).not.toContain("/");
  });
});
