// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import * as Inputs from "../../lib/ui/inputs.js";

// jsdom has no layout: Inputs.table scrolls its box back to the top when it sorts.
HTMLElement.prototype.scrollTo ??= () => {};

const ROWS = Array.from({length: 40}, (_, i) => ({id: i + 1, title: `Movie ${i + 1}`}));

/** Inputs whose accessible name is neither an aria-label, a <label for> nor an enclosing <label>. */
function unnamed(root: Element): Element[] {
  return [...root.querySelectorAll("input, select, textarea")].filter((el) => {
    if (el.getAttribute("aria-label")?.trim()) return false;
    if (el.closest("label")) return false;
    return !(el.id && root.querySelector(`label[for="${el.id}"]`));
  });
}

describe("table", () => {
  it("draws a display table without the selection column Inputs.table adds", () => {
    const form = Inputs.table(ROWS);
    expect(form.querySelectorAll("input")).toHaveLength(0);
    expect([...form.querySelectorAll("thead th")].map((th) => th.getAttribute("title"))).toEqual([null, "id", "title"]);
    expect(form.querySelectorAll("tbody tr").length).toBeGreaterThan(0);
  });

  it("names every checkbox of a selectable table, rows added later included", async () => {
    const form = Inputs.table(ROWS, {select: true, rows: 5});
    document.body.append(form);
    expect(form.querySelector("thead input")?.getAttribute("aria-label")).toBe("Select all rows");
    const rows = [...form.querySelectorAll("tbody input")];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.getAttribute("aria-label")).slice(0, 2)).toEqual(["Select row 1", "Select row 2"]);
    // Sorting rebuilds the rows: the new checkboxes are named too (the observer runs as a microtask).
    form.querySelector<HTMLElement>('thead th[title="title"]')!.click();
    await Promise.resolve();
    expect(unnamed(form)).toEqual([]);
    expect(form.querySelectorAll("tbody input").length).toBeGreaterThan(0);
    form.remove();
  });

  it("keeps Inputs' other options", () => {
    const form = Inputs.table(ROWS, {
      columns: ["title", "id"],
      header: {title: "Title"},
      sort: "id",
      reverse: true
    });
    expect(form.querySelector("tbody tr td:nth-child(2)")?.textContent).toBe("Movie 40");
    expect(form.querySelector("thead th:nth-child(2)")?.textContent).toContain("Title");
  });
});

describe("range", () => {
  it("names the slider by its label, as the number box is", () => {
    const form = Inputs.range([1, 200], {label: "Minimum ratings", step: 1, value: 20});
    expect(form.querySelector("input[type=range]")?.getAttribute("aria-label")).toBe("Minimum ratings");
    expect(unnamed(form)).toEqual([]);
    expect(form.value).toBe(20);
  });

  it("uses ariaLabel when there is no visible label", () => {
    const form = Inputs.range([0, 1], {ariaLabel: "Threshold", step: 0.1});
    expect(form.querySelector("input[type=range]")?.getAttribute("aria-label")).toBe("Threshold");
  });
});
