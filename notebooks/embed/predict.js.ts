// Loader for /embed/predict.js, the module other sites import (listed in dynamicPaths). Framework cannot
// export a module whose imports reach a package with dependencies of its own (the classifier's feature
// pipeline uses ml-pca → ml-matrix: the build fails with "Cannot find module 'ml-matrix@…/index.js'"), so
// esbuild bundles lib/widget/embed.ts and everything it imports into one self-contained ES module with
// no imports at all: a host page needs CORS for this one file and for the model bundle or API it uses.
import {build} from "esbuild";
import {fileURLToPath} from "node:url";

const entry = fileURLToPath(new URL("../../lib/widget/embed.ts", import.meta.url));
const started = performance.now();
const result = await build({
  entryPoints: [entry],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "inline",
  write: false,
  logLevel: "warning"
});
const code = result.outputFiles[0].text;
if (/\bfrom\s*["']node:|\bimport\(\s*["']node:/.test(code))
  throw new Error("embed/predict.js: the bundle imports a node: module; lib/widget must stay browser-only");
process.stderr.write(
  `embed/predict.js: ${(code.length / 1024).toFixed(0)} KiB in ${Math.round(performance.now() - started)} ms\n`
);
process.stdout.write(
  `/* movielab prediction widget — defines <movielab-predict>; see the site's "Embed the widget" page. */\n${code}`
);
