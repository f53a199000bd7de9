// The repairs of Framework's page template (scripts/accessible-html.mjs): each fault axe reports on
// Framework's markup is gone, nothing else changes, and the markup matched is still Framework's.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {accessibleDist, accessibleHtml} from "../../scripts/accessible-html.mjs";

/** The head and sidebar as Framework 1.13.4 writes them (dist/index.html of this site, shortened). */
const FRAMEWORK_PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<meta name="generator" content="Observable Framework v1.13.4">
</head>
<body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<label id="observablehq-sidebar-backdrop" for="observablehq-sidebar-toggle"></label>
<nav id="observablehq-sidebar">
  <ol>
    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>
    <li class="observablehq-link"><a href="./">movielab</a></li>
  </ol>
  <section>
    <summary>Data</summary>
    <ol>
    <li class="observablehq-link"><a href="./data-quality.html">Data quality</a></li>
    </ol>
  </section>
</nav>
</body>
</html>`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
  dir = undefined;
});

describe("accessibleHtml", () => {
  const fixed = accessibleHtml(FRAMEWORK_PAGE);

  it("gives <html> a language", () => {
    expect(fixed).toMatch(/<html lang="en">/);
  });

  it("lets the reader zoom: no maximum-scale, the rest of the viewport kept", () => {
    expect(fixed).toContain(`<meta name="viewport" content="width=device-width, initial-scale=1">`);
    expect(
      accessibleHtml(`<meta name="viewport" content="width=device-width,user-scalable=no,maximum-scale=0.5">`)
    ).toBe(`<meta name="viewport" content="width=device-width">`);
    // Zooming up to 5x is allowed, so it stays.
    const five = `<meta name="viewport" content="width=device-width, maximum-scale=5">`;
    expect(accessibleHtml(five)).toBe(five);
  });

  it("moves the sidebar's close label out of the list, in front of it inside the nav", () => {
    const nav = fixed.slice(fixed.indexOf("<nav"), fixed.indexOf("</nav>"));
    const lists = [...nav.matchAll(/<ol>([\s\S]*?)<\/ol>/g)].map((m) => m[1]);
    expect(lists).toHaveLength(2);
    for (const list of lists) expect(list.replace(/<li\b[\s\S]*?<\/li>/g, "").trim()).toBe("");
    expect(nav).toMatch(/<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>\s*<ol>/);
  });

  it("leaves other HTML and an already repaired page unchanged", () => {
    expect(accessibleHtml(fixed)).toBe(fixed);
    const other = `<html lang="fr"><head></head><body><ol><li>a</li></ol></body></html>`;
    expect(accessibleHtml(other)).toBe(other);
  });

  it("matches the markup Framework's installed template writes", () => {
    // A Framework upgrade that changes this markup must be looked at: the repair would silently stop.
    const require = createRequire(import.meta.url);
    const framework = dirname(require.resolve("@observablehq/framework/package.json"));
    const render = readFileSync(join(framework, "dist", "render.js"), "utf8");
    expect(render).toContain("<!DOCTYPE html>\n<html>\n");
    expect(render).toContain(`<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">`);
    expect(render).toMatch(/<ol>\s*<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>/);
  });
});

describe("accessibleDist", () => {
  it("rewrites every page under the directory and counts the changed ones", () => {
    dir = mkdtempSync(join(tmpdir(), "movielab-a11y-"));
    writeFileSync(join(dir, "index.html"), FRAMEWORK_PAGE);
    writeFileSync(join(dir, "done.html"), accessibleHtml(FRAMEWORK_PAGE));
    expect(accessibleDist(dir)).toEqual({files: 2, changed: 1});
    expect(readFileSync(join(dir, "index.html"), "utf8")).toBe(accessibleHtml(FRAMEWORK_PAGE));
  });
});
