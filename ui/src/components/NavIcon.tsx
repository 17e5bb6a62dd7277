import type { NavSlug } from "../screens";

// 20×20 line icons, stroked with currentColor.
const PATHS: Readonly<Record<NavSlug, string>> = {
  "new-goal": "M10 4.5v11M4.5 10h11",
  "my-week": "M3.5 6.5h13M6.5 3v3M13.5 3v3M4.5 5h11a1 1 0 0 1 1 1v9.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1ZM7 11.5l2 2 4-4",
  inbox: "M3.5 11.5h4l1 2h3l1-2h4M5 4.5h10l1.5 7v4a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1v-4Z",
  goals: "M10 16.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM10 13a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM10 10.01V10",
  alignment: "M10 3.5v4M10 7.5H5.5v3M10 7.5h4.5v3M3.5 10.5h4v3h-4zM12.5 10.5h4v3h-4zM8 2h4v3H8z",
  kpis: "M3.5 16.5h13M5.5 13l3-4 3 2.5 4-6M13 5.5h2.5V8",
  team: "M7.5 9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM2.5 16c.6-2.6 2.6-4 5-4s4.4 1.4 5 4M13.5 4.3a2.5 2.5 0 0 1 0 4.4M14.5 12.2c1.4.4 2.5 1.6 3 3.8",
  reviews: "M5.5 3.5h9a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1ZM7.5 7.5h5M7.5 10.5h5M7.5 13.5h3",
  skills: "M3.5 5.5 10 3l6.5 2.5L10 8ZM6 7v4.5c1.2 1.2 2.5 1.8 4 1.8s2.8-.6 4-1.8V7M16.5 5.5v5",
  analytics: "M4.5 16.5v-5M8.5 16.5v-9M12.5 16.5v-7M16.5 16.5v-12",
  settings: "M10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4",
};

export function NavIcon({ slug }: { slug: NavSlug }) {
  return (
    <svg className="nav-icon" width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={PATHS[slug]} />
    </svg>
  );
}
