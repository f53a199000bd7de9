// A plain static file server for the built site, bound to 127.0.0.1 only: no clean-URL rewrites,
// exactly what GitHub Pages or `python3 -m http.server` do. A path is a file, or a directory whose
// index.html is served (a directory named without its trailing slash is redirected to it, as
// python's server does). So a link without ".html" fails here as it would on any file host. Every
// 4xx/5xx is recorded so the page check can fail on it.
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {join} from "node:path";
import {confinedPath, siteContentType} from "../../lib/node/site-files.js";

export interface StaticServer {
  /** Base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  origin: string;
  /** Requests that got a 4xx/5xx answer, as "404 /path". */
  errors: string[];
  close(): Promise<void>;
}

/** What a plain file server answers for a URL path: a file, a redirect to "dir/", or nothing. */
export type StaticAnswer = {file: string} | {redirect: string} | undefined;

/** Maps a URL path to a file under root the way a plain file server does (no clean URLs). */
export function resolveStaticPath(root: string, urlPath: string): StaticAnswer {
  const [pathPart, query = ""] = urlPath.split("#")[0].split(/\?(.*)/s);
  const confined = confinedPath(root, pathPart);
  if (confined === undefined) return undefined;
  const {path, file: target} = confined;
  if (!existsSync(target)) return undefined;
  const stat = statSync(target);
  if (stat.isFile()) return path.endsWith("/") ? undefined : {file: target};
  if (!stat.isDirectory()) return undefined;
  if (!path.endsWith("/")) return {redirect: `${pathPart}/${query ? `?${query}` : ""}`};
  const index = join(target, "index.html");
  return existsSync(index) && statSync(index).isFile() ? {file: index} : undefined;
}

/** Serves root on 127.0.0.1 at a free port (port 0) or the given one. */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const errors: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (req.method !== "GET" && req.method !== "HEAD") {
      errors.push(`405 ${req.method} ${url}`);
      res.writeHead(405).end();
      return;
    }
    const answer = resolveStaticPath(root, url);
    if (!answer) {
      errors.push(`404 ${url}`);
      res.writeHead(404, {"content-type": "text/plain; charset=utf-8"}).end(`not found: ${url}\n`);
      return;
    }
    if ("redirect" in answer) {
      res.writeHead(301, {location: answer.redirect}).end();
      return;
    }
    res.writeHead(200, {
      "content-type": siteContentType(answer.file),
      "content-length": statSync(answer.file).size,
      "cache-control": "no-store"
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(answer.file).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok());
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    errors,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      })
  };
}
