// @vitest-environment jsdom
import {afterEach, describe, expect, it} from "vitest";
import {ScrollBox, scrollRegion} from "../../lib/ui/scroll-region.js";

/** jsdom has no layout: a ResizeObserver the test triggers, and box sizes the test sets. */
const observers: (() => void)[] = [];
class FakeResizeObserver {
  constructor(private readonly callback: () => void) {
    observers.push(() => this.callback());
  }
  observe(): void {}
  disconnect(): void {}
}
const resize = (): void => observers.forEach((o) => o());
function size(el: HTMLElement, box: {scrollWidth: number; clientWidth: number}): void {
  for (const [k, v] of Object.entries({...box, scrollHeight: 10, clientHeight: 10}))
    Object.defineProperty(el, k, {configurable: true, value: v});
}

afterEach(() => {
  observers.length = 0;
  delete (window as {ResizeObserver?: unknown}).ResizeObserver;
});

describe("scrollRegion", () => {
  it("is a named region in the tab order only while its content overflows", () => {
    (window as {ResizeObserver?: unknown}).ResizeObserver = FakeResizeObserver;
    const box = scrollRegion(document.createElement("div"), "Run records");
    size(box, {scrollWidth: 600, clientWidth: 375});
    resize();
    expect([box.tabIndex, box.getAttribute("role"), box.getAttribute("aria-label")]).toEqual([
      0,
      "region",
      "Run records"
    ]);
    size(box, {scrollWidth: 375, clientWidth: 375});
    resize();
    expect([box.hasAttribute("tabindex"), box.hasAttribute("role"), box.hasAttribute("aria-label")]).toEqual([
      false,
      false,
      false
    ]);
  });

  it("leaves the box alone where there is no layout", () => {
    const box = ScrollBox(document.createElement("table"), "Examples");
    expect(box.className).toBe("movielab-scroll");
    expect(box.firstElementChild?.tagName).toBe("TABLE");
    expect(box.hasAttribute("tabindex")).toBe(false);
  });
});
