/**
 * Title search as an ARIA 1.2 combobox: a text input that owns a listbox of matches. Keyboard:
 * ArrowDown/ArrowUp move the active option (aria-activedescendant, focus stays in the input),
 * Home/End jump, Enter picks the active option, Escape closes the list (a second Escape clears the
 * text). Titles are text nodes only.
 */
import type {MovieInfo} from "../serving/types.js";
import {orderByMatch} from "../serving/search-movies.js";
import {h, replaceChildren, uniqueId} from "./dom.js";

export interface MovieSearchOptions {
  /** Runs the search; the widget passes the service's searchMovies. */
  search: (query: string, limit: number) => Promise<MovieInfo[]>;
  /** Called with the movie the reader picked. */
  onPick: (movie: MovieInfo) => void;
  /** Called when a search fails, with the error. */
  onError?: (error: unknown) => void;
  /** Most options shown (default 8). */
  limit?: number;
  /** Milliseconds to wait after typing before searching (default 150; 0 searches at once). */
  debounceMs?: number;
  /** Label text (default "Movie"). */
  label?: string;
}

export interface MovieSearch {
  /** The labelled row holding the input and the listbox. */
  element: HTMLElement;
  input: HTMLInputElement;
  listbox: HTMLUListElement;
  /** Shows a movie as picked without searching (initial value). */
  show(movie: MovieInfo): void;
  /** Resolves when the search in flight (if any) has rendered. */
  settled(): Promise<void>;
}

/** Formats a movie for the list and the input: "Title (1995)" unless the title already ends with the year. */
export function movieLabel(m: MovieInfo): string {
  return m.year !== null && !m.title.includes(`(${m.year})`) ? `${m.title} (${m.year})` : m.title;
}

/** Builds the combobox; doc is the document to create nodes in. */
export function createMovieSearch(doc: Document, options: MovieSearchOptions): MovieSearch {
  const limit = options.limit ?? 8;
  const debounceMs = options.debounceMs ?? 150;
  const inputId = uniqueId("mlp-movie");
  const listId = uniqueId("mlp-movies");
  const hintId = uniqueId("mlp-movie-hint");
  const input = h(doc, "input", {
    id: inputId,
    type: "text",
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    "aria-describedby": hintId,
    placeholder: "search a title…"
  });
  const listbox = h(doc, "ul", {
    id: listId,
    role: "listbox",
    class: "mlp-listbox",
    "aria-label": "Matching movies",
    hidden: true
  });
  const hint = h(
    doc,
    "div",
    {id: hintId, class: "mlp-muted"},
    "Type part of a title; arrows to choose, Enter to pick, Escape to close."
  );
  const element = h(
    doc,
    "div",
    {class: "mlp-row"},
    h(doc, "label", {for: inputId}, options.label ?? "Movie"),
    h(doc, "div", {class: "mlp-combo"}, input, listbox, hint)
  );

  let results: MovieInfo[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let pending: Promise<void> = Promise.resolve();

  const optionId = (i: number): string => `${listId}-${i}`;
  const open = (): boolean => !listbox.hidden;

  function setActive(i: number): void {
    const items = listbox.children;
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
    active = i;
    if (i >= 0 && items[i]) {
      items[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", optionId(i));
      (items[i] as HTMLElement).scrollIntoView?.({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close(): void {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function render(): void {
    active = -1;
    input.removeAttribute("aria-activedescendant");
    replaceChildren(
      listbox,
      ...results.map((m, i) => {
        const li = h(
          doc,
          "li",
          {id: optionId(i), role: "option", class: "mlp-option", "aria-selected": "false", "data-movie-id": m.movieId},
          movieLabel(m)
        );
        // mousedown, not click: picking must happen before the input loses focus.
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
          pick(i);
        });
        return li;
      })
    );
    if (results.length === 0) {
      replaceChildren(
        listbox,
        h(
          doc,
          "li",
          {class: "mlp-option mlp-muted", role: "option", "aria-disabled": "true", "aria-selected": "false"},
          "no matching title"
        )
      );
    }
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function pick(i: number): void {
    const m = results[i];
    if (m === undefined) return;
    input.value = movieLabel(m);
    close();
    options.onPick(m);
  }

  function runSearch(): void {
    const query = input.value;
    const mine = ++seq;
    if (query.trim() === "") {
      results = [];
      close();
      return;
    }
    pending = options.search(query, limit).then(
      (found) => {
        if (mine !== seq) return; // a later keystroke superseded this search
        // Any service may answer (an older server ranks by substring): order by match, keeping its order within a tier.
        results = orderByMatch(found, (m) => m.title, query);
        render();
      },
      (e) => {
        if (mine === seq) options.onError?.(e);
      }
    );
  }

  input.addEventListener("input", (e) => {
    // The widget's own input events carry its value; this one is the text field's, keep it inside.
    e.stopPropagation();
    if (timer !== undefined) clearTimeout(timer);
    if (debounceMs === 0) runSearch();
    else timer = setTimeout(runSearch, debounceMs);
  });

  input.addEventListener("keydown", (e) => {
    const n = results.length;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open()) {
          if (n > 0) render();
          if (n > 0) setActive(0);
        } else if (n > 0) setActive((active + 1) % n);
        break;
      case "ArrowUp":
        e.preventDefault();
        if (!open()) {
          if (n > 0) render();
          if (n > 0) setActive(n - 1);
        } else if (n > 0) setActive(active <= 0 ? n - 1 : active - 1);
        break;
      case "Home":
        if (open() && n > 0) {
          e.preventDefault();
          setActive(0);
        }
        break;
      case "End":
        if (open() && n > 0) {
          e.preventDefault();
          setActive(n - 1);
        }
        break;
      case "Enter":
        if (open() && active >= 0) {
          e.preventDefault();
          pick(active);
        } else if (open() && n === 1) {
          e.preventDefault();
          pick(0);
        }
        break;
      case "Escape":
        if (open()) {
          e.preventDefault();
          close();
        } else if (input.value !== "") {
          e.preventDefault();
          input.value = "";
          results = [];
        }
        break;
    }
  });
  input.addEventListener("blur", () => close());

  return {
    element,
    input,
    listbox,
    show(movie) {
      input.value = movieLabel(movie);
      results = [movie];
      close();
    },
    async settled() {
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
        runSearch();
      }
      await pending;
    }
  };
}
