/** The API routes: thin adapters from validated snake_case requests to a PredictionService. */
import type {FastifyInstance} from "fastify";
import type {PredictionService} from "../../lib/serving/types.js";
import {movieToWire, predictToWire, recommendToWire, userToWire, type HealthWire} from "../../lib/serving/wire.js";
import {
  moviesQuery,
  numberizeFields,
  predictBody,
  predictResponse,
  recommendBody,
  userParams,
  type MoviesQuery,
  type PredictBody,
  type RecommendBody,
  type UserParams
} from "./schemas.js";

export interface RouteState {
  /** Milliseconds since the epoch when the server was built. */
  startedAt: number;
  /** Set when shutdown began, so /health tells load balancers to stop sending. */
  closing: boolean;
}

/** Registers /predict, /recommend, /movies, /users/:id and /health on app. */
export function installRoutes(app: FastifyInstance, service: PredictionService, state: RouteState): void {
  app.post<{Body: PredictBody}>(
    "/predict",
    {schema: {body: predictBody, response: {200: predictResponse}}},
    async (req) => {
      return predictToWire(await service.predict(req.body.user_id, req.body.movie_id));
    }
  );

  app.post<{Body: RecommendBody}>("/recommend", {schema: {body: recommendBody}}, async (req) => {
    return recommendToWire(await service.recommend(req.body.user_id, req.body.k));
  });

  app.get<{Querystring: MoviesQuery}>(
    "/movies",
    {schema: {querystring: moviesQuery}, preValidation: async (req) => numberizeFields(req.query, ["limit"])},
    async (req) => (await service.searchMovies(req.query.q, req.query.limit)).map(movieToWire)
  );

  app.get<{Params: UserParams}>(
    "/users/:id",
    {schema: {params: userParams}, preValidation: async (req) => numberizeFields(req.params, ["id"])},
    async (req) => userToWire(await service.user(req.params.id))
  );

  app.get("/health", async (_req, reply): Promise<HealthWire> => {
    if (state.closing) reply.code(503);
    return {
      status: state.closing ? "closing" : "ok",
      model_version: service.version,
      uptime_s: Math.round((Date.now() - state.startedAt) / 100) / 10,
      scale: service.scale
    };
  });
}
