/**
 * What a keyboard user sees of the focused element, read in the page: which element has focus (through
 * open shadow roots), its accessible name as far as labels go, and its focus indicator (computed outline
 * or box-shadow) with the indicator's contrast against what surrounds it. WCAG 2.4.7 asks for a visible
 * indicator; 1.4.11 asks non-text contrast of at least 3:1, which is the bar used here.
 */
import type {Page} from "playwright-core";

/** The focused element as a keyboard test sees it. */
export interface FocusState {
  /** Tag, id, classes and the stable hooks (name, data-action, role), e.g. `input#x[name=rating]`. */
  desc: string;
  /** The accessible name from aria-label, aria-labelledby, <label> or the text, trimmed ("" when none). */
  name: string;
  /** Computed outline, e.g. "2px solid rgb(59, 95, 192)"; "" when none. */
  outline: string;
  /** Computed box-shadow; "" when none. */
  boxShadow: string;
  /** Contrast ratio (1..21) of the outline colour against the background behind it; 0 without an outline. */
  contrast: number;
  /** Its index in a depth-first walk of the composed tree: the next Tab stop must have a larger one. */
  order: number;
  /** The id of the `<movielab-predict>` holding it ("" outside one). */
  within: string;
  /** The element is the page's body (focus was lost or never placed). */
  isBody: boolean;
}

/** Reads the focused element's state (see FocusState). */
export function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(PROBE) as Promise<FocusState>;
}

/** Problems with the focus indicator of `s`, empty when it is visible with 3:1 contrast or more. */
export function indicatorProblems(s: FocusState, minContrast = 3): string[] {
  if (s.isBody) return ["focus is on the body: nothing is focused"];
  if (s.outline === "" && s.boxShadow === "") return [`${s.desc} has no focus indicator (outline and box-shadow none)`];
  if (s.outline !== "" && s.contrast < minContrast && s.boxShadow === "")
    return [`${s.desc} focus outline ${s.outline} has contrast ${s.contrast.toFixed(2)}:1, below ${minContrast}:1`];
  return [];
}

// Kept as a string: it runs in the page, where the test's module scope does not exist.
const PROBE = `(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  const isBody = !el || el === document.body || el === document.documentElement;
  if (isBody) return {desc: "body", name: "", outline: "", boxShadow: "", contrast: 0, order: -1, within: "", isBody: true};
  const cs = getComputedStyle(el);
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  // Any CSS colour (rgb, color-mix, oklab…) to sRGB bytes, by painting it on white.
  const rgba = (color) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    return [...ctx.getImageData(0, 0, 1, 1).data];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => (c * top[3] + under[i] * (255 - top[3])) / 255);
  // The background behind a box: the first ancestor (through shadow hosts) with a painted background.
  const backdrop = (start) => {
    const layers = [];
    for (let n = start; n; n = n.parentElement ?? n.getRootNode().host ?? null) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 255) break;
    }
    let rgb = [255, 255, 255];
    for (const c of layers.reverse()) rgb = over(c, rgb);
    return rgb;
  };
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hasOutline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
  const behind = backdrop(el.parentElement ?? el.getRootNode().host ?? document.body);
  const contrast = hasOutline ? ratio(over(rgba(cs.outlineColor), behind), behind) : 0;
  const text = (n) => (n ? n.textContent.replace(/\\s+/g, " ").trim() : "");
  const root = el.getRootNode();
  const named =
    el.getAttribute("aria-label") ??
    (el.getAttribute("aria-labelledby")
      ? el.getAttribute("aria-labelledby").split(/\\s+/).map((id) => text(root.getElementById(id))).join(" ")
      : null) ??
    (el.labels && el.labels.length > 0 ? [...el.labels].map(text).join(" ") : null) ??
    text(el);
  // The element's place in a depth-first walk of the composed tree (open shadow roots inside their host).
  let order = 0;
  let found = -1;
  const walk = (node) => {
    for (const child of node.children) {
      order += 1;
      if (child === el) found = order;
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(document);
  const attr = (a) => (el.hasAttribute(a) ? "[" + a + "=" + el.getAttribute(a) + "]" : "");
  return {
    desc:
      el.tagName.toLowerCase() +
      (el.id ? "#" + el.id : "") +
      attr("name") + attr("data-action") + attr("role") + attr("type"),
    name: named.trim(),
    outline: hasOutline ? cs.outlineWidth + " " + cs.outlineStyle + " " + cs.outlineColor : "",
    boxShadow: cs.boxShadow === "none" ? "" : cs.boxShadow,
    contrast,
    order: found,
    within: (el.closest("movielab-predict") ?? root.host?.closest("movielab-predict"))?.id ?? "",
    isBody: false
  };
})()`;
