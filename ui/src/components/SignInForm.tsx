import { useState, type Ref, type SyntheticEvent } from "react";
import { useSyncSignIn, type IpcError, type SignInInput, type SyncStatus } from "../ipc";
import { withoutFieldPrefix } from "./FormField";
import { useFormErrors, type FieldErrors } from "./useFormErrors";

type SignInField = keyof SignInInput;
const SIGN_IN_FIELDS: readonly SignInField[] = ["serverUrl", "email", "password"];

/** The element ids (and names) of the fields; WebDriver tests find them by these. */
export const SIGN_IN_IDS: Readonly<Record<SignInField, string>> = {
  serverUrl: "server-url",
  email: "sync-email",
  password: "sync-password",
};

/** The checks that need no round trip: every field filled in. */
function missingFields(input: SignInInput): FieldErrors<SignInField> {
  const errors: FieldErrors<SignInField> = {};
  if (input.serverUrl.trim() === "") errors.serverUrl = "Enter your server’s address.";
  if (input.email.trim() === "") errors.email = "Enter the email of your account.";
  if (input.password === "") errors.password = "Enter your password.";
  return errors;
}

/** The error's message shown next to its field: without a leading "serverUrl: " or "server url: ". */
function fieldMessage(error: IpcError, field: SignInField): string {
  const spaced = field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return withoutFieldPrefix(withoutFieldPrefix(error.message, field), spaced);
}

interface SignInInputProps {
  field: SignInField;
  label: string;
  hint?: string | undefined;
  type: "url" | "email" | "password";
  autoComplete: string;
  value: string;
  readOnly?: boolean;
  error: string | undefined;
  inputRef: Ref<HTMLInputElement>;
  onChange: (value: string) => void;
}

function SignInInputField({ field, label, hint, type, autoComplete, value, readOnly = false, error, inputRef, onChange }: SignInInputProps) {
  const id = SIGN_IN_IDS[field];
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : undefined, error !== undefined ? errorId : undefined]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint !== undefined && (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      )}
      <input
        ref={inputRef}
        id={id}
        name={id}
        className="input input--wide"
        type={type}
        autoComplete={autoComplete}
        spellCheck={false}
        autoCapitalize="off"
        required={!readOnly}
        readOnly={readOnly}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
      {error !== undefined && (
        <p id={errorId} className="field__error" data-testid={`field-error-${id}`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface SignInFormProps {
  /** Signed out of an account: its server and email, shown but not editable; only the password is asked. */
  account?: { serverUrl: string; email: string } | undefined;
  /** While something else runs (e.g. the demo being written). */
  disabled?: boolean;
  /** Labels the form (the id of a heading). */
  labelledBy?: string;
  /** After the core accepted the sign-in. */
  onSignedIn?: (status: SyncStatus) => void;
}

/**
 * Server address, email and password; Enter submits. An error about a field
 * appears next to it (`aria-invalid`, `aria-describedby`); any other error
 * (e.g. `conflict`: this database holds a local organisation or another
 * account) above the form.
 */
export function SignInForm({ account, disabled = false, labelledBy, onSignedIn }: SignInFormProps) {
  const [input, setInput] = useState<SignInInput>({
    serverUrl: account?.serverUrl ?? "",
    email: account?.email ?? "",
    password: "",
  });
  const { errors, formError, refs, showError, validate, clear } = useFormErrors(SIGN_IN_FIELDS, fieldMessage);
  const signIn = useSyncSignIn();

  function submit(event: SyntheticEvent): void {
    event.preventDefault();
    if (signIn.isPending || disabled) return;
    if (!validate(missingFields(input))) return;
    signIn.mutate(
      { serverUrl: input.serverUrl.trim(), email: input.email.trim(), password: input.password },
      {
        onSuccess: (status) => {
          clear();
          setInput((previous) => ({ ...previous, password: "" }));
          onSignedIn?.(status);
        },
        onError: showError,
      },
    );
  }

  const set = (field: SignInField) => (value: string) => {
    setInput((previous) => ({ ...previous, [field]: value }));
  };

  return (
    <form className="form sign-in" noValidate onSubmit={submit} aria-labelledby={labelledBy} data-testid="sign-in-form">
      {formError !== null && (
        <div className="callout callout--error" role="alert" data-testid="sign-in-error">
          <p className="callout__title">
            {formError.code === "conflict" ? "This database cannot connect to that account." : "Stride could not sign you in."}
          </p>
          <p className="sign-in__error-message" data-testid="sign-in-error-message">
            {formError.message}
          </p>
        </div>
      )}
      <fieldset className="form__fields" disabled={disabled}>
        <legend className="visually-hidden">Your organisation’s Stride server</legend>
        <SignInInputField
          field="serverUrl"
          label="Server address"
          hint={account === undefined ? "For example https://stride.example.com" : undefined}
          type="url"
          autoComplete="url"
          value={input.serverUrl}
          readOnly={account !== undefined}
          error={errors.serverUrl}
          inputRef={refs.serverUrl}
          onChange={set("serverUrl")}
        />
        <SignInInputField
          field="email"
          label="Email"
          type="email"
          autoComplete="username"
          value={input.email}
          readOnly={account !== undefined}
          error={errors.email}
          inputRef={refs.email}
          onChange={set("email")}
        />
        <SignInInputField
          field="password"
          label="Password"
          hint="Sent once to the server; Stride keeps only a sign-in token, in your system’s keychain."
          type="password"
          autoComplete="current-password"
          value={input.password}
          error={errors.password}
          inputRef={refs.password}
          onChange={set("password")}
        />
      </fieldset>
      <div className="form__footer">
        <button
          type="submit"
          className="button button--primary"
          disabled={disabled}
          aria-disabled={signIn.isPending || undefined}
          data-testid="sign-in-submit"
        >
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
      </div>
    </form>
  );
}
