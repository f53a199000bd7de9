/**
 * Registers `<movielab-predict>` on import (a side effect, declared in package.json's
 * `sideEffects`), and re-exports the widget entry for hosts that also want its pieces.
 * @packageDocumentation
 * @module movielab/widget/element
 */
import {defineMovielabPredict} from "./custom-element.js";

export * from "./index.js";

if (typeof customElements !== "undefined") defineMovielabPredict();
