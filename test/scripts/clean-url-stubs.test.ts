import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {isCleanUrlStub, stubHtml, writeCleanUrlStubs} from "../../scripts/clean-url-stubs.mjs";

let dist: string;
const page = (title: string) => `<!doctype html><html><head><title>${title}</title></head><body></body></html>`;
const put = (rel: string, text: string) => {
  mkdirSync(join(dist, rel, ".."), {recursive: true});
  writeFileSync(join(dist, rel), text);
};

beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), "clean-url-stubs-"));
});
afterEach(() => rmSync(dist, {recursive: true, force: true}));

describe("writeCleanUrlStubs", () => {
  it("writes X/index.html for every page X.html, nested pages included, pointing at ../X.html", () => {
    put("index.html", page("Home"));
    put("404.html", page("Not found"));
    put("ratings.html", page("Ratings | movielab"));
    put("guide/setup.html", page("Setup"));
    const {written, skipped} = writeCleanUrlStubs(dist);
    expect(written.sort()).toEqual(["guide/setup/index.html", "ratings/index.html"]);
    expect(skipped).toEqual([]);
    const stub = readFileSync(join(dist, "ratings", "index.html"), "utf8");
    expect(isCleanUrlStub(stub)).toBe(true);
    expect(stub).toContain('<noscript><meta http-equiv="refresh" content="0; url=../ratings.html"></noscript>');
    expect(stub).toContain('location.replace("../ratings.html" + location.search + location.hash)');
    expect(stub).toContain("<title>Ratings | movielab</title>");
    expect(stub).toContain('<html lang="en">');
    expect(readFileSync(join(dist, "guide", "setup", "index.html"), "utf8")).toContain("url=../setup.html");
    expect(existsSync(join(dist, "404", "index.html"))).toBe(false);
  });

  it("leaves a folder's own index page, asset folders and TypeDoc's api/ alone", () => {
    put("embed.html", page("Embed"));
    put("embed/index.html", page("A real page"));
    put("_observablehq/theme.html", page("asset"));
    put("api/modules/index.html", page("API"));
    put("api/classes.html", page("API classes"));
    const {written, skipped} = writeCleanUrlStubs(dist);
    expect(written).toEqual([]);
    expect(skipped).toEqual([join("embed", "index.html")]);
    expect(readFileSync(join(dist, "embed", "index.html"), "utf8")).toBe(page("A real page"));
    expect(existsSync(join(dist, "_observablehq", "theme", "index.html"))).toBe(false);
    expect(existsSync(join(dist, "api", "classes", "index.html"))).toBe(false);
  });

  it("is idempotent: a second run rewrites its own stubs and never stubs a stub", () => {
    put("ratings.html", page("Ratings"));
    writeCleanUrlStubs(dist);
    const again = writeCleanUrlStubs(dist);
    expect(again.written).toEqual([join("ratings", "index.html")]);
    expect(existsSync(join(dist, "ratings", "index", "index.html"))).toBe(false);
  });
});

describe("stubHtml", () => {
  it("escapes the title and encodes the file name", () => {
    const html = stubHtml("a b&c.html", `Tom & "Jerry" <1>`);
    expect(html).toContain("<title>Tom &amp; &quot;Jerry&quot; &lt;1&gt;</title>");
    expect(html).toContain('href="../a%20b%26c.html"');
    expect(isCleanUrlStub(page("x"))).toBe(false);
  });
});
