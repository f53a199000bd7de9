/**
 * Local paths in what the site publishes. Pages show where their data came from, but a built site is
 * deployed to strangers: this machine's directory layout (user names, mount points) must not travel
 * with it. Paths inside the project become project-relative ("data/ml-100k"); any other local path
 * keeps only its last component ("…/ml-100k"), which still names the set.
 */
import {homedir, tmpdir} from "node:os";
import {basename, dirname, isAbsolute, relative, resolve, sep} from "node:path";
import {PROJECT_ROOT} from "./project-root.js";

// Loaders run with any cwd, through a symlink: the root comes from where the code lives.
export {PROJECT_ROOT} from "./project-root.js";

/** The publishable form of a local path: relative to `cwd` when inside it, else "…/<last component>". */
export function publicPath(path: string, cwd: string = PROJECT_ROOT): string {
  if (!isAbsolute(path)) return path;
  const abs = resolve(path);
  const rel = relative(resolve(cwd), abs);
  if (rel === "") return ".";
  if (!rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  return `…/${basename(abs)}`;
}

/**
 * Directories whose absolute paths must not be published: the project, its parent, the home and
 * temporary directories, plus `extra` (e.g. the data set's directory). Roots ("/") are left out.
 */
export function localRoots(extra: readonly string[] = [], cwd: string = PROJECT_ROOT): string[] {
  const roots = [cwd, dirname(resolve(cwd)), homedir(), tmpdir(), ...extra].map((p) => resolve(p));
  return [...new Set(roots)].filter((p) => p !== dirname(p)).sort((a, b) => b.length - a.length);
}

/**
 * Replaces every absolute path under one of `roots` in a text (JSON included) by its publishable
 * form; longer roots first, so a data directory inside the project stays project-relative.
 */
export function redactLocalPaths(text: string, roots: readonly string[], cwd: string = PROJECT_ROOT): string {
  let out = text;
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    // A root followed by a path tail (no quotes, spaces or JSON/markup delimiters), as a whole word.
    const re = new RegExp(
      `(?<![\\w.~/-])${escapeRegExp(root)}(?=$|[/\\\\"'\`\\s:;,)\\]}<>])((?:[/\\\\][^\\s"'\`:;,)\\]}<>]*)?)`,
      "g"
    );
    out = out.replace(re, (_m, tail: string) => publicPath(root + tail, cwd));
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** JSON text of `value` with every local path under the usual roots and `dirs` made publishable. */
export function publicJson(value: unknown, dirs: readonly (string | undefined)[] = []): string {
  const extra = dirs.filter((d): d is string => d !== undefined && isAbsolute(d));
  return redactLocalPaths(JSON.stringify(value), localRoots(extra));
}
