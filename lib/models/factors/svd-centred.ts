/**
 * The seed's truncated SVD done less wrongly: each user's ratings minus their mean (so a missing
 * cell means "as usual for this user", not "rated 0"), 50 components, the mean added back.
 */
import {svdModel} from "./svd-seed.js";

export const svdCentredModel = svdModel("svd-centred", true, "truncated SVD (k = 50) of the user-mean-centred matrix");
