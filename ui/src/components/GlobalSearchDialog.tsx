import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import { useDebouncedValue } from "../debounce";
import { formatCount } from "../format";
import { useGlobalSearch, type SearchResults } from "../ipc";
import { Dialog } from "./Dialog";
import { Kbd } from "./Layout";

/** How long typing must pause before the core is asked. */
export const SEARCH_DEBOUNCE_MS = 200;

export type SearchKind = "goal" | "person" | "unit";

export interface SearchItem {
  kind: SearchKind;
  id: string;
  label: string;
  detail: string;
  /** Where Enter goes (a router path). */
  path: string;
}

const GROUPS: readonly { kind: SearchKind; title: string }[] = [
  { kind: "goal", title: "Goals" },
  { kind: "person", title: "People" },
  { kind: "unit", title: "Org units" },
];

/**
 * Where each result opens: a goal its page; a person the Goals screen filtered to
 * their goals (Team lists only my direct reports and cannot focus one); a unit
 * the Goals screen filtered to that unit (the alignment map has no unit focus).
 */
export function searchItems(results: SearchResults): SearchItem[] {
  const enc = encodeURIComponent;
  return [
    ...results.goals.map((g) => ({ kind: "goal" as const, id: g.id, label: g.title, detail: "Goal", path: `/goals/${enc(g.id)}` })),
    ...results.people.map((p) => ({
      kind: "person" as const,
      id: p.id,
      label: p.name,
      detail: [p.title, p.unit].filter((part): part is string => part !== null && part !== "").join(" · "),
      path: `/goals?owner=${enc(p.id)}`,
    })),
    ...results.units.map((u) => ({
      kind: "unit" as const,
      id: u.id,
      label: u.name,
      detail: [u.kind.charAt(0).toLocaleUpperCase() + u.kind.slice(1), u.lead === null ? null : `led by ${u.lead}`]
        .filter((part): part is string => part !== null)
        .join(" · "),
      path: `/goals?unit=${enc(u.id)}`,
    })),
  ];
}

/**
 * Search goals, people and org units (Ctrl+K / ⌘K, `/`, or the top bar's search
 * button). A combobox: focus stays in the field, ↑/↓ move through the results,
 * Enter opens one, Esc closes.
 */
export function GlobalSearchDialog({ onClose, onOpen }: { onClose: () => void; onOpen: (path: string) => void }) {
  const [text, setText] = useState("");
  const settled = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const query = settled.trim();
  const search = useGlobalSearch(query);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;

  const items = useMemo(() => (query === "" || search.data === undefined ? [] : searchItems(search.data)), [query, search.data]);
  const [active, setActive] = useState(0);
  // New results: the first one is active again.
  const [itemsShown, setItemsShown] = useState(items);
  if (itemsShown !== items) {
    setItemsShown(items);
    setActive(0);
  }
  const activeIndex = Math.min(active, items.length - 1);

  useEffect(() => {
    if (activeIndex < 0) return;
    const option = document.getElementById(`${listId}-option-${activeIndex}`);
    // jsdom has no scrollIntoView.
    if (option !== null && "scrollIntoView" in option) option.scrollIntoView({ block: "nearest" });
  }, [activeIndex, listId]);

  function open(item: SearchItem | undefined): void {
    if (item === undefined) return;
    onClose();
    onOpen(item.path);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.nativeEvent.isComposing) return;
    const n = items.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (n === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + step + n) % n);
    } else if (event.key === "Home" && n > 0 && event.ctrlKey) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === "End" && n > 0 && event.ctrlKey) {
      event.preventDefault();
      setActive(n - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      open(items[activeIndex]);
    }
  }

  const typing = text.trim() !== query;
  const searching = query !== "" && (search.isFetching || typing);
  const status =
    text.trim() === ""
      ? "Type to search goals, people and org units."
      : search.isError
        ? null
        : search.data === undefined || (typing && items.length === 0)
          ? "Searching…"
          : items.length === 0
            ? `No match for “${query}”.`
            : formatCount(items.length, "result", "results");

  return (
    <Dialog title="Search" onClose={onClose} testId="global-search-dialog">
      <div className="global-search">
        <label htmlFor={`${listId}-input`} className="visually-hidden">
          Search goals, people and org units
        </label>
        <input
          id={`${listId}-input`}
          className="input global-search__input"
          type="search"
          role="combobox"
          placeholder="Search goals, people, org units"
          autoComplete="off"
          spellCheck={false}
          value={text}
          data-autofocus
          data-testid="global-search-input"
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-busy={searching}
          onChange={(e) => {
            setText(e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        {search.isError && query !== "" && (
          <div className="callout callout--error" role="alert" data-testid="global-search-error">
            <p className="callout__title">Stride could not search.</p>
            <p className="callout__message">{search.error.message}</p>
          </div>
        )}
        <p
          className={items.length === 0 ? "global-search__status" : "global-search__status visually-hidden"}
          role="status"
          aria-live="polite"
          data-testid="global-search-status"
        >
          {status}
        </p>
        <div id={listId} role="listbox" aria-label="Search results" className="global-search__results">
          {GROUPS.map((group) => {
            const members = items.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === group.kind);
            if (members.length === 0) return null;
            const headingId = `${listId}-${group.kind}`;
            return (
              <div key={group.kind} role="group" aria-labelledby={headingId} className="global-search__group" data-testid={`global-search-group-${group.kind}`}>
                <div id={headingId} className="global-search__group-title" role="presentation">
                  {group.title}
                </div>
                {members.map(({ item, index }) => (
                  <div
                    key={`${item.kind}-${item.id}`}
                    id={optionId(index)}
                    role="option"
                    aria-selected={index === activeIndex}
                    className="global-search__result"
                    data-testid="global-search-result"
                    data-kind={item.kind}
                    data-id={item.id}
                    onMouseMove={() => {
                      if (index !== activeIndex) setActive(index);
                    }}
                    onClick={() => {
                      open(item);
                    }}
                  >
                    <span className="global-search__label">{item.label}</span>
                    {item.detail !== "" && <span className="global-search__detail">{item.detail}</span>}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        <p className="global-search__keys field__hint" aria-hidden="true">
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>Esc</Kbd> close
        </p>
      </div>
    </Dialog>
  );
}
