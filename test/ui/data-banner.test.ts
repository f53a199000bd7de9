// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {DataBanner, SYNTHETIC_BANNER_CLASS} from "../../lib/ui/data-banner.js";

describe("DataBanner", () => {
  it("shows a synthetic-data warning with the reason", () => {
    const el = DataBanner({name: "synthetic", synthetic: true, reason: "MOVIELAB_DATA=synthetic"});
    expect(el.classList.contains(SYNTHETIC_BANNER_CLASS)).toBe(true);
    expect(el.getAttribute("label")).toBe("Synthetic data");
    expect(el.dataset.synthetic).toBe("true");
    expect(el.textContent).toContain("synthetic ratings");
    expect(el.textContent).toContain("Why: MOVIELAB_DATA=synthetic.");
  });

  it("is a quiet note without the warning for real data", () => {
    const el = DataBanner({name: "ml-100k", synthetic: false, reason: "found data/ml-100k"});
    expect(el.classList.contains(SYNTHETIC_BANNER_CLASS)).toBe(false);
    expect(el.classList.contains("warning")).toBe(false);
    expect(el.dataset.synthetic).toBe("false");
    expect(el.textContent).toBe("Data: ml-100k — found data/ml-100k");
  });

  it("renders names and reasons as text, never as markup", () => {
    const evil = `<img src=x onerror="alert(1)">`;
    for (const synthetic of [true, false]) {
      const el = DataBanner({name: evil, synthetic, reason: evil});
      expect(el.querySelector("img")).toBeNull();
      expect(el.textContent).toContain(evil);
    }
  });
});
