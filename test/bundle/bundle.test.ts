import {describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import {BUNDLE_VERSION, bundleMetadata, parseBundle, serializeBundle, type Bundle} from "../../lib/bundle/bundle.js";
import {crc32} from "../../lib/bundle/crc32.js";
import {LIBRARY_VERSION} from "../../lib/version.js";

function sample(): Bundle<{weights: Float32Array; trees: number[]; name: string}> {
  return {
    kind: "classifier",
    model: "gbdt",
    scale: {min: 1, max: 5, step: 1},
    idMaps: {users: Int32Array.from([1, 2, 7]), movies: Int32Array.from([10, 20])},
    titles: ["<img src=x onerror=alert(1)>", "Amélie (2001)"],
    meta: bundleMetadata(
      {
        dataset: {name: "t", format: "ml-100k", synthetic: false, ratings: 3, users: 3, movies: 2},
        params: {eta: 0.3},
        metrics: {accuracy: 0.5}
      },
      new Date("2026-01-01T00:00:00Z")
    ),
    state: {weights: Float32Array.from([0.1, -2.5, NaN, Infinity]), trees: [1, 2, 3], name: "x"}
  };
}

describe("model bundle", () => {
  it("round-trips typed arrays, strings and metadata exactly", () => {
    const b = sample();
    const back = parseBundle<typeof b.state>(serializeBundle(b), "m.json");
    expect(back.state.weights).toBeInstanceOf(Float32Array);
    expect(Array.from(back.state.weights)).toEqual(Array.from(b.state.weights));
    expect(back.idMaps.users).toEqual(b.idMaps.users);
    expect(back.titles).toEqual(b.titles);
    expect(back.meta.createdAt).toBe("2026-01-01T00:00:00.000Z");
    expect(back.meta.library).toBe(LIBRARY_VERSION);
  });

  it("names a truncated file", () => {
    const text = serializeBundle(sample());
    expect(() => parseBundle(text.slice(0, text.length - 40), "m.json")).toThrow(/m\.json: the file is truncated/);
  });

  it("detects corruption by checksum", () => {
    const text = serializeBundle(sample()).replace('"name":"x"', '"name":"y"');
    expect(() => parseBundle(text, "m.json")).toThrow(/m\.json: checksum mismatch/);
  });

  it("refuses another bundle version with a clear message", () => {
    const text = serializeBundle(sample()).replace(`"version":${BUNDLE_VERSION}`, '"version":99');
    expect(() => parseBundle(text, "m.json")).toThrow(/bundle version 99 .* not supported/);
  });

  it("names deep nesting and __proto__ keys in a body with a valid checksum, instead of a stack overflow", () => {
    const wrap = (body: string) =>
      `{"header":${JSON.stringify({format: "movielab-bundle", version: BUNDLE_VERSION, library: "x", bytes: body.length, crc32: crc32(body)})},\n"body":${body}}\n`;
    expect(() => parseBundle(wrap('{"a":'.repeat(20_000) + "1" + "}".repeat(20_000)), "d.json")).toThrow(
      "d.json: the body cannot be decoded: it is nested more than 64 levels deep (a bundle has fewer than 10)"
    );
    expect(() => parseBundle(wrap('{"kind":"classifier","state":{"__proto__":{"x":1}}}'), "p.json")).toThrow(
      'p.json: the body cannot be decoded: a "__proto__" key at body.state, which a bundle never has'
    );
  });

  it("says the version has the wrong type rather than that version 1 is not version 1", () => {
    const text = serializeBundle(sample()).replace(`"version":${BUNDLE_VERSION}`, `"version":"${BUNDLE_VERSION}"`);
    expect(() => parseBundle(text, "m.json")).toThrow(
      `m.json: header field "version" is "${BUNDLE_VERSION}" (string), expected the number ${BUNDLE_VERSION}`
    );
  });

  it("refuses files that are not bundles, and empty files", () => {
    expect(() => parseBundle("", "e.json")).toThrow(/e\.json: the file is empty/);
    expect(() => parseBundle(" \n ".repeat(1000), "s.json")).toThrow(
      "s.json: the file holds only blank characters (3000); expected a movielab model bundle (JSON)"
    );
    expect(() => parseBundle('{"a":1}', "x.json")).toThrow(/x\.json: not a movielab model bundle/);
  });

  it("refuses the wrong kind and unknown typed arrays without evaluating anything", () => {
    const text = serializeBundle(sample());
    expect(() => parseBundle(text, "m.json", {kind: "recommender"})).toThrow(
      /holds a classifier model, expected a recommender/
    );
    const evil = serializeBundle({...sample(), state: {f: {$typed: "Function", base64: "AAAA"}}} as unknown as Bundle);
    expect(() => parseBundle(evil, "m.json")).toThrow(/unknown typed array "Function"/);
  });

  it("validates fields and names them", () => {
    const bad = serializeBundle({...sample(), scale: {min: 5, max: 1, step: 1}});
    expect(() => parseBundle(bad, "m.json")).toThrow(/field "scale" must have max > min/);
  });

  it("keeps LIBRARY_VERSION equal to package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(LIBRARY_VERSION).toBe(pkg.version);
  });
});
