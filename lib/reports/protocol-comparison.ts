/**
 * The same models under several evaluation protocols (lib/eval/protocols), side by side: rating
 * models' RMSE under official / u1 / kfold / temporal-global / temporal-user, top-N models' nDCG@10,
 * P@10, R@10 and MAP under msr and the temporal ones, and how much a random split flatters each model
 * (its figure under the random protocol minus, or for RMSE plus, its figure under a temporal one).
 * Every figure goes through the one harness (lib/eval/cross-validate.ts).
 */
import {crossValidate, meanSd, type MeanSd} from "../eval/cross-validate.js";
import {PROTOCOLS, type ProtocolInput, type ProtocolName, type ProtocolTask} from "../eval/protocols/index.js";
import type {AnyModel} from "../models/estimator.js";

/** One model under one protocol: the folds it ran on and each metric's mean ± sd over them. */
export interface ProtocolCell {
  model: string;
  label: string;
  protocol: ProtocolName;
  folds: string[];
  /** Folds the protocol defines (more than `folds` when the run was cut short to save time). */
  protocolFolds: number;
  /** rmse, mae (rating); ndcg@k, precision@k, recall@k, map@k (ranking). */
  metrics: Record<string, MeanSd>;
  /** Each fold's value of each metric, in `folds` order. */
  perFold: Array<Record<string, number>>;
  fitSeconds: number;
}

/** One protocol as the page describes it. */
export interface ProtocolNote {
  protocol: ProtocolName;
  description: string;
  source: string;
  /** The sentence of the folds made (split, seeds, rows dropped). */
  made: string;
}

/** How much a random split flatters a model: headline metric under `random` against each temporal protocol. */
export interface FlatteryRow {
  model: string;
  label: string;
  metric: string;
  random: ProtocolName;
  randomValue: number;
  temporal: ProtocolName;
  temporalValue: number;
  /** How much better the random split makes the model look (≥ 0 when it flatters), in the metric's unit. */
  flattery: number;
}

export interface ProtocolComparisonPlan {
  task: ProtocolTask;
  models: readonly AnyModel[];
  protocols: readonly ProtocolName[];
  /** Folds each protocol runs at most (default: all); a slow model (`slow: true`) runs one. */
  maxFolds?: Partial<Record<ProtocolName, number>>;
  /** Cut-off of the ranking metrics (default 10). */
  k?: number;
}

export interface ProtocolComparison {
  task: ProtocolTask;
  protocols: ProtocolNote[];
  cells: ProtocolCell[];
}

/** Runs every model of the plan under every protocol of it; onStep reports (model, protocol) as each starts. */
export async function compareProtocols(
  input: ProtocolInput,
  plan: ProtocolComparisonPlan,
  onStep?: (model: string, protocol: ProtocolName) => void
): Promise<ProtocolComparison> {
  const k = plan.k ?? 10;
  const notes: ProtocolNote[] = [];
  const cells: ProtocolCell[] = [];
  for (const name of plan.protocols) {
    const protocol = PROTOCOLS[name];
    const made = protocol.folds(input);
    notes.push({protocol: name, description: protocol.description, source: protocol.source, made: made.description});
    const cap = plan.maxFolds?.[name] ?? made.folds.length;
    for (const model of plan.models) {
      // u1 is official's first split: read it off the official run (the same fit) when there is one.
      const official =
        name === "u1" ? cellOf({task: plan.task, protocols: notes, cells}, model.name, "official") : undefined;
      const u1 = official?.folds.indexOf("u1") ?? -1;
      if (official !== undefined && u1 >= 0) {
        const perFold = [official.perFold[u1]];
        const metrics = Object.fromEntries(Object.keys(perFold[0]).map((m) => [m, meanSd([perFold[0][m]])]));
        cells.push({...official, protocol: "u1", folds: ["u1"], protocolFolds: 1, metrics, perFold});
        continue;
      }
      onStep?.(model.name, name);
      const folds = made.folds.slice(0, model.slow ? 1 : cap);
      const e = await crossValidate(model, folds, {
        metrics: plan.task === "rating" ? ["rating"] : ["ranking"],
        ks: [k]
      });
      const keep =
        plan.task === "rating" ? ["rmse", "mae"] : [`ndcg@${k}`, `precision@${k}`, `recall@${k}`, `map@${k}`];
      cells.push({
        model: model.name,
        label: model.label,
        protocol: name,
        folds: e.folds.map((f) => f.fold),
        protocolFolds: made.folds.length,
        metrics: Object.fromEntries(keep.map((m) => [m, e.metrics[m]])),
        perFold: e.folds.map((f) => Object.fromEntries(keep.map((m) => [m, f.metrics[m]]))),
        fitSeconds: e.fitSeconds.mean
      });
    }
  }
  return {task: plan.task, protocols: notes, cells};
}

/** The cell of one model under one protocol, or undefined. */
export function cellOf(c: ProtocolComparison, model: string, protocol: ProtocolName): ProtocolCell | undefined {
  return c.cells.find((x) => x.model === model && x.protocol === protocol);
}

/**
 * Each model's flattery: metric under `random` against each temporal protocol. lowerIsBetter (RMSE):
 * temporal − random; else (nDCG): random − temporal. Models missing either cell are left out.
 */
export function flattery(
  c: ProtocolComparison,
  metric: string,
  random: ProtocolName,
  temporal: readonly ProtocolName[],
  lowerIsBetter: boolean
): FlatteryRow[] {
  const models = [...new Map(c.cells.map((x) => [x.model, x.label])).entries()];
  const rows: FlatteryRow[] = [];
  for (const [model, label] of models) {
    const r = cellOf(c, model, random)?.metrics[metric];
    if (r === undefined) continue;
    for (const t of temporal) {
      const v = cellOf(c, model, t)?.metrics[metric];
      if (v === undefined) continue;
      const gap = lowerIsBetter ? v.mean - r.mean : r.mean - v.mean;
      rows.push({model, label, metric, random, randomValue: r.mean, temporal: t, temporalValue: v.mean, flattery: gap});
    }
  }
  return rows;
}
