import { formatPercent } from "../format";
import { phaseLabel } from "../screens/WelcomeScreen";
import { useDemoProgress, useDemoRunning, useOnboardingState } from "../ipc";
import { hrefFor } from "../router";

/**
 * On every screen but `#/` while the database holds no organisation: the
 * screens show their empty states, and this points to the setup on My week.
 */
export function SetupBanner() {
  const onboarding = useOnboardingState();
  const running = useDemoRunning();
  const progress = useDemoProgress();
  if (onboarding.data?.needsSetup !== true) return null;
  return (
    <aside className="setup-banner" aria-label="Setup" data-testid="setup-banner">
      {running ? (
        <p role="status">
          Opening the demo organisation
          {progress !== null && progress.total > 0 ? `: ${phaseLabel(progress.phase).toLocaleLowerCase()}, ${formatPercent(progress.done / progress.total)}` : ""}…
        </p>
      ) : (
        <p>
          Stride has no organisation yet, so every screen is empty.{" "}
          <a href={hrefFor("/")} data-testid="setup-link">
            Set up Stride
          </a>{" "}
          with the demo organisation or your own.
        </p>
      )}
    </aside>
  );
}
