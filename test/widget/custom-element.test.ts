// @vitest-environment jsdom
import type {FastifyInstance} from "fastify";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {defineMovielabPredict, ELEMENT_NAME} from "../../lib/widget/custom-element.js";
import {buildServer} from "../../src/server.js";
import {trainFixtureBundle} from "../helpers/bundle-fixture.js";

/** Serves `text` as the model bundle on a free port of 127.0.0.1. */
async function serveBundle(text: string) {
  const {createServer} = await import("node:http");
  const server = createServer((_req, res) => res.writeHead(200, {"content-type": "application/json"}).end(text));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {server, url: `http://127.0.0.1:${(server.address() as {port: number}).port}/model.json`};
}

type Element_ = HTMLElement & {ready(): Promise<void>; value: {user: {userId: number} | null} | null};

describe("<movielab-predict>", () => {
  const fixture = trainFixtureBundle();
  let app: FastifyInstance;
  let api: string;
  beforeAll(async () => {
    app = buildServer({service: fixture.service, logger: false});
    api = await app.listen({port: 0, host: "127.0.0.1"});
    defineMovielabPredict();
  });
  afterAll(async () => app.close());

  it("is defined once; a second call returns the same class", () => {
    expect(defineMovielabPredict()).toBe(customElements.get(ELEMENT_NAME));
  });

  it("api=… loads the widget from a movielab server and shows the user", async () => {
    const user = fixture.data.userIds[5];
    const el = document.createElement(ELEMENT_NAME) as Element_;
    el.setAttribute("api", api);
    el.setAttribute("user", String(user));
    el.setAttribute("k", "3");
    document.body.appendChild(el);
    await el.ready();
    expect(el.querySelector(".mlp-root")).not.toBeNull();
    expect(el.value?.user?.userId).toBe(user);
    expect(el.querySelectorAll(".mlp-top-list li")).toHaveLength(3);
    el.remove();
  });

  it("bundle=… runs the model in the page", async () => {
    const {server, url} = await serveBundle(fixture.text);
    const el = document.createElement(ELEMENT_NAME) as Element_;
    el.setAttribute("bundle", url);
    el.setAttribute("user", String(fixture.data.userIds[0]));
    document.body.appendChild(el);
    await el.ready();
    expect(el.value?.user?.userId).toBe(fixture.data.userIds[0]);
    el.remove();
    server.close();
  });

  it('mode="visitor" is the cold-start widget over the bundle; with api=… it refuses to send ratings', async () => {
    const {server, url} = await serveBundle(fixture.text);
    const el = document.createElement(ELEMENT_NAME) as Element_;
    el.setAttribute("bundle", url);
    el.setAttribute("mode", "visitor");
    el.setAttribute("k", "4");
    document.body.appendChild(el);
    await el.ready();
    expect(el.querySelector(".mlp-visitor")).not.toBeNull();
    expect(el.querySelectorAll(".mlp-recs li")).toHaveLength(4);
    expect(el.value).toMatchObject({ratings: [], movie: null});
    el.remove();
    server.close();

    const remote = document.createElement(ELEMENT_NAME) as Element_;
    remote.setAttribute("api", api);
    remote.setAttribute("mode", "visitor");
    document.body.appendChild(remote);
    await remote.ready();
    expect(remote.textContent).toMatch(/mode="visitor"> needs bundle=.*never sent to a server/);
    remote.remove();
  });

  it("says what is wrong as text: no source, a bad bundle, an unreachable API", async () => {
    const none = document.createElement(ELEMENT_NAME) as Element_;
    document.body.appendChild(none);
    await none.ready();
    expect(none.textContent).toMatch(/needs exactly one of bundle="URL of a model bundle" or api=/);

    const {createServer} = await import("node:http");
    const server = createServer((_req, res) => res.writeHead(200).end("<img src=x onerror=alert(1)>"));
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const bad = document.createElement(ELEMENT_NAME) as Element_;
    bad.setAttribute("bundle", `http://127.0.0.1:${(server.address() as {port: number}).port}/model.json`);
    document.body.appendChild(bad);
    await bad.ready();
    expect(bad.textContent).toMatch(/not a movielab model bundle/);
    expect(bad.querySelectorAll("img")).toHaveLength(0);
    server.close();

    const down = document.createElement(ELEMENT_NAME) as Element_;
    down.setAttribute("api", "http://127.0.0.1:9");
    document.body.appendChild(down);
    await down.ready();
    expect(down.textContent).toMatch(/cannot reach the movielab API at http:\/\/127\.0\.0\.1:9/);
    for (const el of [none, bad, down]) el.remove();
  });
});
