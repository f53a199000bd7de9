// Data loader for data/runs.json: the run records under runs/ (MOVIELAB_RUNS_DIR to read another
// directory), newest first, and the files that are not valid records with the reason. Records carry
// names, parameters and metrics only, never rating rows, so they may be published; the local paths
// they hold (the data directory, the working directory) go through publicJson.
import {readRunsDir, runsDirOf} from "../../lib/node/runs-dir.js";
import {PROJECT_ROOT, publicJson, publicPath} from "../../lib/node/public-path.js";

const started = performance.now();
const dir = runsDirOf(undefined, process.env, PROJECT_ROOT);
const {records, errors} = readRunsDir(dir);
records.sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
for (const e of errors) process.stderr.write(`runs.json: skipped ${e.message}\n`);
const local = records.flatMap((r) => (r.invocation ? [r.invocation.data, r.invocation.cwd] : []));
process.stderr.write(
  `runs.json: ${records.length} records from ${publicPath(dir)} in ${Math.round(performance.now() - started)} ms\n`
);
process.stdout.write(publicJson({dir: publicPath(dir), runs: records, skipped: errors}, [dir, ...local]));
