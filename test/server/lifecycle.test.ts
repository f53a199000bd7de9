import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {buildServer, startServer} from "../../src/server.js";
import {parseCorsOrigins} from "../../src/server/cors.js";
import {createTinyService} from "../helpers/tiny-service.js";

describe("graceful shutdown", () => {
  it("finishes a request in flight, refuses new connections, resolves `closed`", async () => {
    const service = createTinyService({delayMs: 1000});
    const running = await startServer({service, port: 0, handleSignals: false, logger: false});
    const user = service.data.userIds[0];
    const movie = service.data.movies.id[0];
    const inFlight = fetch(`${running.url}/predict`, {
      method: "POST",
      headers: {"content-type": "application/json"},
      body: JSON.stringify({user_id: user, movie_id: movie})
    });
    // Wait until the request is inside the service (polled: a fixed sleep fails on a busy machine).
    for (let i = 0; i < 500 && service.calls.predict === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(service.calls.predict).toBe(1);
    const closing = running.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect((await res.json()).user_id).toBe(user);
    await closing;
    await running.closed;
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
  });

  it("closes on SIGTERM when it handles signals", async () => {
    const running = await startServer({service: createTinyService(), port: 0, logger: false});
    process.emit("SIGTERM", "SIGTERM");
    await running.closed;
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
    expect(process.listenerCount("SIGTERM")).toBe(0);
  });
});

describe("serving the built site", () => {
  const site = mkdtempSync(join(tmpdir(), "movielab-site-"));
  writeFileSync(join(site, "index.html"), "<!doctype html><title>home</title>");
  writeFileSync(join(site, "predict.html"), "<!doctype html><title>predict page</title>");
  writeFileSync(join(site, "404.html"), "<!doctype html><title>not found</title>");
  mkdirSync(join(site, "_observablehq"));
  writeFileSync(join(site, "_observablehq", "client.abc123.js"), "export const x = 1;");
  mkdirSync(join(site, "embed"));
  writeFileSync(join(site, "embed", "predict.js"), "export const y = 2;");
  const service = createTinyService();

  it("serves pages as /page.html and /page next to the API on one port", async () => {
    const app = buildServer({service, siteDir: site, logger: false, corsOrigins: ["http://127.0.0.1:1234"]});
    const home = await app.inject({method: "GET", url: "/"});
    expect(home.statusCode).toBe(200);
    expect(home.headers["content-type"]).toMatch(/^text\/html/);
    expect(home.body).toContain("home");
    const page = await app.inject({method: "GET", url: "/predict"});
    expect(page.body).toContain("predict page");
    // The site links pages with ".html"; the clean URL keeps working for old links.
    expect((await app.inject({method: "GET", url: "/predict.html"})).body).toContain("predict page");
    const api = await app.inject({
      method: "POST",
      url: "/predict",
      payload: {user_id: service.data.userIds[0], movie_id: service.data.movies.id[0]}
    });
    expect(api.statusCode).toBe(200);
    expect(api.json().rating).toBeTypeOf("number");
    const asset = await app.inject({method: "GET", url: "/_observablehq/client.abc123.js"});
    expect(asset.headers["cache-control"]).toContain("immutable");
    expect(asset.headers["content-type"]).toMatch(/^text\/javascript/);
    // The embed module carries CORS for the listed origin.
    const embed = await app.inject({
      method: "GET",
      url: "/embed/predict.js",
      headers: {origin: "http://127.0.0.1:1234"}
    });
    expect(embed.headers["access-control-allow-origin"]).toBe("http://127.0.0.1:1234");
    const head = await app.inject({method: "HEAD", url: "/predict"});
    expect(head.statusCode).toBe(200);
    await app.close();
  });

  it("never leaves the site directory and answers unknown paths with 404", async () => {
    const app = buildServer({service, siteDir: site, logger: false});
    expect((await app.inject({method: "GET", url: "/%E0%A4%A"})).statusCode).toBe(400); // malformed escape
    for (const url of ["/../package.json", "/%2e%2e/package.json", "/..%2fpackage.json", "/nope"]) {
      const res = await app.inject({method: "GET", url});
      expect(res.statusCode, url).toBe(404);
    }
    const html = await app.inject({method: "GET", url: "/nope", headers: {accept: "text/html"}});
    expect(html.body).toContain("not found");
    await app.close();
  });

  it("refuses a directory that is not a built site", () => {
    expect(() => buildServer({service, siteDir: join(site, "missing"), logger: false})).toThrow(
      /no such directory; run `npm run build` first/
    );
    expect(() => buildServer({service, siteDir: join(site, "embed"), logger: false})).toThrow(/no index\.html/);
  });
});

describe("parseCorsOrigins", () => {
  it("accepts * and exact origins, refuses paths and junk", () => {
    expect(parseCorsOrigins("*")).toBe("*");
    expect(parseCorsOrigins("https://a.example, http://127.0.0.1:8080")).toEqual([
      "https://a.example",
      "http://127.0.0.1:8080"
    ]);
    expect(() => parseCorsOrigins("https://a.example/")).toThrow(/expected exactly https:\/\/a\.example/);
    expect(() => parseCorsOrigins("a.example")).toThrow(/not an origin/);
    expect(() => parseCorsOrigins(" , ")).toThrow(/expected "\*"/);
  });
});
