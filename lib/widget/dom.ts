/**
 * The only way the widget makes DOM: elements with attributes and text children. Strings always
 * become text nodes (textContent), never markup, so a title like `<img src=x onerror=…>` is shown
 * as those characters. No innerHTML anywhere in lib/widget.
 */

export type Child = Node | string | number | null | undefined | false;

/** Creates an HTML element with attributes (null/false skips one) and children (strings as text). */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Creates an SVG element with attributes and children (strings as text). */
export function s(
  doc: Document,
  tag: string,
  attrs: Record<string, string | number | null | undefined> = {},
  ...children: Child[]
): SVGElement {
  const el = doc.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

function setAttrs(el: Element, attrs: Record<string, string | number | boolean | null | undefined>): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
}

/** Appends children; strings and numbers as text nodes. */
export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? el.ownerDocument!.createTextNode(String(c)) : c);
  }
}

/** Replaces all children of el. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, ...children);
}

let counter = 0;
/** A document-unique id with the given prefix (for label/aria wiring). */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
