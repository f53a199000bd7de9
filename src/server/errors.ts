/**
 * One error shape for every failure: `{error, field?}` with an HTTP status. Validation errors name
 * the field; unknown ids answer 404 naming which; parser failures (malformed JSON, body too large,
 * wrong content type) keep their 4xx status with a readable message; anything else is a 500 whose
 * details stay in the log.
 */
import {NotFoundError} from "../../lib/serving/types.js";

export interface ErrorBody {
  error: string;
  field?: string;
}

interface ValidationItem {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
  validation?: ValidationItem[];
  validationContext?: string;
}

/** Field names as the client wrote them: user_id for the body, id for /users/:id. */
const ID_FIELD: Record<NotFoundError["which"], string> = {user: "user_id", movie: "movie_id"};

/** Maps any thrown value to a status and the JSON body sent to the client. */
export function toErrorResponse(e: unknown, route?: string): {status: number; body: ErrorBody} {
  if (e instanceof NotFoundError) {
    const field = e.which === "user" && route === "/users/:id" ? "id" : ID_FIELD[e.which];
    return {status: 404, body: {error: e.message, field}};
  }
  const err = (e ?? {}) as FastifyLikeError;
  if (Array.isArray(err.validation) && err.validation.length > 0) {
    return {status: 400, body: validationMessage(err.validation[0], err.validationContext ?? "body")};
  }
  switch (err.code) {
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return {status: 400, body: {error: "the request body is empty; expected a JSON object"}};
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return {status: 400, body: {error: `malformed JSON in the request body: ${err.message}`}};
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {status: 413, body: {error: `the request body is too large: ${err.message}`}};
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {status: 415, body: {error: "unsupported content type; send the body as application/json"}};
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return {status: 400, body: {error: "the Content-Length header does not match the body"}};
  }
  // JSON.parse failures reach here as SyntaxError tagged with status 400 by Fastify's parser.
  if (err.statusCode === 400 && e instanceof SyntaxError) {
    return {status: 400, body: {error: `malformed JSON in the request body: ${err.message}`}};
  }
  if (typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500) {
    return {status: err.statusCode, body: {error: err.message}};
  }
  return {status: 500, body: {error: "internal error; the details are in the server log"}};
}

/** One validation failure as a sentence naming the field. */
function validationMessage(v: ValidationItem, context: string): ErrorBody {
  const where = context === "querystring" ? "query parameter" : context === "params" ? "path parameter" : "field";
  const path = v.instancePath.replace(/^\//, "").replace(/\//g, ".");
  if (v.keyword === "required") {
    const field = String(v.params.missingProperty);
    return {error: `missing ${where} "${field}"`, field};
  }
  if (v.keyword === "additionalProperties") {
    const field = String(v.params.additionalProperty);
    return {error: `unknown ${where} "${field}"`, field};
  }
  if (path === "")
    return {
      error: `the ${context === "body" ? "request body" : context} ${v.message ?? "is invalid"}${context === "body" ? " (expected a JSON object)" : ""}`
    };
  switch (v.keyword) {
    case "type":
      return {error: `${where} "${path}" must be ${article(String(v.params.type))} ${v.params.type}`, field: path};
    case "minimum":
    case "maximum":
      return {
        error: `${where} "${path}" must be ${v.keyword === "minimum" ? ">=" : "<="} ${v.params.limit}`,
        field: path
      };
    default:
      return {error: `${where} "${path}" ${v.message ?? "is invalid"}`, field: path};
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}
