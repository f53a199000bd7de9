/** The text table both sources of `movielab recommend` print: rank, movie id, score and title, with a header. */

export interface ListedMovie {
  movieId: number;
  /** Title as shown, e.g. "Star Wars (1977)". */
  label: string;
  score: number;
  /** Lines printed under the row (e.g. "because you rated …"). */
  notes?: string[];
}

/** The header and one row per movie, best first; the title comes last so that long titles do not break the columns. */
export function formatTopList(items: readonly ListedMovie[]): string[] {
  const idWidth = Math.max("movie id".length, ...items.map((m) => String(m.movieId).length));
  const lines = [`${"#".padStart(4)}  ${"movie id".padStart(idWidth)}  ${"score".padStart(7)}  title`];
  items.forEach((m, i) => {
    lines.push(
      `${String(i + 1).padStart(4)}  ${String(m.movieId).padStart(idWidth)}  ${m.score.toFixed(3).padStart(7)}  ${m.label}`
    );
    for (const note of m.notes ?? []) lines.push(`${" ".repeat(8)}${note}`);
  });
  return lines;
}
