import { useEffect, useId, useState, type KeyboardEvent, type ReactNode, type SyntheticEvent } from "react";
import { formatDay, formatNumber, formatNumberForInput, formatValue, parseLocaleNumber } from "../format";
import { useReviseGoal, type GoalDetail, type GoalField, type GoalState, type IpcError, type Revision } from "../ipc";
import { Dialog } from "./Dialog";
import { Field, withoutFieldPrefix } from "./FormField";
import { STATE_LABELS } from "./GoalBits";

/** The fields this dialog revises (Rust `GoalField` names, sent as `ReviseInput.field`). */
export type ReviseField = Extract<
  GoalField,
  "target" | "band_low" | "band_high" | "baseline" | "due" | "start" | "title" | "weight" | "state"
>;

/** The dialog's own fields, for errors (`field-error-revise-<name>`). */
type DialogField = "field" | "value" | "reason";
type FieldErrors = Partial<Record<DialogField, string>>;

const FIELD_LABELS: Readonly<Record<ReviseField, string>> = {
  target: "Target",
  band_low: "Band low end",
  band_high: "Band high end",
  baseline: "Baseline",
  due: "Due date",
  start: "Start date",
  title: "Title",
  weight: "Weight",
  state: "State",
};

/** The states a goal can be revised to (not back to draft). */
export const REVISE_STATES: readonly GoalState[] = ["active", "completed", "missed", "cancelled", "deprioritised"];

const NUMBER_FIELDS: ReadonlySet<ReviseField> = new Set(["target", "band_low", "band_high", "baseline", "weight"]);
const DATE_FIELDS: ReadonlySet<ReviseField> = new Set(["start", "due"]);

/** Every Rust goal field name: an error on any of them belongs next to the new value. */
const GOAL_FIELDS: Readonly<Record<GoalField, true>> = {
  kind: true,
  owner: true,
  statement: true,
  title: true,
  method: true,
  category: true,
  metric_name: true,
  unit: true,
  unit_label: true,
  direction: true,
  baseline: true,
  target: true,
  band_low: true,
  band_high: true,
  start: true,
  due: true,
  cycle: true,
  weight: true,
  cadence: true,
  checkpoints: true,
  state: true,
  kpi: true,
};

/** The fields offered for a goal: no target for done/not-done goals, the band's ends for a band. */
export function reviseFieldsFor(direction: GoalDetail["summary"]["direction"]): ReviseField[] {
  const rest: ReviseField[] = ["due", "start", "title", "weight", "state"];
  switch (direction) {
    case "done":
      return rest;
    case "within_band":
      return ["band_low", "band_high", "baseline", ...rest];
    default:
      return ["target", "baseline", ...rest];
  }
}

/** The field's current value as the input shows it (numbers in the OS locale, dates as YYYY-MM-DD). */
export function currentInput(goal: GoalDetail["goal"], field: ReviseField): string {
  switch (field) {
    case "target":
    case "band_low":
    case "band_high":
    case "baseline":
      return formatNumberForInput(goal[field]);
    case "weight":
      return formatNumberForInput(goal.weight);
    case "start":
    case "due":
      return goal[field];
    case "title":
      return goal.title;
    case "state":
      return REVISE_STATES.includes(goal.state) ? goal.state : "active";
  }
}

/** The current value in words, under the new value's label. */
function nowText({ goal, summary }: GoalDetail, field: ReviseField): string | undefined {
  switch (field) {
    case "target":
    case "band_low":
    case "band_high":
    case "baseline":
      return formatValue(goal[field], summary.unit, summary.unitLabel);
    case "weight":
      return formatNumber(goal.weight);
    case "start":
    case "due":
      return formatDay(goal[field]);
    case "state":
      return STATE_LABELS[goal.state];
    case "title":
      return undefined;
  }
}

/** Which of the dialog's fields an `IpcError.field` from `revise_goal` belongs to (null: the whole form). */
function dialogFieldFor(rustField: string | null): DialogField | null {
  if (rustField === null) return null;
  if (rustField === "reason" || rustField === "field") return rustField;
  if (rustField === "value" || rustField in GOAL_FIELDS) return "value";
  return null;
}

/** What is sent as `ReviseInput.value`, or the reason it cannot be sent. */
function wireValue(field: ReviseField, text: string): { value: string } | { error: string } {
  const trimmed = text.trim();
  if (NUMBER_FIELDS.has(field)) {
    // A blank target or baseline means "none"; the core says whether the goal allows that.
    if (trimmed === "") return field === "weight" ? { error: "Enter a number." } : { value: "" };
    const n = parseLocaleNumber(trimmed);
    return n === null ? { error: "Enter a number." } : { value: String(n) };
  }
  if (DATE_FIELDS.has(field)) return trimmed === "" ? { error: "Choose a date." } : { value: trimmed };
  if (field === "title" && trimmed === "") return { error: "Enter a title." };
  return { value: trimmed };
}

function FieldError({ id, field, message }: { id: string; field: DialogField; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p id={id} className="field__error" data-testid={`field-error-revise-${field}`}>
      {message}
    </p>
  );
}

interface ReviseDialogProps {
  detail: GoalDetail;
  onClose: () => void;
  onRevised: (revisions: Revision[]) => void;
  /** The field chosen when the dialog opens (default: the first offered, usually the target). */
  initialField?: ReviseField;
}

/**
 * Revise one field of a goal — target, baseline, dates, title, weight or state — with a
 * required reason, kept in the revision history. Enter saves, Esc cancels; the core
 * validates and its field errors appear next to the field they concern.
 */
export function ReviseDialog({ detail, onClose, onRevised, initialField }: ReviseDialogProps) {
  const { goal, summary } = detail;
  const fields = reviseFieldsFor(summary.direction);
  const firstField = initialField !== undefined && fields.includes(initialField) ? initialField : fields[0] ?? "due";
  const [field, setField] = useState<ReviseField>(firstField);
  const [value, setValue] = useState(() => currentInput(goal, firstField));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const revise = useReviseGoal();
  const ids = { field: useId(), value: useId(), reason: useId(), formError: useId() };
  const errorId = (f: DialogField) => `${ids.formError}-${f}`;

  // After a failed save, focus the first field with an error (the dialog stays open).
  useEffect(() => {
    const first = (["field", "value", "reason"] as const).find((f) => errors[f] !== undefined);
    if (first !== undefined) document.getElementById(ids[first])?.focus();
    // ids are stable for the dialog's life
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [errors]);

  function chooseField(next: ReviseField): void {
    setField(next);
    setValue(currentInput(goal, next));
    setErrors({});
    setFormError(null);
  }

  function showError(error: IpcError): void {
    const target = dialogFieldFor(error.field);
    if (target === null || error.field === null) {
      setErrors({});
      setFormError(error.message);
      return;
    }
    // Strip "target: " when the error is about the field being revised; keep other names for context.
    const strip = error.field === field || error.field === target;
    const message = withoutFieldPrefix(error.message, strip ? error.field : "");
    setErrors({ [target]: message });
    setFormError(null);
  }

  function submit(event?: SyntheticEvent): void {
    event?.preventDefault();
    if (revise.isPending) return;
    const wire = wireValue(field, value);
    const next: FieldErrors = {};
    if ("error" in wire) next.value = wire.error;
    if (reason.trim() === "") next.reason = "Give a reason for the change: it is kept in the revision history.";
    if ("error" in wire || next.reason !== undefined) {
      setErrors(next);
      setFormError(null);
      return;
    }
    revise.mutate(
      { goal: goal.id, field, value: wire.value, reason: reason.trim() },
      { onSuccess: onRevised, onError: showError },
    );
  }

  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    const t = event.target;
    if (!(t instanceof HTMLInputElement || t instanceof HTMLSelectElement)) return; // buttons keep their own Enter
    event.preventDefault();
    submit();
  }

  const describedBy = (f: DialogField, hint?: string) =>
    [hint, errors[f] !== undefined ? errorId(f) : undefined].filter(Boolean).join(" ") || undefined;

  const valueProps = {
    id: ids.value,
    "data-autofocus": true,
    "data-testid": "revise-value",
    "aria-invalid": errors.value !== undefined,
    "aria-describedby": describedBy("value"),
  };
  let control: ReactNode;
  const now = nowText(detail, field);
  if (field === "state") {
    control = (
      <select
        {...valueProps}
        className="input select"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
        }}
      >
        {REVISE_STATES.map((s) => (
          <option key={s} value={s}>
            {STATE_LABELS[s]}
          </option>
        ))}
      </select>
    );
  } else {
    const isNumber = NUMBER_FIELDS.has(field);
    const isDate = DATE_FIELDS.has(field);
    control = (
      <input
        {...valueProps}
        className={field === "title" ? "input input--wide" : "input"}
        type={isDate ? "date" : "text"}
        inputMode={isNumber ? "decimal" : undefined}
        autoComplete="off"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
        }}
      />
    );
  }
  const unit = NUMBER_FIELDS.has(field) && field !== "weight" && summary.unitLabel ? ` (${summary.unitLabel})` : "";

  return (
    <Dialog title="Revise goal" description={goal.title} onClose={onClose} testId="revise-dialog">
      <form className="form" noValidate onSubmit={submit} onKeyDown={onFormKeyDown}>
        {formError !== null && (
          <div className="callout callout--error" role="alert" data-testid="revise-error">
            <p className="callout__title">The goal was not revised.</p>
            <p>{formError}</p>
          </div>
        )}
        <Field label="What changes" htmlFor={ids.field}>
          <select
            id={ids.field}
            className="input select"
            value={field}
            data-testid="revise-field"
            aria-invalid={errors.field !== undefined}
            aria-describedby={describedBy("field")}
            onChange={(e) => {
              const next = fields.find((f) => f === e.target.value);
              if (next !== undefined) chooseField(next);
            }}
          >
            {fields.map((f) => (
              <option key={f} value={f}>
                {FIELD_LABELS[f]}
              </option>
            ))}
          </select>
          <FieldError id={errorId("field")} field="field" message={errors.field} />
        </Field>
        <Field label={`New ${FIELD_LABELS[field].toLowerCase()}${unit}`} htmlFor={ids.value} hint={now === undefined ? undefined : `Now: ${now}`}>
          {control}
          <FieldError id={errorId("value")} field="value" message={errors.value} />
        </Field>
        <Field
          label={
            <>
              Reason <span className="field__required" aria-hidden="true">*</span>
            </>
          }
          htmlFor={ids.reason}
          hint="Why it changes, e.g. “market shift” — kept in the revision history"
        >
          <input
            id={ids.reason}
            className="input input--wide"
            type="text"
            autoComplete="off"
            required
            aria-required="true"
            value={reason}
            data-testid="revise-reason"
            aria-invalid={errors.reason !== undefined}
            aria-describedby={describedBy("reason")}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
          <FieldError id={errorId("reason")} field="reason" message={errors.reason} />
        </Field>
        <div className="dialog__footer form__footer">
          <span className="field__hint">Enter saves · Esc cancels</span>
          <button type="button" className="button button--secondary" onClick={onClose} data-testid="revise-cancel">
            Cancel
          </button>
          <button type="submit" className="button button--primary" aria-disabled={revise.isPending} data-testid="revise-save">
            {revise.isPending ? "Saving…" : "Save revision"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
