// Data loader for data/inputs.css: the themed stylesheet of @observablehq/inputs that Framework adds only
// when a page uses the implicit (CDN) Inputs. Pages import Inputs from node_modules, so they link this copy:
// Framework's own file with its placeholder namespace set to the class the Inputs package uses.
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

const source = fileURLToPath(
  new URL("../../node_modules/@observablehq/framework/dist/client/stdlib/inputs.css", import.meta.url)
);
// Framework's rollup applies the same rewrite (rewriteInputsNamespace) when it bundles this file.
const NAMESPACE = "inputs-3a86ea";
const css = readFileSync(source, "utf8");
if (!css.includes("__ns__")) throw new Error(`${source}: no __ns__ placeholder; Framework changed its inputs.css`);
process.stdout.write(css.replace(/\b__ns__\b/g, NAMESPACE));
