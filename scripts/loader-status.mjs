// Preloaded into every data loader by scripts/preview.mjs (NODE_OPTIONS=--import): keeps a small JSON
// file saying which loader this process runs, since when, and the last line it wrote to stderr, so
// the preview can show in the page what is being computed and how far along it is. Loaders already
// narrate their work on stderr ("fold 3/5 …"); nothing in them has to change. Removed on exit.
import {renameSync, rmSync, writeFileSync} from "node:fs";
import {basename, join} from "node:path";
import {isMainThread} from "node:worker_threads";

const dir = process.env.MOVIELAB_LOADER_STATUS_DIR;
const entry = process.argv[1] ?? "";
// tsx's own launcher process and worker threads get the preload too; only the loader itself reports.
if (dir && isMainThread && /\.[A-Za-z0-9]+\.(ts|js|mjs)$/.test(entry)) {
  const file = join(dir, `${process.pid}.json`);
  const status = {
    loader: basename(entry).replace(/\.(ts|js|mjs)$/, ""),
    pid: process.pid,
    started: Date.now(),
    message: ""
  };
  let last = 0;
  const save = () => {
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify({...status, updated: Date.now()}));
      renameSync(`${file}.tmp`, file);
    } catch {
      // A status file is a courtesy; a full disk must not fail the loader.
    }
  };
  save();
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    const lines = String(chunk)
      .replace(/\x1b\[[0-9;]*[A-Za-z]/g, "")
      .split(/[\r\n]+/)
      .map((l) => l.trim())
      .filter((l) => l !== "");
    if (lines.length > 0) {
      status.message = lines.at(-1).slice(0, 300);
      if (Date.now() - last > 200) {
        last = Date.now();
        save();
      }
    }
    return write(chunk, ...rest);
  };
  process.on("exit", () => rmSync(file, {force: true}));
}
