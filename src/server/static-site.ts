/**
 * Serves a built Framework site (dist/) from the API process, so one port answers both. Pages answer
 * at /page.html, as the site links them, and at the clean URL /page (older links, hand-typed
 * addresses); /dir/ → dir/index.html. Paths cannot leave the site
 * directory. Hashed assets (Framework puts a content hash in their names under /_…/) are cached for a
 * year; pages are revalidated.
 */
import {createReadStream, existsSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import type {FastifyInstance} from "fastify";
import {resolveSitePath, siteContentType} from "../../lib/node/site-files.js";

export {resolveSitePath};

/** Checks that dir looks like a built site; throws a message naming what is missing. */
export function checkSiteDir(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new Error(`--site ${dir}: no such directory; run \`npm run build\` first`);
  if (!existsSync(join(dir, "index.html")))
    throw new Error(`--site ${dir}: no index.html in it; expected the dist/ folder written by \`npm run build\``);
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
        return reply.type(siteContentType(notFound)).send(createReadStream(notFound));
      }
      return reply.send({error: `no such page or file: ${req.url.split("?")[0]}`});
    }
    const immutable = /^\/_(observablehq|npm|node|file|import)\//.test(req.url);
    reply.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    reply.type(siteContentType(file));
    reply.header("Content-Length", statSync(file).size);
    return reply.send(createReadStream(file));
  });
}
