/**
 * A model's parameter inputs, generated from its declared schema (lib/models/estimator.ts ParamSpec):
 * a number input with the declared range for integers and numbers, a checkbox for booleans, a select
 * for enums and a JSON text area for structured values, each labelled with the parameter's name and
 * described by its one-line description, filled with the default. `read()` gives the parameters that
 * differ from the defaults, checked against the schema; a bad value throws naming the parameter and
 * what was expected. The seed is left out: the Lab's run seed reseeds seeded models, as `movielab cv --seed`.
 */
import {effectiveDefaults, type AnyModel, type ParamSpec} from "../models/estimator.js";
import {useLabStyles} from "./lab-styles.js";

export interface ParamForm {
  element: HTMLElement;
  /** The parameters over the model's defaults (only those changed); throws a RangeError for a bad value. */
  read(): Record<string, unknown>;
}

/** Parses and checks one input's text against its spec. */
export function parseParam(name: string, spec: ParamSpec, text: string | boolean): unknown {
  if (spec.type === "boolean") return text === true || text === "true";
  if (spec.type === "enum") {
    if (!spec.values?.includes(String(text)))
      throw new RangeError(`parameter ${name}: got "${text}", expected one of ${spec.values?.join(", ")}`);
    return text;
  }
  if (spec.type === "json") {
    try {
      return JSON.parse(String(text));
    } catch {
      throw new RangeError(`parameter ${name}: got ${JSON.stringify(text)}, expected JSON (${spec.description})`);
    }
  }
  const x = String(text).trim() === "" ? NaN : Number(text);
  const range = `${spec.min ?? "−∞"} to ${spec.max ?? "∞"}`;
  const ok =
    Number.isFinite(x) &&
    (spec.type !== "integer" || Number.isInteger(x)) &&
    (spec.min === undefined || x >= spec.min) &&
    (spec.max === undefined || x <= spec.max);
  if (!ok)
    throw new RangeError(
      `parameter ${name}: got "${text}", expected ${spec.type === "integer" ? "an integer" : "a number"} from ${range}`
    );
  return x;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The form of `model`'s parameters (see the module comment). */
export function ParamForm(model: AnyModel, doc: Document = document): ParamForm {
  useLabStyles(doc);
  const element = doc.createElement("div");
  element.className = "lab-params";
  // A selecting model (bpmf, bayes-fm) shows the defaults of the model it selects for.
  const defaults = effectiveDefaults(model);
  const readers: Array<() => [string, unknown]> = [];
  for (const [name, spec] of Object.entries(model.params as Record<string, ParamSpec>)) {
    if (name === "seed") continue;
    const label = doc.createElement("label");
    label.className = "lab-param";
    // Name, input and description side by side where they fit; on a phone they wrap rather than
    // widening the page.
    label.style.cssText = "display:flex;flex-wrap:wrap;gap:0.25rem 0.75rem;align-items:baseline;margin:0.25rem 0;";
    const title = doc.createElement("span");
    title.className = "lab-param-name";
    title.textContent = name;
    title.style.cssText = "flex:0 0 9rem;";
    const help = doc.createElement("small");
    help.className = "lab-muted";
    help.style.cssText = "flex:1 1 14rem;min-width:0;";
    help.textContent =
      spec.description +
      (spec.min !== undefined || spec.max !== undefined ? ` (${spec.min ?? ""}–${spec.max ?? ""})` : "");
    let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const value = defaults[name];
    if (spec.type === "boolean") {
      const box = doc.createElement("input");
      box.type = "checkbox";
      box.checked = value === true;
      input = box;
    } else if (spec.type === "enum") {
      const select = doc.createElement("select");
      for (const v of spec.values ?? []) {
        const option = doc.createElement("option");
        option.value = option.textContent = v;
        option.selected = v === value;
        select.append(option);
      }
      input = select;
    } else if (spec.type === "json") {
      const area = doc.createElement("textarea");
      area.rows = 2;
      area.value = JSON.stringify(value ?? null);
      input = area;
    } else {
      const num = doc.createElement("input");
      num.type = "number";
      if (spec.min !== undefined) num.min = String(spec.min);
      if (spec.max !== undefined) num.max = String(spec.max);
      num.step = spec.type === "integer" ? "1" : "any";
      num.value = value === undefined || value === null ? "" : String(value);
      input = num;
    }
    input.name = `param-${name}`;
    if (spec.type !== "boolean")
      input.style.cssText = "flex:1 1 9rem;max-width:14rem;min-width:0;box-sizing:border-box;";
    input.title = spec.description;
    label.append(title, input, help);
    element.append(label);
    // A parameter without a default (null: the model decides) stays unset while its input is empty.
    const unset = value === undefined || value === null;
    readers.push(() => {
      if (input.type === "checkbox") return [name, (input as HTMLInputElement).checked];
      if (unset && input.value.trim() === "") return [name, value];
      return [name, parseParam(name, spec, input.value)];
    });
  }
  return {
    element,
    read: () => Object.fromEntries(readers.map((r) => r()).filter(([name, v]) => !same(v, defaults[name])))
  };
}
