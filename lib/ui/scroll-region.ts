/**
 * A box that scrolls its content (a wide table on a phone, a long table) must be reachable from the
 * keyboard, or its hidden part cannot be read without a mouse (WCAG 2.1.1; axe:
 * scrollable-region-focusable). While the content overflows, the box is a named region in the tab
 * order; when it fits again, it leaves the tab order so it adds no empty stop.
 */

/** Makes `box` a named, focusable region whenever its content overflows it; returns `box`. */
export function scrollRegion<T extends HTMLElement>(box: T, name: string): T {
  const update = (): void => {
    const scrolls = box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
    if (scrolls) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name);
    } else for (const a of ["tabindex", "role", "aria-label"]) box.removeAttribute(a);
  };
  const Observer = box.ownerDocument.defaultView?.ResizeObserver;
  if (!Observer) return box; // no layout (jsdom): nothing scrolls
  // The box's size changes with the window, its content's with the data: either may start or end the scroll.
  const observer = new Observer(update);
  observer.observe(box);
  const watchContent = (): void => {
    for (const child of box.children) observer.observe(child);
  };
  watchContent();
  new box.ownerDocument.defaultView!.MutationObserver(watchContent).observe(box, {childList: true});
  return box;
}

/** `content` in a `div.movielab-scroll` (scrolls sideways in its own box) that is a region while it scrolls. */
export function ScrollBox(content: Node, name: string, doc: Document = document): HTMLDivElement {
  const box = doc.createElement("div");
  box.className = "movielab-scroll";
  box.append(content);
  return scrollRegion(box, name);
}
