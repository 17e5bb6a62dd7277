import { useCallback, useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { CheckInContext } from "./checkin";
import { CheckInDialog } from "./components/CheckInDialog";
import { GlobalSearchDialog } from "./components/GlobalSearchDialog";
import { DialogHostContext, type OpenDialog } from "./dialogs";
import { Sidebar } from "./components/Sidebar";
import { SetupBanner } from "./components/SetupBanner";
import { ShortcutsDialog } from "./components/ShortcutsDialog";
import { Toast, type ToastMessage } from "./components/Toast";
import { Topbar } from "./components/Topbar";
import { useUndoCheckIn, type CheckIn, type GoalSummary } from "./ipc";
import { navigate, useRoute, type Route } from "./router";
import { navSlugFor } from "./screens";
import { GoalScreen } from "./screens/GoalScreen";
import { GoalsScreen } from "./screens/GoalsScreen";
import { MyWeekScreen } from "./screens/MyWeekScreen";
import { AlignmentScreen } from "./screens/AlignmentScreen";
import { AnalyticsScreen } from "./screens/AnalyticsScreen";
import { InboxScreen } from "./screens/InboxScreen";
import { KpisScreen } from "./screens/KpisScreen";
import { NotFoundScreen, ReviewsScreen, SkillsScreen } from "./screens/Screens";
import { TeamScreen } from "./screens/TeamScreen";
import { SettingsScreen } from "./screens/SettingsScreen";
import { NewGoalScreen } from "./screens/NewGoalScreen";
import { useGlobalShortcuts } from "./shortcuts";
import { ToastContext, type ToastAction } from "./toast";

function CurrentScreen({ route, onShowShortcuts }: { route: Route; onShowShortcuts: () => void }) {
  switch (route.screen) {
    case "my-week":
      return <MyWeekScreen />;
    case "goals":
      return <GoalsScreen />;
    case "goal":
      return <GoalScreen goalId={route.goalId} />;
    case "new-goal":
      return <NewGoalScreen />;
    case "team":
      return <TeamScreen />;
    case "alignment":
      return <AlignmentScreen />;
    case "kpis":
      return <KpisScreen />;
    case "analytics":
      return <AnalyticsScreen />;
    case "reviews":
      return <ReviewsScreen />;
    case "skills":
      return <SkillsScreen />;
    case "inbox":
      return <InboxScreen />;
    case "settings":
      return <SettingsScreen onShowShortcuts={onShowShortcuts} />;
    case "not-found":
      return <NotFoundScreen path={route.path} />;
  }
}

function focusScreenHeading(): void {
  document.getElementById("screen-title")?.focus();
}

export function App() {
  const route = useRoute();
  const [helpOpen, setHelpOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const [checkInGoal, setCheckInGoal] = useState<GoalSummary | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  // A screen's dialog (Revise, Apply to my team), shown only on the route that opened it.
  const [screenDialog, setScreenDialog] = useState<{ node: ReactNode; path: string } | null>(null);
  if (screenDialog !== null && screenDialog.path !== route.path) setScreenDialog(null); // navigated away
  const visibleScreenDialog = screenDialog !== null && screenDialog.path === route.path ? screenDialog : null;
  const modalOpen = helpOpen || searchOpen || checkInGoal !== null || visibleScreenDialog !== null;
  const closeScreenDialog = useCallback(() => {
    setScreenDialog(null);
  }, []);
  const openScreenDialog = useCallback<OpenDialog>(
    (render) => {
      setScreenDialog({ node: render(closeScreenDialog), path: route.path });
    },
    [closeScreenDialog, route.path],
  );
  const openHelp = useCallback(() => {
    setHelpOpen(true);
  }, []);
  const openSearch = useCallback(() => {
    setSearchOpen(true);
  }, []);
  const dismissToast = useCallback(() => {
    setToast(null);
  }, []);
  const showToast = useCallback((text: string, action?: ToastAction) => {
    setToast((previous) => ({ id: (previous?.id ?? 0) + 1, text, action }));
  }, []);
  const { mutate: undoCheckIn } = useUndoCheckIn();
  const onCheckInSaved = useCallback(
    (checkIn: CheckIn) => {
      setCheckInGoal(null);
      showToast("Check-in saved", {
        label: "Undo",
        testId: "undo-check-in",
        onAction: () => {
          undoCheckIn(checkIn.id, {
            onSuccess: () => {
              showToast("Check-in undone");
            },
            onError: (error) => {
              showToast(error.message);
            },
          });
        },
      });
    },
    [showToast, undoCheckIn],
  );

  useGlobalShortcuts(
    {
      navigate,
      openSearch,
      openHelp,
    },
    !modalOpen,
  );

  // After a navigation (not on first load), move focus to the new screen's
  // heading so keyboard and screen-reader users land in the content.
  const lastPath = useRef(route.path);
  useEffect(() => {
    if (lastPath.current === route.path) return;
    lastPath.current = route.path;
    focusScreenHeading();
  }, [route.path]);

  function skipToContent(event: MouseEvent<HTMLAnchorElement>): void {
    // The hash is the router's; don't let "#content" become a route.
    event.preventDefault();
    document.getElementById("content")?.focus();
  }

  return (
    <>
      <div className="app" inert={modalOpen}>
        <a className="skip-link" href="#content" onClick={skipToContent} data-testid="skip-link">
          Skip to content
        </a>
        <Sidebar current={navSlugFor(route.screen)} onShowShortcuts={openHelp} />
        <div className="workspace">
          <Topbar onOpenSearch={openSearch} />
          {route.screen !== "my-week" && <SetupBanner />}
          <ToastContext value={showToast}>
            <CheckInContext value={setCheckInGoal}>
              <DialogHostContext value={openScreenDialog}>
                <CurrentScreen route={route} onShowShortcuts={openHelp} />
              </DialogHostContext>
            </CheckInContext>
          </ToastContext>
        </div>
      </div>
      {helpOpen && (
        <ShortcutsDialog
          onClose={() => {
            setHelpOpen(false);
          }}
        />
      )}
      {searchOpen && (
        <GlobalSearchDialog
          onClose={() => {
            setSearchOpen(false);
          }}
          onOpen={navigate}
        />
      )}
      {checkInGoal !== null && (
        <CheckInDialog
          key={checkInGoal.id}
          goal={checkInGoal}
          onClose={() => {
            setCheckInGoal(null);
          }}
          onSaved={onCheckInSaved}
        />
      )}
      {visibleScreenDialog?.node}
      <Toast message={toast} onDismiss={dismissToast} />
    </>
  );
}
