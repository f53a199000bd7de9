import {JSDOM} from "jsdom";
import {describe, expect, it} from "vitest";
import {CompareTable, compareRows} from "../../lib/lab/compare.js";
import {RunsTable} from "../../lib/lab/runs-table.js";
import {copyForTransfer} from "../../lib/lab/transfer.js";
import {RUN_RECORD, type RecommenderCvJson} from "../../lib/reports/cv-result.js";

const doc = () => new JSDOM("<!doctype html><body></body>").window.document;

function record(id: string, rmse: number[], extra: Partial<RecommenderCvJson> = {}): RecommenderCvJson {
  const ms = (xs: number[]) => ({mean: xs.reduce((a, b) => a + b, 0) / xs.length, sd: 0});
  return {
    record: RUN_RECORD,
    id,
    source: "lab",
    created_at: "2026-12-06T23:00:00.000Z",
    dataset: "synthetic",
    fingerprint: "sha256:" + "a".repeat(64),
    n_ratings: 100,
    model: "mf",
    description: "biased MF",
    protocol: "k-fold",
    seed: 42,
    params: {factors: 10},
    folds: rmse.map((r, i) => ({
      fold: `fold${i + 1}`,
      rmse: r,
      mae: r / 2,
      fit_seconds: 1,
      predict_seconds: 0,
      n_train: 80,
      n_test: 20,
      fallbacks: 0
    })),
    rmse: ms(rmse),
    mae: ms(rmse.map((r) => r / 2)),
    fit_seconds: ms([1]),
    predict_seconds: ms([0]),
    wall_seconds: 2,
    ...extra
  };
}

describe("RunsTable", () => {
  it("shows a run through the contract: data-run, data-status, metric cells with the mean as text", () => {
    const d = doc();
    const table = new RunsTable({document: d});
    let cancelled = 0;
    const row = table.addRunning(
      {id: "tmp", model: "mf", dataset: "s", protocol: "k-fold", seed: 1, changed: {}},
      () => cancelled++
    );
    const tr = () => table.element.querySelector<HTMLElement>("tr[data-run]")!;
    expect(tr().dataset.status).toBe("running");
    row.fold([
      {
        fold: "fold1",
        nTrain: 8,
        nTest: 2,
        fallbacks: 0,
        fitSeconds: 1,
        predictSeconds: 0,
        metrics: {rmse: 0.9, mae: 0.7}
      }
    ]);
    expect(tr().querySelector("[data-metric=rmse]")!.textContent).toBe("0.9000");
    tr().querySelector<HTMLButtonElement>("[data-action=cancel]")!.click();
    expect(cancelled).toBe(1);
    row.done(record("lab-1", [0.9, 0.95], {metrics: {accuracy: {mean: 0.41234567, sd: 0}}}));
    expect(tr().dataset.run).toBe("lab-1");
    expect(tr().dataset.status).toBe("done");
    expect(tr().querySelector("[data-metric=rmse]")!.textContent).toBe("0.9250");
    expect(tr().querySelector<HTMLElement>("[data-metric=accuracy]")!.dataset.value).toBe("0.41234567");
    expect(tr().querySelector("[data-metric=ndcg]")!.textContent).toBe("");
    const failed = table.addRunning(
      {id: "t2", model: "mf", dataset: "s", protocol: "k-fold", seed: 1, changed: {}},
      () => {}
    );
    failed.failed("boom");
    expect(table.element.querySelector<HTMLElement>("tr[data-run=t2]")!.dataset.status).toBe("failed");
    const c = table.addRunning(
      {id: "t3", model: "mf", dataset: "s", protocol: "k-fold", seed: 1, changed: {}},
      () => {}
    );
    c.cancelled();
    expect(table.element.querySelector<HTMLElement>("tr[data-run=t3]")!.dataset.status).toBe("cancelled");
  });

  it("names every control for its run, and keeps focus off the body when a run ends under it", () => {
    const d = doc();
    const table = new RunsTable({document: d});
    d.body.append(table.element);
    const label = {id: "t", model: "mf", dataset: "s", protocol: "hold-out", seed: 1, changed: {}};
    const cancelled = table.addRunning(label, () => {});
    const tr = () => table.element.querySelector<HTMLElement>("tr[data-run=t]")!;
    expect(tr().querySelector("input[name=compare]")!.getAttribute("aria-label")).toBe(
      "Compare the run of mf (hold-out)"
    );
    expect(tr().querySelector("progress")!.getAttribute("aria-label")).toBe("Progress of the run of mf (hold-out)");
    const cancel = tr().querySelector<HTMLButtonElement>("[data-action=cancel]")!;
    expect(cancel.getAttribute("aria-label")).toBe("Cancel the run of mf (hold-out)");
    cancel.focus();
    cancelled.cancelled();
    expect(d.activeElement).toBe(tr().querySelector(".lab-status"));
    expect(d.activeElement!.textContent).toBe("cancelled");
    // A run that finishes while its Cancel button has focus hands focus to its Delete button.
    const finished = table.addRunning({...label, id: "u"}, () => {});
    table.element.querySelector<HTMLButtonElement>("tr[data-run=u] [data-action=cancel]")!.focus();
    finished.done(record("lab-2", [0.9]));
    const del = table.element.querySelector<HTMLButtonElement>("tr[data-run=lab-2] [data-action=delete]")!;
    expect(d.activeElement).toBe(del);
    expect(del.getAttribute("aria-label")).toBe("Delete the run of mf (k-fold), lab-2");
    // Deleting a row under the keyboard hands focus to the row that takes its place, else the one above.
    table.addDone(record("lab-3", [0.8]));
    del.click();
    expect(d.activeElement).toBe(table.element.querySelector("tr[data-run=lab-3] [data-action=delete]"));
    (d.activeElement as HTMLButtonElement).click();
    expect(d.activeElement).toBe(table.element.querySelector("tr[data-run=t] input[name=compare]"));
    // The control columns have headers for screen readers.
    const heads = [...table.element.querySelectorAll("th")].map((th) => th.textContent);
    expect([heads[0], heads.at(-1)]).toEqual(["compare", "actions"]);
  });

  it("deletes and selects finished runs", () => {
    const d = doc();
    const deleted: string[] = [];
    const selected: string[][] = [];
    const table = new RunsTable({
      document: d,
      onDelete: (id) => deleted.push(id),
      onSelect: (ids) => selected.push(ids)
    });
    table.addDone(record("a", [1]));
    table.addDone(record("b", [2]));
    const box = table.element.querySelector<HTMLInputElement>("tr[data-run=b] input[type=checkbox]")!;
    box.checked = true;
    box.dispatchEvent(new d.defaultView!.Event("change"));
    expect(selected.at(-1)).toEqual(["b"]);
    table.element.querySelector<HTMLButtonElement>("tr[data-run=a] [data-action=delete]")!.click();
    expect(deleted).toEqual(["a"]);
    expect(table.element.querySelectorAll("tr[data-run]")).toHaveLength(1);
  });
});

describe("compare and transfer", () => {
  it("puts runs side by side and flags what differs", () => {
    const a = record("a", [0.9, 1.0]);
    const b = record("b", [0.8, 0.9], {params: {factors: 20}});
    const rows = compareRows([a, b]);
    expect(rows.find((r) => r.label === "param factors")).toEqual({
      label: "param factors",
      values: ["10", "20"],
      differs: true
    });
    expect(rows.find((r) => r.label === "model")!.differs).toBe(false);
    expect(rows.find((r) => r.label === "RMSE fold2")!.values).toEqual(["1.0000", "0.9000"]);
    expect(CompareTable([a, b], doc()).querySelectorAll("tr[data-differs]").length).toBeGreaterThan(0);
  });

  it("copyForTransfer copies typed arrays and lists their buffers", () => {
    const x = {a: Int32Array.from([1, 2]), b: [{c: Float64Array.from([3])}], s: "t", n: null};
    const {value, transfer} = copyForTransfer(x);
    expect(value).toEqual(x);
    expect(value.a).not.toBe(x.a);
    expect(transfer).toEqual([value.a.buffer, value.b[0].c.buffer]);
  });
});
