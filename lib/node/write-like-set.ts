/**
 * Writes a generated look-alike set (lib/data/synthetic-like.ts) in the exact file layout of the set
 * it imitates: ratings.csv, movies.csv, links.csv and tags.csv like ml-20m to ml-32m, or
 * ratings.dat, movies.dat and users.dat (ml-1m) or tags.dat (ml-10m). Ratings stream to disk one
 * user at a time; the files go to a temporary sibling directory that is renamed into place only when
 * all are written and synced, so an interrupted run (or a full disk) never leaves a half-written set
 * where a reader would take it for a whole one.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync
} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {createRng} from "../random.js";
import {forEachLikeUser, planLikeSet, type LikeOptions, type LikePlan, type LikeUser} from "../data/synthetic-like.js";
import type {SetShape} from "../data/synthetic-shapes.js";
import {ML1M_AGE_BUCKETS} from "../data/read-ml1m.js";

/** What was written, for the CLI's summary. */
export interface WrittenSet {
  dir: string;
  name: string;
  users: number;
  movies: number;
  ratings: number;
  files: {name: string; bytes: number}[];
  seconds: number;
}

const TAGS = [
  "funny",
  "atmospheric",
  "twist ending",
  "dark comedy",
  "based on a book",
  "visually appealing",
  "slow",
  "classic",
  "sci-fi",
  "quirky, charming"
];

/** Buffered writes of text to one file, counting bytes. */
class TextFile {
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, "wx");
  }
  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= 1 << 22) this.flush();
  }
  private flush(): void {
    if (this.chunks.length === 0) return;
    this.bytes += writeSync(this.fd, this.chunks.join(""));
    this.chunks = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

/** Generates a look-alike of `shape` into `outDir` (which must not exist or be empty); onProgress(done, total) per user batch. */
export function writeLikeSet(
  shape: SetShape,
  outDir: string,
  options: LikeOptions & {onProgress?: (ratings: number, total: number) => void} = {}
): WrittenSet {
  const started = performance.now();
  const dir = resolve(outDir);
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new Error(`${dir}: the directory exists and is not empty; choose a new --out (nothing was written)`);
  mkdirSync(dirname(dir), {recursive: true});
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.partial`);
  rmSync(tmp, {recursive: true, force: true});
  mkdirSync(tmp);
  const plan = planLikeSet(shape, options);
  const files: TextFile[] = [];
  const open = (name: string) => {
    const f = new TextFile(join(tmp, name));
    files.push(f);
    return f;
  };
  try {
    if (shape.layout === "csv") writeCsv(plan, open, options.onProgress);
    else writeDat(plan, open, options.onProgress);
    for (const f of files) f.close();
    if (existsSync(dir)) rmSync(dir, {recursive: true}); // empty, checked above
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, {recursive: true, force: true});
    throw e;
  }
  return {
    dir,
    name: shape.name,
    users: plan.users,
    movies: plan.movies.id.length,
    ratings: plan.ratings,
    files: files.map((f) => ({name: basename(f.path), bytes: f.bytes})),
    seconds: (performance.now() - started) / 1000
  };
}

function writeCsv(
  plan: LikePlan,
  open: (name: string) => TextFile,
  onProgress?: (n: number, total: number) => void
): void {
  const {movies} = plan;
  const ratings = open("ratings.csv");
  ratings.write("userId,movieId,rating,timestamp\n");
  // About one tag per 23 ratings, as in ml-25m (1,093,360 tags for 25,000,095 ratings).
  const tags = streamRatings(plan, ratings, 0.044, onProgress, (u, i, tag) =>
    tag === null
      ? `${u.userId},${u.movieId[i]},${u.rating[i].toFixed(1)},${u.timestamp[i]}\n`
      : `${u.userId},${u.movieId[i]},${csvField(tag)},${u.timestamp[i] + 60}\n`
  );
  const movieFile = open("movies.csv");
  movieFile.write("movieId,title,genres\n");
  for (let m = 0; m < movies.id.length; m++)
    movieFile.write(`${movies.id[m]},${csvField(movies.title[m])},${movies.genres[m]}\n`);
  if (plan.shape.tables.links) {
    const links = open("links.csv");
    links.write("movieId,imdbId,tmdbId\n");
    for (let m = 0; m < movies.id.length; m++)
      links.write(
        `${movies.id[m]},${String(100000 + movies.id[m] * 7).padStart(7, "0")},${m % 97 === 0 ? "" : 800 + movies.id[m] * 3}\n`
      );
  }
  if (plan.shape.tables.tags) {
    // ml-25m's tags.csv is ordered by user, then movie: the order they were made in here.
    const tagFile = open("tags.csv");
    tagFile.write("userId,movieId,tag,timestamp\n");
    for (const line of tags) tagFile.write(line);
  }
}

function writeDat(
  plan: LikePlan,
  open: (name: string) => TextFile,
  onProgress?: (n: number, total: number) => void
): void {
  const {movies, shape} = plan;
  const ratings = open("ratings.dat");
  // "5" and "3.5", as ml-10m writes them.
  const tags = streamRatings(plan, ratings, shape.tables.tags ? 0.01 : 0, onProgress, (u, i, tag) =>
    tag === null
      ? `${u.userId}::${u.movieId[i]}::${u.rating[i]}::${u.timestamp[i]}\n`
      : `${u.userId}::${u.movieId[i]}::${tag}::${u.timestamp[i] + 60}\n`
  );
  const movieFile = open("movies.dat");
  for (let m = 0; m < movies.id.length; m++) {
    // ml-1m lists every movie with at least one genre; "(no genres listed)" is ml-10m's.
    const genres = movies.genres[m] === "(no genres listed)" && shape.tables.users ? shape.genres[0] : movies.genres[m];
    movieFile.write(`${movies.id[m]}::${movies.title[m]}::${genres}\n`);
  }
  if (shape.tables.users) {
    const users = open("users.dat");
    const rng = createRng(plan.seed ^ 0x75736572);
    for (let u = 1; u <= plan.users; u++) {
      const gender = rng.next() < 0.72 ? "M" : "F";
      const age =
        ML1M_AGE_BUCKETS[
          Math.min(ML1M_AGE_BUCKETS.length - 1, Math.floor(rng.next() ** 1.4 * ML1M_AGE_BUCKETS.length))
        ];
      users.write(`${u}::${gender}::${age}::${rng.int(21)}::${String(10000 + rng.int(89999))}\n`);
    }
  }
  if (shape.tables.tags) {
    const tagFile = open("tags.dat");
    for (const line of tags) tagFile.write(line);
  }
}

/**
 * Writes every user's ratings to `file` as line(u, i, null); about tagShare of the rated pairs also
 * get a tag, returned as the lines line(u, i, tag) in the order made (by user, then movie).
 */
function streamRatings(
  plan: LikePlan,
  file: TextFile,
  tagShare: number,
  onProgress: ((n: number, total: number) => void) | undefined,
  line: (u: LikeUser, i: number, tag: string | null) => string
): string[] {
  const tagRng = createRng(plan.seed ^ 0x7a65);
  const tags: string[] = [];
  let done = 0;
  forEachLikeUser(plan, (u) => {
    let text = "";
    for (let i = 0; i < u.movieId.length; i++) {
      text += line(u, i, null);
      if (tagShare > 0 && tagRng.next() < tagShare) tags.push(line(u, i, TAGS[tagRng.int(TAGS.length)]));
    }
    file.write(text);
    done += u.movieId.length;
    if (onProgress && u.userId % 1000 === 0) onProgress(done, plan.ratings);
  });
  onProgress?.(done, plan.ratings);
  return tags;
}

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
