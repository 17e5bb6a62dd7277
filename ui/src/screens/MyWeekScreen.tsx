import { EmptyState, LinkButton, Screen } from "../components/Layout";
import { GoalListLoading, GoalTable } from "../components/GoalTable";
import { formatCount, formatWeekRange } from "../format";
import { useEffect, useRef } from "react";
import { useMyGoals, useOnboardingState, type GoalSummary } from "../ipc";
import { hrefFor } from "../router";
import { ListError } from "./ListError";
import { NewGoalButton } from "./Screens";
import { SummaryStrip } from "./SummaryStrip";
import { WelcomeScreen } from "./WelcomeScreen";

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

function MyGoals() {
  const mine = useMyGoals();
  return (
    <>
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
    </>
  );
}

/**
 * `#/`: the welcome (first launch) while the database holds no organisation,
 * My week once it does. If the onboarding state cannot be read, My week shows
 * with whatever its own reads say.
 */
export function MyWeekScreen({ today = new Date() }: { today?: Date }) {
  const onboarding = useOnboardingState();
  const needsSetup = onboarding.data?.needsSetup === true;

  // Right after setup the welcome's buttons are gone: land on My week's heading.
  const wasWelcome = useRef(needsSetup);
  useEffect(() => {
    if (needsSetup) {
      wasWelcome.current = true;
    } else if (wasWelcome.current) {
      wasWelcome.current = false;
      document.getElementById("screen-title")?.focus();
    }
  }, [needsSetup]);

  if (needsSetup) return <WelcomeScreen />;
  return (
    <Screen slug="my-week" title="My week" lede={formatWeekRange(today)} actions={<NewGoalButton />}>
      <SummaryStrip />
      {onboarding.isPending ? <GoalListLoading label="Reading your goals…" /> : <MyGoals />}
    </Screen>
  );
}
