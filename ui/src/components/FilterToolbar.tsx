import { useId, type ReactNode } from "react";

export interface FilterOption<V extends string> {
  readonly value: V;
  readonly label: string;
}

/**
 * The list filter bar shared by Goals and Team: a labelled text search, a
 * labelled <select> of typed options and a polite live line saying how many
 * rows are shown. The caller owns the state and the meta text.
 */
export function FilterToolbar<V extends string>({
  text,
  onTextChange,
  placeholder,
  textTestId,
  selectLabel,
  value,
  options,
  onValueChange,
  selectTestId,
  metaTestId,
  meta,
  extra,
}: {
  text: string;
  onTextChange: (text: string) => void;
  placeholder: string;
  textTestId: string;
  /** The visible label of the <select>. */
  selectLabel: string;
  value: V;
  options: readonly FilterOption<V>[];
  /** Called only with one of `options`' values. */
  onValueChange: (value: V) => void;
  selectTestId: string;
  metaTestId: string;
  /** The live "N of M match" line. */
  meta: ReactNode;
  /** More fields after the select (e.g. the cycle picker). */
  extra?: ReactNode;
}) {
  const filterId = useId();
  const statusId = useId();
  return (
    <div className="toolbar" role="search">
      <div className="toolbar__field">
        <label htmlFor={filterId} className="toolbar__label">
          Filter
        </label>
        <input
          id={filterId}
          className="input"
          type="search"
          placeholder={placeholder}
          autoComplete="off"
          value={text}
          data-testid={textTestId}
          onChange={(e) => {
            onTextChange(e.target.value);
          }}
        />
      </div>
      <div className="toolbar__field">
        <label htmlFor={statusId} className="toolbar__label">
          {selectLabel}
        </label>
        <select
          id={statusId}
          className="input select"
          value={value}
          data-testid={selectTestId}
          onChange={(e) => {
            const chosen = options.find((o) => o.value === e.target.value);
            if (chosen !== undefined) onValueChange(chosen.value);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {extra}
      <p className="toolbar__meta" aria-live="polite" data-testid={metaTestId}>
        {meta}
      </p>
    </div>
  );
}
