/**
 * The API's JSON body parser. Fastify's own answers "Body is not valid JSON" for a well-formed body
 * that merely has a "__proto__" key, which sends a client looking for a syntax error that is not
 * there. Here each refusal says what it is: malformed (with the parser's position), nested too
 * deeply, or carrying a prototype key (refused, never silently removed).
 */

/** Deepest nesting of a request body; the API's bodies are flat objects (depth 1). */
export const MAX_BODY_DEPTH = 32;

/** A request body the API refuses, with the client-facing message (HTTP 400). */
export class JsonBodyError extends Error {
  readonly statusCode = 400;
  readonly code = "MOVIELAB_JSON_BODY";
  constructor(message: string) {
    super(message);
    this.name = "JsonBodyError";
  }
}

/** Parses a request body's text; throws JsonBodyError naming what is wrong. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw new JsonBodyError("the request body is empty; expected a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new JsonBodyError(`malformed JSON in the request body: ${(e as Error).message}`);
  }
  checkShape(value);
  return value;
}

/** Walks the value without recursion (a body can nest thousands of levels within the size limit). */
function checkShape(root: unknown): void {
  const stack: [unknown, number, string][] = [[root, 0, "body"]];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_BODY_DEPTH)
      throw new JsonBodyError(
        `the request body is nested more than ${MAX_BODY_DEPTH} levels deep; expected a flat JSON object`
      );
    for (const key of Object.keys(v)) {
      const child = (v as Record<string, unknown>)[key];
      const isPrototype =
        key === "__proto__" ||
        (key === "constructor" && child !== null && typeof child === "object" && Object.hasOwn(child, "prototype"));
      if (isPrototype)
        throw new JsonBodyError(
          `the request body has a "${key}" key at ${path}, which could alter object prototypes; it is refused`
        );
      stack.push([child, depth + 1, `${path}.${key}`]);
    }
  }
}
