import type { ScreenSlug } from "./router";

export type NavSlug = Exclude<ScreenSlug, "goal" | "not-found">;

export interface NavEntry {
  slug: NavSlug;
  label: string;
  path: string;
  /** The second key of the `g <key>` shortcut, if any. */
  goKey?: string;
  group: "top" | "work" | "people" | "insight" | "bottom";
}

/** Every navigable screen, in sidebar order. Goal detail is reached from Goals. */
export const NAV: readonly NavEntry[] = [
  { slug: "new-goal", label: "New goal", path: "/goals/new", group: "top" },
  { slug: "my-week", label: "My week", path: "/", goKey: "w", group: "work" },
  { slug: "inbox", label: "Inbox", path: "/inbox", goKey: "i", group: "work" },
  { slug: "goals", label: "Goals", path: "/goals", goKey: "g", group: "work" },
  { slug: "alignment", label: "Alignment map", path: "/alignment", goKey: "a", group: "work" },
  { slug: "kpis", label: "KPIs", path: "/kpis", goKey: "k", group: "work" },
  { slug: "team", label: "Team", path: "/team", goKey: "t", group: "people" },
  { slug: "reviews", label: "Reviews", path: "/reviews", goKey: "r", group: "people" },
  { slug: "skills", label: "Skills & learning", path: "/skills", goKey: "l", group: "people" },
  { slug: "analytics", label: "Analytics", path: "/analytics", goKey: "d", group: "insight" },
  { slug: "settings", label: "Settings", path: "/settings", goKey: "s", group: "bottom" },
];

export const GROUP_LABELS: Readonly<Record<NavEntry["group"], string | null>> = {
  top: null,
  work: "Work",
  people: "People",
  insight: "Insight",
  bottom: null,
};

export function navEntry(slug: NavSlug): NavEntry {
  const entry = NAV.find((e) => e.slug === slug);
  if (!entry) throw new Error(`unknown screen ${slug}`);
  return entry;
}

/** Paths for `g <key>`. */
export const GO_KEYS: ReadonlyMap<string, string> = new Map(
  NAV.flatMap((e) => (e.goKey ? [[e.goKey, e.path] as const] : [])),
);

/** Which nav entry is "current" for a screen (goal detail belongs to Goals). */
export function navSlugFor(screen: ScreenSlug): NavSlug | null {
  if (screen === "goal") return "goals";
  if (screen === "not-found") return null;
  return screen;
}
