import { formatNumber } from "../format";
import { useInbox, useOnboardingState } from "../ipc";
import { hrefFor } from "../router";
import { GROUP_LABELS, NAV, type NavEntry, type NavSlug } from "../screens";
import { Wordmark } from "./Brand";
import { Kbd } from "./Layout";
import { NavIcon } from "./NavIcon";

/** How many inbox items I have not looked at yet; nothing when there are none. */
function InboxCount() {
  const inbox = useInbox();
  const count = inbox.data?.filter((item) => item.state === "new").length ?? 0;
  if (count === 0) return null;
  return (
    <>
      <span className="nav-count" data-testid="inbox-count" aria-hidden="true">
        {formatNumber(count)}
      </span>
      <span className="visually-hidden">, {formatNumber(count)} new</span>
    </>
  );
}

function NavLink({ entry, current }: { entry: NavEntry; current: boolean }) {
  const shortcut = entry.slug === "new-goal" ? "n" : entry.goKey !== undefined ? `g ${entry.goKey}` : undefined;
  return (
    <a
      className={entry.slug === "new-goal" ? "nav-link nav-link--new" : "nav-link"}
      href={hrefFor(entry.path)}
      data-nav={entry.slug}
      aria-current={current ? "page" : undefined}
      aria-keyshortcuts={entry.slug === "new-goal" ? "n" : undefined}
      title={shortcut !== undefined ? `${entry.label} (${shortcut})` : entry.label}
    >
      <NavIcon slug={entry.slug} />
      <span className="nav-link__label">{entry.label}</span>
      {entry.slug === "new-goal" && <Kbd>n</Kbd>}
      {entry.slug === "inbox" && <InboxCount />}
    </a>
  );
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.charAt(0) ?? "";
  const last = words.length > 1 ? (words[words.length - 1]?.charAt(0) ?? "") : "";
  return (first + last).toLocaleUpperCase();
}

/** Who this installation acts as, once set up. */
function Me() {
  const onboarding = useOnboardingState();
  const me = onboarding.data?.me;
  if (me === undefined || me === null) return null;
  return (
    <div className="sidebar__me" data-testid="me" title={me.title === "" ? me.name : `${me.name}, ${me.title}`}>
      <span className="avatar" aria-hidden="true">
        {initials(me.name)}
      </span>
      <span className="sidebar__me-text">
        <span className="sidebar__me-name" data-testid="me-name">
          {me.name}
        </span>
        <span className="sidebar__me-org" data-testid="me-organisation">
          {me.organisation}
        </span>
      </span>
    </div>
  );
}

export function Sidebar({ current, onShowShortcuts }: { current: NavSlug | null; onShowShortcuts: () => void }) {
  const groups = ["top", "work", "people", "insight", "bottom"] as const;
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar__brand">
        <Wordmark />
      </div>
      {groups.map((group) => {
        const label = GROUP_LABELS[group];
        const items = NAV.filter((e) => e.group === group);
        return (
          <div key={group} className={`nav-group nav-group--${group}`}>
            {label !== null && <div className="nav-group__label" id={`nav-${group}`}>{label}</div>}
            <ul className="nav-list" aria-labelledby={label !== null ? `nav-${group}` : undefined}>
              {items.map((entry) => (
                <li key={entry.slug}>
                  <NavLink entry={entry} current={current === entry.slug} />
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <button type="button" className="sidebar__help" onClick={onShowShortcuts} data-testid="open-shortcuts">
        <span>Keyboard shortcuts</span>
        <Kbd>?</Kbd>
      </button>
      <Me />
    </nav>
  );
}
