// Data loader for data/pages.json: the site's sections and pages, read from observablehq.config.ts,
// so that the index lists exactly the pages in the sidebar as later issues add them.
// Runs under tsx at build time; JSON goes to stdout, progress to stderr.
import config from "../../observablehq.config.js";

interface ConfigPage {
  name: string;
  path: string;
}
interface ConfigSection {
  name: string;
  pages: ConfigPage[];
}

const sections = (config.pages as (ConfigPage | ConfigSection)[]).map((entry) =>
  "pages" in entry
    ? {name: entry.name, pages: entry.pages.map((p) => ({name: p.name, path: p.path}))}
    : {name: "", pages: [{name: entry.name, path: entry.path}]}
);
process.stderr.write(
  `pages.json: ${sections.reduce((n, s) => n + s.pages.length, 0)} pages in ${sections.length} sections\n`
);
process.stdout.write(JSON.stringify({sections}));
