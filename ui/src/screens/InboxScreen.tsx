import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { useOpenCheckIn } from "../checkin";
import { EmptyState, Kbd, Screen } from "../components/Layout";
import {
  ALERT_KINDS,
  KIND_LABELS,
  SNOOZE_LABELS,
  dayHeading,
  formatShortDay,
  groupByDay,
  isActive,
  offersCheckIn,
  snoozeUntil,
  type SnoozeChoice,
} from "../inbox";
import { formatCount } from "../format";
import {
  fetchGoalDetail,
  toIpcError,
  useInbox,
  useOnboardingState,
  useSetAlertState,
  type AlertKind,
  type AlertState,
  type InboxItem,
} from "../ipc";
import { hrefFor, navigate, replacePath, useHashParam } from "../router";
import { SEQUENCE_TIMEOUT_MS, isTypingTarget } from "../shortcuts";
import { useShowToast } from "../toast";
import { ListError } from "./ListError";
import { WeeklyDigest } from "./WeeklyDigest";

// 16×16 line icons per kind, stroked with currentColor.
const KIND_ICONS: Readonly<Record<AlertKind, string>> = {
  check_in_due: "M3 4.5h10v9H3zM3 7h10M5.5 3v2.5M10.5 3v2.5M6 10.2l1.5 1.5 2.8-2.8",
  missed_check_ins: "M3 4.5h10v9H3zM3 7h10M5.5 3v2.5M10.5 3v2.5M6.5 9l3 3M9.5 9l-3 3",
  off_track: "M8 2.5 14 13.5H2ZM8 6.5v3.5M8 11.8v.2",
  at_risk: "M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12ZM8 5v3.5M8 10.8v.2",
  low_probability: "M2.5 12.5l4-4 2.5 2.5 4.5-5M13.5 6v3M13.5 6h-3",
  activity_below_target: "M2.5 13.5h11M4.5 11V8M8 11V5M11.5 11V9.5M2.5 6.5h11",
  checkpoint_soon: "M4 14V2.5M4 3h8l-1.8 2.5L12 8H4",
};

function KindIcon({ kind }: { kind: AlertKind }) {
  return (
    <svg className="inbox-kind__icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={KIND_ICONS[kind]} />
    </svg>
  );
}

const SNOOZE_CHOICES: readonly SnoozeChoice[] = ["tomorrow", "monday", "week"];

/** "Snooze" with a small menu: tomorrow, next Monday, in a week (dates computed here, in local time). */
function SnoozeMenu({ title, onSnooze }: { title: string; onSnooze: (choice: SnoozeChoice) => void }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    function onPointerDown(event: MouseEvent): void {
      const target = event.target;
      if (!(target instanceof Node)) return;
      if (menuRef.current?.contains(target) || buttonRef.current?.contains(target)) return;
      setOpen(false);
    }
    document.addEventListener("mousedown", onPointerDown);
    return () => {
      document.removeEventListener("mousedown", onPointerDown);
    };
  }, [open]);

  function close(refocus: boolean): void {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }

  function onMenuKeyDown(event: ReactKeyboardEvent<HTMLUListElement>): void {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.findIndex((el) => el === document.activeElement);
    let next: number | null = null;
    if (event.key === "ArrowDown") next = (index + 1) % items.length;
    else if (event.key === "ArrowUp") next = (index - 1 + items.length) % items.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = items.length - 1;
    else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    } else if (event.key === "Tab") {
      setOpen(false);
      return;
    }
    if (next !== null) {
      event.preventDefault();
      items[next]?.focus();
    }
  }

  const today = new Date();
  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="button button--secondary button--small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Snooze “${title}”`}
        data-testid="inbox-snooze"
        onClick={() => {
          setOpen((o) => !o);
        }}
      >
        Snooze
      </button>
      {open && (
        <ul ref={menuRef} id={menuId} className="menu" role="menu" aria-label="Snooze until" onKeyDown={onMenuKeyDown}>
          {SNOOZE_CHOICES.map((choice) => (
            <li key={choice} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu__item"
                data-testid={`inbox-snooze-${choice}`}
                onClick={() => {
                  close(false);
                  onSnooze(choice);
                }}
              >
                <span>{SNOOZE_LABELS[choice]}</span>
                <span className="menu__hint">{formatShortDay(snoozeUntil(choice, today))}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface ItemProps {
  item: InboxItem;
  active: boolean;
  onFocusItem: (id: string) => void;
  onSeen: (item: InboxItem) => void;
  onDismiss: (item: InboxItem) => void;
  onSnooze: (item: InboxItem, choice: SnoozeChoice) => void;
  onCheckIn: (item: InboxItem) => void;
}

function InboxRow({ item, active, onFocusItem, onSeen, onDismiss, onSnooze, onCheckIn }: ItemProps) {
  const titleId = useId();
  const reasonId = useId();
  const isNew = item.state === "new";
  return (
    <li
      className={isNew ? "inbox-item inbox-item--new" : "inbox-item"}
      data-testid="inbox-item"
      data-alert-id={item.id}
      data-kind={item.kind}
      data-state={item.state}
      tabIndex={active ? 0 : -1}
      aria-labelledby={titleId}
      aria-describedby={reasonId}
      onFocus={() => {
        onFocusItem(item.id);
      }}
      onClick={(event) => {
        // Buttons do their own thing (and mark it seen where that makes sense).
        if (event.target instanceof Element && event.target.closest("button") !== null) return;
        onSeen(item);
      }}
    >
      <span className={`inbox-kind inbox-kind--${item.kind}`} data-testid="inbox-kind">
        <KindIcon kind={item.kind} />
        <span>{KIND_LABELS[item.kind]}</span>
      </span>
      <div className="inbox-item__main">
        <p className="inbox-item__title" id={titleId}>
          {isNew && <span className="inbox-item__new">New</span>}
          <span className="visually-hidden">{KIND_LABELS[item.kind]}: </span>
          <a className="inbox-item__goal" href={hrefFor(`/goals/${encodeURIComponent(item.goal)}`)} data-testid="inbox-goal-link">
            {item.goalTitle}
          </a>
        </p>
        <p className="inbox-item__reason" id={reasonId} data-testid="inbox-reason">
          {item.reason}
        </p>
      </div>
      <div className="inbox-item__actions">
        {offersCheckIn(item.kind) && (
          <button
            type="button"
            className="button button--primary button--small"
            data-testid="inbox-check-in"
            aria-label={`Check in on “${item.goalTitle}”`}
            onClick={() => {
              onCheckIn(item);
            }}
          >
            Check in
          </button>
        )}
        <SnoozeMenu
          title={item.goalTitle}
          onSnooze={(choice) => {
            onSnooze(item, choice);
          }}
        />
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="inbox-dismiss"
          aria-label={`Dismiss “${item.goalTitle}”: ${KIND_LABELS[item.kind]}`}
          onClick={() => {
            onDismiss(item);
          }}
        >
          Dismiss
        </button>
      </div>
    </li>
  );
}

function FilterChips({
  items,
  kind,
  onChange,
}: {
  items: readonly InboxItem[];
  kind: AlertKind | null;
  onChange: (kind: AlertKind | null) => void;
}) {
  const counts = new Map<AlertKind, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const kinds = ALERT_KINDS.filter((k) => counts.has(k) || k === kind);
  return (
    <div className="filter-chips" role="group" aria-label="Show only" data-testid="inbox-filters">
      <button
        type="button"
        className="filter-chip"
        aria-pressed={kind === null}
        data-testid="inbox-filter-all"
        onClick={() => {
          onChange(null);
        }}
      >
        All <span className="filter-chip__count">{items.length}</span>
      </button>
      {kinds.map((k) => (
        <button
          key={k}
          type="button"
          className={`filter-chip filter-chip--${k}`}
          aria-pressed={kind === k}
          data-testid={`inbox-filter-${k}`}
          onClick={() => {
            onChange(kind === k ? null : k);
          }}
        >
          <KindIcon kind={k} />
          {KIND_LABELS[k]} <span className="filter-chip__count">{counts.get(k) ?? 0}</span>
        </button>
      ))}
    </div>
  );
}

function itemElement(list: HTMLElement | null, id: string): HTMLElement | null {
  if (list === null) return null;
  return [...list.querySelectorAll<HTMLElement>('[data-testid="inbox-item"]')].find((el) => el.dataset.alertId === id) ?? null;
}

/**
 * Inbox keys, while no dialog or menu has focus and nobody types: j/k or ↓/↑
 * move between items, Enter opens the focused item's goal, e dismisses and s
 * snoozes it until tomorrow. `g` followed by a key belongs to the global
 * shortcuts (g s is Settings), so the key after `g` is left alone.
 */
function useInboxKeys(handlers: {
  /** False while another tab (the weekly digest) is shown. */
  enabled: boolean;
  move: (delta: 1 | -1) => void;
  open: (id: string) => void;
  dismiss: (id: string) => void;
  snooze: (id: string) => void;
}): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    let goSince: number | null = null;
    function onKeyDown(event: KeyboardEvent): void {
      if (!ref.current.enabled) return;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (isTypingTarget(target)) return;
      if (target instanceof Element && target.closest('[role="dialog"], [role="menu"]') !== null) return;
      if (goSince !== null) {
        const fresh = event.timeStamp - goSince <= SEQUENCE_TIMEOUT_MS || event.timeStamp === 0;
        goSince = null;
        if (fresh) return;
      }
      if (event.key === "g" && !event.shiftKey) {
        goSince = event.timeStamp;
        return;
      }
      const item = target instanceof Element ? target.closest<HTMLElement>('[data-testid="inbox-item"]') : null;
      const id = item?.dataset.alertId;
      const h = ref.current;
      switch (event.key) {
        case "j":
        case "k":
          event.preventDefault();
          h.move(event.key === "j" ? 1 : -1);
          break;
        case "ArrowDown":
        case "ArrowUp":
          // Arrows scroll the page unless the focus is on an item.
          if (item === null) return;
          event.preventDefault();
          h.move(event.key === "ArrowDown" ? 1 : -1);
          break;
        case "Enter":
          if (item === null || item !== target || id === undefined) return;
          event.preventDefault();
          h.open(id);
          break;
        case "e":
          if (id === undefined) return;
          event.preventDefault();
          h.dismiss(id);
          break;
        case "s":
          if (id === undefined) return;
          event.preventDefault();
          h.snooze(id);
          break;
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);
}

type InboxTab = "alerts" | "digest";

const TABS: readonly { id: InboxTab; label: string }[] = [
  { id: "alerts", label: "Alerts" },
  { id: "digest", label: "Weekly digest" },
];

/**
 * The Inbox's tabs. The selected tab is remembered in the hash query
 * (`#/inbox?tab=digest`), replacing the history entry; arrows, Home and End
 * move between tabs and select them.
 */
function InboxTabs({
  tab,
  idFor,
  onSelect,
}: {
  tab: InboxTab;
  idFor: (t: InboxTab, part: "tab" | "panel") => string;
  onSelect: (t: InboxTab) => void;
}) {
  function onKeyDown(event: ReactKeyboardEvent<HTMLDivElement>): void {
    const index = TABS.findIndex((t) => t.id === tab);
    let next: number | null = null;
    if (event.key === "ArrowRight") next = (index + 1) % TABS.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = TABS.length - 1;
    const target = next === null ? undefined : TABS[next];
    if (target === undefined) return;
    event.preventDefault();
    onSelect(target.id);
    document.getElementById(idFor(target.id, "tab"))?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label="Inbox views" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={idFor(t.id, "tab")}
          className="tabs__tab"
          aria-selected={t.id === tab}
          aria-controls={idFor(t.id, "panel")}
          tabIndex={t.id === tab ? 0 : -1}
          data-testid={`inbox-tab-${t.id}`}
          onClick={() => {
            onSelect(t.id);
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function InboxScreen({ today = new Date() }: { today?: Date }) {
  const tab: InboxTab = useHashParam("tab") === "digest" ? "digest" : "alerts";
  const tabsId = useId();
  const idFor = (t: InboxTab, part: "tab" | "panel") => `${tabsId}-${t}-${part}`;
  const inbox = useInbox();
  const onboarding = useOnboardingState();
  const setAlertState = useSetAlertState();
  const showToast = useShowToast();
  const openCheckIn = useOpenCheckIn();
  const client = useQueryClient();
  const [kind, setKind] = useState<AlertKind | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const listRef = useRef<HTMLElement>(null);
  /** Where focus goes once an item has left the list: another item's id, or the heading. */
  const focusNext = useRef<string | null>(null);

  const all = (inbox.data ?? []).filter(isActive);
  const shown = kind === null ? all : all.filter((item) => item.kind === kind);
  const newCount = all.filter((item) => item.state === "new").length;
  const groups = groupByDay(shown);
  const ordered = groups.flatMap((g) => g.items);
  const current = ordered.find((item) => item.id === activeId) ?? ordered[0];

  useLayoutEffect(() => {
    const next = focusNext.current;
    if (next === null) return;
    focusNext.current = null;
    const el = next === "" ? null : itemElement(listRef.current, next);
    if (el !== null) el.focus();
    else document.getElementById("screen-title")?.focus();
  });

  function find(id: string): InboxItem | undefined {
    return ordered.find((item) => item.id === id);
  }

  function change(item: InboxItem, state: AlertState, snoozedUntil: string | null, onDone?: () => void): void {
    setAlertState.mutate(
      { id: item.id, state, snoozedUntil },
      {
        onSuccess: () => {
          onDone?.();
        },
        onError: (error) => {
          showToast(toIpcError(error).message);
        },
      },
    );
  }

  function markSeen(item: InboxItem): void {
    if (item.state === "new") change(item, "seen", null);
  }

  /** Before an item leaves: keep the keyboard where it was (the next item, else the previous, else the heading). */
  function prepareFocus(item: InboxItem): void {
    const el = itemElement(listRef.current, item.id);
    if (el === null || !el.contains(document.activeElement)) return;
    const index = ordered.findIndex((i) => i.id === item.id);
    const next = ordered[index + 1] ?? ordered[index - 1];
    focusNext.current = next?.id ?? "";
    if (next !== undefined) setActiveId(next.id);
  }

  function undo(item: InboxItem): void {
    change(item, "seen", null, () => {
      showToast(`Back in your inbox: ${item.goalTitle}`);
    });
  }

  function dismiss(item: InboxItem): void {
    prepareFocus(item);
    change(item, "dismissed", null, () => {
      showToast(`Dismissed: ${item.goalTitle}`, {
        label: "Undo",
        testId: "inbox-undo",
        onAction: () => {
          undo(item);
        },
      });
    });
  }

  function snooze(item: InboxItem, choice: SnoozeChoice): void {
    const until = snoozeUntil(choice, new Date());
    prepareFocus(item);
    change(item, "snoozed", until, () => {
      showToast(`Snoozed until ${formatShortDay(until)}: ${item.goalTitle}`, {
        label: "Undo",
        testId: "inbox-undo",
        onAction: () => {
          undo(item);
        },
      });
    });
  }

  function checkIn(item: InboxItem): void {
    markSeen(item);
    fetchGoalDetail(client, item.goal).then(
      (detail) => {
        openCheckIn(detail.summary);
      },
      (error: unknown) => {
        showToast(toIpcError(error).message);
      },
    );
  }

  function open(item: InboxItem): void {
    markSeen(item);
    navigate(`/goals/${encodeURIComponent(item.goal)}`);
  }

  useInboxKeys({
    enabled: tab === "alerts",
    move: (delta) => {
      if (ordered.length === 0) return;
      const el = document.activeElement;
      const focused = el instanceof HTMLElement ? el.closest<HTMLElement>('[data-testid="inbox-item"]') : null;
      const index = focused === null ? -1 : ordered.findIndex((i) => i.id === focused.dataset.alertId);
      const nextIndex = index < 0 ? (delta === 1 ? 0 : ordered.length - 1) : Math.min(Math.max(index + delta, 0), ordered.length - 1);
      const next = ordered[nextIndex];
      if (next === undefined) return;
      setActiveId(next.id);
      itemElement(listRef.current, next.id)?.focus();
    },
    open: (id) => {
      const item = find(id);
      if (item) open(item);
    },
    dismiss: (id) => {
      const item = find(id);
      if (item) dismiss(item);
    },
    snooze: (id) => {
      const item = find(id);
      if (item) snooze(item, "tomorrow");
    },
  });

  const noProfile = onboarding.data !== undefined && onboarding.data.me === null;
  const lede =
    inbox.data === undefined || all.length === 0
      ? "Reminders and alerts about your goals."
      : newCount > 0
        ? `${formatCount(newCount, "new item", "new items")} of ${formatCount(all.length, "item", "items")}.`
        : `${formatCount(all.length, "item", "items")}, all seen.`;

  return (
    <Screen slug="inbox" title="Inbox" lede={lede}>
      <InboxTabs
        tab={tab}
        idFor={idFor}
        onSelect={(t) => {
          replacePath(t === "digest" ? "/inbox?tab=digest" : "/inbox");
        }}
      />
      <div
        role="tabpanel"
        id={idFor("alerts", "panel")}
        aria-labelledby={idFor("alerts", "tab")}
        className="tabs__panel"
        tabIndex={0}
        hidden={tab !== "alerts"}
        data-testid={tab === "alerts" ? "inbox-alerts" : undefined}
      >
        {tab !== "alerts" ? null : inbox.isPending ? (
          <p className="muted" data-testid="inbox-loading" aria-busy="true">
            Loading your inbox…
          </p>
        ) : inbox.isError ? (
          <ListError title="Could not read your inbox" error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : all.length === 0 ? (
          <EmptyState illustration="inbox" title="Nothing needs you right now">
            {noProfile ? (
              <p>
                The inbox is personal: once Stride knows who you are, check-in reminders, goals falling behind pace
                or off track, and checkpoints coming up will land here.
              </p>
            ) : (
              <p>
                Check-in reminders, goals falling behind pace or off track, a low chance of reaching a target, missed
                check-ins, activity below its weekly target and checkpoints coming up land here. Stride looks at your
                goals when it starts and every 10 minutes; snoozed items come back on their day.
              </p>
            )}
          </EmptyState>
        ) : (
          <section className="section inbox" aria-label="Inbox items" data-testid="inbox-list" ref={listRef}>
            <div className="inbox__bar">
              <FilterChips items={all} kind={kind} onChange={setKind} />
              <p className="inbox__keys muted">
                <Kbd>j</Kbd> <Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>e</Kbd> dismiss · <Kbd>s</Kbd> snooze
              </p>
            </div>
            {shown.length === 0 ? (
              <p className="muted" data-testid="inbox-no-matches">
                Nothing of this kind right now.{" "}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setKind(null);
                  }}
                >
                  Show everything
                </button>
              </p>
            ) : (
              groups.map((group) => (
                <section key={group.day} className="inbox-day" aria-labelledby={`inbox-day-${group.day}`} data-testid="inbox-day" data-day={group.day}>
                  <h2 className="inbox-day__title" id={`inbox-day-${group.day}`}>
                    {dayHeading(group.day, today)}
                  </h2>
                  <ul className="inbox-items">
                    {group.items.map((item) => (
                      <InboxRow
                        key={item.id}
                        item={item}
                        active={item.id === current?.id}
                        onFocusItem={setActiveId}
                        onSeen={markSeen}
                        onDismiss={dismiss}
                        onSnooze={snooze}
                        onCheckIn={checkIn}
                      />
                    ))}
                  </ul>
                </section>
              ))
            )}
          </section>
        )}
      </div>
      <div
        role="tabpanel"
        id={idFor("digest", "panel")}
        aria-labelledby={idFor("digest", "tab")}
        className="tabs__panel"
        tabIndex={0}
        hidden={tab !== "digest"}
        data-testid={tab === "digest" ? "digest" : undefined}
      >
        {tab === "digest" && <WeeklyDigest />}
      </div>
    </Screen>
  );
}
