// A tiny static file server for the built site, bound to 127.0.0.1 only.
// Framework links pages without ".html" (cleanUrls), so /page serves /page.html and /dir/ serves
// /dir/index.html. Every 4xx/5xx is recorded so the page check can fail on it.
import {createReadStream, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {resolveSitePath, siteContentType} from "../../lib/node/site-files.js";

export interface StaticServer {
  /** Base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  origin: string;
  /** Requests that got a 4xx/5xx answer, as "404 /path". */
  errors: string[];
  close(): Promise<void>;
}

/** Maps a URL path to a file under root, with clean URLs; undefined when nothing matches. */
export const resolveStaticPath = resolveSitePath;

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
    const file = resolveStaticPath(root, url);
    if (!file) {
      errors.push(`404 ${url}`);
      res.writeHead(404, {"content-type": "text/plain; charset=utf-8"}).end(`not found: ${url}\n`);
      return;
    }
    res.writeHead(200, {
      "content-type": siteContentType(file),
      "content-length": statSync(file).size,
      "cache-control": "no-store"
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
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
