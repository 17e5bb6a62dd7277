import { useDeferredValue, useMemo, useState } from "react";
import { CyclePicker } from "../components/CyclePicker";
import { FilterToolbar, type FilterOption } from "../components/FilterToolbar";
import { STATUS_LABELS } from "../components/GoalBits";
import { GoalListLoading, GoalTable } from "../components/GoalTable";
import { EmptyState, LinkButton, Screen } from "../components/Layout";
import { useCycleName, useSelectedCycle } from "../cycle";
import { formatCount, formatNumber } from "../format";
import { useAllGoals, type GoalListScope, type GoalStatus, type GoalSummary } from "../ipc";
import { hrefFor, useHashParam } from "../router";
import { ListError } from "./ListError";
import { NewGoalButton } from "./Screens";

type StatusFilter = GoalStatus | "any" | "none";

const STATUS_FILTERS: readonly FilterOption<StatusFilter>[] = [
  { value: "any", label: "Any status" },
  ...(Object.entries(STATUS_LABELS) as [GoalStatus, string][]).map(([value, label]) => ({ value, label })),
  { value: "none", label: "No status (draft, cancelled…)" },
];

/** Rows loaded so far, once each (a refetch after a change may shift rows between pages). */
function uniqueGoals(pages: readonly (readonly GoalSummary[])[]): GoalSummary[] {
  const seen = new Set<string>();
  const goals: GoalSummary[] = [];
  for (const page of pages)
    for (const goal of page) {
      if (seen.has(goal.id)) continue;
      seen.add(goal.id);
      goals.push(goal);
    }
  return goals;
}

function matches(goal: GoalSummary, words: readonly string[], status: StatusFilter): boolean {
  if (status === "none" ? goal.status !== null : status !== "any" && goal.status !== status) return false;
  if (words.length === 0) return true;
  const text = `${goal.title} ${goal.ownerName}`.toLocaleLowerCase();
  return words.every((w) => text.includes(w));
}

function GoalsEmpty() {
  return (
    <EmptyState illustration="goals" title="Every goal in one list" actions={<NewGoalButton />}>
      <p>
        Goals will be listed here with their owner, progress, status and due date. Open one to see its definition,
        progress chart and check-ins. Create a goal or open the demo organisation to fill the list.
      </p>
    </EmptyState>
  );
}

function ScopedGoalsEmpty({ who }: { who: "person" | "unit" }) {
  return (
    <EmptyState
      illustration="goals"
      title={who === "person" ? "No goals for this person yet" : "No goals for this unit yet"}
      actions={
        <LinkButton href={hrefFor("/goals")} variant="secondary">
          All goals
        </LinkButton>
      }
    >
      <p>
        {who === "person" ? "This person owns no goals yet. Goals they own" : "This unit has no goals yet. Its goals"} will be listed
        here with their progress and status.
      </p>
    </EmptyState>
  );
}

/** The goals of a person or unit: its name from a goal it owns, else a placeholder. */
function scopeName(scope: GoalListScope, goals: readonly GoalSummary[]): string | null {
  if (scope.kind === "all") return null;
  const id = scope.kind === "person" ? scope.person : scope.unit;
  const owned = goals.find((g) => g.owner.type === scope.kind && g.owner.id === id);
  return owned?.ownerName ?? (scope.kind === "person" ? "this person" : "this unit");
}

/**
 * `#/goals` lists every goal; `#/goals?owner=<person id>` one person's goals (from
 * Team and the global search); `#/goals?unit=<unit id>` one org unit's (from the
 * global search). The cycle picker narrows any of them to one cycle.
 */
export function GoalsScreen() {
  const owner = useHashParam("owner");
  const unit = useHashParam("unit");
  const scope: GoalListScope =
    owner !== null ? { kind: "person", person: owner } : unit !== null ? { kind: "unit", unit } : { kind: "all" };
  return <GoalList key={`${owner ?? ""}|${unit ?? ""}`} scope={scope} />;
}

function GoalList({ scope }: { scope: GoalListScope }) {
  const [cycle, setCycle] = useSelectedCycle();
  const cycleName = useCycleName(cycle);
  const all = useAllGoals(scope, cycle);
  const [text, setText] = useState("");
  const [status, setStatus] = useState<StatusFilter>("any");
  const query = useDeferredValue(text);

  const loaded = useMemo(() => uniqueGoals(all.data?.pages ?? []), [all.data]);
  const shown = useMemo(() => {
    const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    return loaded.filter((g) => matches(g, words, status));
  }, [loaded, query, status]);
  const filtering = query.trim() !== "" || status !== "any";
  const ownerName = scopeName(scope, loaded);
  // Filtered to a cycle, an empty list keeps the toolbar so the cycle can be changed back.
  const showList = loaded.length > 0 || (all.data !== undefined && cycle !== null);
  // Scrolling (or End) near the last loaded goal reads the next page, as the
  // button does. Not while filtering: a filter that matches few goals would
  // otherwise read every page.
  const autoLoad =
    !filtering && all.hasNextPage && !all.isPlaceholderData && !all.isFetchNextPageError
      ? () => {
          if (!all.isFetchingNextPage) void all.fetchNextPage();
        }
      : undefined;

  return (
    <Screen
      slug="goals"
      title={ownerName === null ? "Goals" : `Goals of ${ownerName}`}
      lede={
        ownerName === null ? (
          "Your goals, your team's goals and the company goals they align to."
        ) : (
          <>
            The goals {ownerName} {scope.kind === "unit" ? "has" : "owns"}. <a href={hrefFor("/goals")} data-testid="goals-all-link">Show every goal</a>
          </>
        )
      }
      actions={<NewGoalButton />}
    >
      {all.isPending && <GoalListLoading label="Reading goals…" />}
      {all.isError && all.data === undefined && (
        <ListError
          title="Stride could not read the goals."
          error={all.error}
          onRetry={() => {
            void all.refetch();
          }}
        />
      )}
      {all.data !== undefined && !showList && (scope.kind === "all" ? <GoalsEmpty /> : <ScopedGoalsEmpty who={scope.kind} />)}
      {showList && (
        <section className="section" aria-label="Goal list" data-testid="goal-list" aria-busy={all.isPlaceholderData}>
          <FilterToolbar
            text={text}
            onTextChange={setText}
            placeholder="Title or owner"
            textTestId="goal-filter"
            selectLabel="Status"
            value={status}
            options={STATUS_FILTERS}
            onValueChange={setStatus}
            selectTestId="goal-status-filter"
            metaTestId="goals-shown"
            extra={<CyclePicker />}
            meta={
              all.isPlaceholderData
                ? "Reading goals…"
                : filtering
                  ? `${formatNumber(shown.length)} of ${formatCount(loaded.length, "loaded goal", "loaded goals")} match`
                  : `${formatCount(loaded.length, "goal", "goals")}${all.hasNextPage ? " loaded" : ""}`
            }
          />
          {loaded.length === 0 ? (
            <p className="note" data-testid="no-cycle-goals">
              No goals in {cycleName ?? "this cycle"}.{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setCycle(null);
                }}
              >
                Show all cycles
              </button>
            </p>
          ) : shown.length > 0 ? (
            <GoalTable goals={shown} caption="Goals" onNearEnd={autoLoad} />
          ) : (
            <p className="note" data-testid="no-matches">
              No loaded goal matches.{all.hasNextPage ? " Load more to search further." : ""}
            </p>
          )}
          {all.hasNextPage && (
            <div className="load-more">
              <button
                type="button"
                className="button button--secondary"
                data-testid="load-more"
                aria-disabled={all.isFetchingNextPage}
                onClick={() => {
                  if (!all.isFetchingNextPage) void all.fetchNextPage();
                }}
              >
                {all.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
              {filtering && <span className="field__hint">Filters apply to the goals loaded so far.</span>}
            </div>
          )}
          {all.isFetchNextPageError && (
            <p className="field__error" role="alert">
              {all.error.message}
            </p>
          )}
        </section>
      )}
    </Screen>
  );
}
