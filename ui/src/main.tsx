import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AppProviders } from "./AppProviders";
import { createQueryClient } from "./ipc";
import { applyThemePreference, readThemePreference } from "./theme";
import "./styles/tokens.css";
import "./styles/app.css";
import "./styles/sync.css";

// Apply the saved theme before the first paint (no inline script: strict CSP).
applyThemePreference(readThemePreference());

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing from index.html");

createRoot(container).render(
  <StrictMode>
    <AppProviders client={createQueryClient()}>
      <App />
    </AppProviders>
  </StrictMode>,
);
