//! The weekly manager digest: who is off track, who has not checked in,
//! what changed — as data for the app and as Markdown to paste into an
//! email or a wiki. Pure: the store gathers the week, this module words it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::ids::{GoalId, PersonId};

/// A goal that needs the manager's attention.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DigestGoal {
    /// The goal.
    pub goal: GoalId,
    /// Its title.
    pub title: String,
    /// Who owns it (a person or a unit).
    pub owner: String,
    /// Progress, 0–1.
    pub progress: f64,
    /// Expected progress by now, 0–1.
    pub expected: f64,
}

/// A report who has not checked in within the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuietPerson {
    /// The person.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// Their latest check-in on any goal, if ever.
    pub last_check_in: Option<NaiveDate>,
    /// How many active goals they own.
    pub active_goals: u32,
}

/// One change to a team goal during the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DigestChange {
    /// The goal.
    pub goal: GoalId,
    /// Its title.
    pub title: String,
    /// Who changed it.
    pub who: String,
    /// The field (`target`, `due`, `state`, …).
    pub field: String,
    /// The value before, as stored (JSON text).
    pub from: String,
    /// The value after, as stored (JSON text).
    pub to: String,
    /// Why.
    pub reason: String,
    /// When.
    pub on: NaiveDate,
}

/// A manager's week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Digest {
    /// The manager's name.
    pub manager: String,
    /// First day of the week covered.
    pub from: NaiveDate,
    /// Last day of the week covered (the day it was made).
    pub to: NaiveDate,
    /// Team goals off track.
    pub off_track: Vec<DigestGoal>,
    /// Team goals at risk.
    pub at_risk: Vec<DigestGoal>,
    /// Reports with active goals and no check-in this week.
    pub quiet: Vec<QuietPerson>,
    /// Goal revisions during the week, newest first.
    pub changes: Vec<DigestChange>,
    /// Check-ins on team goals during the week.
    pub check_ins: u32,
    /// Team goals done (target met or completed).
    pub done: u32,
}

fn pct(x: f64) -> String {
    if x.is_finite() {
        format!("{:.0} %", (x * 100.0).round())
    } else {
        "–".to_owned()
    }
}

/// A stored JSON value for people: strings without quotes, `null` as "none".
fn value(text: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) => "none".to_owned(),
        Ok(v) => v.to_string(),
        Err(_) => text.to_owned(),
    }
}

/// Markdown special characters in names and titles, escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

impl DigestChange {
    /// "target from 70 to 80".
    #[must_use]
    pub fn words(&self) -> String {
        format!(
            "{} from {} to {}",
            self.field,
            value(&self.from),
            value(&self.to)
        )
    }
}

impl Digest {
    /// True when nothing needs attention and nothing changed.
    #[must_use]
    pub fn is_quiet(&self) -> bool {
        self.off_track.is_empty()
            && self.at_risk.is_empty()
            && self.quiet.is_empty()
            && self.changes.is_empty()
    }

    /// The digest as Markdown: a heading, the week in one line, then one
    /// section per kind of news (sections with nothing are left out).
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let mut s = format!(
            "# Weekly digest for {}\n\n{} – {}: {} check-in{} on team goals, {} goal{} done.\n",
            md(&self.manager),
            self.from,
            self.to,
            self.check_ins,
            if self.check_ins == 1 { "" } else { "s" },
            self.done,
            if self.done == 1 { "" } else { "s" },
        );
        let goals = |s: &mut String, title: &str, list: &[DigestGoal]| {
            if list.is_empty() {
                return;
            }
            s.push_str(&format!("\n## {title} ({})\n\n", list.len()));
            for g in list {
                s.push_str(&format!(
                    "- **{}** ({}): {} done, {} expected by now\n",
                    md(&g.title),
                    md(&g.owner),
                    pct(g.progress),
                    pct(g.expected)
                ));
            }
        };
        goals(&mut s, "Off track", &self.off_track);
        goals(&mut s, "At risk", &self.at_risk);
        if !self.quiet.is_empty() {
            s.push_str(&format!(
                "\n## No check-in this week ({})\n\n",
                self.quiet.len()
            ));
            for p in &self.quiet {
                let last = p
                    .last_check_in
                    .map_or_else(|| "never checked in".to_owned(), |d| format!("last on {d}"));
                s.push_str(&format!(
                    "- {} — {} active goal{}, {last}\n",
                    md(&p.name),
                    p.active_goals,
                    if p.active_goals == 1 { "" } else { "s" }
                ));
            }
        }
        if !self.changes.is_empty() {
            s.push_str(&format!("\n## What changed ({})\n\n", self.changes.len()));
            for c in &self.changes {
                let reason = if c.reason.trim().is_empty() {
                    String::new()
                } else {
                    format!(": {}", md(c.reason.trim()))
                };
                s.push_str(&format!(
                    "- {} — **{}**: {} by {}{reason}\n",
                    c.on,
                    md(&c.title),
                    md(&c.words()),
                    md(&c.who)
                ));
            }
        }
        if self.is_quiet() {
            s.push_str(
                "\nNothing needs you this week: every goal is on pace and everyone checked in.\n",
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn week() -> Digest {
        Digest {
            manager: "Maria Lopez".into(),
            from: d(5, 14),
            to: d(5, 20),
            off_track: vec![DigestGoal {
                goal: GoalId::new(),
                title: "Cut order processing time".into(),
                owner: "Omar Haddad".into(),
                progress: 0.25,
                expected: 0.6,
            }],
            at_risk: vec![],
            quiet: vec![QuietPerson {
                person: PersonId::new(),
                name: "Ana *Silva*".into(),
                last_check_in: Some(d(5, 2)),
                active_goals: 2,
            }],
            changes: vec![DigestChange {
                goal: GoalId::new(),
                title: "NPS".into(),
                who: "Maria Lopez".into(),
                field: "target".into(),
                from: "70.0".into(),
                to: "80.0".into(),
                reason: "market shift".into(),
                on: d(5, 12),
            }],
            check_ins: 1,
            done: 0,
        }
    }

    #[test]
    fn markdown_has_a_section_per_kind_of_news() {
        let md = week().to_markdown();
        assert!(md.starts_with("# Weekly digest for Maria Lopez\n\n2026-05-14 – 2026-05-20: 1 check-in on team goals, 0 goals done.\n"), "{md}");
        assert!(md.contains("## Off track (1)\n\n- **Cut order processing time** (Omar Haddad): 25 % done, 60 % expected by now\n"), "{md}");
        assert!(
            !md.contains("## At risk"),
            "empty sections are left out: {md}"
        );
        assert!(
            md.contains("- Ana \\*Silva\\* — 2 active goals, last on 2026-05-02\n"),
            "{md}"
        );
        assert!(
            md.contains(
                "- 2026-05-12 — **NPS**: target from 70.0 to 80.0 by Maria Lopez: market shift\n"
            ),
            "{md}"
        );
        assert!(!md.contains("Nothing needs you"));
    }

    #[test]
    fn a_quiet_week_says_so() {
        let mut w = week();
        w.off_track.clear();
        w.quiet.clear();
        w.changes.clear();
        assert!(w.is_quiet());
        assert!(w.to_markdown().contains("Nothing needs you this week"));
    }

    #[test]
    fn stored_values_read_as_words() {
        let c = DigestChange {
            goal: GoalId::new(),
            title: "x".into(),
            who: "y".into(),
            field: "due".into(),
            from: "\"2026-06-30\"".into(),
            to: "null".into(),
            reason: String::new(),
            on: d(1, 1),
        };
        assert_eq!(c.words(), "due from 2026-06-30 to none");
    }
}
