// Serves a few in-memory files (a page and its bundled scripts) on 127.0.0.1, for browser tests that
// run library code without building the site.
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";

/** Serves `files` (URL path → text; *.js as JavaScript, anything else as HTML) at a free port; 404 for the rest. */
export async function serveFiles(files: Record<string, string>): Promise<{origin: string; close(): Promise<void>}> {
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const body = Object.hasOwn(files, url) ? files[url] : undefined;
    res.writeHead(body === undefined ? 404 : 200, {
      "content-type": url.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8"
    });
    res.end(body ?? "");
  }).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r()))
  };
}
