import { useEffect, useId, useRef, useState, type ReactNode, type Ref, type SyntheticEvent } from "react";
import { withoutFieldPrefix } from "../components/FormField";
import { Screen } from "../components/Layout";
import { SignInForm } from "../components/SignInForm";
import { useFormErrors, type FieldErrors } from "../components/useFormErrors";
import { formatNumber } from "../format";
import {
  useDemoProgress,
  useDemoRunning,
  useOpenDemo,
  useStartEmpty,
  useStartingEmpty,
  useSyncStatus,
  type IpcError,
  type Progress,
  type StartEmptyInput,
  type SyncStatus,
} from "../ipc";
import { navigate } from "../router";

/** The `open_demo` phases, as a person would say them. */
const PHASE_LABELS: Readonly<Record<string, string>> = {
  organisation: "Building the organisation and its people",
  kpis: "Adding KPIs and their history",
  "unit goals": "Writing company and department goals",
  "individual goals": "Writing individual goals and a year of check-ins",
};

export function phaseLabel(phase: string): string {
  const known = PHASE_LABELS[phase];
  if (known !== undefined) return known;
  return phase === "" ? "Preparing" : phase.charAt(0).toUpperCase() + phase.slice(1);
}

type SetupField = keyof StartEmptyInput;
const SETUP_FIELDS: readonly SetupField[] = ["name", "email", "title", "organisation"];

/** The error's message shown next to its field: without a leading "field: ". */
function fieldMessage(error: IpcError, field: SetupField): string {
  return withoutFieldPrefix(error.message, field);
}

/** The same checks the core makes first, so an empty field is caught without a round trip. */
function missingFields(input: StartEmptyInput): FieldErrors<SetupField> {
  const errors: FieldErrors<SetupField> = {};
  if (input.name.trim() === "") errors.name = "Enter your name.";
  if (input.email.trim() === "") errors.email = "Enter your work email.";
  if (input.organisation.trim() === "") errors.organisation = "Enter your organisation's name.";
  return errors;
}

function DemoProgress({ progress, focusRef }: { progress: Progress | null; focusRef: Ref<HTMLDivElement> }) {
  const determinate = progress !== null && progress.total > 0;
  const phase = progress === null ? "Preparing the demo organisation" : phaseLabel(progress.phase);
  return (
    <div className="demo-progress" data-testid="demo-progress" ref={focusRef} tabIndex={-1}>
      <p className="demo-progress__phase" role="status" data-testid="demo-progress-phase">
        {phase}…
      </p>
      <progress
        className="demo-progress__bar"
        aria-label="Opening the demo organisation"
        max={determinate ? progress.total : undefined}
        value={determinate ? Math.min(progress.done, progress.total) : undefined}
      />
      {determinate && (
        <p className="demo-progress__count" data-testid="demo-progress-count">
          {formatNumber(progress.done)} of {formatNumber(progress.total)}
        </p>
      )}
    </div>
  );
}

function FormError({ title, error, testId }: { title: string; error: IpcError | null; testId: string }) {
  if (error === null) return null;
  return (
    <div className="callout callout--error" role="alert" data-testid={testId}>
      <p className="callout__title">{title}</p>
      <p className="callout__message" data-testid={`${testId}-message`}>
        {error.message}
      </p>
    </div>
  );
}

interface SetupInputProps {
  field: SetupField;
  label: string;
  hint?: string;
  required?: boolean;
  type?: "text" | "email";
  autoComplete: string;
  value: string;
  error: string | undefined;
  inputRef: Ref<HTMLInputElement>;
  onChange: (value: string) => void;
}

function SetupInput({ field, label, hint, required = false, type = "text", autoComplete, value, error, inputRef, onChange }: SetupInputProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : undefined, error !== undefined ? errorId : undefined]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {required ? (
          <span className="field__required" aria-hidden="true">
            {" "}
            *
          </span>
        ) : (
          <span className="field__optional"> (optional)</span>
        )}
      </label>
      {hint !== undefined && (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      )}
      <input
        ref={inputRef}
        id={id}
        name={field}
        className="input input--wide"
        type={type}
        autoComplete={autoComplete}
        spellCheck={type === "email" ? false : undefined}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
        value={value}
        data-testid={`setup-${field}`}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
      {error !== undefined && (
        <p id={errorId} className="field__error" data-testid={`field-error-${field}`}>
          {error}
        </p>
      )}
    </div>
  );
}

function StartEmptyForm({ demoRunning }: { demoRunning: boolean }) {
  const [input, setInput] = useState<StartEmptyInput>({ name: "", email: "", title: "", organisation: "" });
  const { errors, formError, refs, showError, validate } = useFormErrors(SETUP_FIELDS, fieldMessage);
  const start = useStartEmpty();

  function submit(event: SyntheticEvent): void {
    event.preventDefault();
    if (start.isPending || demoRunning) return;
    if (!validate(missingFields(input))) return;
    start.mutate(input, {
      onSuccess: () => {
        navigate("/");
      },
      onError: showError,
    });
  }

  const set = (field: SetupField) => (value: string) => {
    setInput((previous) => ({ ...previous, [field]: value }));
  };

  return (
    <form className="form" noValidate onSubmit={submit} aria-labelledby="start-empty-title" data-testid="start-empty-form">
      <FormError title="Stride could not create your organisation." error={formError} testId="setup-error" />
      <fieldset className="form__fields" disabled={demoRunning}>
        <legend className="visually-hidden">Your profile and organisation</legend>
        <SetupInput
          field="name"
          label="Your name"
          required
          autoComplete="name"
          value={input.name}
          error={errors.name}
          inputRef={refs.name}
          onChange={set("name")}
        />
        <SetupInput
          field="email"
          label="Work email"
          required
          type="email"
          autoComplete="email"
          value={input.email}
          error={errors.email}
          inputRef={refs.email}
          onChange={set("email")}
        />
        <SetupInput
          field="title"
          label="Job title"
          hint="For example “Head of Operations”"
          autoComplete="organization-title"
          value={input.title}
          error={errors.title}
          inputRef={refs.title}
          onChange={set("title")}
        />
        <SetupInput
          field="organisation"
          label="Organisation"
          required
          autoComplete="organization"
          value={input.organisation}
          error={errors.organisation}
          inputRef={refs.organisation}
          onChange={set("organisation")}
        />
      </fieldset>
      <div className="form__footer">
        <span className="field__hint">
          <span aria-hidden="true">*</span> Required
        </span>
        <button
          type="submit"
          className="button button--primary"
          disabled={demoRunning}
          aria-disabled={start.isPending || undefined}
          data-testid="setup-submit"
        >
          {start.isPending ? "Creating…" : "Create my organisation"}
        </button>
      </div>
    </form>
  );
}

function Choice({ id, title, testId, children }: { id: string; title: string; testId: string; children: ReactNode }) {
  return (
    <section className="panel choice" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="panel__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * After signing in from the welcome: My week appears as soon as the first sync
 * has brought the organisation (the onboarding state is read again on
 * `stride://changed` and `stride://sync`); meanwhile, where sync stands.
 */
function SignedIn({ signedIn }: { signedIn: SyncStatus }) {
  const sync = useSyncStatus();
  const status = sync.data ?? signedIn;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="sync-welcome" ref={ref} tabIndex={-1} data-testid="connect-signed-in">
      <p className="sync-welcome__title">
        Signed in{status.email !== null ? ` as ${status.email}` : ""}
        {status.serverUrl !== null ? ` to ${status.serverUrl}` : ""}.
      </p>
      <p className="panel__text" role="status" data-testid="connect-status">
        {status.message} My week opens as soon as your organisation’s goals have arrived.
      </p>
    </div>
  );
}

function ConnectChoice({ demoRunning }: { demoRunning: boolean }) {
  const [signedIn, setSignedIn] = useState<SyncStatus | null>(null);
  return (
    <Choice id="connect-title" title="Connect to your organisation’s server" testId="connect-choice">
      <p className="panel__text">
        Your organisation runs a Stride server: sign in and its goals, people and check-ins come to this computer.
        Stride keeps working offline and sends your changes when it can.
      </p>
      {signedIn === null ? (
        <SignInForm
          labelledBy="connect-title"
          disabled={demoRunning}
          onSignedIn={(status) => {
            setSignedIn(status);
            navigate("/");
          }}
        />
      ) : (
        <SignedIn signedIn={signedIn} />
      )}
    </Choice>
  );
}

/**
 * First launch, shown at `#/` while the database holds no organisation: open
 * the demo organisation, start with your own, or connect to your
 * organisation's server.
 */
export function WelcomeScreen() {
  const demo = useOpenDemo();
  const running = useDemoRunning();
  const starting = useStartingEmpty();
  const progress = useDemoProgress();
  const progressRef = useRef<HTMLDivElement>(null);
  const demoButtonRef = useRef<HTMLButtonElement>(null);

  // The button disables itself while the demo is written: keep focus on the progress instead.
  useEffect(() => {
    if (running && document.activeElement === demoButtonRef.current) progressRef.current?.focus();
  }, [running]);

  function openDemo(): void {
    if (running || starting) return;
    demo.mutate(undefined, {
      onSuccess: () => {
        navigate("/");
      },
      onError: () => {
        // The button is enabled again (after this render); put focus back on it.
        window.setTimeout(() => demoButtonRef.current?.focus(), 0);
      },
    });
  }

  return (
    <Screen
      slug="welcome"
      title="Welcome to Stride"
      lede="SMART goals, check-ins and reviews, kept in a database on this computer. How would you like to begin?"
    >
      <div className="choices">
        <Choice id="open-demo-title" title="Open the demo organisation" testId="demo-choice">
          <p className="panel__text">
            Explore Stride with <strong>Northwind Logistics</strong>, a made-up company of 120 people, with a year of
            goals and check-ins already in it.
          </p>
          <ul className="choice__list">
            <li>Sales, HR and operations goals cascading from the company’s priorities</li>
            <li>Goals on track, at risk and off track, with KPIs and revisions</li>
            <li>You are a sales manager with a team, so My week has goals to check in on</li>
          </ul>
          <FormError title="The demo organisation could not be opened." error={demo.error} testId="demo-error" />
          {running && <DemoProgress progress={progress} focusRef={progressRef} />}
          <button
            ref={demoButtonRef}
            type="button"
            className="button button--primary"
            disabled={running}
            aria-disabled={starting || undefined}
            onClick={openDemo}
            data-testid="open-demo"
          >
            {running ? "Opening the demo…" : "Open the demo organisation"}
          </button>
          <p className="field__hint">Takes a few seconds.</p>
        </Choice>
        <Choice id="start-empty-title" title="Start with your own organisation" testId="start-empty">
          <p className="panel__text">
            An empty Stride with your organisation and you in it. Add people, goals and check-ins as you go.
          </p>
          <StartEmptyForm demoRunning={running} />
        </Choice>
        <ConnectChoice demoRunning={running} />
      </div>
    </Screen>
  );
}
