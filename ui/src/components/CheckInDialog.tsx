import { useEffect, useId, useRef, useState, type SyntheticEvent, type KeyboardEvent } from "react";
import { formatValue } from "../format";
import { useAddCheckIn, type CheckIn, type GoalSummary, type IpcError } from "../ipc";
import { Dialog } from "./Dialog";
import { Field, withoutFieldPrefix } from "./FormField";

export type CheckInField = "value" | "confidence" | "note" | "blockers" | "date";

/** Rust field names (domain and IPC) → the dialog's fields. */
const FIELD_FOR: Readonly<Record<string, CheckInField>> = {
  value: "value",
  done: "value",
  confidence: "confidence",
  note: "note",
  blockers: "blockers",
  date: "date",
  effective: "date",
};

type FieldErrors = Partial<Record<CheckInField, string>>;

function FieldError({ id, field, message }: { id: string; field: CheckInField; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    // The date has no input here (check-ins are for today), so its error is announced.
    <p id={id} className="field__error" data-testid={`field-error-${field}`} role={field === "date" ? "alert" : undefined}>
      {message}
    </p>
  );
}

interface CheckInDialogProps {
  goal: GoalSummary;
  onClose: () => void;
  onSaved: (checkIn: CheckIn) => void;
}

/**
 * Check in on a goal, keyboard-first: the value has focus, Enter saves from any
 * field (Shift+Enter starts a new line in the note and blockers), Esc cancels.
 * The core validates; its field errors appear next to their field.
 */
export function CheckInDialog({ goal, onClose, onSaved }: CheckInDialogProps) {
  const binary = goal.direction === "done";
  const [value, setValue] = useState("");
  const [done, setDone] = useState(goal.current !== null && goal.current >= 1);
  const [confidence, setConfidence] = useState("");
  const [note, setNote] = useState("");
  const [blockers, setBlockers] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useAddCheckIn();
  const valueRef = useRef<HTMLInputElement>(null);
  const confidenceRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const blockersRef = useRef<HTMLTextAreaElement>(null);
  const ids = {
    value: useId(),
    confidence: useId(),
    note: useId(),
    blockers: useId(),
    formError: useId(),
  };
  const errorId = (field: CheckInField) => `${ids.formError}-${field}`;

  // After a failed save, focus the first field with an error (it stays in the dialog).
  useEffect(() => {
    const first =
      errors.value !== undefined
        ? valueRef
        : errors.confidence !== undefined
          ? confidenceRef
          : errors.note !== undefined
            ? noteRef
            : errors.blockers !== undefined
              ? blockersRef
              : null;
    first?.current?.focus();
  }, [errors]);

  function showError(error: IpcError): void {
    const field = error.field === null ? undefined : FIELD_FOR[error.field];
    if (field === undefined || error.field === null) {
      setErrors({});
      setFormError(error.message);
      return;
    }
    setErrors({ [field]: withoutFieldPrefix(error.message, error.field) });
    setFormError(null);
  }

  function submit(event?: SyntheticEvent): void {
    event?.preventDefault();
    if (save.isPending) return;
    let parsedValue: number | null = null;
    if (!binary && value.trim() !== "") {
      parsedValue = Number(value);
      if (!Number.isFinite(parsedValue)) {
        setErrors({ value: "Enter a number." });
        return;
      }
    }
    let parsedConfidence: number | null = null;
    if (confidence.trim() !== "") {
      parsedConfidence = Number(confidence);
      if (!Number.isFinite(parsedConfidence)) {
        setErrors({ confidence: "Enter a whole number from 0 to 10." });
        return;
      }
    }
    save.mutate(
      {
        goal: goal.id,
        value: parsedValue,
        done: binary ? done : false,
        confidence: parsedConfidence,
        note,
        blockers,
        date: null,
      },
      {
        onSuccess: (checkIn) => {
          onSaved(checkIn);
        },
        onError: showError,
      },
    );
  }

  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    const target = event.target;
    const field = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
    if (!field) return; // buttons keep their own Enter
    event.preventDefault();
    submit();
  }

  const describedBy = (field: CheckInField, hint?: string) =>
    [hint, errors[field] !== undefined ? errorId(field) : undefined].filter(Boolean).join(" ") || undefined;
  const current = formatValue(goal.current, goal.unit, goal.unitLabel);

  return (
    <Dialog title="Check in" description={goal.title} onClose={onClose} testId="check-in-dialog">
      <form className="form" noValidate onSubmit={submit} onKeyDown={onFormKeyDown}>
        {formError !== null && (
          <div className="callout callout--error" role="alert" id={ids.formError} data-testid="check-in-error">
            <p className="callout__title">The check-in was not saved.</p>
            <p>{formError}</p>
          </div>
        )}
        <FieldError id={errorId("date")} field="date" message={errors.date} />
        {binary ? (
          <div className="field field--inline">
            <label className="checkbox">
              <input
                ref={valueRef}
                type="checkbox"
                checked={done}
                data-autofocus
                data-testid="check-in-done"
                aria-invalid={errors.value !== undefined}
                aria-describedby={describedBy("value")}
                onChange={(e) => {
                  setDone(e.target.checked);
                }}
              />
              <span>Done</span>
            </label>
            <FieldError id={errorId("value")} field="value" message={errors.value} />
          </div>
        ) : (
          <Field label={`New value${goal.unitLabel ? ` (${goal.unitLabel})` : ""}`} htmlFor={ids.value} hint={`Now: ${current}`}>
            <input
              ref={valueRef}
              id={ids.value}
              className="input"
              type="number"
              step="any"
              inputMode="decimal"
              autoComplete="off"
              value={value}
              data-autofocus
              data-testid="check-in-value"
              aria-invalid={errors.value !== undefined}
              aria-describedby={describedBy("value")}
              onChange={(e) => {
                setValue(e.target.value);
              }}
            />
            <FieldError id={errorId("value")} field="value" message={errors.value} />
          </Field>
        )}
        <Field label="Confidence (0–10)" htmlFor={ids.confidence} hint="How sure you are to reach the target">
          <input
            ref={confidenceRef}
            id={ids.confidence}
            className="input input--short"
            type="number"
            min={0}
            max={10}
            step={1}
            inputMode="numeric"
            autoComplete="off"
            value={confidence}
            data-testid="check-in-confidence"
            aria-invalid={errors.confidence !== undefined}
            aria-describedby={describedBy("confidence")}
            onChange={(e) => {
              setConfidence(e.target.value);
            }}
          />
          <FieldError id={errorId("confidence")} field="confidence" message={errors.confidence} />
        </Field>
        <Field label="Note" htmlFor={ids.note}>
          <textarea
            ref={noteRef}
            id={ids.note}
            className="input textarea"
            rows={2}
            value={note}
            data-testid="check-in-note"
            aria-invalid={errors.note !== undefined}
            aria-describedby={describedBy("note")}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
          <FieldError id={errorId("note")} field="note" message={errors.note} />
        </Field>
        <Field label="Blockers" htmlFor={ids.blockers} hint="What is in the way, if anything">
          <textarea
            ref={blockersRef}
            id={ids.blockers}
            className="input textarea"
            rows={2}
            value={blockers}
            data-testid="check-in-blockers"
            aria-invalid={errors.blockers !== undefined}
            aria-describedby={describedBy("blockers")}
            onChange={(e) => {
              setBlockers(e.target.value);
            }}
          />
          <FieldError id={errorId("blockers")} field="blockers" message={errors.blockers} />
        </Field>
        <div className="dialog__footer form__footer">
          <span className="field__hint">Enter saves · Shift+Enter new line · Esc cancels</span>
          <button type="button" className="button button--secondary" onClick={onClose} data-testid="check-in-cancel">
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={save.isPending}
            data-testid="check-in-save"
          >
            {save.isPending ? "Saving…" : "Save check-in"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
