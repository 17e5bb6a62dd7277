import { hrefFor } from "../router";
import { EmptyState, Kbd, LinkButton, Screen } from "../components/Layout";

const NEW_GOAL = hrefFor("/goals/new");

export function NewGoalButton() {
  return (
    <LinkButton href={NEW_GOAL} shortcut="n" testId="action-new-goal">
      New goal
    </LinkButton>
  );
}

export function ReviewsScreen() {
  return (
    <Screen slug="reviews" title="Reviews" lede="Per person and cycle: the evidence first, then the ratings.">
      <EmptyState illustration="reviews" title="Reviews grounded in goal data">
        <p>
          Each review will show a score computed from goal attainment and weights — with the calculation
          explained — next to the self, manager and calibrated ratings. Reviews are prepared per person when a
          cycle closes.
        </p>
      </EmptyState>
    </Screen>
  );
}

export function SkillsScreen() {
  return (
    <Screen slug="skills" title="Skills & learning" lede="Skill levels, what your role expects, and where to learn.">
      <EmptyState illustration="skills" title="Grow the skills your role asks for">
        <p>
          Your skill levels against your role's expectations will appear here, with learning resources from your
          organisation's catalogue linked to each gap. Development goals you create show up here too.
        </p>
      </EmptyState>
    </Screen>
  );
}

export function NotFoundScreen({ path }: { path: string }) {
  return (
    <Screen slug="not-found" title="Page not found">
      <EmptyState
        illustration="lost"
        title="Nothing lives at this address"
        actions={
          <LinkButton href={hrefFor("/")} variant="secondary">
            Go to My week
          </LinkButton>
        }
      >
        <p>
          There is no screen at <code className="code">{path}</code>. Use the navigation on the left, or press{" "}
          <Kbd>?</Kbd> to see the keyboard shortcuts.
        </p>
      </EmptyState>
    </Screen>
  );
}
