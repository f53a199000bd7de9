/**
 * Serves a built Framework site (dist/) from the API process, so one port answers both. Clean URLs
 * as Framework links them: /page → page.html, /dir/ → dir/index.html. Paths cannot leave the site
 * directory. Hashed assets (Framework puts a content hash in their names under /_…/) are cached for a
 * year; pages are revalidated.
 */
import {createReadStream, existsSync, statSync} from "node:fs";
import {extname, join, normalize, resolve, sep} from "node:path";
import type {FastifyInstance} from "fastify";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm"
};

/** Maps a URL path to a file under root with clean URLs; undefined when nothing matches or it escapes root. */
export function resolveSitePath(root: string, urlPath: string): string | undefined {
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
  const candidates = path.endsWith("/") ? [join(file, "index.html")] : [file, `${file}.html`, join(file, "index.html")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Checks that dir looks like a built site; throws a message naming what is missing. */
export function checkSiteDir(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`--site ${dir}: no such directory; run \`npm run build\` first`);
  if (!existsSync(join(dir, "index.html"))) throw new Error(`--site ${dir}: no index.html in it; expected the dist/ folder written by \`npm run build\``);
}

/** Registers GET /* (and HEAD) serving siteDir. API routes registered on app take precedence. */
export function installStaticSite(app: FastifyInstance, siteDir: string): void {
  const root = resolve(siteDir);
  app.get("/*", async (req, reply) => {
    const file = resolveSitePath(root, req.url);
    if (file === undefined) {
      const notFound = join(root, "404.html");
      reply.code(404);
      if (existsSync(notFound) && (req.headers.accept ?? "").includes("text/html")) {
        return reply.type(MIME[".html"]).send(createReadStream(notFound));
      }
      return reply.send({error: `no such page or file: ${req.url.split("?")[0]}`});
    }
    const immutable = /^\/_(observablehq|npm|node|file|import)\//.test(req.url);
    reply.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    reply.type(MIME[extname(file)] ?? "application/octet-stream");
    reply.header("Content-Length", statSync(file).size);
    return reply.send(createReadStream(file));
  });
}
