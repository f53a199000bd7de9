/** `movielab data fetch | check | list | synth | export`: get MovieLens sets, validate and clean them, see what is here. */
import {readdirSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import type {CleaningReport} from "../../lib/data/cleaning-report.js";
import {detectFormat} from "../../lib/data/detect-format.js";
import {findDataset, KNOWN_DATASETS, MOVIELENS_LICENCE, type MovieLensEntry} from "../../lib/data/registry.js";
import type {DatasetSummary} from "../../lib/data/summary.js";
import type {RawDataset} from "../../lib/data/types.js";
import {defaultDataRoot} from "../../lib/node/data-root.js";
import {fetchDataset} from "../../lib/node/fetch-dataset.js";
import {createProgress} from "../../lib/node/progress.js";
import {openDataset, resolveDatasetSpec} from "../../lib/node/open-dataset.js";
import {table, UsageError, type Command, type CommandContext, type OptionSpec} from "../cli-command.js";
import {FORMAT_OPTION, formatOption, readProgress} from "../options/dataset.js";
import {integerOption, stringOption} from "../options/values.js";
import {SHAPE_NAMES, setShape} from "../../lib/data/synthetic-shapes.js";
import {writeLikeSet} from "../../lib/node/write-like-set.js";
import {exportParquet} from "../../lib/node/export-parquet.js";

const DATA_ROOT: OptionSpec = {
  type: "string",
  value: "DIR",
  description: "where named sets live (default <repo>/data, or MOVIELAB_DATA_ROOT)"
};
const JSON_OUT: OptionSpec = {type: "boolean", description: "print JSON on stdout instead of text (no progress bar)"};

function dataRootOf(ctx: CommandContext): string {
  const given = ctx.options["data-root"];
  return typeof given === "string" ? resolve(ctx.cwd, given) : defaultDataRoot(ctx.env);
}

const fetchCommand: Command = {
  name: "fetch",
  summary: "download a MovieLens set from GroupLens, verify it and unpack it into data/<name>/",
  description:
    "Downloads https://files.grouplens.org/datasets/movielens/<name>.zip, checks its size and the checksum this project\n" +
    "records, and unpacks its folder into <data-root>/<name>/. A previous copy is replaced only when all of that succeeded.",
  args: [{name: "name", description: `one of ${KNOWN_DATASETS.map((e) => e.name).join(", ")}`}],
  options: {
    "data-root": DATA_ROOT,
    "no-verify": {type: "boolean", description: "accept the download without checking size and checksum"},
    json: JSON_OUT
  },
  async run(ctx) {
    const entry = findDataset(ctx.args[0]);
    if (entry === undefined) {
      throw new UsageError(
        `unknown data set "${ctx.args[0]}": expected one of ${KNOWN_DATASETS.map((e) => e.name).join(", ")}`,
        "movielab data fetch"
      );
    }
    const verify = ctx.options["no-verify"] !== true;
    const json = ctx.options.json === true;
    const progress = createProgress({label: `${entry.name}.zip`, disabled: json || !ctx.stderrIsTTY, env: ctx.env});
    const started = Date.now();
    const dir = await fetchDataset(entry.name, {
      dataRoot: dataRootOf(ctx),
      verify,
      onProgress: (b, t) => progress.update(b, t)
    });
    progress.finish();
    const files = readdirSync(dir).sort();
    const verified = verify
      ? `verified (${entry.sha256 !== null ? "size, SHA-256" : "size, MD5"})`
      : "NOT verified (--no-verify)";
    if (json) {
      ctx.out(
        `${JSON.stringify({name: entry.name, dir, files, verified: verify, url: entry.url, seconds: (Date.now() - started) / 1000}, null, 2)}\n`
      );
    } else {
      ctx.out(
        `${entry.name}: downloaded from ${entry.url}, ${verified}, unpacked into ${dir} (${files.join(", ")})\n${MOVIELENS_LICENCE}\n`
      );
    }
  }
};

const synthCommand: Command = {
  name: "synth",
  summary: "generate a seeded look-alike of a big MovieLens set (ml-1m … ml-32m) in its exact file layout",
  description:
    "Writes a synthetic set shaped like a published one: its user, movie and rating counts (or --fraction of them),\n" +
    "its files and columns (ratings.csv, movies.csv, links.csv, tags.csv; or ratings.dat, movies.dat, users.dat / tags.dat),\n" +
    "its rating scale and star shares, long-tailed activity and popularity, no repeated (user, movie) pair, ratings\n" +
    "from latent factors. The normal readers read it. Files go to a temporary directory renamed into place at the end.",
  options: {
    like: {type: "string", value: "NAME", description: `the set to imitate: ${SHAPE_NAMES.join(", ")}`},
    out: {
      type: "string",
      short: "o",
      value: "DIR",
      description: "new directory to write (must not exist, or be empty)"
    },
    seed: {type: "string", value: "N", description: "PRNG seed (default 42)"},
    fraction: {type: "string", value: "X", description: "share of the published size, in (0, 1] (default 1)"},
    json: JSON_OUT
  },
  async run(ctx) {
    const where = "movielab data synth";
    const like = stringOption(ctx.options.like, "like", where, `NAME (${SHAPE_NAMES.join(", ")})`);
    if (!SHAPE_NAMES.includes(like))
      throw new UsageError(`--like "${like}": expected one of ${SHAPE_NAMES.join(", ")}`, where);
    const out = resolve(ctx.cwd, stringOption(ctx.options.out, "out", where, "DIR"));
    const seed = ctx.options.seed === undefined ? 42 : integerOption(ctx.options.seed, "seed", 0, 2 ** 31 - 1, where);
    const fraction = ctx.options.fraction === undefined ? 1 : Number(ctx.options.fraction);
    if (!(fraction > 0 && fraction <= 1))
      throw new UsageError(`--fraction "${String(ctx.options.fraction)}": expected a number in (0, 1]`, where);
    const json = ctx.options.json === true;
    const progress = createProgress({label: `${like} ratings`, disabled: json || !ctx.stderrIsTTY, env: ctx.env});
    const written = writeLikeSet(setShape(like), out, {seed, fraction, onProgress: (n, t) => progress.update(n, t)});
    progress.finish();
    if (json) ctx.out(`${JSON.stringify(written, null, 2)}\n`);
    else
      ctx.out(
        `${written.dir}: a synthetic ${like} look-alike (seed ${seed}${fraction < 1 ? `, ${fraction} of its size` : ""}): ` +
          `${written.ratings.toLocaleString("en-US")} ratings by ${written.users.toLocaleString("en-US")} users of ` +
          `${written.movies.toLocaleString("en-US")} movies, in ${written.seconds.toFixed(1)} s\n` +
          written.files
            .map((f) => `  ${f.name.padEnd(12)} ${(f.bytes / 2 ** 20).toFixed(1).padStart(8)} MiB\n`)
            .join("")
      );
  }
};

const exportCommand: Command = {
  name: "export",
  summary: "write a data set's ratings, movies and folds as Parquet for Spark, DuckDB and pandas",
  description:
    "Reads a data set as `movielab cv` does (every rating kept) and writes ratings.parquet (userId, movieId, rating,\n" +
    "timestamp, fold), movies.parquet (movieId, title, year, genres) and folds.parquet into a new directory. The fold\n" +
    "column is each rating's test fold: ml-100k's official u1..u5 when present, else --folds seeded folds, the same\n" +
    "ones `movielab cv --folds N --seed S` uses. Ids are MovieLens' own, so Spark's ALS trains on ratings.parquet as\n" +
    "it is. Files are written to a temporary directory renamed into place at the end.",
  args: [{name: "dir|name|synthetic", description: "a MovieLens directory, a set name like ml-100k, or synthetic"}],
  options: {
    "data-root": DATA_ROOT,
    format: {type: "string", value: "parquet", description: "the file format to write (parquet, the only one today)"},
    layout: {...FORMAT_OPTION, description: `the input layout: ${FORMAT_OPTION.description}`},
    out: {
      type: "string",
      short: "o",
      value: "DIR",
      description: "new directory to write (must not exist, or be empty)"
    },
    folds: {
      type: "string",
      value: "N",
      description: "number of seeded folds when the set has no official ones (default 5)"
    },
    seed: {type: "string", value: "N", description: "fold seed (default 42)"},
    json: JSON_OUT
  },
  async run(ctx) {
    const where = "movielab data export";
    const to = ctx.options.format === undefined ? "parquet" : String(ctx.options.format);
    if (to !== "parquet") throw new UsageError(`--format "${to}": expected parquet`, where);
    const out = resolve(ctx.cwd, stringOption(ctx.options.out, "out", where, "DIR"));
    const count = ctx.options.folds === undefined ? 5 : integerOption(ctx.options.folds, "folds", 2, 100, where);
    const seed = ctx.options.seed === undefined ? 42 : integerOption(ctx.options.seed, "seed", 0, 2 ** 31 - 1, where);
    const target = resolveDatasetSpec(ctx.args[0], {dataRoot: dataRootOf(ctx), cwd: ctx.cwd, label: "data export"});
    const layout = ctx.options.layout;
    if (layout !== undefined && layout !== "ml-100k" && layout !== "ml-1m" && layout !== "csv")
      throw new UsageError(`--layout "${String(layout)}": expected ml-100k, ml-1m or csv`, where);
    const opened = await openDataset({
      target,
      clean: {beforeRelease: false},
      format: layout,
      onStep: readProgress(ctx)
    });
    const progress = createProgress({
      label: "writing ratings.parquet (rows)",
      disabled: ctx.options.json === true || !ctx.stderrIsTTY,
      env: ctx.env,
      unit: "items"
    });
    const written = await exportParquet(opened, out, {
      count,
      seed,
      onProgress: (rows, total) => progress.update(rows, total)
    });
    progress.finish();
    if (ctx.options.json === true) ctx.out(`${JSON.stringify({name: opened.dataset.name, ...written}, null, 2)}\n`);
    else
      ctx.out(
        `${written.dir}: ${opened.dataset.name} as Parquet, folds: ${written.folds.description}, in ${written.seconds.toFixed(1)} s\n` +
          written.files
            .map(
              (f) =>
                `  ${f.name.padEnd(16)} ${f.rows.toLocaleString("en-US").padStart(12)} rows ${(f.bytes / 2 ** 20).toFixed(1).padStart(8)} MiB\n`
            )
            .join("") +
          `Read it with DuckDB (SELECT * FROM '${join(written.dir, "ratings.parquet")}'), pandas.read_parquet or spark.read.parquet.\n`
      );
  }
};

/** Everything `data check` reports, as printed with --json. */
export interface CheckResult {
  name: string;
  format: string;
  dir: string | null;
  scale: RawDataset["scale"];
  read: {ratings: number; movies: number; users: number | null};
  report: CleaningReport;
  summary: DatasetSummary;
}

const checkCommand: Command = {
  name: "check",
  summary: "read, validate and clean a data set; print counts and the cleaning report",
  description:
    "Reads a data set (a directory, a set name under the data root, or the word synthetic), validates every file,\n" +
    "applies the cleaning rules and prints what was read and what each rule removed. Bad data exits 1 with the\n" +
    "file, line, field and value that are wrong.",
  args: [{name: "dir|name|synthetic", description: "a MovieLens directory, a set name like ml-100k, or synthetic"}],
  options: {"data-root": DATA_ROOT, format: FORMAT_OPTION, json: JSON_OUT},
  async run(ctx) {
    const target = resolveDatasetSpec(ctx.args[0], {dataRoot: dataRootOf(ctx), cwd: ctx.cwd, label: "data check"});
    const {raw, report, summary} = await openDataset({
      target,
      keepRaw: true,
      format: formatOption(ctx),
      onStep: readProgress(ctx)
    });
    const result: CheckResult = {
      name: raw.name,
      format: raw.source.format,
      dir: raw.source.dir ?? null,
      scale: raw.scale,
      read: {ratings: raw.ratings.rating.length, movies: raw.movies.id.length, users: raw.users?.id.length ?? null},
      report,
      summary
    };
    ctx.out(ctx.options.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatCheck(result));
  }
};

/** The human form of a check: what was read, each rule's removals with examples, notes. */
export function formatCheck(r: CheckResult): string {
  const n = (x: number): string => x.toLocaleString("en-US");
  const lines = [`${r.name} (${r.format}${r.dir ? `, ${r.dir}` : ""})`, ""];
  lines.push(
    ...table([
      ["ratings read", n(r.read.ratings)],
      ["movies", n(r.read.movies)],
      ["users", r.read.users === null ? "no users table" : n(r.read.users)],
      ["rating scale", `${r.scale.min}..${r.scale.max} in steps of ${r.scale.step}`]
    ]),
    "",
    "Cleaning:"
  );
  lines.push(
    ...table([
      ["rule", "removed  description"],
      ...r.report.rules.map((rule) => [rule.rule, `${n(rule.removed).padStart(7)}  ${rule.description}`])
    ])
  );
  lines.push(`  kept ${n(r.report.rowsOut)} of ${n(r.report.rowsIn)} ratings`);
  for (const rule of r.report.rules.filter((x) => x.examples.length > 0)) {
    lines.push("", `  ${rule.rule}, examples:`);
    for (const e of rule.examples)
      lines.push(`    user ${e.userId}, movie ${e.movieId}, rating ${e.rating}: ${e.reason}`);
  }
  if (r.report.warnings.length > 0)
    lines.push("", "Warnings:", ...r.report.warnings.map((warning) => `  - ${warning}`));
  if (r.report.notes.length > 0) lines.push("", "Notes:", ...r.report.notes.map((note) => `  - ${note}`));
  const s = r.summary;
  lines.push(
    "",
    "After cleaning:",
    ...table([
      ["ratings", n(s.counts.ratings)],
      ["users", n(s.counts.users)],
      ["movies", n(s.counts.movies)],
      ["genres", n(s.counts.genres)],
      ["mean rating", `${s.mean.toFixed(3)} (sd ${s.sd.toFixed(3)})`],
      ["dates", `${s.firstRating?.slice(0, 10) ?? "-"} to ${s.lastRating?.slice(0, 10) ?? "-"}`]
    ]),
    ""
  );
  return lines.join("\n");
}

/** Local state of one known set: its directory, and whether the files there are recognisable. */
function localState(
  entry: MovieLensEntry,
  dataRoot: string
): {dir: string; state: "present" | "incomplete" | "absent"} {
  const dir = join(dataRoot, entry.name);
  try {
    if (!statSync(dir).isDirectory()) return {dir, state: "absent"};
    return {dir, state: detectFormat(readdirSync(dir)) === null ? "incomplete" : "present"};
  } catch {
    return {dir, state: "absent"};
  }
}

const listCommand: Command = {
  name: "list",
  summary: "the MovieLens sets this project knows, and which are present locally",
  options: {"data-root": DATA_ROOT, json: JSON_OUT},
  async run(ctx) {
    const root = dataRootOf(ctx);
    const rows = KNOWN_DATASETS.map((e) => ({...e, local: localState(e, root)}));
    if (ctx.options.json === true) {
      ctx.out(
        `${JSON.stringify({dataRoot: root, licence: MOVIELENS_LICENCE, sets: rows.map((r) => ({...r, local: r.local.state, dir: r.local.dir}))}, null, 2)}\n`
      );
      return;
    }
    const header = ["name", "zip MB", "checksum", "tables", "here", "description"];
    const body = rows.map((r) => [
      r.name,
      r.size === null ? "?" : (r.size / 1e6).toFixed(1),
      r.sha256 !== null ? "sha256" : r.md5 !== null ? "md5" : "none",
      (["users", "tags", "links"] as const).filter((t) => r.tables[t]).join(",") || "-",
      r.local.state,
      r.description
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const line = (cells: string[]): string =>
      cells
        .map((c, i) => (i === cells.length - 1 ? c : i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .join("  ");
    ctx.out([line(header), ...body.map(line), "", `Data root: ${root}`, MOVIELENS_LICENCE, ""].join("\n"));
  }
};

export const command: Command = {
  name: "data",
  summary: "fetch, check, list, generate and export MovieLens data sets",
  description:
    "Fetch MovieLens sets from GroupLens, validate and clean them, list what is present, generate look-alikes of the\n" +
    "big sets, and export a set as Parquet for Spark, DuckDB and pandas.",
  subcommands: [fetchCommand, checkCommand, listCommand, synthCommand, exportCommand]
};
