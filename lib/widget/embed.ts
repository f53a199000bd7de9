/**
 * Entry of the exported module /embed/predict.js (bundled into one self-contained file by
 * notebooks/embed/predict.js.ts): the same module as the package's `movielab/widget/element`,
 * so importing it defines <movielab-predict> and exports the pieces for hosts that build the
 * widget themselves.
 */
export * from "./element.js";
