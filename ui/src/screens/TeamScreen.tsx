import { useDeferredValue, useMemo, useState } from "react";
import { FilterToolbar, type FilterOption } from "../components/FilterToolbar";
import { GoalListLoading } from "../components/GoalTable";
import { EmptyState, Screen } from "../components/Layout";
import { compareNullable, compareText, SortHeader, type SortState } from "../components/SortHeader";
import { StatusMix } from "../components/StatusMix";
import { formatCount, formatDay, formatNumber, formatPercent } from "../format";
import { isNoProfileError, useTeamOverview, type TeamMember } from "../ipc";
import { hrefFor } from "../router";
import { ListError } from "./ListError";

export type TeamSortKey = "name" | "title" | "goals" | "mix" | "lastCheckIn" | "compliance";

type TeamFilter = "any" | "off_track" | "at_risk" | "low_compliance" | "no_check_in";

const TEAM_FILTERS: readonly FilterOption<TeamFilter>[] = [
  { value: "any", label: "Everyone" },
  { value: "off_track", label: "Has off-track goals" },
  { value: "at_risk", label: "Has at-risk or off-track goals" },
  { value: "low_compliance", label: "Check-in compliance below 50 %" },
  { value: "no_check_in", label: "Never checked in" },
];

function keep(m: TeamMember, filter: TeamFilter): boolean {
  switch (filter) {
    case "any":
      return true;
    case "off_track":
      return m.counts.offTrack > 0;
    case "at_risk":
      return m.counts.offTrack + m.counts.atRisk > 0;
    case "low_compliance":
      return m.checkInCompliance !== null && m.checkInCompliance < 0.5;
    case "no_check_in":
      return m.lastCheckIn === null;
  }
}

/** Status mix order: most off track first, then most at risk (descending = worst first). */
function compareMix(a: TeamMember, b: TeamMember): number {
  return a.counts.offTrack - b.counts.offTrack || a.counts.atRisk - b.counts.atRisk;
}

export function sortTeam(members: readonly TeamMember[], sort: SortState<TeamSortKey>): TeamMember[] {
  const dir = sort.direction === "ascending" ? 1 : -1;
  const by = (a: TeamMember, b: TeamMember): number => {
    switch (sort.key) {
      case "name":
        return dir * compareText(a.name, b.name);
      case "title":
        return dir * compareText(a.title, b.title);
      case "goals":
        return dir * (a.goals - b.goals);
      case "mix":
        return dir * compareMix(a, b);
      case "lastCheckIn":
        return compareNullable(a.lastCheckIn, b.lastCheckIn, sort.direction, compareText);
      case "compliance":
        return compareNullable(a.checkInCompliance, b.checkInCompliance, sort.direction, (x, y) => x - y);
    }
  };
  return [...members].sort((a, b) => by(a, b) || compareText(a.name, b.name));
}

export function personGoalsHref(person: string): string {
  return hrefFor(`/goals?owner=${encodeURIComponent(person)}`);
}

function TeamEmpty({ noProfile }: { noProfile: boolean }) {
  return (
    <EmptyState illustration="team" title={noProfile ? "Your reports, at a glance" : "Nobody reports to you yet"}>
      <p>
        Each direct report will appear here with their goals, status mix, last check-in and check-in compliance.
        Stride builds this from reporting lines:{" "}
        {noProfile
          ? "set up your profile or open the demo organisation first."
          : "people whose manager is you show up here once they are in your organisation."}
      </p>
    </EmptyState>
  );
}

function TeamTable({ members }: { members: readonly TeamMember[] }) {
  const [text, setText] = useState("");
  const [filter, setFilter] = useState<TeamFilter>("any");
  const [sort, setSort] = useState<SortState<TeamSortKey>>({ key: "mix", direction: "descending" });
  const query = useDeferredValue(text);

  const shown = useMemo(() => {
    const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const kept = members.filter((m) => {
      if (!keep(m, filter)) return false;
      const hay = `${m.name} ${m.title}`.toLocaleLowerCase();
      return words.every((w) => hay.includes(w));
    });
    return sortTeam(kept, sort);
  }, [members, query, filter, sort]);
  const filtering = query.trim() !== "" || filter !== "any";

  return (
    <section className="section" aria-label="My reports" data-testid="team-list">
      <FilterToolbar
        text={text}
        onTextChange={setText}
        placeholder="Name or job title"
        textTestId="team-filter"
        selectLabel="Show"
        value={filter}
        options={TEAM_FILTERS}
        onValueChange={setFilter}
        selectTestId="team-status-filter"
        metaTestId="team-shown"
        meta={
          filtering
            ? `${formatNumber(shown.length)} of ${formatCount(members.length, "person", "people")} match`
            : formatCount(members.length, "report", "reports")
        }
      />
      {shown.length === 0 ? (
        <p className="note" data-testid="team-no-matches">
          Nobody matches.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table team-table" data-testid="team-table">
            <caption className="visually-hidden">My reports, sortable by each column</caption>
            <thead>
              <tr>
                <SortHeader column="name" sort={sort} onSort={setSort}>
                  Name
                </SortHeader>
                <SortHeader column="title" sort={sort} onSort={setSort}>
                  Title
                </SortHeader>
                <SortHeader column="goals" sort={sort} onSort={setSort} className="num" initial="descending">
                  Goals
                </SortHeader>
                <SortHeader column="mix" sort={sort} onSort={setSort} initial="descending">
                  Status mix
                </SortHeader>
                <SortHeader column="lastCheckIn" sort={sort} onSort={setSort} initial="descending">
                  Last check-in
                </SortHeader>
                <SortHeader column="compliance" sort={sort} onSort={setSort} className="num">
                  Check-in compliance
                </SortHeader>
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => (
                <tr key={m.person} data-testid="team-row" data-person-id={m.person}>
                  <th scope="row">
                    <a href={personGoalsHref(m.person)} className="goal-row__link" data-testid="team-person-link">
                      {m.name}
                    </a>
                  </th>
                  <td data-testid="team-title">{m.title || <span className="muted">—</span>}</td>
                  <td className="num" data-testid="team-goals">
                    {formatNumber(m.goals)}
                  </td>
                  <td>
                    <StatusMix counts={m.counts} />
                  </td>
                  <td className="date" data-testid="team-last-check-in">
                    {m.lastCheckIn === null ? <span className="muted">None yet</span> : formatDay(m.lastCheckIn)}
                  </td>
                  <td className="num" data-testid="team-compliance">
                    {m.checkInCompliance === null ? <span className="muted">—</span> : formatPercent(m.checkInCompliance)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function TeamScreen() {
  const team = useTeamOverview();
  const noProfile = team.isError && isNoProfileError(team.error);
  return (
    <Screen slug="team" title="Team" lede="The people who report to you and how their goals are going.">
      {team.isPending && <GoalListLoading label="Reading your team…" />}
      {team.isError && !noProfile && (
        <ListError
          title="Stride could not read your team."
          error={team.error}
          onRetry={() => {
            void team.refetch();
          }}
        />
      )}
      {(noProfile || team.data?.length === 0) && <TeamEmpty noProfile={noProfile} />}
      {team.data !== undefined && team.data.length > 0 && <TeamTable members={team.data} />}
    </Screen>
  );
}
