/**
 * Files of a built Framework site (dist/) by URL, shared by the API's `--site` and the test server.
 * Clean URLs as Framework links them: /page → page.html, /dir/ → dir/index.html; paths cannot
 * leave the site directory.
 */
import {existsSync, statSync} from "node:fs";
import {extname, join, normalize, resolve, sep} from "node:path";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".bin": "application/octet-stream",
  ".arrow": "application/vnd.apache.arrow.file",
  ".parquet": "application/octet-stream",
  ".zip": "application/zip"
};

/** Content type of a site file by its extension (application/octet-stream when unknown). */
export function siteContentType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/**
 * The decoded path of a URL (query and fragment dropped) and the file it names under root, or
 * undefined when it does not decode, holds a NUL or escapes root. Shared by every static server here.
 */
export function confinedPath(root: string, urlPath: string): {path: string; file: string; base: string} | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return undefined;
  }
  if (path.includes("\0")) return undefined;
  const base = resolve(root);
  const file = normalize(join(base, path));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  return {path, file, base};
}

/** Maps a URL path to a file under root with clean URLs; undefined when nothing matches or it escapes root. */
export function resolveSitePath(root: string, urlPath: string): string | undefined {
  const confined = confinedPath(root, urlPath);
  if (confined === undefined) return undefined;
  const {path, file} = confined;
  const candidates = path.endsWith("/") ? [join(file, "index.html")] : [file, `${file}.html`, join(file, "index.html")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}
