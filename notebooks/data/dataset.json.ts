// Data loader for data/dataset.json: which data set the workbench runs on, why, and its summary.
// Runs under tsx at build time; JSON goes to stdout, progress to stderr.
import {openDataset} from "../../lib/node/open-dataset.js";
import {publicJson} from "../../lib/node/public-path.js";

const started = performance.now();
const {summary, origin, reason, synthetic} = await openDataset();
process.stderr.write(
  `dataset.json: ${summary.name} (${origin}: ${reason}), ${summary.counts.ratings} ratings in ${Math.round(performance.now() - started)} ms\n`
);
// The page shows where the data came from, without this machine's directory layout.
process.stdout.write(
  publicJson({name: summary.name, origin, reason, synthetic, summary}, [
    summary.source.kind === "files" ? summary.source.dir : undefined
  ])
);
