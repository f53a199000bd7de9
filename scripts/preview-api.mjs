// The API reference in `npm start`: Framework's preview serves only its own pages, so
// scripts/preview.mjs routes /api/… here. The reference is generated on the first visit to /api/
// (not at start: TypeDoc takes about ten seconds of CPU, which the first pages' data loaders need
// more), once per preview, into notebooks/.observablehq/api (git-ignored with Framework's cache).
// Until it is ready a short page says so and reloads itself; a failed generation says why (run
// `npm run docs:check` for the undocumented symbols). Doc comments edited while the preview runs
// show after a restart: regenerating on every save would cost that CPU each time for a page that is
// rarely open.
import {createReadStream, existsSync, statSync} from "node:fs";
import {extname, join, normalize, resolve, sep} from "node:path";
import {buildApi} from "./build-api.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json"
};

/** A small self-contained HTML page (no external loads) with one message; `reload` seconds, if given. */
function notice(title, message, reload) {
  const escape = (s) => s.replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[c]);
  const refresh = reload ? `<meta http-equiv="refresh" content="${reload}">` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh}<title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><pre style="white-space:pre-wrap">${escape(message)}</pre></body></html>\n`;
}

/**
 * A request handler for the preview: answers /api/… (generating the reference on the first such
 * request) and returns true, or returns false for every other request.
 */
export function apiPreview({project, log = () => {}}) {
  const out = join(project, "notebooks", ".observablehq", "api");
  let state = {status: "idle"};
  const generate = () => {
    state = {status: "building"};
    log("generating the API reference for /api/ (TypeDoc)");
    buildApi({root: project, out}).then(
      ({files, seconds}) => {
        state = {status: "ready"};
        log(`API reference ready at /api/ (${files} files, ${seconds.toFixed(1)} s)`);
      },
      (error) => {
        state = {status: "failed", message: error.message};
        log(`API reference failed: ${error.message.split("\n")[0]}`);
      }
    );
  };
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/api" && !url.pathname.startsWith("/api/")) return false;
    if (state.status === "idle") generate();
    if (state.status !== "ready") {
      const building = state.status === "building";
      res.writeHead(building ? 503 : 500, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        ...(building ? {"Retry-After": "5"} : {})
      });
      res.end(
        building
          ? notice(
              "API reference: being generated",
              "TypeDoc is generating it (about ten seconds); this page reloads.",
              3
            )
          : notice("API reference: generation failed", state.message)
      );
      return true;
    }
    let path;
    try {
      path = decodeURIComponent(url.pathname.slice("/api".length)) || "/";
    } catch {
      path = "\0";
    }
    if (path.endsWith("/")) path += "index.html";
    const base = resolve(out);
    const file = normalize(join(base, path));
    if (path.includes("\0") || !file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, {"Content-Type": "text/html; charset=utf-8"});
      res.end(notice("Not found", `${url.pathname} is not part of the API reference.`));
      return true;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Cache-Control": "no-store"
    });
    createReadStream(file).pipe(res);
    return true;
  };
}
