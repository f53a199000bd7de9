// Makes clean URLs work on a plain static server. The site links every page as `ratings.html`
// (Framework's preserveExtension), so every link the site makes works on any file host; but a reader
// who types or shares `/ratings` gets a 404 from `python3 -m http.server`, GitHub Pages without
// Jekyll or `npx serve -n`. For each page `X.html` this writes `X/index.html`, a tiny page that moves
// the reader to `../X.html` (query and hash kept): a plain server answers `/X` with a redirect to `/X/`,
// and that index with the page. Framework's pages cannot be copied there instead, since their asset
// links are relative to the page's own folder. A folder that already has an index.html (a real page)
// is left alone. scripts/build.mjs runs it after Framework's build.
//
// Usage: node scripts/clean-url-stubs.mjs [dist]   (default ./dist)
import {existsSync, readdirSync, readFileSync, mkdirSync, renameSync, writeFileSync} from "node:fs";
import {basename, dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** A marker in each stub, so that checks can tell a stub from a page. */
export const STUB_MARKER = '<meta name="movielab-clean-url" content="redirect">';

/** HTML escaping for text and attribute values. */
function escape(text) {
  return text.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]);
}

/** Where the stub in `X/` sends the reader, relative to it: `../X.html` (URL-encoded). */
export function stubTarget(pageFile) {
  return `../${encodeURIComponent(pageFile)}`;
}

/** The stub that sends a reader from `X/` to `../X.html`; title is the page's own, for the moment it shows. */
export function stubHtml(pageFile, title) {
  const target = stubTarget(pageFile);
  const t = escape(title);
  // The script keeps ?query and #hash, which the meta refresh would drop; the refresh serves readers
  // without script (inside <noscript>, so that the two never race: Chromium could hang closing a page
  // with both navigations pending), and the link anyone whose browser follows neither.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${STUB_MARKER}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t}</title>
<link rel="canonical" href="${escape(target)}">
<script>location.replace(${JSON.stringify(target)} + location.search + location.hash);</script>
<noscript><meta http-equiv="refresh" content="0; url=${escape(target)}"></noscript>
</head>
<body>
<p><a href="${escape(target)}">${t}</a></p>
</body>
</html>
`;
}

/** True when html is a stub this module wrote. */
export function isCleanUrlStub(html) {
  return html.includes(STUB_MARKER);
}

/** The page's <title> text (entities left as they are), or its file name without ".html". */
function titleOf(html, file) {
  const m = /<title>([^<]*)<\/title>/i.exec(html);
  const raw = m ? m[1].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">") : "";
  return raw.trim() || basename(file, ".html");
}

/** Framework's pages under dist: every .html outside asset folders (_*) and TypeDoc's api/, except index and 404. */
function pageFiles(dist) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, {withFileTypes: true})) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith("_") && !(dir === dist && e.name === "api")) walk(p);
      } else if (e.name.endsWith(".html") && e.name !== "index.html" && !(dir === dist && e.name === "404.html"))
        out.push(p);
    }
  };
  walk(dist);
  return out.sort();
}

/** Writes X/index.html beside every page X.html that has no folder index yet; returns what it wrote and skipped. */
export function writeCleanUrlStubs(dist) {
  const written = [];
  const skipped = [];
  for (const file of pageFiles(dist)) {
    const html = readFileSync(file, "utf8");
    if (isCleanUrlStub(html)) continue;
    const dir = file.slice(0, -".html".length);
    const index = join(dir, "index.html");
    if (existsSync(index) && !isCleanUrlStub(readFileSync(index, "utf8"))) {
      skipped.push(relative(dist, index));
      continue;
    }
    mkdirSync(dir, {recursive: true});
    const tmp = `${index}.${process.pid}.tmp`;
    writeFileSync(tmp, stubHtml(basename(file), titleOf(html, file)));
    renameSync(tmp, index);
    written.push(relative(dist, index));
  }
  return {written, skipped};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? "dist");
  if (!existsSync(dist)) {
    console.error(`clean-url-stubs: ${dist} does not exist (build the site first)`);
    process.exit(1);
  }
  const {written, skipped} = writeCleanUrlStubs(dist);
  console.log(
    `clean-url-stubs: ${written.length} stubs in ${dirname(join(dist, "x"))}, ${skipped.length} folders kept`
  );
}
