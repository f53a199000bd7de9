import {JSDOM} from "jsdom";
import {describe, expect, it} from "vitest";
import {ParamForm, parseParam} from "../../lib/lab/param-form.js";
import {MODELS} from "../../lib/models/registry.js";

const doc = () => new JSDOM("<!doctype html><body></body>").window.document;

describe("ParamForm", () => {
  it("has one input per declared parameter but the seed, filled with the defaults, typed by the schema", () => {
    for (const model of Object.values(MODELS)) {
      const form = ParamForm(model, doc());
      const names = [...form.element.querySelectorAll("[name^=param-]")].map((e) => e.getAttribute("name")!.slice(6));
      expect(names).toEqual(Object.keys(model.params).filter((n) => n !== "seed"));
      expect(form.read()).toEqual({});
    }
    const mf = ParamForm(MODELS.mf, doc());
    const factors = mf.element.querySelector<HTMLInputElement>("[name=param-factors]")!;
    expect([factors.type, factors.step, factors.value]).toEqual([
      "number",
      "1",
      String((MODELS.mf.defaults as {factors: number}).factors)
    ]);
    expect(mf.element.querySelector("[name=param-biased]")!.getAttribute("type")).toBe("checkbox");
    expect(mf.element.textContent).toMatch(/learning rate of biases and factors/);
    const clf = ParamForm(MODELS.classifier, doc());
    expect(clf.element.querySelector("[name=param-gbdt]")!.tagName).toBe("TEXTAREA");
  });

  it("reads the changed values, checked against the schema", () => {
    const mf = ParamForm(MODELS.mf, doc());
    const set = (n: string, v: string) => (mf.element.querySelector<HTMLInputElement>(`[name=param-${n}]`)!.value = v);
    set("factors", "20");
    mf.element.querySelector<HTMLInputElement>("[name=param-biased]")!.checked = false;
    expect(mf.read()).toEqual({factors: 20, biased: false});
    set("factors", "2.5");
    expect(() => mf.read()).toThrow(/^parameter factors: got "2\.5", expected an integer from/);
    const clf = ParamForm(MODELS.classifier, doc());
    clf.element.querySelector<HTMLTextAreaElement>("[name=param-gbdt]")!.value = "{n_estimators: 3";
    expect(() => clf.read()).toThrow(/^parameter gbdt: got .*expected JSON/);
  });

  it("parseParam checks ranges and enums", () => {
    expect(parseParam("x", {type: "number", description: "", min: 0, max: 1}, "0.5")).toBe(0.5);
    expect(() => parseParam("x", {type: "number", description: "", min: 0, max: 1}, "2")).toThrow(/from 0 to 1/);
    expect(() => parseParam("x", {type: "number", description: ""}, "")).toThrow(/expected a number/);
    expect(parseParam("e", {type: "enum", description: "", values: ["a", "b"]}, "b")).toBe("b");
    expect(() => parseParam("e", {type: "enum", description: "", values: ["a", "b"]}, "c")).toThrow(/one of a, b/);
  });
});
