import { useId, useState, type SyntheticEvent } from "react";
import { useApplyToTeam, type GoalId, type GoalSummary, type TeamSplit } from "../ipc";
import { Dialog } from "./Dialog";
import { withoutFieldPrefix } from "./FormField";

const SPLITS: readonly { value: TeamSplit; label: string; hint: string }[] = [
  {
    value: "copy",
    label: "Copy the numbers",
    hint: "Everyone carries the same baseline and target — for rates, levels and percentages.",
  },
  {
    value: "divide",
    label: "Divide additive numbers evenly",
    hint: "Baseline, target and checkpoints are divided by the number of people — for revenue, deals or calls.",
  },
];

interface ApplyToTeamDialogProps {
  goal: GoalSummary;
  onClose: () => void;
  onApplied: (ids: GoalId[]) => void;
}

/**
 * "Apply to my team": one goal per member of the goal's team (my direct reports for my
 * goal, the unit's members for a unit's goal), each aligned under this goal, with the
 * numbers copied or divided evenly. The core's refusal (e.g. nobody in the team yet)
 * shows in the dialog.
 */
export function ApplyToTeamDialog({ goal, onClose, onApplied }: ApplyToTeamDialogProps) {
  const [split, setSplit] = useState<TeamSplit>("copy");
  const [error, setError] = useState<string | null>(null);
  const apply = useApplyToTeam();
  const name = useId();
  const hasNumbers = goal.direction !== "done";

  function submit(event: SyntheticEvent): void {
    event.preventDefault();
    if (apply.isPending) return;
    setError(null);
    apply.mutate(
      { goal: goal.id, split: hasNumbers ? split : "copy" },
      {
        onSuccess: onApplied,
        onError: (e) => {
          setError(withoutFieldPrefix(e.message, e.field ?? ""));
        },
      },
    );
  }

  const team =
    goal.owner.type === "unit" ? `everyone in ${goal.ownerName}` : "the people who report to you";

  return (
    <Dialog title="Apply to my team" description={goal.title} onClose={onClose} testId="apply-dialog">
      <form className="form" noValidate onSubmit={submit}>
        <p data-testid="apply-explanation">
          Stride creates one goal per member of your team, aligned under this goal. The team here is {team}.
        </p>
        {hasNumbers && (
          <fieldset className="form__fields">
            <legend className="field__label">Numbers for each person</legend>
            {SPLITS.map((s) => (
              <label key={s.value} className="radio-option">
                <input
                  type="radio"
                  name={name}
                  value={s.value}
                  checked={split === s.value}
                  data-autofocus={split === s.value ? true : undefined}
                  data-testid={`apply-split-${s.value}`}
                  onChange={() => {
                    setSplit(s.value);
                  }}
                />
                <span>
                  <span className="radio-option__label">{s.label}</span>
                  <span className="field__hint radio-option__hint">{s.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {error !== null && (
          <div className="callout callout--error" role="alert" data-testid="apply-error">
            <p className="callout__title">No goals were created.</p>
            <p>{error}</p>
          </div>
        )}
        <div className="dialog__footer form__footer">
          <button type="button" className="button button--secondary" onClick={onClose} data-testid="apply-cancel">
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={apply.isPending}
            data-autofocus={hasNumbers ? undefined : true}
            data-testid="apply-confirm"
          >
            {apply.isPending ? "Creating…" : "Create team goals"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
