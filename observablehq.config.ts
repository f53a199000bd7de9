// Framework configuration: everything is served from node_modules, nothing reaches a CDN or Google Fonts.
import {PREVIEW_PANEL_HEAD} from "./scripts/preview-panel.mjs";

export default {
  root: "notebooks",
  title: "movielab",
  pages: [
    {name: "Data", pages: [{name: "Data quality", path: "/data-quality"}]},
    {
      name: "Explore",
      pages: [
        {name: "Ratings", path: "/ratings"},
        {name: "Users and movies", path: "/users-movies"},
        {name: "Genres", path: "/genres"},
        {name: "Release-date noise", path: "/release-noise"},
        {name: "Sparsity", path: "/sparsity"}
      ]
    },
    {
      name: "Classifier",
      pages: [
        {name: "PCA of genres", path: "/pca"},
        {name: "Training", path: "/training"},
        {name: "Cross-validation", path: "/cross-validation"},
        {name: "Evaluation", path: "/evaluation"}
      ]
    },
    {
      name: "Recommenders",
      pages: [
        {name: "User-item matrix", path: "/user-item-matrix"},
        {name: "Model comparison", path: "/model-comparison"},
        {name: "Recommendations", path: "/recommendations"},
        {name: "Ranking", path: "/ranking"}
      ]
    },
    {
      name: "Use",
      pages: [
        {name: "Predict a rating", path: "/predict"},
        {name: "Embed the widget", path: "/embed"}
      ]
    },
    {name: "Lab", pages: [{name: "The Lab", path: "/lab"}]}
  ],
  // The default stylesheet pulls Google Fonts; the theme CSS alone is local.
  globalStylesheets: [],
  // In `npm start` only (scripts/preview.mjs): the panel listing the data loaders a first visit waits for.
  head: process.env.MOVIELAB_PREVIEW === "1" ? PREVIEW_PANEL_HEAD : "",
  theme: ["air", "near-midnight"],
  search: true,
  footer: "movielab — MovieLens data © GroupLens Research, University of Minnesota; not redistributed.",
  dynamicPaths: ["/embed/predict.js"],
  cleanUrls: true
};
