import { useId } from "react";
import { useSelectedCycle } from "../cycle";
import { useCycles, type Cycle } from "../ipc";

const ALL = "";

function cycleLabel(cycle: Cycle): string {
  return cycle.state === "active" ? `${cycle.name} (active)` : cycle.name;
}

/**
 * Which cycle's goals to show: "All cycles" or one cycle. The choice is shared by
 * the Goals and Analytics screens and remembered across restarts.
 */
export function CyclePicker() {
  const selectId = useId();
  const hintId = useId();
  const cycles = useCycles();
  const [cycle, setCycle] = useSelectedCycle();
  const list = cycles.data ?? [];
  const hint = cycles.isError
    ? `Cycles could not be read: ${cycles.error.message}`
    : cycles.data?.length === 0
      ? "No cycles yet"
      : null;
  return (
    <div className="toolbar__field cycle-picker" data-testid="cycle-picker">
      <label htmlFor={selectId} className="toolbar__label">
        Cycle
      </label>
      <select
        id={selectId}
        className="input select cycle-picker__select"
        value={cycle ?? ALL}
        aria-busy={cycles.isPending}
        aria-describedby={hint !== null ? hintId : undefined}
        data-testid="cycle-select"
        onChange={(e) => {
          setCycle(e.target.value === ALL ? null : e.target.value);
        }}
      >
        <option value={ALL}>All cycles</option>
        {cycles.isPending && cycle !== null && <option value={cycle}>Loading cycles…</option>}
        {list.map((c) => (
          <option key={c.id} value={c.id} data-state={c.state}>
            {cycleLabel(c)}
          </option>
        ))}
      </select>
      {hint !== null && (
        <span id={hintId} className={cycles.isError ? "cycle-picker__hint cycle-picker__hint--error" : "cycle-picker__hint"} data-testid="cycle-picker-hint">
          {hint}
          {cycles.isError && (
            <>
              {" "}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  void cycles.refetch();
                }}
              >
                Try again
              </button>
            </>
          )}
        </span>
      )}
    </div>
  );
}
