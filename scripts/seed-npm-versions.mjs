#!/usr/bin/env node
// Makes Framework's build and preview need no network on a fresh clone after `npm install`.
//
// Why: Framework bundles /_observablehq/client.js and stdlib.js with lazy imports of the libraries it
// recommends (react-dom, apache-arrow, mapbox-gl, parquet-wasm, …, about 15). To write their import
// paths it resolves each one's version: first from the names of the directories under
// <root>/.observablehq/cache/_npm/ (name@version), else from registry.npmjs.org. Our pages import
// none of them, but with the cache cleared (every build clears it) a machine without network fails
// there after 9 s with getaddrinfo EAI_AGAIN. (Framework ignores npm_config_registry.)
//
// What: for every npm: specifier in Framework's client code that is not a Framework builtin, create
// the empty directory <root>/.observablehq/cache/_npm/<name>@<version>, taking the version from
// node_modules when the package is installed (so paths match what the pages import) and from
// scripts/framework-npm-pins.json otherwise. Existing entries are left alone. The directories only
// answer "which version"; a library's code is still fetched, and only if a page imports it.
//
// Usage: node scripts/seed-npm-versions.mjs [--root notebooks] [--check] [--update-pins]
//   --check        exit 1 if a specifier has no version (a Framework upgrade added a library)
//   --update-pins  rewrite the pins file from the registry (needs the network)
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PINS = join(ROOT, "scripts", "framework-npm-pins.json");
const FRAMEWORK = join(ROOT, "node_modules", "@observablehq", "framework", "dist");

/** Package names in the npm: specifiers of Framework's client code ("npm:react-dom" → "react-dom"). */
export function frameworkNpmNames() {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) {
        for (const m of readFileSync(path, "utf8").matchAll(/["'`]npm:([^"'`]+)["'`]/g)) {
          const parts = m[1].split("/");
          const name = (m[1].startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]).replace(/(.)@.*$/, "$1");
          names.add(name);
        }
      }
    }
  };
  walk(join(FRAMEWORK, "client"));
  // Builtins map to Framework's own files (resolvers.js) and are never looked up on npm.
  const resolvers = readFileSync(join(FRAMEWORK, "resolvers.js"), "utf8");
  for (const m of resolvers.matchAll(/\["npm:([^"]+)", "\/_observablehq\//g)) names.delete(m[1]);
  return [...names].sort();
}

/** The version of `name` in node_modules, or null. */
function installedVersion(name) {
  const file = join(ROOT, "node_modules", name, "package.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).version : null;
}

/** Seeds <root>/.observablehq/cache/_npm; returns {seeded, missing}. */
export function seedNpmVersions(root = join(ROOT, "notebooks")) {
  const pins = JSON.parse(readFileSync(PINS, "utf8"));
  const cache = join(root, ".observablehq", "cache", "_npm");
  const seeded = [];
  const missing = [];
  for (const name of frameworkNpmNames()) {
    const dir = join(cache, ...name.split("/").slice(0, -1));
    const base = name.split("/").at(-1);
    if (existsSync(dir) && readdirSync(dir).some((e) => e.startsWith(`${base}@`))) continue;
    const version = installedVersion(name) ?? pins[name];
    if (version === undefined) {
      missing.push(name);
      continue;
    }
    mkdirSync(join(cache, `${name}@${version}`), {recursive: true});
    seeded.push(`${name}@${version}`);
  }
  return {seeded, missing};
}

async function updatePins() {
  const pins = JSON.parse(readFileSync(PINS, "utf8"));
  const next = {"//": pins["//"]};
  for (const name of frameworkNpmNames()) {
    if (installedVersion(name) !== null) continue;
    const res = await fetch(`https://registry.npmjs.org/${name}/latest`);
    if (!res.ok) throw new Error(`${name}: registry answered ${res.status}`);
    next[name] = (await res.json()).version;
  }
  writeFileSync(PINS, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const rootArg = args.indexOf("--root");
  const root = rootArg >= 0 ? resolve(args[rootArg + 1]) : join(ROOT, "notebooks");
  if (args.includes("--update-pins")) console.log(await updatePins());
  const {seeded, missing} = seedNpmVersions(root);
  if (seeded.length > 0)
    console.log(`seed-npm-versions: ${seeded.length} versions recorded for Framework (${seeded.join(", ")})`);
  if (missing.length > 0) {
    const message = `seed-npm-versions: no version for ${missing.join(", ")}: Framework will ask registry.npmjs.org (run with --update-pins once online)`;
    console.error(message);
    if (args.includes("--check")) process.exit(1);
  }
}
