import { useEffect, useId, useRef, type ComponentType, type ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Dialog } from "../components/Dialog";
import { SignInForm } from "../components/SignInForm";
import { useNow } from "../components/SyncIndicator";
import { formatCount, formatDateTime, formatNumber, formatRelativeTime } from "../format";
import {
  useDismissAttention,
  useDismissConflict,
  useKeepMine,
  useSyncAttention,
  useSyncConflicts,
  useSyncNow,
  useSyncSignOut,
  useSyncStatus,
  type AttentionView,
  type ConflictView,
  type IpcError,
  type SyncStatus,
} from "../ipc";
import { useOpenDialog } from "../dialogs";
import { hrefFor } from "../router";
import { useShowToast } from "../toast";

/** "3 changes waiting to be sent" / "Everything sent". */
export function pendingText(pending: number): string {
  return pending === 0 ? "Everything sent" : `${formatCount(pending, "change", "changes")} waiting to be sent`;
}

function Skeleton({ label, testId }: { label: string; testId: string }) {
  return (
    <div className="facts facts--loading" role="status" data-testid={testId}>
      <span className="visually-hidden">{label}</span>
      {[0, 1, 2].map((i) => (
        <div key={i} className="skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}

function ReadError({ title, error, onRetry, testId }: { title: string; error: IpcError; onRetry: () => void; testId: string }) {
  return (
    <div className="callout callout--error" role="alert" data-testid={testId}>
      <p className="callout__title">{title}</p>
      <p className="callout__message">{error.message}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** After an item leaves a list: focus the next item's first button, else the previous one's, else `fallback`. */
function focusAfterRemoval(item: HTMLElement | null, fallback: HTMLElement | null): void {
  const next = item?.nextElementSibling ?? item?.previousElementSibling ?? null;
  const target = next?.querySelector<HTMLElement>("button, a[href]") ?? fallback;
  target?.focus();
}

function SignOutDialog({ status, onClose }: { status: SyncStatus; onClose: () => void }) {
  const signOut = useSyncSignOut();
  const waiting =
    status.pending > 0
      ? `The ${formatCount(status.pending, "change", "changes")} waiting to be sent stay on this computer until you sign in again.`
      : "Changes you make meanwhile stay on this computer until you sign in again.";
  return (
    <Dialog
      title="Sign out of the Stride server?"
      description={`Stride removes your sign-in token from the system keychain. ${waiting}`}
      onClose={onClose}
      testId="sign-out-dialog"
    >
      {signOut.isError && (
        <div className="callout callout--error" role="alert" data-testid="sign-out-error">
          <p className="callout__title">Stride could not sign you out.</p>
          <p className="callout__message">{signOut.error.message}</p>
        </div>
      )}
      <div className="dialog__footer form__footer">
        <button type="button" className="button button--secondary" onClick={onClose} data-autofocus data-testid="sign-out-cancel">
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          aria-disabled={signOut.isPending || undefined}
          data-testid="sync-sign-out-confirm"
          onClick={() => {
            if (signOut.isPending) return;
            signOut.mutate(undefined, { onSuccess: onClose });
          }}
        >
          {signOut.isPending ? "Signing out…" : "Sign out"}
        </button>
      </div>
    </Dialog>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** "4 minutes ago", with the exact local time in the title; "Not yet" before the first sync. */
function LastSynced({ status }: { status: SyncStatus }) {
  const now = useNow();
  if (status.lastSyncAt === null) return <>Not yet</>;
  return (
    <time dateTime={status.lastSyncAt} title={formatDateTime(status.lastSyncAt)}>
      {formatRelativeTime(status.lastSyncAt, now)}
    </time>
  );
}

/** Server, account, the status sentence, the last sync, what waits; Sync now and Sign out. */
function Connected({ status }: { status: SyncStatus }) {
  const syncNow = useSyncNow();
  const openDialog = useOpenDialog();
  const syncButton = useRef<HTMLButtonElement>(null);
  const running = syncNow.isPending || status.phase === "syncing";
  return (
    <>
      <dl className="facts" data-testid="sync-facts">
        <Fact label="Server" testId="sync-server">
          <span className="facts__path">{status.serverUrl ?? "—"}</span>
        </Fact>
        <Fact label="Account" testId="sync-account">
          {status.email ?? "—"}
        </Fact>
        <Fact label="Status" testId="sync-message">
          {status.message}
        </Fact>
        <Fact label="Last synced" testId="sync-last">
          <LastSynced status={status} />
        </Fact>
        <Fact label="Waiting" testId="sync-pending">
          {pendingText(status.pending)}
        </Fact>
      </dl>
      {syncNow.isError && (
        <div className="callout callout--error" role="alert" data-testid="sync-now-error">
          <p className="callout__title">Stride could not sync.</p>
          <p className="callout__message">{syncNow.error.message}</p>
        </div>
      )}
      <div className="sync-actions">
        <button
          ref={syncButton}
          type="button"
          className="button button--primary"
          disabled={running}
          data-testid="sync-now"
          onClick={() => {
            syncNow.mutate(undefined, {
              onSettled: () => {
                // The button was disabled while it ran; give focus back if nothing else took it.
                window.setTimeout(() => {
                  if (document.activeElement === document.body) syncButton.current?.focus();
                }, 0);
              },
            });
          }}
        >
          {running ? "Syncing…" : "Sync now"}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="sync-sign-out"
          aria-haspopup="dialog"
          onClick={() => {
            openDialog((close) => <SignOutDialog status={status} onClose={close} />);
          }}
        >
          Sign out
        </button>
      </div>
    </>
  );
}

function SyncState({ status }: { status: SyncStatus }) {
  const titleId = useId();
  if (status.phase === "off") {
    return (
      <>
        <p className="panel__text" data-testid="sync-message">
          {status.message}
        </p>
        {!status.localOrganisation && (
          <div className="sync-sign-in">
            <h3 id={titleId} className="sync-sign-in__title">
              Sign in to your organisation’s server
            </h3>
            <SignInForm labelledBy={titleId} />
          </div>
        )}
      </>
    );
  }
  if (status.phase === "signed_out") {
    return (
      <>
        <p className="panel__text" data-testid="sync-message">
          {status.message}
        </p>
        <p className="panel__text" data-testid="sync-pending">
          {pendingText(status.pending)}
        </p>
        <div className="sync-sign-in">
          <h3 id={titleId} className="sync-sign-in__title">
            Sign in again
          </h3>
          <SignInForm
            key={`${status.serverUrl ?? ""} ${status.email ?? ""}`}
            labelledBy={titleId}
            account={
              status.serverUrl !== null && status.email !== null
                ? { serverUrl: status.serverUrl, email: status.email }
                : undefined
            }
          />
        </div>
      </>
    );
  }
  return <Connected status={status} />;
}

interface SyncListProps<T> {
  query: UseQueryResult<T[], IpcError>;
  /** Prefix of the heading's id (`-title`) and of the loading, error and empty test ids. */
  name: string;
  testId: string;
  title: string;
  lede: string;
  loadingLabel: string;
  errorTitle: string;
  empty: ReactNode;
  itemKey: (item: T) => string;
  /** `onGone`: after the item left the list, with its element: focus moves to a neighbour, else the heading. */
  Item: ComponentType<{ item: T; onGone: (el: HTMLElement | null) => void }>;
}

/** A panel listing sync items (conflicts, refused changes): loading, read error, empty, or the items. */
function SyncList<T>({ query, name, testId, title, lede, loadingLabel, errorTitle, empty, itemKey, Item }: SyncListProps<T>) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const count = query.data?.length ?? 0;
  return (
    <section className="panel panel--wide" aria-labelledby={`${name}-title`} aria-busy={query.isPending} data-testid={testId}>
      <div className="panel__header">
        <h2 id={`${name}-title`} className="panel__title" ref={headingRef} tabIndex={-1}>
          {title}
          {count > 0 && <span className="sync-count"> {formatNumber(count)}</span>}
        </h2>
        <p className="panel__lede">{lede}</p>
      </div>
      {query.isPending && <Skeleton label={loadingLabel} testId={`${name}-loading`} />}
      {query.isError && (
        <ReadError
          title={errorTitle}
          error={query.error}
          testId={`${name}-error`}
          onRetry={() => {
            void query.refetch();
          }}
        />
      )}
      {query.isSuccess && query.data.length === 0 && (
        <p className="sync-empty" data-testid={`${name}-empty`}>
          {empty}
        </p>
      )}
      {query.isSuccess && query.data.length > 0 && (
        <ul className="sync-items">
          {query.data.map((item) => (
            <Item
              key={itemKey(item)}
              item={item}
              onGone={(el) => {
                focusAfterRemoval(el, headingRef.current);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConflictItem({ item: conflict, onGone }: { item: ConflictView; onGone: (item: HTMLElement | null) => void }) {
  const keepMine = useKeepMine();
  const dismiss = useDismissConflict();
  const showToast = useShowToast();
  const itemRef = useRef<HTMLLIElement>(null);
  const titleId = useId();
  const busy = keepMine.isPending || dismiss.isPending;
  const title = conflict.goalTitle ?? conflict.field.charAt(0).toUpperCase() + conflict.field.slice(1);
  const error = keepMine.error ?? dismiss.error;
  return (
    <li ref={itemRef} className="sync-item" data-testid="sync-conflict" data-conflict-id={conflict.id} aria-labelledby={titleId}>
      <div className="sync-item__main">
        <p className="sync-item__title" id={titleId}>
          {conflict.goalId !== null ? (
            <a className="sync-item__link" href={hrefFor(`/goals/${encodeURIComponent(conflict.goalId)}`)} data-testid="sync-conflict-goal">
              {title}
            </a>
          ) : (
            title
          )}
          {conflict.goalTitle !== null && <span className="sync-item__field">{conflict.field}</span>}
        </p>
        <p className="sync-item__text" data-testid="sync-conflict-sentence">
          {conflict.sentence}
        </p>
        <p className="sync-item__values">
          <span>
            Yours: <strong>{conflict.mine}</strong>
          </span>
          <span>
            Theirs: <strong>{conflict.theirs}</strong>
          </span>
        </p>
        {error !== null && (
          <p className="field__error" role="alert">
            {error.message}
          </p>
        )}
      </div>
      <div className="sync-item__actions">
        {conflict.canKeepMine && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-describedby={titleId}
            aria-disabled={busy || undefined}
            data-testid="keep-mine"
            onClick={() => {
              if (busy) return;
              dismiss.reset();
              keepMine.mutate(conflict.id, {
                onSuccess: () => {
                  showToast("Your value is back; it will be sent with the next sync");
                  onGone(itemRef.current);
                },
              });
            }}
          >
            Keep mine
          </button>
        )}
        <button
          type="button"
          className="button button--secondary button--small"
          aria-describedby={titleId}
          aria-disabled={busy || undefined}
          data-testid="dismiss-conflict"
          onClick={() => {
            if (busy) return;
            keepMine.reset();
            dismiss.mutate(conflict.id, {
              onSuccess: () => {
                onGone(itemRef.current);
              },
            });
          }}
        >
          Dismiss
        </button>
      </div>
    </li>
  );
}

function Conflicts() {
  const conflicts = useSyncConflicts();
  return (
    <SyncList
      query={conflicts}
      name="sync-conflicts"
      testId="sync-conflicts"
      title="Conflicts"
      lede="Fields changed both here and by someone else; the other value was kept."
      loadingLabel="Reading conflicts…"
      errorTitle="Stride could not read the conflicts."
      empty="No conflicts. When two people change the same field while offline, you will see both values here."
      itemKey={(conflict) => conflict.id}
      Item={ConflictItem}
    />
  );
}

function AttentionItem({ item, onGone }: { item: AttentionView; onGone: (el: HTMLElement | null) => void }) {
  const dismiss = useDismissAttention();
  const now = useNow();
  const itemRef = useRef<HTMLLIElement>(null);
  const titleId = useId();
  return (
    <li ref={itemRef} className="sync-item" data-testid="sync-attention" data-op-id={item.opId} aria-labelledby={titleId}>
      <div className="sync-item__main">
        <p className="sync-item__title" id={titleId}>
          {item.what.charAt(0).toUpperCase() + item.what.slice(1)}
        </p>
        <p className="sync-item__text" data-testid="sync-attention-reason">
          {item.reason}
        </p>
        <p className="sync-item__when">
          Refused{" "}
          <time dateTime={item.rejectedAt} title={formatDateTime(item.rejectedAt)}>
            {formatRelativeTime(item.rejectedAt, now)}
          </time>
        </p>
        {dismiss.isError && (
          <p className="field__error" role="alert">
            {dismiss.error.message}
          </p>
        )}
      </div>
      <div className="sync-item__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          aria-describedby={titleId}
          aria-disabled={dismiss.isPending || undefined}
          data-testid="dismiss-attention"
          onClick={() => {
            if (dismiss.isPending) return;
            dismiss.mutate(item.opId, {
              onSuccess: () => {
                onGone(itemRef.current);
              },
            });
          }}
        >
          Dismiss
        </button>
      </div>
    </li>
  );
}

function NeedsAttention() {
  const attention = useSyncAttention();
  return (
    <SyncList
      query={attention}
      name="sync-attention"
      testId="sync-attention-list"
      title="Needs attention"
      lede="Changes made here that the server refused. They are not on the server."
      loadingLabel="Reading refused changes…"
      errorTitle="Stride could not read the refused changes."
      empty={
        <>
          Nothing needs your attention. When the server refuses a change made on this computer, you will see it here
          with the reason.
        </>
      }
      itemKey={(item) => item.opId}
      Item={AttentionItem}
    />
  );
}

/**
 * Settings → Sync (`#/settings?section=sync`): sign in to the organisation's
 * server, or where sync stands with Sync now and Sign out; then the conflicts
 * and the changes the server refused. `focus`: move focus (and the view) to it.
 */
export function SyncSettings({ focus }: { focus: boolean }) {
  const sync = useSyncStatus();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!focus) return;
    // After App has focused the screen's heading on navigation.
    const timer = window.setTimeout(() => {
      const heading = headingRef.current;
      if (heading === null) return;
      heading.focus({ preventScroll: true });
      try {
        heading.scrollIntoView({ block: "start", behavior: "smooth" });
      } catch {
        // Not every environment scrolls (jsdom); focus is what matters.
      }
    }, 0);
    return () => {
      window.clearTimeout(timer);
    };
  }, [focus]);

  const status = sync.data;
  const showLists = status !== undefined && (status.phase !== "off" || status.conflicts > 0 || status.needsAttention > 0);
  return (
    <>
      <section
        id="sync"
        className="panel"
        aria-labelledby="sync-title"
        aria-busy={sync.isPending}
        data-testid="sync-settings"
        data-phase={status?.phase}
      >
        <div className="panel__header">
          <h2 id="sync-title" className="panel__title" ref={headingRef} tabIndex={-1}>
            Sync
          </h2>
          <p className="panel__lede">
            Share goals and check-ins through your organisation’s Stride server. Stride works offline and sends
            changes when it can.
          </p>
        </div>
        {sync.isPending && <Skeleton label="Reading the sync status…" testId="sync-loading" />}
        {sync.isError && status === undefined && (
          <ReadError
            title="Stride could not read the sync status."
            error={sync.error}
            testId="sync-error"
            onRetry={() => {
              void sync.refetch();
            }}
          />
        )}
        {status !== undefined && <SyncState status={status} />}
      </section>
      {showLists && (
        <>
          <Conflicts />
          <NeedsAttention />
        </>
      )}
    </>
  );
}
