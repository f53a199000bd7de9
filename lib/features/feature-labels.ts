/**
 * Readable names for the classifier's feature columns (`u_genre_affinity`, `i_share_4`, `pc0`), for
 * charts and the glossary of the Training page. The column names stay short codes because bundles,
 * the CLI and CSV exports use them; only what a reader sees is translated.
 */

/** A feature's short label (for an axis) and a one-sentence description (for a glossary). */
export interface FeatureLabel {
  name: string;
  label: string;
  description: string;
}

/** The rating scale's lowest value and step: class k is the rating min + k·step. */
export interface ClassScale {
  min: number;
  step: number;
}

const FIXED: Record<string, [label: string, description: string]> = {
  age: ["User age", "The user's age in years, from the users file."],
  gender: ["User gender", "The user's gender as recorded in the users file (0 M, 1 F)."],
  occupation: ["User occupation", "The user's occupation, as one code per occupation."],
  release_year: ["Release year", "The year the movie was released."],
  movie_age: ["Movie age when rated", "Years between the movie's release and the rating."],
  u_genre_affinity: [
    "User's taste for the genres",
    "How much better or worse than expected the user rates movies of this movie's genres (damped)."
  ]
};

const SIDES: Record<string, string> = {u: "User", i: "Movie"};
const STATS: Record<string, [label: string, description: (who: string) => string]> = {
  mean: ["mean rating", (who) => `The ${who}'s mean rating in the training part, damped towards the global mean.`],
  sd: ["rating spread", (who) => `The standard deviation of the ${who}'s ratings.`],
  bias: ["bias", (who) => `How far above or below the expected rating the ${who}'s ratings fall (damped).`],
  count: ["number of ratings", (who) => `How many ratings the ${who} has in the training part.`]
};

/** The readable label and description of feature column `name`; unknown names are returned as they are. */
export function featureLabel(name: string, scale: ClassScale = {min: 1, step: 1}): FeatureLabel {
  if (name in FIXED) return {name, label: FIXED[name][0], description: FIXED[name][1]};
  const pc = /^pc(\d+)$/.exec(name);
  if (pc) {
    const n = Number(pc[1]) + 1;
    return {
      name,
      label: `Genre component ${n}`,
      description: `The movie's score on principal component ${n} of the genre flags (see PCA of genres).`
    };
  }
  const agg = /^([ui])_(mean|sd|bias|count)$/.exec(name);
  if (agg) {
    const who = SIDES[agg[1]].toLowerCase();
    return {name, label: `${SIDES[agg[1]]} ${STATS[agg[2]][0]}`, description: STATS[agg[2]][1](who)};
  }
  const share = /^([ui])_share_(\d+)$/.exec(name);
  if (share) {
    const stars = scale.min + Number(share[2]) * scale.step;
    const who = SIDES[share[1]].toLowerCase();
    return {
      name,
      label: `${SIDES[share[1]]} share of ${stars}★`,
      description: `The share of the ${who}'s ratings that are ${stars} stars (damped).`
    };
  }
  return {name, label: name, description: ""};
}
