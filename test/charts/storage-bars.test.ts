import {describe, expect, it} from "vitest";
import {StorageBars} from "../../lib/charts/storage-bars.js";
import {count, jsdomDocument, mark, plotSvg} from "./render.js";

describe("StorageBars", () => {
  it("draws a labelled bar per layout", () => {
    const el = StorageBars(
      [
        {layout: "dense", bytes: 6_344_704},
        {layout: "CSR", bytes: 803_776}
      ],
      {width: 500, document: jsdomDocument()}
    );
    const svg = plotSvg(el);
    expect(svg.getAttribute("aria-label")).toBe("Bytes of the rating matrix by layout: dense 6.3 MB, CSR 804 kB");
    expect(count(mark(svg, "bar")!, "rect")).toBe(2);
    expect(el.outerHTML).toMatchSnapshot();
  });
});
