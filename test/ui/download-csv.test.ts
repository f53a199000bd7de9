// @vitest-environment jsdom
import {describe, expect, it, vi} from "vitest";
import {csvField, DownloadCsv, toCsv} from "../../lib/ui/download-csv.js";

describe("toCsv", () => {
  it("quotes per RFC 4180 and leaves missing values empty", () => {
    expect(csvField('Say "hi", world')).toBe('"Say ""hi"", world"');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField(null)).toBe("");
    expect(csvField(NaN)).toBe("");
    expect(csvField(new Date(Date.UTC(1998, 2, 1)))).toBe("1998-03-01T00:00:00.000Z");
    expect(
      toCsv([
        {title: "Alpha, The (1995)", n: 3},
        {title: "Beta", n: null}
      ])
    ).toBe('title,n\r\n"Alpha, The (1995)",3\r\nBeta,\r\n');
    expect(toCsv([{a: 1, b: 2}], ["b"])).toBe("b\r\n2\r\n");
    expect(toCsv([])).toBe("\r\n");
  });
});

describe("DownloadCsv", () => {
  it("offers the rows as a Blob URL download when clicked, then revokes it", async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => (created.push(b), "blob:fake"));
    const revokeObjectURL = vi.fn();
    Object.assign(window.URL, {createObjectURL, revokeObjectURL});
    const clicks: string[] = [];
    const orig = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push(`${this.download} ${this.href}`);
    };
    try {
      const a = DownloadCsv([{x: 1}, {x: 2}], {filename: "t.csv"});
      expect(a.textContent).toBe("Download CSV (2 rows)");
      document.body.append(a);
      a.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
      expect(clicks).toEqual(["t.csv blob:fake"]);
      expect(await created[0].text()).toBe("x\r\n1\r\n2\r\n");
      await new Promise((r) => setTimeout(r, 5));
      expect(revokeObjectURL).toHaveBeenCalledWith("blob:fake");
    } finally {
      HTMLAnchorElement.prototype.click = orig;
    }
  });
});
