// Typed access to the Rust core. UI code imports from here, never from
// `@tauri-apps/api/core` (enforced by ESLint): `bindings.ts` is generated from
// the Rust IPC types and is the only file that calls `invoke`.
import { isTauri } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import {
  QueryClient,
  useInfiniteQuery,
  useIsMutating,
  useMutation,
  useQuery,
  useQueryClient,
  keepPreviousData,
  queryOptions,
  useQueries,
  type InfiniteData,
  type QueryKey,
  type UseQueryResult,
} from "@tanstack/react-query";
import {
  commands,
  events,
  type AlertStateInput,
  type AlignmentProblems,
  type AppInfo,
  type ApplyToTeamInput,
  type InboxItem,
  type CascadeHit,
  type CascadeLevel,
  type CascadeRow,
  type Dashboard,
  type DashboardCharts,
  type DigestView,
  type GoalInsight,
  type TeamMember,
  type CheckGoalInput,
  type CheckIn,
  type CheckInInput,
  type Cycle,
  type GoalDetail,
  type GoalFormDefaults,
  type GoalId,
  type GoalLink,
  type GoalSummary,
  type IpcError,
  type KpiView,
  type ListGoalsInput,
  type NewGoalInput,
  type OnboardingState,
  type Progress,
  type Revision,
  type ReviseInput,
  type SearchResults,
  type SmartCheck,
  type StartEmptyInput,
  type OwnerChoice,
  type TemplateView,
} from "./bindings";

export type {
  ActivityWeek,
  OwnerChoice,
  AlertKind,
  AlertState,
  AlertStateInput,
  InboxItem,
  AlignmentProblems,
  AppInfo,
  ApplyToTeamInput,
  CascadeHit,
  CascadeLevel,
  CascadeRow,
  CycleStatus,
  Dashboard,
  DashboardCharts,
  Digest,
  DigestChange,
  DigestGoal,
  DigestView,
  Forecast,
  GoalInsight,
  InactiveParent,
  NoForecast,
  OpposingSiblings,
  RiskAssessment,
  StatusCounts,
  TeamMember,
  UnitStatus,
  Cadence,
  Category,
  CheckGoalInput,
  CheckIn,
  CheckInInput,
  Checkpoint,
  Criteria,
  Criterion,
  Cycle,
  CycleState,
  Direction,
  GoalDetail,
  GoalField,
  GoalFormDefaults,
  GoalId,
  GoalKind,
  GoalLink,
  GoalState,
  GoalStatus,
  GoalSummary,
  IpcError,
  KpiPointView,
  KpiView,
  NewGoalInput,
  OnboardingState,
  ParentInput,
  PeriodKind,
  PersonHit,
  Profile,
  Progress,
  QuietPerson,
  ReviseInput,
  Revision,
  SearchResults,
  SmartCheck,
  StartEmptyInput,
  TeamSplit,
  TemplateView,
  UnitHit,
  UnitKind,
} from "./bindings";
export { commands, events } from "./bindings";

const ERROR_CODES: ReadonlySet<string> = new Set<IpcError["code"]>([
  "invalid_input",
  "not_found",
  "conflict",
  "storage",
  "internal",
]);

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === "string" &&
    ERROR_CODES.has(v.code) &&
    typeof v.message === "string" &&
    (v.field === null || typeof v.field === "string")
  );
}

/** Whatever a rejected `invoke` produced, as an `IpcError`. */
export function toIpcError(error: unknown): IpcError {
  if (isIpcError(error)) return error;
  return { code: "internal", message: String(error), field: null };
}

/** Await a command; a rejection becomes a typed `IpcError`. */
export async function call<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- IpcError is the IPC contract
    throw toIpcError(error);
  }
}

/** True inside the Stride window; false in vitest/jsdom or a plain browser tab. */
export function insideTauri(): boolean {
  try {
    return isTauri();
  } catch {
    return false;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Local IPC: errors are deterministic, so retrying only delays the message.
        retry: false,
        // Freshness comes from `stride://changed`, not from polling or focus.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/**
 * Invalidate every query whenever the core reports a change. Returns a cleanup
 * function. Outside Tauri (tests, a plain browser) this is a no-op.
 */
export function subscribeToChanges(client: QueryClient): () => void {
  if (!insideTauri()) return () => undefined;
  let disposed = false;
  let unlisten: (() => void) | undefined;
  listen(events.changed, () => {
    void client.invalidateQueries();
  }).then(
    (fn) => {
      if (disposed) fn();
      else unlisten = fn;
    },
    (error: unknown) => {
      console.error(`could not subscribe to ${events.changed}`, error);
    },
  );
  return () => {
    disposed = true;
    unlisten?.();
  };
}

export const queryKeys = {
  appInfo: ["app_info"] as const satisfies QueryKey,
  onboarding: ["onboarding_state"] as const satisfies QueryKey,
  myGoals: ["goals", "mine"] as const satisfies QueryKey,
  /** Every goal, or one cycle's (`cycle` null: every cycle). */
  allGoals: (cycle: string | null) => ["goals", "all", cycle] as const satisfies QueryKey,
  goal: (id: string) => ["goal", id] as const satisfies QueryKey,
  goalCheck: (input: CheckGoalInput) => ["check_goal", input] as const satisfies QueryKey,
  goalFormDefaults: (input: CheckGoalInput) => ["goal_form_defaults", input] as const satisfies QueryKey,
  goalTemplates: ["goal_templates"] as const satisfies QueryKey,
  ownerChoices: ["owner_choices"] as const satisfies QueryKey,
  goalSearch: (text: string, limit: number) => ["search_goals", text, limit] as const satisfies QueryKey,
  personGoals: (person: string, cycle: string | null) => ["goals", "person", person, cycle] as const satisfies QueryKey,
  unitGoals: (unit: string, cycle: string | null) => ["goals", "unit", unit, cycle] as const satisfies QueryKey,
  goalInsight: (id: string, dark: boolean) => ["goal_insight", id, dark] as const satisfies QueryKey,
  teamOverview: ["team_overview"] as const satisfies QueryKey,
  /** One page (`offset`) of one level of the alignment map: the goals under `parent` (null: the top). */
  goalMap: (parent: string | null, unit: string | null, offset: number) =>
    ["goal_map", parent, unit, offset] as const satisfies QueryKey,
  goalMapSearch: (text: string, unit: string | null) => ["goal_map_search", text, unit] as const satisfies QueryKey,
  alignmentProblems: ["alignment_problems"] as const satisfies QueryKey,
  dashboard: (cycle: string | null) => ["dashboard", cycle] as const satisfies QueryKey,
  dashboardCharts: (dark: boolean, cycle: string | null) => ["dashboard_charts", dark, cycle] as const satisfies QueryKey,
  inbox: ["inbox"] as const satisfies QueryKey,
  weeklyDigest: ["weekly_digest"] as const satisfies QueryKey,
  cycles: ["cycles"] as const satisfies QueryKey,
  globalSearch: (text: string) => ["global_search", text] as const satisfies QueryKey,
  kpis: ["kpis"] as const satisfies QueryKey,
};

export function useAppInfo() {
  return useQuery<AppInfo, IpcError>({
    queryKey: queryKeys.appInfo,
    queryFn: () => call(commands.appInfo),
  });
}

/** Does this installation still need setting up (demo or own organisation), and who am I. */
export function useOnboardingState() {
  return useQuery<OnboardingState, IpcError>({
    queryKey: queryKeys.onboarding,
    queryFn: () => call(commands.onboardingState),
  });
}

/**
 * Listen to the core's `stride://progress` reports. Resolves to an unlisten
 * function; where events cannot be heard (a plain browser) it resolves to a
 * no-op, so long work still runs, just without a progress bar.
 */
export async function listenToProgress(onProgress: (progress: Progress) => void): Promise<() => void> {
  try {
    return await listen<Progress>(events.progress, (event) => {
      onProgress(event.payload);
    });
  } catch {
    return () => undefined;
  }
}

// The demo's progress lives outside React so that leaving the welcome screen
// and coming back while the demo is still being written shows where it is.
let demoProgress: Progress | null = null;
const demoProgressListeners = new Set<() => void>();

function setDemoProgress(progress: Progress | null): void {
  demoProgress = progress;
  for (const listener of demoProgressListeners) listener();
}

function subscribeToDemoProgress(listener: () => void): () => void {
  demoProgressListeners.add(listener);
  return () => {
    demoProgressListeners.delete(listener);
  };
}

/** The latest progress report of a running `open_demo` (null before the first one and after it ends). */
export function useDemoProgress(): Progress | null {
  return useSyncExternalStore(subscribeToDemoProgress, () => demoProgress, () => null);
}

const OPEN_DEMO_KEY = ["open_demo"] as const satisfies QueryKey;

/** True while `open_demo` runs, from anywhere in the app. */
export function useDemoRunning(): boolean {
  return useIsMutating({ mutationKey: OPEN_DEMO_KEY }) > 0;
}

/** After setup: the new state now, then everything else read again. */
function onSetUp(client: QueryClient, state: OnboardingState): void {
  client.setQueryData(queryKeys.onboarding, state);
  void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.onboarding[0] });
}

/** Fill the empty database with the demo organisation, reporting progress via `useDemoProgress()`. */
export function useOpenDemo() {
  const client = useQueryClient();
  return useMutation<OnboardingState, IpcError>({
    mutationKey: OPEN_DEMO_KEY,
    mutationFn: async () => {
      setDemoProgress(null);
      const unlisten = await listenToProgress(setDemoProgress);
      try {
        return await call(commands.openDemo);
      } finally {
        unlisten();
        setDemoProgress(null);
      }
    },
    onSuccess: (state) => {
      onSetUp(client, state);
    },
  });
}

const START_EMPTY_KEY = ["start_empty"] as const satisfies QueryKey;

/** True while `start_empty` runs. */
export function useStartingEmpty(): boolean {
  return useIsMutating({ mutationKey: START_EMPTY_KEY }) > 0;
}

/** Create my organisation and my profile in the empty database. */
export function useStartEmpty() {
  const client = useQueryClient();
  return useMutation<OnboardingState, IpcError, StartEmptyInput>({
    mutationKey: START_EMPTY_KEY,
    mutationFn: (input) => call(() => commands.startEmpty(input)),
    onSuccess: (state) => {
      onSetUp(client, state);
    },
  });
}

/** Rows per `list_goals` page on the Goals screen. */
export const GOAL_PAGE_SIZE = 100;

const LIST_DEFAULTS: Omit<ListGoalsInput, "scope"> = {
  person: null,
  unit: null,
  cycle: null,
  asOf: null,
  limit: null,
  offset: null,
};

export interface MyGoals {
  goals: GoalSummary[];
  /** True when there is no profile yet, so the list is every goal instead. */
  everyone: boolean;
}

/** True for the error `list_goals` gives for scope "person" when no profile is set. */
export function isNoProfileError(error: IpcError): boolean {
  return error.code === "invalid_input" && error.field === "person";
}

/** My goals (at risk and off track first); every goal when this installation has no profile. */
export function useMyGoals() {
  return useQuery<MyGoals, IpcError>({
    queryKey: queryKeys.myGoals,
    queryFn: async () => {
      try {
        const goals = await call(() => commands.listGoals({ ...LIST_DEFAULTS, scope: "person" }));
        return { goals, everyone: false };
      } catch (error) {
        const e = toIpcError(error);
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- IpcError is the IPC contract
        if (!isNoProfileError(e)) throw e;
        const goals = await call(() => commands.listGoals({ ...LIST_DEFAULTS, scope: "all" }));
        return { goals, everyone: true };
      }
    },
  });
}

/** Whose goals the Goals screen lists: everyone's, one person's or one org unit's. */
export type GoalListScope = { kind: "all" } | { kind: "person"; person: string } | { kind: "unit"; unit: string };

function goalListKey(scope: GoalListScope, cycle: string | null): QueryKey {
  switch (scope.kind) {
    case "all":
      return queryKeys.allGoals(cycle);
    case "person":
      return queryKeys.personGoals(scope.person, cycle);
    case "unit":
      return queryKeys.unitGoals(scope.unit, cycle);
  }
}

/**
 * Every goal — or one person's, or one org unit's — in pages of GOAL_PAGE_SIZE
 * (at risk and off track first), optionally only one cycle's. Changing the
 * cycle keeps the previous rows on screen until the new ones arrive.
 */
export function useAllGoals(scope: GoalListScope = { kind: "all" }, cycle: string | null = null) {
  return useInfiniteQuery<GoalSummary[], IpcError, InfiniteData<GoalSummary[], number>, QueryKey, number>({
    queryKey: goalListKey(scope, cycle),
    queryFn: ({ pageParam }) =>
      call(() =>
        commands.listGoals({
          ...LIST_DEFAULTS,
          scope: scope.kind,
          person: scope.kind === "person" ? scope.person : null,
          unit: scope.kind === "unit" ? scope.unit : null,
          cycle,
          limit: GOAL_PAGE_SIZE,
          offset: pageParam,
        }),
      ),
    initialPageParam: 0,
    getNextPageParam: (last, all) => (last.length < GOAL_PAGE_SIZE ? undefined : all.length * GOAL_PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
}

export function useGoalDetail(id: string) {
  return useQuery<GoalDetail, IpcError>({
    queryKey: queryKeys.goal(id),
    queryFn: () => call(() => commands.goalDetail(id, null)),
  });
}

/**
 * Record a check-in. The core emits `stride://changed`, which refreshes every
 * view; queries are also invalidated here so a missed event cannot leave a view stale.
 */
export function useAddCheckIn() {
  const client = useQueryClient();
  return useMutation<CheckIn, IpcError, CheckInInput>({
    mutationFn: (input) => call(() => commands.addCheckIn(input)),
    onSuccess: () => {
      void client.invalidateQueries();
    },
  });
}

/**
 * Take back a check-in (the toast's Undo after saving one); resolves to its
 * goal's id. Like every write, the core emits `stride://changed`; queries are
 * invalidated here too.
 */
export function useUndoCheckIn() {
  const client = useQueryClient();
  return useMutation<GoalId, IpcError, string>({
    mutationFn: (id) => call(() => commands.undoCheckIn(id)),
    onSuccess: () => {
      void client.invalidateQueries();
    },
  });
}

/** Revise one field of a goal, with a reason. */
export function useReviseGoal() {
  const client = useQueryClient();
  return useMutation<Revision[], IpcError, ReviseInput>({
    mutationFn: (input) => call(() => commands.reviseGoal(input)),
    onSuccess: () => {
      void client.invalidateQueries();
    },
  });
}

/**
 * "Apply to my team": one goal per member of the goal's team (a person's direct
 * reports, a unit's members), aligned under it; resolves to the new goals' ids.
 */
export function useApplyToTeam() {
  const client = useQueryClient();
  return useMutation<GoalId[], IpcError, ApplyToTeamInput>({
    mutationFn: (input) => call(() => commands.applyToTeam(input)),
    onSuccess: () => {
      void client.invalidateQueries();
    },
  });
}

const EMPTY_CHECK: CheckGoalInput = { statement: "", owner: null, parents: [], today: null };

/**
 * The SMART verdict on a goal sentence (`check_goal`). Disabled while `input` is
 * null (no sentence yet); keeps the previous verdict on screen while the next
 * one is computed, so the panel does not flicker as the person types.
 */
export function useGoalCheck(input: CheckGoalInput | null) {
  return useQuery<SmartCheck, IpcError>({
    queryKey: queryKeys.goalCheck(input ?? EMPTY_CHECK),
    queryFn: () => call(() => commands.checkGoal(input ?? EMPTY_CHECK)),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

/** The New goal form's fields read from a sentence (`goal_form_defaults`); like `useGoalCheck`. */
export function useGoalFormDefaults(input: CheckGoalInput | null) {
  return useQuery<GoalFormDefaults, IpcError>({
    queryKey: queryKeys.goalFormDefaults(input ?? EMPTY_CHECK),
    queryFn: () => call(() => commands.goalFormDefaults(input ?? EMPTY_CHECK)),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}


/** The goal template library (per department). */
export function useGoalTemplates() {
  return useQuery<TemplateView[], IpcError>({
    queryKey: queryKeys.goalTemplates,
    queryFn: () => call(commands.goalTemplates),
  });
}

/** Whom a new goal can belong to: me, my reports, the units I lead. */
export function useOwnerChoices() {
  return useQuery<OwnerChoice[], IpcError>({
    queryKey: queryKeys.ownerChoices,
    queryFn: () => call(commands.ownerChoices),
  });
}

/** Goals whose title matches `text` (for picking parents); idle while `text` is blank. */
export function useSearchGoals(text: string, limit = 8) {
  const trimmed = text.trim();
  return useQuery<GoalLink[], IpcError>({
    queryKey: queryKeys.goalSearch(trimmed, limit),
    queryFn: () => call(() => commands.searchGoals(trimmed, limit)),
    enabled: trimmed !== "",
    placeholderData: keepPreviousData,
  });
}

/** Create a goal; resolves to its id. */
export function useCreateGoal() {
  const client = useQueryClient();
  return useMutation<GoalId, IpcError, NewGoalInput>({
    mutationFn: (input) => call(() => commands.createGoal(input)),
    onSuccess: () => {
      void client.invalidateQueries();
    },
  });
}

/** Pace and forecast with the reason in words, and the progress chart drawn for the theme in effect. */
export function useGoalInsight(id: string, dark: boolean) {
  return useQuery<GoalInsight, IpcError>({
    queryKey: queryKeys.goalInsight(id, dark),
    queryFn: () => call(() => commands.goalInsight(id, null, dark)),
    // Switching theme keeps the previous chart until the new one arrives.
    placeholderData: keepPreviousData,
  });
}

/** My reports with their goal counts, status mix, last check-in and check-in compliance. */
export function useTeamOverview() {
  return useQuery<TeamMember[], IpcError>({
    queryKey: queryKeys.teamOverview,
    queryFn: () => call(() => commands.teamOverview(null)),
  });
}

/** Rows per `goal_map` page on the alignment map. */
export const GOAL_MAP_PAGE = 200;

/** The most pages of one level the map reads to reach a search hit (10,000 goals under one parent). */
export const GOAL_MAP_MAX_PAGES = 50;

/** One page of one level of the alignment map, as of today (`parent` null: the top of the cascade). */
export function goalMapPageQuery(parent: string | null, unit: string | null, offset: number) {
  return queryOptions<CascadeLevel, IpcError>({
    queryKey: queryKeys.goalMap(parent, unit, offset),
    queryFn: () => call(() => commands.goalMap({ parent, unit, asOf: null, limit: GOAL_MAP_PAGE, offset })),
  });
}

/** Which level of the map to read (the goals under `parent`; null: the top) and how many pages of it. */
export interface GoalMapRequest {
  parent: string | null;
  pages: number;
}

/** One level of the alignment map as read so far. */
export interface GoalMapLevel {
  /** The rows of the pages read, in order (by title), up to the first page still missing. */
  rows: CascadeRow[];
  /** How many rows the whole level has; null until its first page arrives. */
  total: number | null;
  /** A page has no data yet and is being read. */
  loading: boolean;
  /** The first page that failed, if any. */
  error: IpcError | null;
  /** Read the failed pages again. */
  retry: () => void;
}

/**
 * Levels of the alignment map, each read page by page (`GOAL_MAP_PAGE` rows
 * each, one query per page), keyed by parent (null: the top). Every page is
 * its own query, so "Show more" reads one page and `stride://changed`
 * refreshes exactly the pages on screen. Pass a memoised `requests`.
 */
export function useGoalMapLevels(requests: readonly GoalMapRequest[], unit: string | null): ReadonlyMap<string | null, GoalMapLevel> {
  const plan = useMemo(
    () => requests.flatMap((r, level) => Array.from({ length: Math.max(1, r.pages) }, (_, page) => ({ level, page, parent: r.parent }))),
    [requests],
  );
  const combine = useCallback(
    (results: UseQueryResult<CascadeLevel, IpcError>[]) => {
      const levels = new Map<string | null, GoalMapLevel>();
      let i = 0;
      for (const request of requests) {
        const pages = results.slice(i, i + Math.max(1, request.pages));
        i += Math.max(1, request.pages);
        const rows: CascadeRow[] = [];
        let complete = true;
        for (const page of pages) {
          if (page.data === undefined) complete = false;
          else if (complete) rows.push(...page.data.rows);
        }
        const failed = pages.filter((p) => p.isError);
        levels.set(request.parent, {
          rows,
          total: pages.map((p) => p.data).find((d) => d !== undefined)?.total ?? null,
          loading: pages.some((p) => p.isPending),
          error: failed[0]?.error ?? null,
          retry: () => {
            for (const p of failed) void p.refetch();
          },
        });
      }
      return levels;
    },
    [requests],
  );
  return useQueries({ queries: plan.map((p) => goalMapPageQuery(p.parent, unit, p.page * GOAL_MAP_PAGE)), combine });
}

/**
 * Read the levels along `paths` (each from a top goal down to a goal, as
 * `goal_map_search` gives them) until every goal on them is loaded; resolves
 * to how many pages of each level that took (keyed by parent, null: the top).
 * Pages already cached are not read again. A level that fails stops there
 * (the map shows its error).
 */
export async function loadGoalMapPaths(
  client: QueryClient,
  unit: string | null,
  paths: readonly (readonly string[])[],
): Promise<Map<string | null, number>> {
  const wanted = new Map<string | null, Set<string>>();
  for (const path of paths) {
    path.forEach((id, i) => {
      const parent = i === 0 ? null : (path[i - 1] ?? null);
      const set = wanted.get(parent);
      if (set) set.add(id);
      else wanted.set(parent, new Set([id]));
    });
  }
  const pages = new Map<string | null, number>();
  await Promise.all(
    [...wanted].map(async ([parent, missing]) => {
      let page = 0;
      try {
        while (missing.size > 0 && page < GOAL_MAP_MAX_PAGES) {
          const level = await client.query(goalMapPageQuery(parent, unit, page * GOAL_MAP_PAGE));
          page += 1;
          for (const row of level.rows) missing.delete(row.goal.id);
          if (page * GOAL_MAP_PAGE >= level.total) break;
        }
      } catch {
        // The level's own query shows the error.
      }
      pages.set(parent, Math.max(1, page));
    }),
  );
  return pages;
}

/**
 * Goals whose title contains `text`, each with the paths from a top goal down
 * to it (none: an orphan); hits on the map first, at most 50. Idle while
 * `text` is blank; keeps the previous hits on screen while the next are read.
 */
export function useGoalMapSearch(text: string, unit: string | null) {
  const trimmed = text.trim();
  return useQuery<CascadeHit[], IpcError>({
    queryKey: queryKeys.goalMapSearch(trimmed, unit),
    queryFn: () => call(() => commands.goalMapSearch(trimmed, unit)),
    enabled: trimmed !== "",
    placeholderData: keepPreviousData,
  });
}

/** Orphans, goals under inactive parents and opposing siblings. */
export function useAlignmentProblems() {
  return useQuery<AlignmentProblems, IpcError>({
    queryKey: queryKeys.alignmentProblems,
    queryFn: () => call(commands.alignmentProblems),
  });
}

/**
 * Organisation-wide counts by status, per unit and per cycle, completion rate and
 * check-in compliance — of one cycle's goals, or every cycle's when `cycle` is null.
 */
export function useDashboard(cycle: string | null = null) {
  return useQuery<Dashboard, IpcError>({
    queryKey: queryKeys.dashboard(cycle),
    queryFn: () => call(() => commands.dashboard(null, cycle)),
    placeholderData: keepPreviousData,
  });
}

/** The dashboard's charts (status mix, progress vs pace) for the theme in effect; idle while `enabled` is false. */
export function useDashboardCharts(dark: boolean, cycle: string | null = null, enabled = true) {
  return useQuery<DashboardCharts, IpcError>({
    queryKey: queryKeys.dashboardCharts(dark, cycle),
    queryFn: () => call(() => commands.dashboardCharts(null, cycle, dark)),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Every goal cycle (planning, active and closed), for the cycle picker. */
export function useCycles() {
  return useQuery<Cycle[], IpcError>({
    queryKey: queryKeys.cycles,
    queryFn: () => call(commands.cycles),
  });
}

/**
 * Goals, people and org units matching `text` (the global search); idle while
 * `text` is blank. Keeps the previous results while the next ones are read.
 */
export function useGlobalSearch(text: string) {
  const trimmed = text.trim();
  return useQuery<SearchResults, IpcError>({
    queryKey: queryKeys.globalSearch(trimmed),
    queryFn: () => call(() => commands.globalSearch(trimmed)),
    enabled: trimmed !== "",
    placeholderData: keepPreviousData,
  });
}

/** Every KPI with its data points and how many goals track it. */
export function useKpis() {
  return useQuery<KpiView[], IpcError>({
    queryKey: queryKeys.kpis,
    queryFn: () => call(commands.kpis),
  });
}

/**
 * My inbox (alerts and check-in reminders), newest first; empty without a
 * profile. The core's scheduler fills it and emits `stride://changed`.
 */
export function useInbox() {
  return useQuery<InboxItem[], IpcError>({
    queryKey: queryKeys.inbox,
    queryFn: () => call(() => commands.inbox(null)),
  });
}

/**
 * Mark an inbox item seen, snoozed (until `snoozedUntil`) or dismissed. The
 * cached inbox changes at once (snoozed and dismissed items leave the list),
 * goes back if the core refuses, and is read again afterwards.
 */
export function useSetAlertState() {
  const client = useQueryClient();
  return useMutation<null, IpcError, AlertStateInput, { previous: InboxItem[] | undefined }>({
    mutationFn: (input) => call(() => commands.setAlertState(input)),
    onMutate: async (input) => {
      await client.cancelQueries({ queryKey: queryKeys.inbox });
      const previous = client.getQueryData<InboxItem[]>(queryKeys.inbox);
      if (previous !== undefined) {
        client.setQueryData<InboxItem[]>(
          queryKeys.inbox,
          previous.map((item) => (item.id === input.id ? { ...item, state: input.state } : item)),
        );
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous !== undefined) client.setQueryData(queryKeys.inbox, context.previous);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.inbox });
    },
  });
}

/** A goal's detail from the cache, or read now (e.g. to open the check-in dialog from an inbox item). */
export function fetchGoalDetail(client: QueryClient, id: string): Promise<GoalDetail> {
  return client.query<GoalDetail, IpcError>({
    queryKey: queryKeys.goal(id),
    queryFn: () => call(() => commands.goalDetail(id, null)),
  });
}

/**
 * My weekly manager digest as of today: my team's goals off track and at risk,
 * quiet reports, goal changes, with the same as Markdown. Idle while `enabled`
 * is false (the Inbox reads it only when its "Weekly digest" tab is open). The
 * core refuses without a profile, with a message meant for people.
 */
export function useWeeklyDigest(enabled = true) {
  return useQuery<DigestView, IpcError>({
    queryKey: queryKeys.weeklyDigest,
    queryFn: () => call(() => commands.weeklyDigest(null)),
    enabled,
  });
}

/** Save this week's digest as a Markdown file; resolves to the file's path. Writes nothing to the database. */
export function useSaveDigest() {
  return useMutation<string, IpcError>({
    mutationFn: () => call(() => commands.saveDigest(null)),
  });
}

// Sync with a Stride server: status, conflicts, refused changes.
export * from "./sync";
