// A stand-in for the core's lazy alignment map (`goal_map`, `goal_map_search`)
// over a small in-memory cascade, for tests that mock `./ipc/bindings`.
import type { CascadeHit, CascadeLevel, CascadeRow, GoalMapInput, GoalStatus } from "../ipc/bindings";
import { makeGoal } from "./fixtures";

export interface FakeGoal {
  title: string;
  rolledUp?: number;
  ownerName?: string;
  status?: GoalStatus;
}

export interface FakeCascade {
  goals: Record<string, FakeGoal>;
  /** The top of the cascade. */
  roots: string[];
  /** Contributors of each goal, with the edge weight. */
  children: Record<string, [string, number][]>;
}

function cascadeRow(cascade: FakeCascade, id: string, weight: number): CascadeRow {
  const g = cascade.goals[id];
  if (g === undefined) throw new Error(`no goal ${id}`);
  return {
    goal: makeGoal({ id, title: g.title, ownerName: g.ownerName ?? "Northwind", status: g.status ?? "on_track" }),
    rolledUp: g.rolledUp ?? 0.5,
    weight,
    children: cascade.children[id]?.length ?? 0,
  };
}

/** `goal_map` over `cascade`: rows by title, `limit` from `offset`, like the core. */
export function fakeGoalMap(cascade: FakeCascade, input: GoalMapInput): CascadeLevel {
  const edges: [string, number][] =
    input.parent === null ? cascade.roots.map((id) => [id, 1]) : (cascade.children[input.parent] ?? []);
  const rows = edges
    .map(([id, weight]) => cascadeRow(cascade, id, weight))
    .sort((a, b) => a.goal.title.localeCompare(b.goal.title) || a.goal.id.localeCompare(b.goal.id));
  const offset = input.offset ?? 0;
  return { parent: input.parent, rows: rows.slice(offset, offset + (input.limit ?? 200)), total: rows.length };
}

export function hit(goal: string, title: string, paths: string[][]): CascadeHit {
  return { goal, title, paths };
}

/** A promise with its resolve function, to hold a command's answer back. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
