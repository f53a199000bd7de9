// Repairs the accessibility faults of the HTML that Observable Framework 1.13 writes around every page,
// which no page or config option reaches (axe-core, WCAG 2.0/2.1 A and AA; issue 18):
// - <html> has no lang (axe html-has-lang, serious): screen readers then guess the language;
// - the viewport meta says maximum-scale=1 (axe meta-viewport; WCAG 1.4.4): phones may not zoom;
// - the sidebar's first <ol> holds the close button's <label> beside its <li> (axe list, serious):
//   the label moves in front of the list, still inside the <nav> that positions it.
// scripts/build.mjs applies it to dist/ and scripts/preview.mjs to the pages it serves, so that the
// preview and the site agree. Each repair matches Framework's exact markup and leaves any other HTML
// untouched, so a Framework upgrade that fixes one makes it a no-op rather than a second fix.
//
// Usage: node scripts/accessible-html.mjs [dist]   (rewrites every .html under dist, default ./dist)
import {readdirSync, readFileSync, renameSync, writeFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** The pages' language: all movielab prose is English. */
export const LANG = "en";

/** Viewport settings that stop the reader zooming (WCAG 1.4.4): maximum-scale below 2 and user-scalable=no. */
const NO_ZOOM = /^\s*(maximum-scale\s*=\s*(0*\.\d+|0*1(\.\d*)?)|user-scalable\s*=\s*(no|0))\s*$/i;

/** The page's HTML with the repairs above; HTML that needs none comes back unchanged. */
export function accessibleHtml(html, {lang = LANG} = {}) {
  return html
    .replace(/<html(?![^>]*\slang\s*=)([^>]*)>/i, `<html lang="${lang}"$1>`)
    .replace(/(<meta\s+name="viewport"\s+content=")([^"]*)(")/i, (_m, pre, content, post) => {
      const kept = content.split(",").filter((part) => !NO_ZOOM.test(part));
      return `${pre}${kept.map((p) => p.trim()).join(", ")}${post}`;
    })
    .replace(/(<ol>)(\s*)(<label id="observablehq-sidebar-close"[^>]*><\/label>)/, "$3$2$1");
}

/** Every .html file under dir, recursively. */
function htmlFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(p));
    else if (entry.name.endsWith(".html")) out.push(p);
  }
  return out;
}

/** Applies accessibleHtml to every .html file under dist, in place; returns {files, changed}. */
export function accessibleDist(dist) {
  const files = htmlFiles(dist);
  let changed = 0;
  for (const file of files) {
    const before = readFileSync(file, "utf8");
    const after = accessibleHtml(before);
    if (after !== before) {
      // Written beside and renamed, so an interrupted build never leaves half a page.
      writeFileSync(`${file}.tmp-${process.pid}`, after);
      renameSync(`${file}.tmp-${process.pid}`, file);
      changed++;
    }
  }
  return {files: files.length, changed};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "dist"));
  const {files, changed} = accessibleDist(dist);
  console.log(`accessible-html: ${changed} of ${files} pages repaired in ${dist}`);
}
