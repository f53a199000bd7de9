/** Movies and ratings per genre (a movie with several genres counts once in each). */
import type {Dataset, Movies} from "../data/types.js";

export interface GenreCounts {
  genres: string[];
  /** Movies flagged with each genre. */
  movies: number[];
  /** Ratings of movies flagged with each genre. */
  ratings: number[];
  /** Movies with no genre flag at all. */
  moviesWithoutGenre: number;
}

/** Genre flag of movie row m for genre g (movies.genres is row-major). */
export function hasGenre(movies: Movies, m: number, g: number): boolean {
  return movies.genres[m * movies.genreNames.length + g] === 1;
}

/** Movies and ratings per genre in genreNames order. */
export function genreCounts(d: Dataset): GenreCounts {
  const G = d.movies.genreNames.length;
  const nMovies = d.movies.id.length;
  const perMovie = new Int32Array(nMovies);
  for (let i = 0; i < d.ratings.movie.length; i++) perMovie[d.ratings.movie[i]]++;
  const movies = new Array<number>(G).fill(0);
  const ratings = new Array<number>(G).fill(0);
  let moviesWithoutGenre = 0;
  for (let m = 0; m < nMovies; m++) {
    let any = false;
    for (let g = 0; g < G; g++) {
      if (!hasGenre(d.movies, m, g)) continue;
      any = true;
      movies[g]++;
      ratings[g] += perMovie[m];
    }
    if (!any) moviesWithoutGenre++;
  }
  return {genres: d.movies.genreNames.slice(), movies, ratings, moviesWithoutGenre};
}
