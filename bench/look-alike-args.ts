import {tmpdir} from "node:os";
import {join, resolve} from "node:path";

/** The command-line options every full-size bench shares: which look-alike, what fraction of it, and where it lives. */
export function lookAlikeArgs(argv: string[] = process.argv.slice(2)) {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const like = arg("like", "ml-25m");
  const fraction = Number(arg("fraction", "1"));
  const dir = resolve(arg("dir", join(tmpdir(), `movielab-bench-${like}-${fraction}`)));
  return {arg, like, fraction, dir};
}
