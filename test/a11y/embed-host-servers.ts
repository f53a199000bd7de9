/**
 * The widget's host page on another origin, as the embed test serves it: examples/embed-host on one
 * port of 127.0.0.1, the built site and a movielab API (the fixture bundle's service) on another, with
 * CORS for the host. The page then shows `<movielab-predict>` from the site's model bundle, from the
 * API, and in visitor mode. Needs the built site (dist/embed/predict.js and a model bundle).
 */
import {existsSync, readdirSync} from "node:fs";
import {join, resolve} from "node:path";
import type {FastifyInstance} from "fastify";
import {buildServer} from "../../src/server.js";
import {CHROMIUM} from "../browser/chromium.js";
import {serveStatic, type StaticServer} from "../browser/static-server.js";
import {trainFixtureBundle, type BundleFixture} from "../helpers/bundle-fixture.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
export const DIST = join(ROOT, "dist");

/** The built site has the exported module and Chromium is there (else the browser tests skip, or fail in CI). */
export const EMBED_READY = existsSync(join(DIST, "embed", "predict.js")) && existsSync(CHROMIUM);

export interface EmbedHost {
  fixture: BundleFixture;
  host: StaticServer;
  /** The site and API's base URL, e.g. http://127.0.0.1:40123 */
  siteUrl: string;
  /** The host page showing the bundle, API and visitor widgets (user 1 first). */
  pageUrl: string;
  close(): Promise<void>;
}

/** Starts the host page's server and the site + API server (see the module comment). */
export async function startEmbedHost(): Promise<EmbedHost> {
  const fixture = trainFixtureBundle();
  const host = await serveStatic(join(ROOT, "examples", "embed-host"));
  const site: FastifyInstance = buildServer({
    service: fixture.service,
    siteDir: DIST,
    corsOrigins: [host.origin],
    logger: false
  });
  const siteUrl = await site.listen({port: 0, host: "127.0.0.1"});
  const bundleFile = readdirSync(join(DIST, "_file", "data")).find((f) => /^model\.[0-9a-f]+\.json$/.test(f))!;
  const bundleUrl = `${siteUrl}/_file/data/${bundleFile}`;
  return {
    fixture,
    host,
    siteUrl,
    pageUrl: `${host.origin}/index.html?site=${encodeURIComponent(siteUrl + "/")}&bundle=${encodeURIComponent(bundleUrl)}&user=1`,
    async close() {
      await site.close();
      await host.close();
    }
  };
}
