import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ActivityWeeks } from "./screens/GoalInsight";
import { makeGoal } from "./test/fixtures";
import type { ActivityWeek } from "./ipc/bindings";

function week(monday: string, sunday: string, value: number, below: boolean): ActivityWeek {
  return { monday, sunday, value, expected: 20, rate: true, below, checkIns: 5 };
}

describe("the weekly checkpoint of an activity goal", () => {
  it("lists every week and flags the ones below target", () => {
    const summary = { ...makeGoal(), title: "20 outbound calls per day", unit: "count" as const, unitLabel: "calls" };
    render(
      <ActivityWeeks
        summary={summary}
        weeks={[week("2026-07-06", "2026-07-12", 21.2, false), week("2026-07-13", "2026-07-19", 17.46, true), week("2026-07-20", "2026-07-26", 20, false)]}
      />,
    );
    const rows = screen.getAllByTestId("activity-week");
    expect(rows.map((r) => r.getAttribute("data-below"))).toEqual(["false", "true", "false"]);
    expect(within(rows[1] as HTMLElement).getByText("Below target")).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent("17.5");
    expect(screen.getByTestId("activity-weeks-summary")).toHaveTextContent("1 of 3 weeks below target.");
    expect(screen.getByRole("columnheader", { name: "Mean" })).toBeInTheDocument();
  });

  it("says so when every week is on target, and shows nothing for other goals", () => {
    const summary = { ...makeGoal(), title: "Calls", unit: "count" as const, unitLabel: "calls" };
    const { rerender } = render(<ActivityWeeks summary={summary} weeks={[week("2026-07-06", "2026-07-12", 21, false)]} />);
    expect(screen.getByTestId("activity-weeks-summary")).toHaveTextContent("The one week so far is on target.");
    rerender(<ActivityWeeks summary={summary} weeks={[]} />);
    expect(screen.queryByTestId("activity-weeks")).toBeNull();
  });
});
