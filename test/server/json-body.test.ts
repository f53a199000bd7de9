import {describe, expect, it} from "vitest";
import {buildServer} from "../../src/server.js";
import {MAX_BODY_DEPTH, parseJsonBody} from "../../src/server/json-body.js";
import {createTinyService} from "../helpers/tiny-service.js";

describe("parseJsonBody", () => {
  it("parses a flat object and says what is wrong with the rest", () => {
    expect(parseJsonBody('{"user_id":1,"movie_id":2}')).toEqual({user_id: 1, movie_id: 2});
    expect(() => parseJsonBody("  ")).toThrow("the request body is empty; expected a JSON object");
    expect(() => parseJsonBody('{"user_id":1,')).toThrow(/^malformed JSON in the request body: .*JSON/);
    expect(() => parseJsonBody("[".repeat(5000) + "]".repeat(5000))).toThrow(
      `the request body is nested more than ${MAX_BODY_DEPTH} levels deep; expected a flat JSON object`
    );
  });

  it("refuses prototype keys by name, at any depth, instead of calling them malformed", () => {
    expect(() => parseJsonBody('{"user_id":1,"__proto__":{"admin":true}}')).toThrow(
      'the request body has a "__proto__" key at body, which could alter object prototypes; it is refused'
    );
    expect(() => parseJsonBody('{"a":{"b":[{"constructor":{"prototype":{}}}]}}')).toThrow(
      /"constructor" key at body\.a\.b\.0/
    );
    expect(() => parseJsonBody('{"a":'.repeat(20) + '{"__proto__":1}' + "}".repeat(20))).toThrow(/"__proto__" key/);
    expect(parseJsonBody('{"constructor":"x"}')).toEqual({constructor: "x"});
  });

  it("answers 400 with these messages over the API", async () => {
    const app = buildServer({service: createTinyService()});
    const post = (payload: string) =>
      app.inject({method: "POST", url: "/predict", headers: {"content-type": "application/json"}, payload});
    const proto = await post('{"user_id":1,"movie_id":1,"__proto__":{"x":1}}');
    expect(proto.statusCode).toBe(400);
    expect(proto.json().error).toMatch(/"__proto__" key/);
    const deep = await post('{"a":'.repeat(100) + "1" + "}".repeat(100));
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error).toMatch(/nested more than 32 levels/);
    const bad = await post('{"user_id":');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/^malformed JSON in the request body/);
    await app.close();
  });
});
