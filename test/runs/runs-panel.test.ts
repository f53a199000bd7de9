import {JSDOM} from "jsdom";
import {describe, expect, it} from "vitest";
import {runsToCsv} from "../../lib/lab/run-io.js";
import {PairedList, RunsPanel} from "../../lib/runs/runs-panel.js";
import {cvRecord} from "./fixture.js";

const dom = () => new JSDOM("<!doctype html><body></body>").window;

function tick(panel: RunsPanel, id: string): void {
  const box = panel.element.querySelector<HTMLInputElement>(`tr[data-run="${id}"] input[type=checkbox]`)!;
  box.checked = true;
  box.dispatchEvent(new box.ownerDocument.defaultView!.Event("change"));
}

describe("RunsPanel", () => {
  it("says how to make a run when there is none, and draws no chart", () => {
    const w = dom();
    const panel = new RunsPanel([], {document: w.document, emptyText: "Make one with movielab cv --model mf"});
    const empty = panel.element.querySelector<HTMLElement>(".runs-empty")!;
    expect(empty.hidden).toBe(false);
    expect(empty.textContent).toBe("Make one with movielab cv --model mf");
    expect(panel.element.querySelector("[data-chart]")).toBeNull();
    expect(panel.element.querySelector<HTMLElement>("table.lab-runs")!.parentElement!.hidden).toBe(true);
  });

  it("shows each run in the Lab's table, charts the newest, and compares the ticked ones", () => {
    const w = dom();
    const a = cvRecord([1.0, 0.9], {id: "cli-a"});
    const b = cvRecord([0.9, 0.85], {id: "cli-b", model: "mf"});
    const panel = new RunsPanel([a, b], {document: w.document, emptyText: "none"});
    expect(panel.element.querySelector<HTMLElement>(".runs-empty")!.hidden).toBe(true);
    const rows = [...panel.element.querySelectorAll("tr[data-run]")].map((r) => r.getAttribute("data-run"));
    expect(rows).toEqual(["cli-a", "cli-b"]);
    expect(panel.element.querySelector('tr[data-run="cli-b"] td[data-metric=rmse]')!.textContent).toBe("0.8750");
    expect(panel.element.querySelector('[data-chart="run-folds"] svg')).not.toBeNull();
    expect(panel.element.querySelector("table.lab-compare")).toBeNull();
    tick(panel, "cli-a");
    tick(panel, "cli-b");
    expect(panel.element.querySelector("table.lab-compare")).not.toBeNull();
    const pair = panel.element.querySelector('p[data-pair="cli-a cli-b"]')!;
    expect(pair.textContent).toMatch(/paired over 2 folds/);
    const rmse = [...panel.element.querySelectorAll(".runs-paired-table tbody tr")][0];
    expect([...rmse.querySelectorAll("td")].map((c) => c.textContent)).toEqual([
      "rmse",
      "-0.07500",
      "0.03536",
      "-3.00",
      "2/2"
    ]);
  });

  it("imports the Lab's CSV export beside the records", async () => {
    const w = dom();
    const panel = new RunsPanel([cvRecord([1.0, 0.9], {id: "cli-a"})], {document: w.document, emptyText: "none"});
    const input = panel.element.querySelector<HTMLInputElement>("input[type=file][name=runs]")!;
    const lab = cvRecord([0.95, 0.9], {id: "lab-20261206T231500Z-9f3a0c11", source: "lab"});
    const file = new w.File([runsToCsv([lab])], "movielab-runs.csv", {type: "text/csv"});
    let files = [file];
    Object.defineProperty(input, "files", {get: () => files});
    input.dispatchEvent(new w.Event("change"));
    await new Promise((r) => setTimeout(r, 20));
    expect(panel.element.querySelector(`tr[data-run="${lab.id}"]`)).not.toBeNull();
    const bad = new w.File(["id,model\nx,y\n"], "bad.csv", {type: "text/csv"});
    files = [bad];
    input.dispatchEvent(new w.Event("change"));
    await new Promise((r) => setTimeout(r, 20));
    expect(panel.element.querySelector(".lab-error")!.textContent).toMatch(
      /^bad\.csv line 1, field "source": expected a column named source/
    );
  });
});

describe("PairedList", () => {
  it("says why runs on different data are not compared fold by fold", () => {
    const w = dom();
    const a = cvRecord([1.0, 0.9], {id: "cli-a"});
    const b = cvRecord([1.0, 0.9], {id: "cli-b", fingerprint: `sha256:${"f".repeat(64)}`});
    expect(PairedList([a, b], w.document).textContent).toMatch(/not comparable fold by fold \(different data/);
  });
});
