import type { ReactNode } from "react";

/** The message without a leading "field: " (the field is shown next to it), capitalised. */
export function withoutFieldPrefix(message: string, field: string): string {
  const prefix = `${field}: `;
  const text = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A labelled form field with an optional hint under the label. */
export function Field({ label, htmlFor, hint, children }: { label: ReactNode; htmlFor: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {hint !== undefined && <span className="field__hint">{hint}</span>}
      {children}
    </div>
  );
}
