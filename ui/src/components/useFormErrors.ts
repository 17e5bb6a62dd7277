import { createRef, useEffect, useState, type RefObject } from "react";
import type { IpcError } from "../ipc";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface FormErrors<F extends string> {
  /** The message shown next to each field in error. */
  errors: FieldErrors<F>;
  /** An error about no field of the form: shown above it. */
  formError: IpcError | null;
  /** One ref a field, for its input: focus moves to the first field in error. */
  refs: Readonly<Record<F, RefObject<HTMLInputElement | null>>>;
  /** A field-tagged error next to its field; any other above the form. */
  showError: (error: IpcError) => void;
  /** Shows `missing` (the checks that need no round trip); true when nothing is missing. */
  validate: (missing: FieldErrors<F>) => boolean;
  /** No error left on the form. */
  clear: () => void;
}

/**
 * The error state of a form whose fields are `fields` (in the order they are
 * shown): per-field errors, a form-level error, and focus on the first field
 * in error after each failed attempt. `fieldMessage`: an error's message as
 * shown next to its field.
 */
export function useFormErrors<F extends string>(
  fields: readonly F[],
  fieldMessage: (error: IpcError, field: F) => string,
): FormErrors<F> {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<IpcError | null>(null);
  const [refs] = useState(
    () =>
      Object.fromEntries(fields.map((field) => [field, createRef<HTMLInputElement>()])) as Record<
        F,
        RefObject<HTMLInputElement | null>
      >,
  );

  // After a failed attempt, focus the first field with an error.
  useEffect(() => {
    const first = fields.find((f) => errors[f] !== undefined);
    if (first !== undefined) refs[first].current?.focus();
  }, [errors, fields, refs]);

  function isField(field: string): field is F {
    return (fields as readonly string[]).includes(field);
  }

  function showError(error: IpcError): void {
    if (error.field !== null && isField(error.field)) {
      setErrors({ [error.field]: fieldMessage(error, error.field) } as FieldErrors<F>);
      setFormError(null);
    } else {
      setErrors({});
      setFormError(error);
    }
  }

  function validate(missing: FieldErrors<F>): boolean {
    if (Object.keys(missing).length === 0) return true;
    setErrors(missing);
    setFormError(null);
    return false;
  }

  function clear(): void {
    setErrors({});
    setFormError(null);
  }

  return { errors, formError, refs, showError, validate, clear };
}
