import { NAV } from "../screens";
import { Dialog } from "./Dialog";
import { Kbd } from "./Layout";
import { searchShortcutLabel } from "./Topbar";

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const go = NAV.filter((e) => e.goKey !== undefined);
  return (
    <Dialog
      title="Keyboard shortcuts"
      description="Shortcuts work anywhere except while you type in a field."
      onClose={onClose}
      testId="shortcuts-dialog"
    >
      <div className="shortcut-columns">
        <section aria-labelledby="sc-go">
          <h3 id="sc-go" className="shortcut-group">
            Go to
          </h3>
          <dl className="shortcut-list">
            {go.map((e) => (
              <div key={e.slug} className="shortcut-row">
                <dt>{e.label}</dt>
                <dd>
                  <Kbd>g</Kbd> <Kbd>{e.goKey}</Kbd>
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="sc-act">
          <h3 id="sc-act" className="shortcut-group">
            Actions
          </h3>
          <dl className="shortcut-list">
            <div className="shortcut-row">
              <dt>New goal</dt>
              <dd>
                <Kbd>n</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>Search goals, people and units</dt>
              <dd>
                <Kbd>{searchShortcutLabel()}</Kbd> or <Kbd>/</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>Show shortcuts</dt>
              <dd>
                <Kbd>?</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>Close dialog or clear search</dt>
              <dd>
                <Kbd>Esc</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>Skip to content</dt>
              <dd>
                <Kbd>Tab</Kbd> first
              </dd>
            </div>
          </dl>
          <h3 id="sc-goals" className="shortcut-group">
            Goal lists
          </h3>
          <dl className="shortcut-list" aria-labelledby="sc-goals" data-testid="shortcuts-goal-lists">
            <div className="shortcut-row">
              <dt>Next or previous goal</dt>
              <dd>
                <Kbd>↓</Kbd> <Kbd>↑</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>A screen down or up</dt>
              <dd>
                <Kbd>Page Down</Kbd> <Kbd>Page Up</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>First or last goal</dt>
              <dd>
                <Kbd>Home</Kbd> <Kbd>End</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>Open the goal</dt>
              <dd>
                <Kbd>Enter</Kbd>
              </dd>
            </div>
          </dl>
          <h3 id="sc-inbox" className="shortcut-group">
            Inbox
          </h3>
          <dl className="shortcut-list" aria-labelledby="sc-inbox" data-testid="shortcuts-inbox">
            <div className="shortcut-row">
              <dt>Next or previous item</dt>
              <dd>
                <Kbd>j</Kbd> <Kbd>k</Kbd> or <Kbd>↓</Kbd> <Kbd>↑</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>Open the item's goal</dt>
              <dd>
                <Kbd>Enter</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>Dismiss</dt>
              <dd>
                <Kbd>e</Kbd>
              </dd>
            </div>
            <div className="shortcut-row">
              <dt>Snooze until tomorrow</dt>
              <dd>
                <Kbd>s</Kbd>
              </dd>
            </div>
          </dl>
          <div className="dialog__footer">
            <button type="button" className="button button--secondary" onClick={onClose}>
              Done
            </button>
          </div>
        </section>
      </div>
    </Dialog>
  );
}
