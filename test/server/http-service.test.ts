import type {FastifyInstance} from "fastify";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {createHttpService, HttpServiceError} from "../../lib/serving/http-service.js";
import {NotFoundError, type PredictionService} from "../../lib/serving/types.js";
import {buildServer} from "../../src/server.js";
import {HOSTILE_TITLE, trainFixtureBundle} from "../helpers/bundle-fixture.js";

describe("createHttpService against a real server on 127.0.0.1", () => {
  const fixture = trainFixtureBundle();
  const local = fixture.service;
  const user = fixture.data.userIds[2];
  const movie = fixture.data.movies.id[5];
  let app: FastifyInstance;
  let remote: PredictionService;
  beforeAll(async () => {
    app = buildServer({service: local, logger: false});
    remote = await createHttpService(`${await app.listen({port: 0, host: "127.0.0.1"})}/`);
  });
  afterAll(async () => app.close());

  it("answers exactly what the in-process service answers", async () => {
    expect(remote.version).toBe(local.version);
    expect(remote.scale).toEqual(local.scale);
    expect(await remote.predict(user, movie)).toEqual(await local.predict(user, movie));
    expect(await remote.recommend(user, 7)).toEqual(await local.recommend(user, 7));
    expect(await remote.user(user)).toEqual(await local.user(user));
    expect(await remote.searchMovies("<img src", 5)).toEqual(await local.searchMovies("<img src", 5));
    expect((await remote.searchMovies("<img src", 5))[0].title).toBe(HOSTILE_TITLE);
  });

  it("turns 404s into NotFoundError and other refusals into HttpServiceError with the field", async () => {
    await expect(remote.predict(99999, movie)).rejects.toEqual(new NotFoundError("user", 99999));
    await expect(remote.predict(user, 77777)).rejects.toBeInstanceOf(NotFoundError);
    const err = await remote.recommend(user, 1000).catch((e) => e);
    expect(err).toBeInstanceOf(HttpServiceError);
    expect(err.status).toBe(400);
    expect(err.field).toBe("k");
  });

  it("says so when nothing answers", async () => {
    await expect(createHttpService("http://127.0.0.1:9")).rejects.toThrow(
      /cannot reach the movielab API at http:\/\/127\.0\.0\.1:9/
    );
  });
});
