import { EmptyState, LinkButton, Screen } from "../components/Layout";
import { GoalListLoading, GoalTable } from "../components/GoalTable";
import { formatCount, formatWeekRange } from "../format";
import { useMyGoals, type GoalSummary } from "../ipc";
import { hrefFor } from "../router";
import { ListError } from "./ListError";
import { NewGoalButton } from "./Screens";
import { SummaryStrip } from "./SummaryStrip";

function WeekEmpty() {
  return (
    <EmptyState
      illustration="week"
      title="Your week starts here"
      actions={
        <>
          <NewGoalButton />
          <LinkButton href={hrefFor("/alignment")} variant="secondary">
            See how goals align
          </LinkButton>
        </>
      }
    >
      <p>
        Your goals, check-ins due this week and alerts will appear here. Create a goal or open the demo
        organisation.
      </p>
    </EmptyState>
  );
}

function needsAttention(goals: readonly GoalSummary[]): number {
  return goals.filter((g) => g.status === "at_risk" || g.status === "off_track").length;
}

export function MyWeekScreen({ today = new Date() }: { today?: Date }) {
  const mine = useMyGoals();
  return (
    <Screen slug="my-week" title="My week" lede={formatWeekRange(today)} actions={<NewGoalButton />}>
      <SummaryStrip />
      {mine.isPending && <GoalListLoading label="Reading your goals…" />}
      {mine.isError && (
        <ListError
          title="Stride could not read your goals."
          error={mine.error}
          onRetry={() => {
            void mine.refetch();
          }}
        />
      )}
      {mine.isSuccess && mine.data.goals.length === 0 && <WeekEmpty />}
      {mine.isSuccess && mine.data.goals.length > 0 && (
        <section className="section" aria-labelledby="my-goals-title" data-testid="my-goals">
          <div className="section__header">
            <h2 id="my-goals-title" className="section__title">
              {mine.data.everyone ? "Every goal" : "My goals"}
            </h2>
            <p className="section__meta" data-testid="my-goals-summary">
              {formatCount(mine.data.goals.length, "goal", "goals")}
              {needsAttention(mine.data.goals) > 0 &&
                ` · ${formatCount(needsAttention(mine.data.goals), "needs", "need")} attention`}
            </p>
          </div>
          {mine.data.everyone && (
            <p className="note" data-testid="no-profile-note">
              Showing every goal: this installation has no profile yet.{" "}
              <a href={hrefFor("/goals")}>Open Goals</a> to filter and page through them all.
            </p>
          )}
          <GoalTable goals={mine.data.goals} caption={mine.data.everyone ? "Every goal" : "My goals"} />
        </section>
      )}
    </Screen>
  );
}
