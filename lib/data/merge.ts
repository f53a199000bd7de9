/**
 * The seed's merge (`pd.merge(ratings, movies, on='movieId')`, then users) as an arquero table:
 * one row per rating with the movie's and, when known, the user's attributes.
 */
import * as aq from "arquero";
import type {Dataset} from "./types.js";

const GENDER_NAMES = ["M", "F"];

/**
 * One row per rating: user_id and movie_id (raw ids), rating, timestamp (unix seconds), title,
 * year (NaN when unknown), release_date ("YYYY-MM-DD" or null), one 0/1 column per genre named
 * after the genre, then age (NaN when unknown), gender ("M"/"F"/null) and occupation when users exist.
 */
export function mergedTable(d: Dataset): ReturnType<typeof aq.table> {
  const {user, movie, rating, timestamp} = d.ratings;
  const n = rating.length;
  const movies = d.movies;
  const nGenres = movies.genreNames.length;

  const userId = new Int32Array(n);
  const movieId = new Int32Array(n);
  const year = new Float64Array(n);
  const title: string[] = new Array(n);
  const releaseDate: (string | null)[] = new Array(n);
  const dateText = Array.from(movies.releaseDate, (t) =>
    Number.isFinite(t) ? new Date(t * 1000).toISOString().slice(0, 10) : null
  );
  const genreColumns = movies.genreNames.map(() => new Uint8Array(n));
  for (let i = 0; i < n; i++) {
    const m = movie[i];
    userId[i] = d.userIds[user[i]];
    movieId[i] = movies.id[m];
    year[i] = movies.year[m];
    title[i] = movies.title[m];
    releaseDate[i] = dateText[m];
    for (let g = 0; g < nGenres; g++) genreColumns[g][i] = movies.genres[m * nGenres + g];
  }

  const columns: Record<string, ArrayLike<unknown>> = {
    user_id: userId,
    movie_id: movieId,
    rating: Float32Array.from(rating),
    timestamp: Float64Array.from(timestamp),
    title,
    year,
    release_date: releaseDate
  };
  movies.genreNames.forEach((name, g) => {
    columns[name] = genreColumns[g];
  });

  const users = d.users;
  if (users) {
    const age = new Float64Array(n);
    const gender: (string | null)[] = new Array(n);
    const occupation: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const u = user[i];
      age[i] = users.age[u];
      gender[i] = GENDER_NAMES[users.gender[u]] ?? null;
      occupation[i] = users.occupationNames[users.occupation[u]] ?? null;
    }
    columns.age = age;
    columns.gender = gender;
    columns.occupation = occupation;
  }
  return aq.table(columns);
}
