/**
 * The MovieLens data sets the workbench knows how to fetch, with the size and checksums of each
 * GroupLens zip so that a download can be verified before anything is unpacked. Browser-safe
 * (no Node imports): pages use it for names, descriptions and licence notes.
 *
 * Where the numbers come from (this project's machines are offline, so none was measured here):
 * - size and SHA-256 of ml-100k, ml-1m, ml-latest-small and ml-25m: TensorFlow Datasets,
 *   tensorflow/datasets `tensorflow_datasets/url_checksums/movielens.txt`
 *   (commit 1c076ac3c19c8ea83e1d1a75e0623c9a699e0d7c), which records URL, size and sha256.
 * - MD5 of ml-100k, ml-1m, ml-25m: the `.zip.md5` files GroupLens publishes next to each zip, as
 *   copied into eli-osherovich/papers_with_code `datasets/movielens/dl_config.py`.
 * - ml-32m (not in TFDS): no SHA-256 was found in any public source available to us, so it is null.
 *   Its MD5 d472be33… is GroupLens's published `ml-32m.zip.md5` (quoted by several public projects
 *   that pass it to pooch as `known_hash="md5:…"`), and its size 238,950,008 bytes comes from a
 *   public download manifest (`expected_bytes`) of a project that pins the same MD5.
 * - ml-latest-small: GroupLens's MD5 was not found; SHA-256 and size are from TFDS.
 * - ml-20m: size and SHA-256 from TFDS, MD5 from GroupLens's .zip.md5 (as above). ml-10m: only
 *   GroupLens's MD5 (as above); its zip unpacks to ml-10M100K/.
 */
import type {DatasetFormat} from "./types.js";

/** One downloadable MovieLens data set. */
export interface MovieLensEntry {
  /** Short name, also the directory under data/ (e.g. "ml-100k"). */
  name: string;
  /** Download URL of the zip at GroupLens. */
  url: string;
  /** Exact size of the zip in bytes, null when no trusted source recorded it. */
  size: number | null;
  /** Lower-case hex SHA-256 of the zip, null when unknown. */
  sha256: string | null;
  /** Lower-case hex MD5 of the zip as GroupLens publishes it, null when unknown. */
  md5: string | null;
  /** The folder inside the zip that holds the files (e.g. "ml-100k"). */
  innerDir: string;
  /** Which reader the files need. */
  format: Exclude<DatasetFormat, "synthetic">;
  /** One line: what is in it. */
  description: string;
  /** Where size and checksums were taken from. */
  checksumSource: string;
  /** Which tables it has beyond ratings and movies (pages show what a set has and step aside otherwise). */
  tables: {
    /** Has user demographics (ml-100k, ml-1m). */
    users: boolean;
    /** Has free-text tags. */
    tags: boolean;
    /** Has links to IMDb and TMDB ids. */
    links: boolean;
  };
}

/** The GroupLens terms that apply to every MovieLens set: shown wherever real data is used. */
export const MOVIELENS_LICENCE =
  "MovieLens data © GroupLens Research, University of Minnesota: research use only, no redistribution " +
  'without permission, no commercial use. Cite F. M. Harper and J. A. Konstan, "The MovieLens Datasets: ' +
  'History and Context", ACM TiiS 5(4):19, 2015.';

const BASE_URL = "https://files.grouplens.org/datasets/movielens";
const TFDS = "tensorflow/datasets url_checksums/movielens.txt (size, sha256); GroupLens .zip.md5";

const ENTRIES: MovieLensEntry[] = [
  {
    name: "ml-100k",
    url: `${BASE_URL}/ml-100k.zip`,
    size: 4_924_029,
    sha256: "50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229",
    md5: "0e33842e24a9c977be4e0107933c0723",
    innerDir: "ml-100k",
    format: "ml-100k",
    description: "100,000 ratings (1–5) by 943 users of 1,682 movies, 1997–98, with user demographics",
    checksumSource: TFDS,
    tables: {users: true, tags: false, links: false}
  },
  {
    name: "ml-latest-small",
    url: `${BASE_URL}/ml-latest-small.zip`,
    size: 978_202,
    sha256: "696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436",
    md5: null,
    innerDir: "ml-latest-small",
    format: "csv",
    description: "100,836 ratings (0.5–5, half stars) by 610 users of 9,742 movies, 1996–2018",
    checksumSource: "tensorflow/datasets url_checksums/movielens.txt (size, sha256)",
    tables: {users: false, tags: true, links: true}
  },
  {
    name: "ml-1m",
    url: `${BASE_URL}/ml-1m.zip`,
    size: 5_917_549,
    sha256: "a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20",
    md5: "c4d9eecfca2ab87c1945afe126590906",
    innerDir: "ml-1m",
    format: "ml-1m",
    description: "1,000,209 ratings (1–5) by 6,040 users of about 3,900 movies, 2000–03, with user demographics",
    checksumSource: TFDS,
    tables: {users: true, tags: false, links: false}
  },
  {
    name: "ml-10m",
    url: `${BASE_URL}/ml-10m.zip`,
    size: null,
    sha256: null,
    md5: "ce571fd55effeba0271552578f2648bd",
    innerDir: "ml-10M100K",
    format: "ml-1m",
    description:
      "10,000,054 ratings (0.5–5, half stars) by 69,878 users of 10,681 movies, 1996–2009, with tags; no users file",
    checksumSource: "GroupLens ml-10m.zip.md5 (md5); no size or SHA-256 known",
    tables: {users: false, tags: true, links: false}
  },
  {
    name: "ml-20m",
    url: `${BASE_URL}/ml-20m.zip`,
    size: 198_702_078,
    sha256: "96f243c338a8665f6bcc89c53edf6ee39162a846940de6b7c8c48aeada765ff3",
    md5: "cd245b17a1ae2cc31bb14903e1204af3",
    innerDir: "ml-20m",
    format: "csv",
    description: "20,000,263 ratings (0.5–5) by 138,493 users of 27,278 movies, 1995–2015, with tags and links",
    checksumSource: TFDS,
    tables: {users: false, tags: true, links: true}
  },
  {
    name: "ml-25m",
    url: `${BASE_URL}/ml-25m.zip`,
    size: 261_978_986,
    sha256: "8b21cfb7eb1706b4ec0aac894368d90acf26ebdfb6aced3ebd4ad5bd1eb9c6aa",
    md5: "6b51fb2759a8657d3bfcbfc42b592ada",
    innerDir: "ml-25m",
    format: "csv",
    description: "25,000,095 ratings (0.5–5) by 162,541 users of 62,423 movies, 1995–2019",
    checksumSource: TFDS,
    tables: {users: false, tags: true, links: true}
  },
  {
    name: "ml-32m",
    url: `${BASE_URL}/ml-32m.zip`,
    size: 238_950_008,
    sha256: null,
    md5: "d472be332d4daa821edc399621853b57",
    innerDir: "ml-32m",
    format: "csv",
    description: "32,000,204 ratings (0.5–5) by 200,948 users of 87,585 movies, 1995–2023",
    checksumSource: "GroupLens ml-32m.zip.md5 (md5); public download manifests (size); no SHA-256 known",
    tables: {users: false, tags: true, links: true}
  }
];

/** Every set `movielab data fetch` accepts, smallest first (frozen). */
export const KNOWN_DATASETS: readonly MovieLensEntry[] = Object.freeze(ENTRIES.map((e) => Object.freeze(e)));

/** The entry for a name, or undefined when the name is not a known set. */
export function findDataset(
  name: string,
  registry: readonly MovieLensEntry[] = KNOWN_DATASETS
): MovieLensEntry | undefined {
  return registry.find((e) => e.name === name);
}

/** The entry for a name; throws an error listing the known names when there is none. */
export function getDataset(name: string, registry: readonly MovieLensEntry[] = KNOWN_DATASETS): MovieLensEntry {
  const entry = findDataset(name, registry);
  if (entry === undefined) {
    throw new Error(`unknown data set "${name}": expected one of ${registry.map((e) => e.name).join(", ")}`);
  }
  return entry;
}
