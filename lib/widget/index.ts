/**
 * The prediction widget without side effects: the widget classes, the bundle and HTTP services
 * they read from, and `defineMovielabPredict()`, which registers `<movielab-predict>` when called.
 * Import `movielab/widget/element` instead to register the element on import.
 * @packageDocumentation
 * @module movielab/widget
 */

export {defineMovielabPredict, loadBundleService, ELEMENT_NAME} from "./custom-element.js";
export {PredictWidget, type PredictWidgetOptions, type PredictWidgetValue} from "./predict-widget.js";
export {VisitorWidget} from "./visitor-widget.js";
export {createHttpService, HttpServiceError, type HttpServiceOptions} from "../serving/http-service.js";
export {createBundleService} from "../serving/bundle-service.js";
export {parseBundle} from "../bundle/bundle.js";
export {NotFoundError, isVisitorService} from "../serving/types.js";
export type {
  PredictionService,
  PredictResult,
  RecommendResult,
  VisitorService,
  VisitorRating,
  VisitorPredictResult,
  VisitorRecommendResult
} from "../serving/types.js";
export {predictForRatings, recommendForRatings} from "./visitor-api.js";

// Types the exports above name in their signatures, so that a host can name them too.
export type {PredictWidgetElement} from "./predict-widget.js";
export type {VisitorWidgetElement, VisitorWidgetOptions, VisitorWidgetValue} from "./visitor-widget.js";
export type {
  ClassProbability,
  MovieInfo,
  RecommendedMovie,
  RatedMovie,
  BecauseRated,
  UserInfo,
  VisitorPrediction,
  VisitorRecommendation
} from "../serving/types.js";
