import {describe, expect, it} from "vitest";
import {randomRatingFolds} from "../../lib/data/folds.js";
import {crossValidate} from "../../lib/eval/cross-validate.js";
import {getModel} from "../../lib/models/registry.js";
import {createCvHandler, type CvWorkerResponse} from "../../lib/workers/cross-validate.js";
import {CV_RUNS, cvDataset, figures} from "./cv-fixture.js";

const dataset = cvDataset();

describe("cross-validation worker", () => {
  for (const {model, params} of CV_RUNS) {
    it(`${model}: gives crossValidate's figures exactly, with progress for every fold`, async () => {
      const out: CvWorkerResponse[] = [];
      await createCvHandler((r) => out.push(r))({type: "run", id: 1, dataset, model, params, folds: 3, seed: 7});
      const result = out.find((r) => r.type === "result");
      if (result?.type !== "result") throw new Error(JSON.stringify(out.find((r) => r.type === "error")));
      const direct = await crossValidate(getModel(model), randomRatingFolds(dataset, 3, 7), {params: params as never});
      expect(figures(result.summary)).toEqual(figures(direct));
      const done = out.flatMap((r) => (r.type === "progress" && r.progress.phase === "done" ? [r.progress.fold] : []));
      expect(done).toEqual([0, 1, 2]);
      expect(out.every((r) => r.type !== "progress" || r.progress.folds === 3)).toBe(true);
    });
  }

  it("stops between folds on cancel, and names bad models and fold counts", async () => {
    const out: CvWorkerResponse[] = [];
    const handle = createCvHandler((r) => {
      out.push(r);
      if (r.type === "progress" && r.progress.phase === "done" && r.progress.fold === 0)
        void handle({type: "cancel", id: 2});
    });
    await handle({type: "run", id: 2, dataset, model: "baseline", folds: 3, seed: 7});
    expect(out.at(-1)).toMatchObject({type: "error", id: 2, cancelled: true});
    expect(out.some((r) => r.type === "result")).toBe(false);
    expect(out.filter((r) => r.type === "progress" && r.progress.phase === "done")).toHaveLength(1);

    const errors: CvWorkerResponse[] = [];
    const h = createCvHandler((r) => errors.push(r));
    await h({type: "run", id: 3, dataset, model: "nope", folds: 3, seed: 7});
    await h({type: "run", id: 4, dataset, model: "baseline", folds: 1, seed: 7});
    expect(errors[0]).toMatchObject({type: "error", id: 3, cancelled: false});
    expect((errors[0] as {message: string}).message).toMatch(/unknown model "nope"/);
    expect(errors[1]).toMatchObject({type: "error", id: 4, cancelled: false});
  });
});
