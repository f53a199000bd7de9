// The page checks' static server: a plain file server (no clean URLs, like GitHub Pages or
// python3 -m http.server), right MIME types, 127.0.0.1 only, no escaping the root, every 404 recorded.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {resolveStaticPath, serveStatic, type StaticServer} from "./static-server.js";

let root: string;
let server: StaticServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "movielab-serve-"));
  mkdirSync(join(root, "docs"));
  mkdirSync(join(root, "_observablehq"));
  writeFileSync(join(root, "index.html"), "<h1>home</h1>");
  writeFileSync(join(root, "data-quality.html"), "<h1>dq</h1>");
  writeFileSync(join(root, "docs", "index.html"), "<h1>docs</h1>");
  writeFileSync(join(root, "_observablehq", "client.js"), "export {};");
  writeFileSync(join(root, "_observablehq", "theme.css"), "body{}");
  writeFileSync(join(root, "x.json"), "{}");
  server = await serveStatic(root);
});

afterAll(async () => {
  await server.close();
  rmSync(root, {recursive: true, force: true});
});

describe("resolveStaticPath", () => {
  it("maps files and directories' index.html, with no clean URLs", () => {
    expect(resolveStaticPath(root, "/")).toEqual({file: join(root, "index.html")});
    expect(resolveStaticPath(root, "/data-quality.html")).toEqual({file: join(root, "data-quality.html")});
    expect(resolveStaticPath(root, "/data-quality.html?x=1#y")).toEqual({file: join(root, "data-quality.html")});
    expect(resolveStaticPath(root, "/docs/")).toEqual({file: join(root, "docs", "index.html")});
    expect(resolveStaticPath(root, "/docs?x=1")).toEqual({redirect: "/docs/?x=1"});
    expect(resolveStaticPath(root, "/data-quality")).toBeUndefined();
    expect(resolveStaticPath(root, "/data-quality.html/")).toBeUndefined();
  });

  it("refuses paths outside the root and missing files", () => {
    expect(resolveStaticPath(root, "/../etc/passwd")).toBeUndefined();
    expect(resolveStaticPath(root, "/%2e%2e/%2e%2e/etc/passwd")).toBeUndefined();
    expect(resolveStaticPath(root, "/%E0%A4%A")).toBeUndefined();
    expect(resolveStaticPath(root, "/nope")).toBeUndefined();
  });
});

describe("serveStatic", () => {
  it("listens on 127.0.0.1 and answers with MIME types", async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const cases: [string, string][] = [
      ["/data-quality.html", "text/html"],
      ["/_observablehq/client.js", "text/javascript"],
      ["/_observablehq/theme.css", "text/css"],
      ["/x.json", "application/json"]
    ];
    for (const [path, type] of cases) {
      const res = await fetch(server.origin + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toContain(type);
    }
  });

  it("redirects a directory to its slash and answers 404 for a clean URL", async () => {
    const res = await fetch(`${server.origin}/docs`, {redirect: "manual"});
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/docs/");
    expect((await fetch(`${server.origin}/data-quality`)).status).toBe(404);
  });

  it("records every 404", async () => {
    const res = await fetch(`${server.origin}/missing.css`);
    expect(res.status).toBe(404);
    expect(server.errors).toContain("404 /missing.css");
  });
});
