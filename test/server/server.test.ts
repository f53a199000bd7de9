import type {FastifyInstance} from "fastify";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildServer} from "../../src/server.js";
import {HOSTILE_TITLE, trainFixtureBundle} from "../helpers/bundle-fixture.js";

interface Case {
  name: string;
  method: "GET" | "POST";
  url: string;
  /** Raw body text (sent as is, with content-type application/json unless headers say otherwise). */
  body?: string;
  headers?: Record<string, string>;
  status: number;
  field?: string;
  error?: RegExp;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  json: unknown;
}

const fixture = trainFixtureBundle();
const service = fixture.service;
const user = fixture.data.userIds[0];
const movie = fixture.data.movies.id[3];
const BODY_LIMIT = 1024;

const cases: Case[] = [
  {
    name: "predict missing movie_id",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({user_id: user}),
    status: 400,
    field: "movie_id",
    error: /missing field "movie_id"/
  },
  {
    name: "predict missing user_id",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({movie_id: movie}),
    status: 400,
    field: "user_id",
    error: /missing/
  },
  {
    name: "predict id as string",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({user_id: String(user), movie_id: movie}),
    status: 400,
    field: "user_id",
    error: /must be an integer/
  },
  {
    name: "predict non-integer id",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({user_id: user, movie_id: 1.5}),
    status: 400,
    field: "movie_id",
    error: /must be an integer/
  },
  {
    name: "predict negative id",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({user_id: -1, movie_id: movie}),
    status: 400,
    field: "user_id",
    error: />= 0/
  },
  {
    name: "predict null id",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({user_id: null, movie_id: movie}),
    status: 400,
    field: "user_id"
  },
  {
    name: "predict extra field",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({user_id: user, movie_id: movie, admin: true}),
    status: 400,
    field: "admin",
    error: /unknown field "admin"/
  },
  {
    name: "predict body is an array",
    method: "POST",
    url: "/predict",
    body: "[1,2]",
    status: 400,
    error: /request body must be object/
  },
  {
    name: "predict malformed JSON",
    method: "POST",
    url: "/predict",
    body: '{"user_id": 1, "movie_id": ',
    status: 400,
    error: /malformed JSON/
  },
  {name: "predict empty body", method: "POST", url: "/predict", body: "", status: 400, error: /empty/},
  {
    name: "predict wrong content type",
    method: "POST",
    url: "/predict",
    body: "user_id=1",
    headers: {"content-type": "text/plain"},
    status: 415,
    error: /application\/json/
  },
  {
    name: "predict body too large",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({user_id: user, movie_id: movie, pad: "x".repeat(BODY_LIMIT * 2)}),
    status: 413,
    error: /too large/
  },
  {
    name: "predict unknown user",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({user_id: 99999, movie_id: movie}),
    status: 404,
    field: "user_id",
    error: /^unknown user id 99999$/
  },
  {
    name: "predict unknown movie",
    method: "POST",
    url: "/predict",
    body: JSON.stringify({user_id: user, movie_id: 88888}),
    status: 404,
    field: "movie_id",
    error: /^unknown movie id 88888$/
  },
  {
    name: "recommend k too large",
    method: "POST",
    url: "/recommend",
    body: JSON.stringify({user_id: user, k: 101}),
    status: 400,
    field: "k",
    error: /<= 100/
  },
  {
    name: "recommend k zero",
    method: "POST",
    url: "/recommend",
    body: JSON.stringify({user_id: user, k: 0}),
    status: 400,
    field: "k",
    error: />= 1/
  },
  {
    name: "recommend k not integer",
    method: "POST",
    url: "/recommend",
    body: JSON.stringify({user_id: user, k: 2.5}),
    status: 400,
    field: "k",
    error: /integer/
  },
  {
    name: "recommend k as string",
    method: "POST",
    url: "/recommend",
    body: JSON.stringify({user_id: user, k: "5"}),
    status: 400,
    field: "k"
  },
  {
    name: "recommend unknown user",
    method: "POST",
    url: "/recommend",
    body: JSON.stringify({user_id: 99999}),
    status: 404,
    field: "user_id"
  },
  {
    name: "movies limit not integer",
    method: "GET",
    url: "/movies?q=a&limit=1.5",
    status: 400,
    field: "limit",
    error: /query parameter "limit" must be an integer/
  },
  {name: "movies limit not a number", method: "GET", url: "/movies?q=a&limit=ten", status: 400, field: "limit"},
  {
    name: "movies limit out of range",
    method: "GET",
    url: "/movies?q=a&limit=1000",
    status: 400,
    field: "limit",
    error: /<= 100/
  },
  {
    name: "movies unknown parameter",
    method: "GET",
    url: "/movies?q=a&sort=1",
    status: 400,
    field: "sort",
    error: /unknown query parameter "sort"/
  },
  {name: "movies query too long", method: "GET", url: `/movies?q=${"a".repeat(201)}`, status: 400, field: "q"},
  {
    name: "users id not integer",
    method: "GET",
    url: "/users/1.5",
    status: 400,
    field: "id",
    error: /path parameter "id" must be an integer/
  },
  {name: "users id text", method: "GET", url: "/users/abc", status: 400, field: "id"},
  {
    name: "users unknown id",
    method: "GET",
    url: "/users/99999",
    status: 404,
    field: "id",
    error: /unknown user id 99999/
  },
  {name: "unknown route", method: "GET", url: "/nope", status: 404, error: /no route GET \/nope/},
  {name: "predict via GET", method: "GET", url: "/predict", status: 404}
];

async function viaInject(app: FastifyInstance, c: Case): Promise<Answer> {
  const res = await app.inject({
    method: c.method,
    url: c.url,
    payload: c.body,
    headers: c.body !== undefined ? {"content-type": "application/json", ...c.headers} : c.headers
  });
  return {
    status: res.statusCode,
    headers: res.headers as Record<string, string>,
    json: res.body === "" ? undefined : JSON.parse(res.body)
  };
}

async function viaSocket(origin: string, c: Case): Promise<Answer> {
  const res = await fetch(origin + c.url, {
    method: c.method,
    body: c.body,
    headers: c.body !== undefined ? {"content-type": "application/json", ...c.headers} : c.headers
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers),
    json: text === "" ? undefined : JSON.parse(text)
  };
}

function checkError(c: Case, a: Answer): void {
  expect(a.status, c.name).toBe(c.status);
  const body = a.json as {error?: unknown; field?: unknown};
  expect(typeof body.error, c.name).toBe("string");
  if (c.field !== undefined) expect(body.field, c.name).toBe(c.field);
  if (c.error !== undefined) expect(body.error, c.name).toMatch(c.error);
}

describe("API in-process (inject) and over a socket on 127.0.0.1", () => {
  let app: FastifyInstance;
  let origin: string;
  beforeAll(async () => {
    app = buildServer({service, bodyLimit: BODY_LIMIT, logger: false});
    origin = await app.listen({port: 0, host: "127.0.0.1"});
  });
  afterAll(async () => {
    await app.close();
  });

  for (const c of cases) {
    it(`${c.name} → ${c.status} (inject)`, async () => checkError(c, await viaInject(app, c)));
    it(`${c.name} → ${c.status} (socket)`, async () => checkError(c, await viaSocket(origin, c)));
  }

  it("POST /predict answers with snake_case keys and probabilities that sum to 1", async () => {
    const body = JSON.stringify({user_id: user, movie_id: movie});
    for (const a of [
      await viaInject(app, {name: "", method: "POST", url: "/predict", body, status: 200}),
      await viaSocket(origin, {name: "", method: "POST", url: "/predict", body, status: 200})
    ]) {
      expect(a.status).toBe(200);
      const p = a.json as Record<string, unknown>;
      expect(Object.keys(p).sort()).toEqual([
        "cold_start",
        "expected",
        "model_version",
        "movie_id",
        "probabilities",
        "rating",
        "user_id",
        "user_rating"
      ]);
      const direct = await service.predict(user, movie);
      expect(p.rating).toBe(direct.rating);
      expect(p.expected).toBeCloseTo(direct.expected, 12);
      const probs = p.probabilities as {value: number; p: number}[];
      expect(probs.reduce((s, c) => s + c.p, 0)).toBeCloseTo(1, 5);
      expect(p.model_version).toBe(service.version);
      expect(p.user_rating).toBe(direct.userRating);
    }
  });

  it("POST /predict gives the user's own training rating of a movie they rated, null otherwise", async () => {
    const r = fixture.data.ratings;
    const i = r.user.findIndex((u) => u === 0);
    const rated = fixture.data.movies.id[r.movie[i]];
    const ask = async (movieId: number) =>
      (
        await viaSocket(origin, {
          name: "",
          method: "POST",
          url: "/predict",
          body: JSON.stringify({user_id: user, movie_id: movieId}),
          status: 200
        })
      ).json as {user_rating: unknown};
    expect((await ask(rated)).user_rating).toBe(r.rating[i]);
    const seen = new Set<number>();
    for (let j = 0; j < r.user.length; j++) if (r.user[j] === 0) seen.add(r.movie[j]);
    const unrated = fixture.data.movies.id[fixture.data.movies.id.findIndex((_, m) => !seen.has(m))];
    expect((await ask(unrated)).user_rating).toBeNull();
  });

  it("POST /recommend defaults k to 10 and excludes nothing it should not", async () => {
    const a = await viaSocket(origin, {
      name: "",
      method: "POST",
      url: "/recommend",
      body: JSON.stringify({user_id: user}),
      status: 200
    });
    expect(a.status).toBe(200);
    const r = a.json as {k: number; items: {movie_id: number; score: number}[]};
    expect(r.k).toBe(10);
    expect(r.items).toHaveLength(10);
    const direct = await service.recommend(user, 10);
    expect(r.items.map((m) => m.movie_id)).toEqual(direct.items.map((m) => m.movieId));
  });

  it("GET /movies searches titles and returns hostile titles verbatim as JSON text", async () => {
    const a = await viaSocket(origin, {
      name: "",
      method: "GET",
      url: `/movies?q=${encodeURIComponent("<img")}&limit=5`,
      status: 200
    });
    expect(a.status).toBe(200);
    expect(a.json).toEqual([expect.objectContaining({movie_id: fixture.hostileMovieId, title: HOSTILE_TITLE})]);
    expect(a.headers["content-type"]).toMatch(/^application\/json/);
    const all = await viaInject(app, {name: "", method: "GET", url: "/movies?q=a&limit=3", status: 200});
    expect(all.json).toHaveLength(3);
  });

  it("GET /users/:id gives demographics and top-rated movies", async () => {
    const a = await viaSocket(origin, {name: "", method: "GET", url: `/users/${user}`, status: 200});
    const u = a.json as {user_id: number; ratings: number; top_rated: {rating: number}[]; gender: string | null};
    expect(u.user_id).toBe(user);
    expect(u.ratings).toBeGreaterThan(0);
    expect(u.top_rated.length).toBeGreaterThan(0);
    expect(["M", "F", null]).toContain(u.gender);
  });

  it("GET /health reports status, model version and uptime, after every bad request above", async () => {
    const a = await viaSocket(origin, {name: "", method: "GET", url: "/health", status: 200});
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({status: "ok", model_version: service.version, scale: service.scale});
    expect(typeof (a.json as {uptime_s: number}).uptime_s).toBe("number");
  });

  it("a service failure is a 500 without details, and the server keeps answering", async () => {
    const broken = buildServer({
      service: {
        ...service,
        predict: async () => {
          throw new TypeError("boom at secret/path");
        }
      },
      logger: false
    });
    const res = await broken.inject({method: "POST", url: "/predict", payload: {user_id: user, movie_id: movie}});
    expect(res.statusCode).toBe(500);
    expect(res.json().error).not.toMatch(/boom|secret/);
    expect((await broken.inject({method: "GET", url: "/health"})).statusCode).toBe(200);
    await broken.close();
  });

  it("CORS is off by default: no Access-Control header, preflight is not answered", async () => {
    const res = await fetch(`${origin}/predict`, {
      method: "OPTIONS",
      headers: {origin: "http://127.0.0.1:9", "access-control-request-method": "POST"}
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const get = await fetch(`${origin}/health`, {headers: {origin: "http://127.0.0.1:9"}});
    expect(get.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("CORS when enabled", () => {
  let app: FastifyInstance;
  let origin: string;
  const allowed = "http://127.0.0.1:4321";
  beforeAll(async () => {
    app = buildServer({service, corsOrigins: [allowed], logger: false});
    origin = await app.listen({port: 0, host: "127.0.0.1"});
  });
  afterAll(async () => app.close());

  it("answers a preflight from an allowed origin (socket and inject)", async () => {
    const headers = {
      origin: allowed,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type"
    };
    const res = await fetch(`${origin}/predict`, {method: "OPTIONS", headers});
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toBe("content-type");
    const inj = await app.inject({method: "OPTIONS", url: "/recommend", headers});
    expect(inj.statusCode).toBe(204);
  });

  it("refuses a preflight from another origin and sends no allow header", async () => {
    const res = await fetch(`${origin}/predict`, {
      method: "OPTIONS",
      headers: {origin: "http://evil.example", "access-control-request-method": "POST"}
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect((await res.json()).error).toMatch(/evil\.example is not allowed/);
  });

  it("adds the allow header to real answers, errors included", async () => {
    const ok = await fetch(`${origin}/predict`, {
      method: "POST",
      headers: {origin: allowed, "content-type": "application/json"},
      body: JSON.stringify({user_id: user, movie_id: movie})
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(allowed);
    const bad = await fetch(`${origin}/predict`, {
      method: "POST",
      headers: {origin: allowed, "content-type": "application/json"},
      body: "{"
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("access-control-allow-origin")).toBe(allowed);
  });

  it("'*' allows any origin", async () => {
    const star = buildServer({service, corsOrigins: "*", logger: false});
    const res = await star.inject({method: "GET", url: "/health", headers: {origin: "https://anywhere.example"}});
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    await star.close();
  });
});
