import { useEffect, useMemo, useState, type KeyboardEvent, type ReactNode, type SyntheticEvent } from "react";
import { DIRECTION_LABELS, KIND_LABELS } from "../components/GoalBits";
import { Screen } from "../components/Layout";
import { SmartPanel } from "../components/SmartPanel";
import { useDebouncedValue } from "../debounce";
import { formatNumberForInput, parseLocaleNumber, todayIso } from "../format";
import {
  useCreateGoal,
  useGoalCheck,
  useGoalFormDefaults,
  useGoalTemplates,
  useOnboardingState,
  useOwnerChoices,
  useSearchGoals,
  type Cadence,
  type Category,
  type CheckGoalInput,
  type Checkpoint,
  type Direction,
  type GoalFormDefaults,
  type GoalKind,
  type GoalLink,
  type IpcError,
  type NewGoalInput,
  type TemplateView,
  type UnitKind,
} from "../ipc";
import { navigate } from "../router";
import { useShowToast } from "../toast";


/** How long typing must pause before the sentence is checked again. */
export const CHECK_DEBOUNCE_MS = 200;

// ---------------------------------------------------------------------------
// Fields

/** The form's fields, named as in `NewGoalInput` (the names `field-error-<name>` uses). */
export const UI_FIELDS = [
  "statement",
  "title",
  "kind",
  "owner",
  "category",
  "weight",
  "method",
  "metricName",
  "direction",
  "unit",
  "unitLabel",
  "baseline",
  "target",
  "bandLow",
  "bandHigh",
  "start",
  "due",
  "cadence",
  "checkpoints",
  "parents",
] as const;
export type UiField = (typeof UI_FIELDS)[number];

const UI_FIELD_SET: ReadonlySet<string> = new Set(UI_FIELDS);

const FIELD_ALIASES: Readonly<Record<string, UiField>> = {
  ownerPerson: "owner",
  ownerUnit: "owner",
  metric: "metricName",
  unitKind: "unit",
  parent: "parents",
  checkpoint: "checkpoints",
  deadline: "due",
};

/**
 * The form field an `IpcError.field` names: Rust/domain names (`band_low`,
 * `checkpoints[0].date`, `parents[1].weight`) and camelCase ones (`bandLow`)
 * alike. Null when the form has no such field.
 */
export function uiFieldFor(field: string): UiField | null {
  const head = field.split(/[.[]/)[0] ?? field;
  const camel = head.replace(/_([a-z])/g, (_match, c: string) => c.toUpperCase());
  if (UI_FIELD_SET.has(camel)) return camel as UiField;
  return FIELD_ALIASES[camel] ?? null;
}

/** The element that takes focus for a field's error. */
function focusIdFor(field: UiField): string {
  return `new-goal-${field}`;
}

/** Fields filled from the sentence until the person edits them. */
type ParsedField =
  | "title"
  | "metricName"
  | "direction"
  | "unit"
  | "unitLabel"
  | "baseline"
  | "target"
  | "start"
  | "due"
  | "method"
  | "category";

interface Draft {
  title: string;
  metricName: string;
  direction: Direction;
  unit: UnitKind;
  unitLabel: string;
  baseline: string;
  target: string;
  start: string;
  due: string;
  method: string;
  category: Category;
}

function draftFrom(defaults: GoalFormDefaults | undefined, today: string): Draft {
  if (defaults === undefined) {
    return {
      title: "",
      metricName: "",
      direction: "increase",
      unit: "number",
      unitLabel: "",
      baseline: "",
      target: "",
      start: today,
      due: "",
      method: "",
      category: "performance",
    };
  }
  return {
    title: defaults.title,
    metricName: defaults.metricName,
    direction: defaults.direction,
    unit: defaults.unit,
    unitLabel: defaults.unitLabel,
    baseline: formatNumberForInput(defaults.baseline),
    target: formatNumberForInput(defaults.target),
    start: defaults.start,
    due: defaults.due ?? "",
    method: defaults.method,
    category: defaults.category,
  };
}

const DIRECTIONS: readonly Direction[] = ["increase", "decrease", "at_least", "at_most", "within_band", "done"];
const KINDS: readonly GoalKind[] = ["smart_goal", "objective", "key_result"];
const UNIT_LABELS: Readonly<Record<UnitKind, string>> = {
  number: "Number",
  percent: "Percent",
  currency: "Currency",
  duration: "Duration",
  count: "Count",
  binary: "Done / not done",
};
const UNIT_KINDS = Object.keys(UNIT_LABELS) as UnitKind[];
const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  performance: "Performance",
  development: "Development",
  activity: "Activity",
};
const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];

type CadenceKind = Cadence["kind"];
const CADENCE_LABELS: Readonly<Record<CadenceKind, string>> = {
  weekly: "Weekly",
  biweekly: "Every two weeks",
  monthly: "Monthly",
  custom: "Every … days",
};
const CADENCE_KINDS = Object.keys(CADENCE_LABELS) as CadenceKind[];

const DEPARTMENT_LABELS: Readonly<Record<string, string>> = {
  sales: "Sales",
  marketing: "Marketing",
  hr: "HR",
  operations: "Operations",
  engineering: "Engineering",
  customer_success: "Customer success",
  "customer-success": "Customer success",
  finance: "Finance",
  development: "Skills & development",
};

function departmentLabel(department: string): string {
  const known = DEPARTMENT_LABELS[department];
  if (known !== undefined) return known;
  const words = department.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Templates grouped by department, in the order the core lists them. */
function byDepartment(templates: readonly TemplateView[]): Array<[string, TemplateView[]]> {
  const groups = new Map<string, TemplateView[]>();
  for (const t of templates) {
    const group = groups.get(t.department);
    if (group) group.push(t);
    else groups.set(t.department, [t]);
  }
  return [...groups.entries()];
}

interface CheckpointRow {
  key: number;
  date: string;
  expected: string;
  label: string;
}

interface ChosenParent {
  id: string;
  title: string;
  weight: string;
}

let nextCheckpointKey = 1;

type FieldErrors = Partial<Record<UiField, string>>;

/** A copy of `record` without `key`. */
function without<T extends object>(record: T, key: keyof T): T {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key)) as T;
}

/** The message without a leading "field: " (the field is shown next to it), capitalised. */
function withoutFieldPrefix(message: string, field: string): string {
  const prefix = `${field}: `;
  const text = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const NUMBER_HINT = "Enter a number, like 48, 1,200 or 2.5.";

// ---------------------------------------------------------------------------
// Small pieces

function FieldError({ field, message }: { field: UiField; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p id={`${focusIdFor(field)}-error`} className="field__error" data-testid={`field-error-${field}`}>
      {message}
    </p>
  );
}

interface FollowProps {
  /** The field still shows what the sentence says. */
  following: boolean;
  /** The person changed it, and there is a parse to go back to. */
  onReset: (() => void) | null;
  testId: string;
}

/** "from your sentence" while a field follows the parse; "Reset to sentence" once edited. */
function Follow({ following, onReset, testId }: FollowProps) {
  if (following) {
    return (
      <span className="from-sentence" data-testid={`from-sentence-${testId}`}>
        from your sentence
      </span>
    );
  }
  if (onReset === null) return null;
  return (
    <button type="button" className="link-button" onClick={onReset} data-testid={`reset-${testId}`}>
      Reset to sentence
    </button>
  );
}

interface FieldProps {
  field: UiField;
  label: string;
  hint?: ReactNode;
  follow?: ReactNode;
  error: string | undefined;
  children: ReactNode;
  wide?: boolean;
}

function Field({ field, label, hint, follow, error, children, wide = false }: FieldProps) {
  return (
    <div className={`field${wide ? " field--wide" : ""}`} data-field={field}>
      <span className="field__top">
        <label className="field__label" htmlFor={focusIdFor(field)}>
          {label}
        </label>
        {follow}
      </span>
      {hint !== undefined && <span className="field__hint">{hint}</span>}
      {children}
      <FieldError field={field} message={error} />
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel panel--wide new-goal__section" aria-labelledby={id}>
      <h2 id={id} className="panel__title">
        {title}
      </h2>
      <div className="new-goal__grid">{children}</div>
    </section>
  );
}

// ---------------------------------------------------------------------------
// The screen

/**
 * New goal: a sentence (or a template) is checked as the person types; the
 * SMART panel shows the verdict and the parsed fields fill the form until the
 * person edits them. Saving keeps the sentence as the goal's statement.
 */
export function NewGoalScreen() {
  const [today] = useState(todayIso);
  const [statement, setStatement] = useState("");
  const [templateId, setTemplateId] = useState("");
  const [manual, setManual] = useState<Partial<Draft>>({});
  const [kind, setKind] = useState<GoalKind>("smart_goal");
  const [weight, setWeight] = useState("1");
  const [cadenceKind, setCadenceKind] = useState<CadenceKind>("weekly");
  const [cadenceDays, setCadenceDays] = useState("14");
  const [bandLow, setBandLow] = useState("");
  const [bandHigh, setBandHigh] = useState("");
  const [checkpoints, setCheckpoints] = useState<CheckpointRow[]>([]);
  const [parents, setParents] = useState<ChosenParent[]>([]);
  const [parentQuery, setParentQuery] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ field: UiField } | null>(null);
  /** "" = me; otherwise "person:<id>" or "unit:<id>" from the owner choices. */
  const [owner, setOwner] = useState("");

  const onboarding = useOnboardingState();
  const owners = useOwnerChoices();
  const templates = useGoalTemplates();
  const create = useCreateGoal();
  const showToast = useShowToast();

  const sentence = useDebouncedValue(statement.trim(), CHECK_DEBOUNCE_MS);
  const hasSentence = statement.trim() !== "" && sentence !== "";
  const parentIds = useMemo(() => parents.map((p) => p.id), [parents]);
  // Achievable is judged against the chosen person's history (a unit's goal: mine).
  const ownerPerson = owner.startsWith("person:") ? owner.slice("person:".length) : null;
  const ownerUnit = owner.startsWith("unit:") ? owner.slice("unit:".length) : null;
  const checkInput: CheckGoalInput | null = hasSentence ? { statement: sentence, owner: ownerPerson, parents: parentIds, today: null } : null;
  const check = useGoalCheck(checkInput);
  const defaults = useGoalFormDefaults(checkInput);

  const parentText = useDebouncedValue(parentQuery, CHECK_DEBOUNCE_MS);
  const search = useSearchGoals(parentQuery.trim() === "" ? "" : parentText);

  const parsedDefaults = hasSentence ? defaults.data : undefined;
  const parsed = draftFrom(parsedDefaults, today);
  const value = <K extends ParsedField>(key: K): Draft[K] => manual[key] ?? parsed[key];
  const direction = value("direction");
  const band = direction === "within_band";
  const done = direction === "done";

  // After a failed save, focus the field with the error.
  useEffect(() => {
    if (focusRequest === null) return;
    document.getElementById(focusIdFor(focusRequest.field))?.focus();
  }, [focusRequest]);

  function clearError(field: UiField): void {
    if (errors[field] === undefined) return;
    setErrors((previous) => without(previous, field));
  }

  function edit<K extends ParsedField>(key: K, next: Draft[K]): void {
    setManual((previous) => ({ ...previous, [key]: next }));
    clearError(key);
  }

  function reset(key: ParsedField): void {
    setManual((previous) => without(previous, key));
    clearError(key);
  }

  /** The "from your sentence" / "Reset to sentence" marker of a parsed field. */
  function follow(key: ParsedField): ReactNode {
    const edited = key in manual;
    return (
      <Follow
        following={!edited && parsedDefaults !== undefined}
        onReset={
          edited && parsedDefaults !== undefined
            ? () => {
                reset(key);
              }
            : null
        }
        testId={key}
      />
    );
  }

  function describedBy(field: UiField): string | undefined {
    return errors[field] !== undefined ? `${focusIdFor(field)}-error` : undefined;
  }

  function applyTemplate(id: string): void {
    setTemplateId(id);
    const template = templates.data?.find((t) => t.id === id);
    if (template === undefined) return;
    setStatement(template.exampleSentence);
    setManual({});
    setCadenceKind(template.cadence.kind);
    if (template.cadence.kind === "custom") setCadenceDays(String(template.cadence.days));
    clearError("statement");
  }

  function addParent(link: GoalLink): void {
    setParents((previous) => (previous.some((p) => p.id === link.id) ? previous : [...previous, { id: link.id, title: link.title, weight: "1" }]));
    setParentQuery("");
    clearError("parents");
    document.getElementById(focusIdFor("parents"))?.focus();
  }

  const chosen = new Set(parentIds);
  const results = parentQuery.trim() === "" ? [] : (search.data ?? []).filter((link) => !chosen.has(link.id));

  function fail(field: UiField, message: string): void {
    setErrors({ [field]: message });
    setFormError(null);
    setFocusRequest({ field });
  }

  function showError(error: IpcError): void {
    const field = error.field === null ? null : uiFieldFor(error.field);
    if (field === null || error.field === null || document.getElementById(focusIdFor(field)) === null) {
      setErrors({});
      setFormError(error.message);
      return;
    }
    fail(field, withoutFieldPrefix(error.message, error.field));
  }

  /** The form as a `NewGoalInput`, or null after showing what is wrong. */
  function readForm(): NewGoalInput | null {
    const title = value("title").trim();
    if (statement.trim() === "") {
      fail("statement", "Write the goal as a sentence first.");
      return null;
    }
    if (title === "") {
      fail("title", "Give the goal a title.");
      return null;
    }
    const numbers: Partial<Record<"baseline" | "target" | "bandLow" | "bandHigh", number | null>> = {};
    const texts = { baseline: value("baseline"), target: value("target"), bandLow, bandHigh };
    const shown: Array<"baseline" | "target" | "bandLow" | "bandHigh"> = done ? [] : band ? ["baseline", "bandLow", "bandHigh"] : ["baseline", "target"];
    for (const key of shown) {
      const text = texts[key];
      const n = parseLocaleNumber(text);
      if (text.trim() !== "" && n === null) {
        fail(key, NUMBER_HINT);
        return null;
      }
      numbers[key] = n;
    }
    const start = value("start");
    if (start === "") {
      fail("start", "Pick the first day of the goal.");
      return null;
    }
    const due = value("due");
    if (due === "") {
      fail("due", "Pick the day the goal is due.");
      return null;
    }
    const w = parseLocaleNumber(weight);
    if (w === null || w <= 0) {
      fail("weight", "Enter a weight above 0, like 1.");
      return null;
    }
    let cadence: Cadence;
    if (cadenceKind === "custom") {
      const days = parseLocaleNumber(cadenceDays);
      if (days === null || !Number.isInteger(days) || days < 1) {
        fail("cadence", "Enter a whole number of days, 1 or more.");
        return null;
      }
      cadence = { kind: "custom", days };
    } else {
      cadence = { kind: cadenceKind };
    }
    const points: Checkpoint[] = [];
    if (!done) {
      for (const row of checkpoints) {
        const expected = parseLocaleNumber(row.expected);
        if (row.date === "" || expected === null) {
          fail("checkpoints", "Give every checkpoint a date and an expected value (or remove it).");
          return null;
        }
        points.push({ date: row.date, expected, label: row.label.trim() });
      }
    }
    const links = [];
    for (const parent of parents) {
      const pw = parseLocaleNumber(parent.weight);
      if (pw === null || pw <= 0) {
        fail("parents", `Enter a weight above 0 for “${parent.title}”.`);
        return null;
      }
      links.push({ goal: parent.id, weight: pw });
    }
    return {
      statement: statement.trim(),
      title,
      kind,
      ownerPerson,
      ownerUnit,
      method: value("method").trim(),
      category: value("category"),
      metricName: value("metricName").trim(),
      unit: done ? "binary" : value("unit"),
      unitLabel: done ? "" : value("unitLabel").trim(),
      direction,
      baseline: numbers.baseline ?? null,
      target: numbers.target ?? null,
      bandLow: numbers.bandLow ?? null,
      bandHigh: numbers.bandHigh ?? null,
      start,
      due,
      weight: w,
      cadence,
      checkpoints: points,
      parents: links,
    };
  }

  function submit(event?: SyntheticEvent): void {
    event?.preventDefault();
    if (create.isPending) return;
    const input = readForm();
    if (input === null) return;
    setErrors({});
    setFormError(null);
    create.mutate(input, {
      onSuccess: (id) => {
        showToast("Goal saved");
        navigate(`/goals/${encodeURIComponent(id)}`);
      },
      onError: showError,
    });
  }

  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      submit();
      return;
    }
    // Plain Enter never saves by accident from a one-line field.
    const target = event.target;
    if (!(target instanceof HTMLInputElement)) return;
    event.preventDefault();
    if (target.id === focusIdFor("parents")) {
      const first = results[0];
      if (first !== undefined) addParent(first);
    }
  }

  const me = onboarding.data?.me;
  const groups = byDepartment(templates.data ?? []);

  return (
    <Screen slug="new-goal" title="New goal" lede="Write the goal as you would say it; Stride fills in the fields and checks it.">
      <form className="new-goal" noValidate onSubmit={submit} onKeyDown={onFormKeyDown} data-testid="new-goal-form">
        <div className="new-goal__main">
          <section className="panel panel--wide new-goal__section" aria-labelledby="new-goal-sentence-title">
            <h2 id="new-goal-sentence-title" className="visually-hidden">
              The goal as a sentence
            </h2>
            <div className="field field--wide" data-field="statement">
              <label className="field__label field__label--large" htmlFor={focusIdFor("statement")}>
                Write the goal as a sentence
              </label>
              <span className="field__hint" id="new-goal-statement-hint">
                What changes, from where to where, by when and how — e.g. “Reduce average order processing time from
                48 hours to 32 hours by Q2 2026 by automating approvals.”
              </span>
              <textarea
                id={focusIdFor("statement")}
                className="input textarea statement-input"
                rows={4}
                value={statement}
                spellCheck
                data-testid="goal-statement"
                aria-invalid={errors.statement !== undefined}
                aria-describedby={["new-goal-statement-hint", describedBy("statement")].filter(Boolean).join(" ")}
                onChange={(e) => {
                  setStatement(e.target.value);
                  clearError("statement");
                }}
              />
              <FieldError field="statement" message={errors.statement} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="new-goal-template">
                Or start from a template
              </label>
              <select
                id="new-goal-template"
                className="input select"
                value={templateId}
                disabled={templates.isPending}
                data-testid="template-picker"
                onChange={(e) => {
                  applyTemplate(e.target.value);
                }}
              >
                <option value="">{templates.isPending ? "Loading templates…" : "Choose a template…"}</option>
                {groups.map(([department, list]) => (
                  <optgroup key={department} label={departmentLabel(department)}>
                    {list.map((t) => (
                      <option key={t.id} value={t.id} data-testid={`template-${t.id}`}>
                        {t.title}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {templates.isError && (
                <span className="field__hint" data-testid="templates-error">
                  Templates could not be loaded: {templates.error.message}
                </span>
              )}
            </div>
          </section>

          <Section id="new-goal-about" title="The goal">
            <Field field="title" label="Title" follow={follow("title")} error={errors.title} wide>
              <input
                id={focusIdFor("title")}
                className="input input--wide"
                value={value("title")}
                autoComplete="off"
                data-testid="goal-title-input"
                aria-invalid={errors.title !== undefined}
                aria-describedby={describedBy("title")}
                onChange={(e) => {
                  edit("title", e.target.value);
                }}
              />
            </Field>
            <Field field="kind" label="Kind" error={errors.kind}>
              <select
                id={focusIdFor("kind")}
                className="input select"
                value={kind}
                data-testid="goal-kind-input"
                aria-describedby={describedBy("kind")}
                onChange={(e) => {
                  setKind(e.target.value as GoalKind);
                  clearError("kind");
                }}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </Field>
            <Field field="owner" label="Owner" error={errors.owner}>
              <select
                id={focusIdFor("owner")}
                className="input select"
                value={owner}
                data-testid="goal-owner-input"
                aria-describedby={describedBy("owner")}
                aria-busy={owners.isPending}
                onChange={(e) => {
                  setOwner(e.target.value);
                }}
              >
                <option value="">{me ? `Me (${me.name})` : "Me"}</option>
                {(owners.data ?? []).some((c) => c.kind === "person" && c.detail !== "You") && (
                  <optgroup label="My reports">
                    {(owners.data ?? [])
                      .filter((c) => c.kind === "person" && c.detail !== "You")
                      .map((c) => (
                        <option key={c.id} value={`person:${c.id}`}>
                          {c.detail === "" ? c.name : `${c.name} · ${c.detail}`}
                        </option>
                      ))}
                  </optgroup>
                )}
                {(owners.data ?? []).some((c) => c.kind === "unit") && (
                  <optgroup label="Units I lead">
                    {(owners.data ?? [])
                      .filter((c) => c.kind === "unit")
                      .map((c) => (
                        <option key={c.id} value={`unit:${c.id}`}>
                          {c.name}
                        </option>
                      ))}
                  </optgroup>
                )}
              </select>
            </Field>
            <Field field="category" label="Category" follow={follow("category")} error={errors.category}>
              <select
                id={focusIdFor("category")}
                className="input select"
                value={value("category")}
                data-testid="goal-category-input"
                aria-describedby={describedBy("category")}
                onChange={(e) => {
                  edit("category", e.target.value as Category);
                }}
              >
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_LABELS[c]}
                  </option>
                ))}
              </select>
            </Field>
            <Field field="weight" label="Weight" hint="Among your goals" error={errors.weight}>
              <input
                id={focusIdFor("weight")}
                className="input input--short"
                inputMode="decimal"
                autoComplete="off"
                value={weight}
                data-testid="goal-weight-input"
                aria-invalid={errors.weight !== undefined}
                aria-describedby={describedBy("weight")}
                onChange={(e) => {
                  setWeight(e.target.value);
                  clearError("weight");
                }}
              />
            </Field>
            <Field field="method" label="How (method)" follow={follow("method")} error={errors.method} wide>
              <input
                id={focusIdFor("method")}
                className="input input--wide"
                value={value("method")}
                autoComplete="off"
                data-testid="goal-method-input"
                aria-invalid={errors.method !== undefined}
                aria-describedby={describedBy("method")}
                onChange={(e) => {
                  edit("method", e.target.value);
                }}
              />
            </Field>
          </Section>

          <Section id="new-goal-measure" title="What is measured">
            <Field field="metricName" label="Metric" follow={follow("metricName")} error={errors.metricName} wide>
              <input
                id={focusIdFor("metricName")}
                className="input input--wide"
                value={value("metricName")}
                autoComplete="off"
                data-testid="goal-metric-input"
                aria-invalid={errors.metricName !== undefined}
                aria-describedby={describedBy("metricName")}
                onChange={(e) => {
                  edit("metricName", e.target.value);
                }}
              />
            </Field>
            <Field field="direction" label="Direction" follow={follow("direction")} error={errors.direction}>
              <select
                id={focusIdFor("direction")}
                className="input select"
                value={direction}
                data-testid="goal-direction-input"
                aria-describedby={describedBy("direction")}
                onChange={(e) => {
                  edit("direction", e.target.value as Direction);
                }}
              >
                {DIRECTIONS.map((d) => (
                  <option key={d} value={d}>
                    {DIRECTION_LABELS[d]}
                  </option>
                ))}
              </select>
            </Field>
            {!done && (
              <>
                <Field field="unit" label="Unit kind" follow={follow("unit")} error={errors.unit}>
                  <select
                    id={focusIdFor("unit")}
                    className="input select"
                    value={value("unit")}
                    data-testid="goal-unit-kind-input"
                    aria-describedby={describedBy("unit")}
                    onChange={(e) => {
                      edit("unit", e.target.value as UnitKind);
                    }}
                  >
                    {UNIT_KINDS.map((u) => (
                      <option key={u} value={u}>
                        {UNIT_LABELS[u]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field field="unitLabel" label="Unit" hint="hours, %, USD, customers…" follow={follow("unitLabel")} error={errors.unitLabel}>
                  <input
                    id={focusIdFor("unitLabel")}
                    className="input"
                    value={value("unitLabel")}
                    autoComplete="off"
                    data-testid="goal-unit-input"
                    aria-invalid={errors.unitLabel !== undefined}
                    aria-describedby={describedBy("unitLabel")}
                    onChange={(e) => {
                      edit("unitLabel", e.target.value);
                    }}
                  />
                </Field>
                <Field field="baseline" label="Baseline" hint="Where it starts" follow={follow("baseline")} error={errors.baseline}>
                  <input
                    id={focusIdFor("baseline")}
                    className="input"
                    inputMode="decimal"
                    autoComplete="off"
                    value={value("baseline")}
                    data-testid="goal-baseline-input"
                    aria-invalid={errors.baseline !== undefined}
                    aria-describedby={describedBy("baseline")}
                    onChange={(e) => {
                      edit("baseline", e.target.value);
                    }}
                  />
                </Field>
                {band ? (
                  <>
                    <Field field="bandLow" label="Band low" hint="Lowest acceptable value" error={errors.bandLow}>
                      <input
                        id={focusIdFor("bandLow")}
                        className="input"
                        inputMode="decimal"
                        autoComplete="off"
                        value={bandLow}
                        data-testid="goal-band-low-input"
                        aria-invalid={errors.bandLow !== undefined}
                        aria-describedby={describedBy("bandLow")}
                        onChange={(e) => {
                          setBandLow(e.target.value);
                          clearError("bandLow");
                        }}
                      />
                    </Field>
                    <Field field="bandHigh" label="Band high" hint="Highest acceptable value" error={errors.bandHigh}>
                      <input
                        id={focusIdFor("bandHigh")}
                        className="input"
                        inputMode="decimal"
                        autoComplete="off"
                        value={bandHigh}
                        data-testid="goal-band-high-input"
                        aria-invalid={errors.bandHigh !== undefined}
                        aria-describedby={describedBy("bandHigh")}
                        onChange={(e) => {
                          setBandHigh(e.target.value);
                          clearError("bandHigh");
                        }}
                      />
                    </Field>
                  </>
                ) : (
                  <Field field="target" label="Target" hint="Where it should end" follow={follow("target")} error={errors.target}>
                    <input
                      id={focusIdFor("target")}
                      className="input"
                      inputMode="decimal"
                      autoComplete="off"
                      value={value("target")}
                      data-testid="goal-target-input"
                      aria-invalid={errors.target !== undefined}
                      aria-describedby={describedBy("target")}
                      onChange={(e) => {
                        edit("target", e.target.value);
                      }}
                    />
                  </Field>
                )}
              </>
            )}
          </Section>

          <Section id="new-goal-timing" title="When">
            <Field field="start" label="Start" follow={follow("start")} error={errors.start}>
              <input
                id={focusIdFor("start")}
                className="input"
                type="date"
                value={value("start")}
                data-testid="goal-start-input"
                aria-invalid={errors.start !== undefined}
                aria-describedby={describedBy("start")}
                onChange={(e) => {
                  edit("start", e.target.value);
                }}
              />
            </Field>
            <Field field="due" label="Due" follow={follow("due")} error={errors.due}>
              <input
                id={focusIdFor("due")}
                className="input"
                type="date"
                value={value("due")}
                data-testid="goal-due-input"
                aria-invalid={errors.due !== undefined}
                aria-describedby={describedBy("due")}
                onChange={(e) => {
                  edit("due", e.target.value);
                }}
              />
            </Field>
            <Field field="cadence" label="Check-in cadence" error={errors.cadence}>
              <span className="inline-fields">
                <select
                  id={cadenceKind === "custom" ? "new-goal-cadence-kind" : focusIdFor("cadence")}
                  className="input select"
                  value={cadenceKind}
                  aria-label={cadenceKind === "custom" ? "Check-in cadence" : undefined}
                  data-testid="goal-cadence-input"
                  aria-describedby={describedBy("cadence")}
                  onChange={(e) => {
                    setCadenceKind(e.target.value as CadenceKind);
                    clearError("cadence");
                  }}
                >
                  {CADENCE_KINDS.map((c) => (
                    <option key={c} value={c}>
                      {CADENCE_LABELS[c]}
                    </option>
                  ))}
                </select>
                {cadenceKind === "custom" && (
                  <input
                    id={focusIdFor("cadence")}
                    className="input input--short"
                    inputMode="numeric"
                    autoComplete="off"
                    aria-label="Days between check-ins"
                    value={cadenceDays}
                    data-testid="goal-cadence-days-input"
                    aria-invalid={errors.cadence !== undefined}
                    aria-describedby={describedBy("cadence")}
                    onChange={(e) => {
                      setCadenceDays(e.target.value);
                      clearError("cadence");
                    }}
                  />
                )}
              </span>
            </Field>
            {!done && (
              <div className="field field--wide" data-field="checkpoints" data-testid="checkpoints">
                <span className="field__label" id="new-goal-checkpoints-label">
                  Checkpoints
                </span>
                <span className="field__hint">Dated values you expect on the way (optional).</span>
                {checkpoints.length > 0 && (
                  <ul className="checkpoint-list" aria-labelledby="new-goal-checkpoints-label">
                    {checkpoints.map((row, i) => {
                      const update = (patch: Partial<CheckpointRow>) => {
                        setCheckpoints((rows) => rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r)));
                        clearError("checkpoints");
                      };
                      return (
                        <li key={row.key} className="checkpoint-row" data-testid="checkpoint-row">
                          <input
                            id={i === 0 ? focusIdFor("checkpoints") : undefined}
                            className="input"
                            type="date"
                            aria-label={`Checkpoint ${i + 1} date`}
                            value={row.date}
                            data-testid="checkpoint-date"
                            aria-describedby={describedBy("checkpoints")}
                            onChange={(e) => {
                              update({ date: e.target.value });
                            }}
                          />
                          <input
                            className="input input--short"
                            inputMode="decimal"
                            autoComplete="off"
                            aria-label={`Checkpoint ${i + 1} expected value`}
                            placeholder="Value"
                            value={row.expected}
                            data-testid="checkpoint-expected"
                            onChange={(e) => {
                              update({ expected: e.target.value });
                            }}
                          />
                          <input
                            className="input"
                            autoComplete="off"
                            aria-label={`Checkpoint ${i + 1} label`}
                            placeholder="Label (optional)"
                            value={row.label}
                            data-testid="checkpoint-label"
                            onChange={(e) => {
                              update({ label: e.target.value });
                            }}
                          />
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            aria-label={`Remove checkpoint ${i + 1}`}
                            data-testid="checkpoint-remove"
                            onClick={() => {
                              setCheckpoints((rows) => rows.filter((r) => r.key !== row.key));
                              clearError("checkpoints");
                            }}
                          >
                            Remove
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                )}
                <span>
                  <button
                    type="button"
                    id={checkpoints.length === 0 ? focusIdFor("checkpoints") : undefined}
                    className="button button--secondary button--small"
                    data-testid="checkpoint-add"
                    onClick={() => {
                      setCheckpoints((rows) => [...rows, { key: nextCheckpointKey++, date: "", expected: "", label: "" }]);
                    }}
                  >
                    Add checkpoint
                  </button>
                </span>
                <FieldError field="checkpoints" message={errors.checkpoints} />
              </div>
            )}
          </Section>

          <Section id="new-goal-alignment" title="Aligned to">
            <div className="field field--wide" data-field="parents">
              <label className="field__label" htmlFor={focusIdFor("parents")}>
                Parent goals
              </label>
              <span className="field__hint">A goal that serves a team or company goal is relevant. Weights say how much it contributes.</span>
              {parents.length > 0 && (
                <ul className="parent-list" aria-label="Chosen parent goals">
                  {parents.map((parent) => (
                    <li key={parent.id} className="parent-chip" data-testid="parent-chip" data-goal-id={parent.id}>
                      <span className="parent-chip__title">{parent.title}</span>
                      <input
                        className="input input--short"
                        inputMode="decimal"
                        autoComplete="off"
                        aria-label={`Weight towards ${parent.title}`}
                        value={parent.weight}
                        data-testid="parent-weight"
                        onChange={(e) => {
                          const next = e.target.value;
                          setParents((list) => list.map((p) => (p.id === parent.id ? { ...p, weight: next } : p)));
                          clearError("parents");
                        }}
                      />
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Remove ${parent.title}`}
                        data-testid="parent-remove"
                        onClick={() => {
                          setParents((list) => list.filter((p) => p.id !== parent.id));
                          clearError("parents");
                        }}
                      >
                        Remove
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <input
                id={focusIdFor("parents")}
                className="input input--wide"
                type="search"
                autoComplete="off"
                placeholder="Search goals by title"
                value={parentQuery}
                data-testid="parent-search"
                aria-invalid={errors.parents !== undefined}
                aria-describedby={describedBy("parents")}
                aria-controls="new-goal-parent-results"
                onChange={(e) => {
                  setParentQuery(e.target.value);
                }}
              />
              {parentQuery.trim() !== "" && (
                <div id="new-goal-parent-results" className="parent-results" aria-live="polite">
                  {search.isError ? (
                    <p className="field__error">Search failed: {search.error.message}</p>
                  ) : results.length > 0 ? (
                    <ul className="parent-results__list" aria-label="Matching goals">
                      {results.map((link) => (
                        <li key={link.id}>
                          <button
                            type="button"
                            className="parent-result"
                            data-testid="parent-result"
                            data-goal-id={link.id}
                            onClick={() => {
                              addParent(link);
                            }}
                          >
                            {link.title}
                          </button>
                        </li>
                      ))}
                    </ul>
                  ) : search.isFetching || parentText !== parentQuery ? (
                    <p className="field__hint">Searching…</p>
                  ) : (
                    <p className="field__hint" data-testid="parent-no-results">
                      No goals match.
                    </p>
                  )}
                </div>
              )}
              <FieldError field="parents" message={errors.parents} />
            </div>
          </Section>

          {formError !== null && (
            <div className="callout callout--error" role="alert" data-testid="goal-save-error">
              <p className="callout__title">The goal was not saved.</p>
              <p>{formError}</p>
            </div>
          )}
          <div className="form__footer new-goal__footer">
            <span className="field__hint">Ctrl+Enter (⌘+Enter) saves</span>
            <button type="submit" className="button button--primary" aria-disabled={create.isPending} data-testid="goal-save">
              {create.isPending ? "Saving…" : "Save goal"}
            </button>
          </div>
        </div>
        <div className="new-goal__side">
          <SmartPanel
            check={hasSentence ? check.data : undefined}
            active={hasSentence}
            busy={check.isFetching}
            error={hasSentence ? check.error : null}
          />
        </div>
      </form>
    </Screen>
  );
}
