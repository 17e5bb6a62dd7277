import type { ReactNode } from "react";

export type SortDirection = "ascending" | "descending";

export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

/** The next sort after choosing `key`: the same column flips, a new one starts at its natural direction. */
export function nextSort<K extends string>(current: SortState<K>, key: K, initial: SortDirection = "ascending"): SortState<K> {
  if (current.key === key) return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
  return { key, direction: initial };
}

/**
 * A column header that sorts: a real <button> inside the <th> (keyboard and
 * screen readers), `aria-sort` on the header of the sorted column only.
 */
export function SortHeader<K extends string>({
  column,
  sort,
  onSort,
  children,
  className,
  initial = "ascending",
}: {
  column: K;
  sort: SortState<K>;
  onSort: (next: SortState<K>) => void;
  children: ReactNode;
  className?: string;
  /** The direction a first click on this column sorts in. */
  initial?: SortDirection;
}) {
  const active = sort.key === column;
  return (
    <th scope="col" className={className} aria-sort={active ? sort.direction : undefined}>
      <button
        type="button"
        className="sort-button"
        data-testid={`sort-${column}`}
        onClick={() => {
          onSort(nextSort(sort, column, initial));
        }}
      >
        {children}
        <span className="sort-button__icon" aria-hidden="true">
          {active ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

/** Compare with nulls always last, whatever the direction. */
export function compareNullable<T>(a: T | null, b: T | null, direction: SortDirection, compare: (x: T, y: T) => number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const c = compare(a, b);
  return direction === "ascending" ? c : -c;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}
