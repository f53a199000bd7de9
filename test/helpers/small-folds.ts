// Rating folds of a small seeded synthetic set, built the same way in any thread (the threaded
// leaderboard's tests name this module as the threads' fold source).
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {randomRatingFolds, type RatingFold} from "../../lib/data/folds.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";

/** 3 seeded folds of 4,000 synthetic ratings (150 users, 200 movies). */
export async function smallFolds(): Promise<RatingFold[]> {
  const raw = generateSynthetic({seed: 7, users: 150, movies: 200, ratings: 4000});
  return randomRatingFolds(encodeDataset(cleanDataset(raw).data), 3, 42);
}
