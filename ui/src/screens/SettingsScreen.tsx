import { useId, useState } from "react";
import { Screen } from "../components/Layout";
import { formatNumber } from "../format";
import { insideTauri, useAppInfo, useOnboardingState, type AppInfo, type Profile } from "../ipc";
import { useHashParam } from "../router";
import { SyncSettings } from "./SyncSettings";
import {
  readThemePreference,
  saveThemePreference,
  systemPrefersDark,
  type ThemePreference,
} from "../theme";

function AboutValues({ info, me }: { info: AppInfo; me: Profile | null }) {
  return (
    <dl className="facts" data-testid="app-info">
      {me !== null && (
        <div className="facts__row">
          <dt>Profile</dt>
          <dd data-testid="profile">
            {me.name}, {me.organisation}
          </dd>
        </div>
      )}
      <div className="facts__row">
        <dt>Version</dt>
        <dd data-testid="app-version">{info.version}</dd>
      </div>
      <div className="facts__row">
        <dt>Data folder</dt>
        <dd className="facts__path" data-testid="data-dir">
          {info.dataDir}
        </dd>
      </div>
      <div className="facts__row">
        <dt>Database file</dt>
        <dd className="facts__path" data-testid="database-path">
          {info.databasePath}
        </dd>
      </div>
      <div className="facts__row">
        <dt>Schema version</dt>
        <dd data-testid="schema-version">{formatNumber(info.schemaVersion)}</dd>
      </div>
      <div className="facts__row">
        <dt>Goals</dt>
        <dd data-testid="goal-count">{formatNumber(info.goalCount)}</dd>
      </div>
      <div className="facts__row">
        <dt>People</dt>
        <dd data-testid="person-count">{formatNumber(info.personCount)}</dd>
      </div>
    </dl>
  );
}

function AboutInstallation() {
  const info = useAppInfo();
  const onboarding = useOnboardingState();
  return (
    <section className="panel" aria-labelledby="about-title" aria-busy={info.isPending} data-testid="about-installation">
      <div className="panel__header">
        <h2 id="about-title" className="panel__title">
          About this installation
        </h2>
        <p className="panel__lede">What this copy of Stride is and where it keeps your data.</p>
      </div>
      {info.isPending && (
        <div className="facts facts--loading" data-testid="app-info-loading" role="status">
          <span className="visually-hidden">Reading installation details…</span>
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="skeleton" aria-hidden="true" />
          ))}
        </div>
      )}
      {info.isError && (
        <div className="callout callout--error" role="alert" data-testid="app-info-error">
          <p className="callout__title">Stride could not read this installation's details.</p>
          <p className="callout__message" data-testid="app-info-error-message">
            {info.error.message}
          </p>
          {!insideTauri() && (
            <p className="callout__hint">
              This page is running outside the Stride desktop app, so it cannot reach the local database.
            </p>
          )}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              void info.refetch();
            }}
          >
            Try again
          </button>
        </div>
      )}
      {info.isSuccess && <AboutValues info={info.data} me={onboarding.data?.me ?? null} />}
    </section>
  );
}

const THEME_OPTIONS: readonly { value: ThemePreference; label: string; hint: string }[] = [
  { value: "system", label: "System", hint: "Follow the light or dark setting of your operating system." },
  { value: "light", label: "Light", hint: "Always light." },
  { value: "dark", label: "Dark", hint: "Always dark." },
];

function Appearance() {
  const [theme, setTheme] = useState<ThemePreference>(readThemePreference);
  const name = useId();
  return (
    <section className="panel" aria-labelledby="appearance-title">
      <div className="panel__header">
        <h2 id="appearance-title" className="panel__title">
          Appearance
        </h2>
        <p className="panel__lede">
          {theme === "system"
            ? `Following your system, which is ${systemPrefersDark() ? "dark" : "light"} right now.`
            : `Stride stays ${theme} whatever your system uses.`}
        </p>
      </div>
      <fieldset className="segmented" data-testid="theme-picker">
        <legend className="visually-hidden">Theme</legend>
        {THEME_OPTIONS.map((option) => (
          <label key={option.value} className="segmented__option" title={option.hint}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={theme === option.value}
              data-testid={`theme-${option.value}`}
              onChange={() => {
                setTheme(option.value);
                saveThemePreference(option.value);
              }}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}

/** Settings; `#/settings?section=sync` moves focus to the Sync section. */
export function SettingsScreen({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const section = useHashParam("section");
  return (
    <Screen slug="settings" title="Settings" lede="This installation, its data, sync and how Stride looks.">
      <div className="panels">
        <AboutInstallation />
        <SyncSettings focus={section === "sync"} />
        <Appearance />
        <section className="panel" aria-labelledby="keyboard-title">
          <div className="panel__header">
            <h2 id="keyboard-title" className="panel__title">
              Keyboard
            </h2>
            <p className="panel__lede">Every screen is one shortcut away; press ? anywhere to see them.</p>
          </div>
          <button type="button" className="button button--secondary" onClick={onShowShortcuts}>
            Show keyboard shortcuts
          </button>
        </section>
        <section className="panel" aria-labelledby="data-title">
          <div className="panel__header">
            <h2 id="data-title" className="panel__title">
              Your data
            </h2>
          </div>
          <p className="panel__text">
            Everything Stride records lives in the database file shown above, on this computer. To keep a copy,
            quit Stride and copy that file somewhere safe.
          </p>
        </section>
      </div>
    </Screen>
  );
}
