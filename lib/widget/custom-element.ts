/**
 * `<movielab-predict>` for plain HTML pages: the prediction widget as a custom element.
 *   <movielab-predict bundle="https://host/model.json"></movielab-predict>  runs the model in the browser
 *   <movielab-predict api="https://host:5000"></movielab-predict>          asks a movielab server
 * Optional attributes: user (initial user id), k (top-N length), label. The element's `.value` and
 * its `input` events are the widget's. Loading errors are shown in the element as text.
 *   <movielab-predict bundle="…/model.json" mode="visitor" remember></movielab-predict>
 * is the cold-start widget (visitor-widget.ts): the reader rates movies and gets predictions and
 * recommendations computed in the page; `remember` keeps their ratings in this page's localStorage.
 * It needs `bundle`: a visitor's ratings are never sent to a server.
 */
import {parseBundle} from "../bundle/bundle.js";
import type {WorkbenchState} from "../bundle/workbench.js";
import {createBundleService} from "../serving/bundle-service.js";
import {createHttpService} from "../serving/http-service.js";
import type {PredictionService, VisitorService} from "../serving/types.js";
import {h, replaceChildren} from "./dom.js";
import {PredictWidget, type PredictWidgetElement, type PredictWidgetValue} from "./predict-widget.js";
import {VisitorWidget, type VisitorWidgetElement, type VisitorWidgetValue} from "./visitor-widget.js";

/** The custom element's tag name, `<movielab-predict>`. */
export const ELEMENT_NAME = "movielab-predict";

/** Loads a PredictionService from a bundle URL (fetched and validated in the browser). */
export async function loadBundleService(
  url: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)
): Promise<PredictionService & VisitorService> {
  let res: Response;
  try {
    res = await fetchImpl(url);
  } catch (e) {
    throw new Error(
      `cannot fetch the model bundle ${url} (${(e as Error).message}); is it on this origin or served with CORS?`
    );
  }
  if (!res.ok) throw new Error(`cannot fetch the model bundle ${url}: HTTP ${res.status}`);
  return createBundleService(parseBundle<WorkbenchState>(await res.text(), url, {kind: "classifier"}), url);
}

/** Defines <movielab-predict> once (later calls are no-ops); returns the element class. */
export function defineMovielabPredict(
  registry: CustomElementRegistry = globalThis.customElements
): CustomElementConstructor {
  const existing = registry.get(ELEMENT_NAME);
  if (existing) return existing;

  class MovielabPredict extends HTMLElement {
    #widget: PredictWidgetElement | VisitorWidgetElement | null = null;
    #loading: Promise<void> | null = null;

    static get observedAttributes(): string[] {
      return ["bundle", "api", "mode"];
    }

    /** The widget's value ({user, movie, prediction}; in visitor mode {ratings, movie, prediction, recommendations}), null before it loaded. */
    get value(): PredictWidgetValue | VisitorWidgetValue | null {
      return this.#widget?.value ?? null;
    }

    /** Resolves when the model is loaded and the widget's pending lookups rendered. */
    async ready(): Promise<void> {
      await this.#loading;
      await this.#widget?.settled();
    }

    connectedCallback(): void {
      if (this.#loading === null) this.#load();
    }

    attributeChangedCallback(_name: string, old: string | null, next: string | null): void {
      if (old !== next && this.isConnected) this.#load();
    }

    #load(): void {
      const bundle = this.getAttribute("bundle");
      const api = this.getAttribute("api");
      const status = h(this.ownerDocument, "div", {role: "status", class: "mlp-loading"}, "Loading the model…");
      replaceChildren(this, status);
      this.#widget = null;
      const load = async (): Promise<void> => {
        if ((bundle === null) === (api === null))
          throw new Error(
            `<${ELEMENT_NAME}> needs exactly one of bundle="URL of a model bundle" or api="URL of a movielab server"`
          );
        const mode = this.getAttribute("mode") ?? "user";
        if (mode !== "user" && mode !== "visitor")
          throw new Error(`<${ELEMENT_NAME}> mode="${mode}" is not known; expected "user" or "visitor"`);
        if (mode === "visitor" && bundle === null)
          throw new Error(
            `<${ELEMENT_NAME} mode="visitor"> needs bundle="URL of a model bundle": a visitor's ratings stay in the page and are never sent to a server`
          );
        const bundleUrl = bundle === null ? null : new URL(bundle, this.ownerDocument.baseURI).href;
        const k = this.getAttribute("k");
        if (mode === "visitor") {
          const widget = VisitorWidget(await loadBundleService(bundleUrl!), {
            document: this.ownerDocument,
            k: k !== null && /^\d+$/.test(k) ? Number(k) : undefined,
            label: this.getAttribute("label") ?? undefined,
            storageKey: this.hasAttribute("remember") ? `movielab-visitor-ratings ${bundleUrl}` : undefined
          });
          this.#widget = widget;
          replaceChildren(this, widget);
          return;
        }
        const service =
          bundleUrl !== null
            ? await loadBundleService(bundleUrl)
            : await createHttpService(new URL(api!, this.ownerDocument.baseURI).href);
        const user = this.getAttribute("user");
        const widget = PredictWidget(service, {
          document: this.ownerDocument,
          userId: user !== null && /^\d+$/.test(user) ? Number(user) : undefined,
          k: k !== null && /^\d+$/.test(k) ? Number(k) : undefined,
          label: this.getAttribute("label") ?? undefined
        });
        this.#widget = widget;
        replaceChildren(this, widget);
      };
      this.#loading = load().catch((e: unknown) => {
        status.textContent = `movielab: ${(e as Error).message}`;
        status.setAttribute("class", "mlp-loading mlp-error");
      });
    }
  }
  registry.define(ELEMENT_NAME, MovielabPredict);
  return MovielabPredict;
}
