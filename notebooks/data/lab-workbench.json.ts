// Data loader for data/lab-workbench.json: in the preview (`npm start`, MOVIELAB_PREVIEW=1) the workbench's
// own data set for the Lab, cleaned as `movielab cv` cleans it, with ml-100k's official folds when present;
// in a build, only {available: false}: the deployed site ships no MovieLens rows, the reader brings them.
import {workbenchJson} from "../../lib/lab/dataset-json.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {publicJson} from "../../lib/node/public-path.js";

if (process.env.MOVIELAB_PREVIEW !== "1") {
  process.stdout.write(
    JSON.stringify({
      available: false,
      reason: "a built site ships no MovieLens rows: the reader brings their own files"
    })
  );
} else {
  const started = performance.now();
  const opened = await openDataset({clean: {beforeRelease: false}});
  const official = opened.folds.hasOfficial ? await opened.folds.official() : null;
  process.stderr.write(
    `lab-workbench.json: ${opened.dataset.name}, ${opened.dataset.ratings.rating.length} ratings in ${Math.round(performance.now() - started)} ms\n`
  );
  process.stdout.write(publicJson(workbenchJson(opened.dataset, official, opened.report), [opened.dir ?? undefined]));
}
