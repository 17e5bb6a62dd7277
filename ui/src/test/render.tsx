import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { AppProviders } from "../AppProviders";
import { createQueryClient, type AppInfo, type OnboardingState } from "../ipc";

export const SAMPLE_INFO: AppInfo = {
  version: "0.1.0",
  dataDir: "/home/ada/.local/share/org.stride.app",
  databasePath: "/home/ada/.local/share/org.stride.app/stride.db",
  schemaVersion: 3,
  goalCount: 1234,
  personCount: 0,
};

/** A set-up installation: "me" is a sales manager at Northwind. */
export const SET_UP: OnboardingState = {
  needsSetup: false,
  me: { id: "p-1", name: "Maria Keller", title: "Sales Manager", organisation: "Northwind Logistics" },
};

/** A brand-new, empty database. */
export const NEEDS_SETUP: OnboardingState = { needsSetup: true, me: null };

export function renderApp() {
  const user = userEvent.setup();
  const client = createQueryClient();
  const result = render(
    <AppProviders client={client}>
      <App />
    </AppProviders>,
  );
  return { user, client, ...result };
}
