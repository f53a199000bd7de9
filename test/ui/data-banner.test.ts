// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {DataBanner, isOfflineReason, ML100K_ZIP_URL, SYNTHETIC_BANNER_CLASS} from "../../lib/ui/data-banner.js";

describe("DataBanner", () => {
  it("shows a synthetic-data warning with the reason", () => {
    const el = DataBanner({name: "synthetic", synthetic: true, reason: "MOVIELAB_DATA=synthetic"});
    expect(el.classList.contains(SYNTHETIC_BANNER_CLASS)).toBe(true);
    expect(el.getAttribute("label")).toBe("Synthetic data");
    expect(el.dataset.synthetic).toBe("true");
    expect(el.textContent).toContain("Synthetic ratings");
    expect(el.querySelectorAll(":scope > p")).toHaveLength(2);
    expect(el.querySelector("details summary")?.textContent).toBe("Why synthetic data");
    expect(el.querySelector("details p")?.textContent).toMatch(/^MOVIELAB_DATA=synthetic\. The seeded generator/);
    expect(el.textContent).toContain("npx movielab data fetch ml-100k");
  });

  it("points to the manual download when the fetch failed offline", () => {
    const reason =
      "no data/ml-100k; download of https://files.grouplens.org/… failed: getaddrinfo ENOTFOUND files.grouplens.org";
    const el = DataBanner({name: "synthetic", synthetic: true, reason});
    expect(el.querySelector("a")?.href).toBe(ML100K_ZIP_URL);
    expect(el.textContent).toContain("data/ml-100k/");
    expect(el.textContent).not.toContain("npx movielab data fetch");
    expect(el.querySelector("details p")?.textContent).toContain(reason);
  });

  it("recognises offline reasons", () => {
    expect(isOfflineReason("getaddrinfo EAI_AGAIN files.grouplens.org")).toBe(true);
    expect(isOfflineReason("TypeError: fetch failed")).toBe(true);
    expect(isOfflineReason("MOVIELAB_OFFLINE=1 and no data/ml-100k")).toBe(true);
    expect(isOfflineReason("MOVIELAB_DATA=synthetic")).toBe(false);
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
