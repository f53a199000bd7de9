/**
 * Entry of the exported module /embed/predict.js (bundled into one self-contained file by
 * notebooks/embed/predict.js.ts). Importing it defines <movielab-predict>; it also exports the
 * pieces for hosts that build the widget themselves.
 */
import {defineMovielabPredict} from "./custom-element.js";

export {defineMovielabPredict, loadBundleService, ELEMENT_NAME} from "./custom-element.js";
export {PredictWidget} from "./predict-widget.js";
export {VisitorWidget} from "./visitor-widget.js";
export {createHttpService, HttpServiceError} from "../serving/http-service.js";
export {createBundleService} from "../serving/bundle-service.js";
export {parseBundle} from "../bundle/bundle.js";
export {NotFoundError, isVisitorService} from "../serving/types.js";
export {predictForRatings, recommendForRatings} from "./visitor-api.js";

if (typeof customElements !== "undefined") defineMovielabPredict();
