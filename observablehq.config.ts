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
        {name: "Ranking", path: "/ranking"},
        {name: "Protocols", path: "/protocols"}
      ]
    },
    {
      name: "Use",
      pages: [
        {name: "Predict a rating", path: "/predict"},
        {name: "Embed the widget", path: "/embed"}
      ]
    },
    {
      name: "Lab",
      pages: [
        {name: "The Lab", path: "/lab"},
        {name: "Runs", path: "/runs"}
      ]
    }
  ],
  // The default stylesheet pulls Google Fonts; the theme CSS alone is local.
  globalStylesheets: [],
  theme: ["air", "near-midnight"],
  search: true,
  footer: "movielab — MovieLens data © GroupLens Research, University of Minnesota; not redistributed.",
  // Framework copies files that head references; a linked icon also stops the browser asking for /favicon.ico.
  // In `npm start` only (scripts/preview.mjs): the panel listing the data loaders a first visit waits for.
  head:
    '<link rel="icon" href="favicon.svg" type="image/svg+xml" sizes="any"><link rel="stylesheet" href="movielab.css">' +
    (process.env.MOVIELAB_PREVIEW === "1" ? PREVIEW_PANEL_HEAD : ""),
  dynamicPaths: ["/embed/predict.js"],
  // Links end in .html so that any plain file server (GitHub Pages, python3 -m http.server) finds the pages.
  preserveExtension: true
};
