// The hand-worked fold-in case the fold-in and explanation tests share: rank 1, three movies, a visitor who rated two.
import type {FoldInItems, VisitorRatings} from "../../lib/recommend/fold-in.js";

/** μ = 3, b = (0.5, −0.5, 0), q = (1, 2, 0), λ = 0.1. */
export const TINY_ITEMS: FoldInItems = {
  rank: 1,
  mean: 3,
  itemBias: Float32Array.of(0.5, -0.5, 0),
  itemFactors: Float32Array.of(1, 2, 0),
  reg: 0.1
};

/** Rated movie 0 five stars and movie 1 two. */
export const TINY_VISITOR: VisitorRatings = {movies: [0, 1], ratings: [5, 2]};
