import { useId, useState, type ReactNode } from "react";
import { EmptyState } from "../components/Layout";
import { describeChange, isQuietWeek } from "../digest";
import { formatCount, formatDay, formatDayRange, formatPercent } from "../format";
import { toIpcError, useSaveDigest, useWeeklyDigest, type Digest, type DigestGoal, type QuietPerson } from "../ipc";
import { hrefFor } from "../router";
import { useShowToast } from "../toast";
import { ListError } from "./ListError";

function goalHref(goal: string): string {
  return hrefFor(`/goals/${encodeURIComponent(goal)}`);
}

/** One part of the digest (off track, at risk, …) with its count; not shown when empty. */
function DigestSection({ testId, title, count, children }: { testId: string; title: string; count: number; children: ReactNode }) {
  const titleId = useId();
  if (count === 0) return null;
  return (
    <section className="digest-section" aria-labelledby={titleId} data-testid={testId}>
      <h2 className="digest-section__title" id={titleId}>
        {title} <span className="digest-section__count" data-testid="digest-count">{count}</span>
      </h2>
      {children}
    </section>
  );
}

function GoalRows({ goals, tone }: { goals: readonly DigestGoal[]; tone: "off-track" | "at-risk" }) {
  return (
    <ul className={`digest-list digest-list--${tone}`}>
      {goals.map((g) => (
        <li key={g.goal} className="digest-row" data-testid="digest-goal" data-goal-id={g.goal}>
          <div className="digest-row__main">
            <a className="digest-row__title" href={goalHref(g.goal)}>
              {g.title}
            </a>
            <span className="digest-row__meta">{g.owner}</span>
          </div>
          <span className="digest-row__pace num" data-testid="digest-progress">
            {formatPercent(g.progress)} <span className="muted">vs {formatPercent(g.expected)} expected</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function QuietRows({ people }: { people: readonly QuietPerson[] }) {
  return (
    <ul className="digest-list">
      {people.map((p) => (
        <li key={p.person} className="digest-row" data-testid="digest-person" data-person-id={p.person}>
          <div className="digest-row__main">
            <a className="digest-row__title" href={hrefFor(`/goals?owner=${encodeURIComponent(p.person)}`)}>
              {p.name}
            </a>
            <span className="digest-row__meta">
              Last check-in {p.lastCheckIn === null ? "never" : formatDay(p.lastCheckIn)}
            </span>
          </div>
          <span className="digest-row__pace num">{formatCount(p.activeGoals, "active goal", "active goals")}</span>
        </li>
      ))}
    </ul>
  );
}

function ChangeRows({ digest }: { digest: Digest }) {
  return (
    <ul className="digest-list">
      {digest.changes.map((c, index) => (
        // A goal can change twice in a week (even the same field): the index keeps keys apart.
        <li key={`${c.goal}-${c.field}-${c.on}-${String(index)}`} className="digest-row" data-testid="digest-change" data-goal-id={c.goal}>
          <div className="digest-row__main">
            <a className="digest-row__title" href={goalHref(c.goal)}>
              {c.title}
            </a>
            <span className="digest-row__meta" data-testid="digest-change-text">
              {describeChange(c)}
            </span>
          </div>
          <span className="digest-row__pace date">{formatDay(c.on)}</span>
        </li>
      ))}
    </ul>
  );
}

function DigestActions({ markdown }: { markdown: string }) {
  const showToast = useShowToast();
  const save = useSaveDigest();
  const [savedPath, setSavedPath] = useState<string | null>(null);

  function copy(): void {
    // `navigator.clipboard` is missing outside a secure context.
    const clipboard = (navigator as Partial<Navigator>).clipboard;
    if (clipboard === undefined) {
      showToast("Could not copy the digest: the clipboard is not available here");
      return;
    }
    clipboard.writeText(markdown).then(
      () => {
        showToast("Digest copied");
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        showToast(`Could not copy the digest: ${reason}`);
      },
    );
  }

  function saveFile(): void {
    save.mutate(undefined, {
      onSuccess: (path) => {
        setSavedPath(path);
        showToast(`Saved to ${path}`);
      },
      onError: (error) => {
        showToast(toIpcError(error).message);
      },
    });
  }

  return (
    <div className="digest__actions">
      <button type="button" className="button button--secondary button--small" data-testid="digest-copy" onClick={copy}>
        Copy as Markdown
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        data-testid="digest-save"
        disabled={save.isPending}
        aria-busy={save.isPending}
        onClick={saveFile}
      >
        {save.isPending ? "Saving…" : "Save as Markdown"}
      </button>
      {savedPath !== null && (
        <span className="digest__saved muted" data-testid="digest-saved-path">
          Saved to <code title={savedPath}>{savedPath}</code>
        </span>
      )}
    </div>
  );
}

/** The weekly manager digest: what needs the manager this week, to read here or take away as Markdown. */
export function WeeklyDigest() {
  const query = useWeeklyDigest();

  if (query.isPending) {
    return (
      <p className="muted" data-testid="digest-loading" aria-busy="true">
        Putting this week&apos;s digest together…
      </p>
    );
  }
  if (query.isError) {
    return <ListError title="Could not make this week's digest" error={query.error} onRetry={() => void query.refetch()} />;
  }

  const { digest, markdown } = query.data;
  const summary = `${formatCount(digest.checkIns, "check-in", "check-ins")} this week · ${formatCount(digest.done, "goal", "goals")} done`;
  return (
    <div className="digest">
      <header className="digest__header">
        <div>
          <h2 className="digest__title" data-testid="digest-title">
            Week of {formatDayRange(digest.from, digest.to)}
          </h2>
          <p className="digest__summary muted" data-testid="digest-summary">
            {summary}
          </p>
        </div>
        <DigestActions markdown={markdown} />
      </header>
      {isQuietWeek(digest) ? (
        <EmptyState illustration="inbox" title="Nothing needs you this week…">
          <p>
            No team goal is off track or at risk, everyone with an active goal checked in, and no goal was
            changed. Anything that needs you next week will show up here.
          </p>
        </EmptyState>
      ) : (
        <>
          <DigestSection testId="digest-off-track" title="Off track" count={digest.offTrack.length}>
            <GoalRows goals={digest.offTrack} tone="off-track" />
          </DigestSection>
          <DigestSection testId="digest-at-risk" title="At risk" count={digest.atRisk.length}>
            <GoalRows goals={digest.atRisk} tone="at-risk" />
          </DigestSection>
          <DigestSection testId="digest-quiet" title="No check-in this week" count={digest.quiet.length}>
            <QuietRows people={digest.quiet} />
          </DigestSection>
          <DigestSection testId="digest-changes" title="Goal changes" count={digest.changes.length}>
            <ChangeRows digest={digest} />
          </DigestSection>
        </>
      )}
    </div>
  );
}
