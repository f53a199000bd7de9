// A minimal Observable Framework site, built offline in a scratch directory: Framework's own page
// template and default theme with one Plot chart and one Inputs.table, for bench/axe-report.ts to
// compare movielab's pages with what Framework's defaults give.
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {seedNpmVersions} from "../../scripts/seed-npm-versions.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The minimal page: Framework's default template, one Plot chart and one Inputs.table. */
const MINIMAL_PAGE = `# Minimal

\`\`\`js
import * as Plot from "@observablehq/plot";
import * as Inputs from "@observablehq/inputs";
const rows = Array.from({length: 20}, (_, i) => ({x: i, y: (i * 7) % 11, name: \`row \${i}\`}));
\`\`\`

\`\`\`js
display(Plot.plot({marks: [Plot.barY(rows, {x: "x", y: "y"}), Plot.ruleY([0])]}));
display(Inputs.table(rows));
\`\`\`
`;

/** Builds the minimal Framework site offline in a new scratch directory; returns its dist/ (the caller removes the directory). */
export function buildMinimalSite(): string {
  const dir = mkdtempSync(join(tmpdir(), "movielab-axe-minimal-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src", "index.md"), MINIMAL_PAGE);
  writeFileSync(join(dir, "observablehq.config.js"), `export default {root: "src", title: "Minimal"};\n`);
  // Framework resolves the pages' bare imports from the project's node_modules.
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  // Framework's client bundle otherwise asks registry.npmjs.org for library versions (see the script).
  seedNpmVersions(join(dir, "src"));
  const r = spawnSync(join(ROOT, "node_modules", ".bin", "observable"), ["build"], {
    cwd: dir,
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1"},
    encoding: "utf8"
  });
  if (r.status !== 0) throw new Error(`the minimal Framework site did not build:\n${r.stdout}${r.stderr}`);
  return join(dir, "dist");
}
