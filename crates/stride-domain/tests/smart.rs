//! The SMART parser against the shared contract fixtures, the evaluation
//! set, templates, and arbitrary input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;
use stride_domain::smart::{
    check, judge_achievable, parse, templates, ParseOptions, ParsedGoal, PastResult, SmartCheck,
    VerdictInput,
};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/smart-examples.jsonl"
);
const EVAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/smart-eval.jsonl");

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(line: &Value) -> SmartCheck {
    let today = day(line["today"].as_str().unwrap_or("2026-01-15"));
    check(
        line["statement"].as_str().unwrap(),
        &ParseOptions::new(today),
        &VerdictInput::default(),
    )
}

/// Numbers compare by value (25 == 25.0); everything else exactly.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// (field, expected, actual) for every expected field.
fn compare(expect: &Value, got: &SmartCheck) -> Vec<(String, Value, Value, bool)> {
    let json = serde_json::to_value(got).unwrap();
    let mut out = Vec::new();
    for (k, want) in expect.as_object().unwrap() {
        let actual = match k.as_str() {
            "measurable_met" => json["criteria"]["measurable"]["met"].clone(),
            "time_bound_met" => json["criteria"]["time_bound"]["met"].clone(),
            "specific_met" => json["criteria"]["specific"]["met"].clone(),
            other => json.get(other).cloned().unwrap_or(Value::Null),
        };
        let ok = same(want, &actual);
        out.push((k.clone(), want.clone(), actual, ok));
    }
    out
}

#[test]
fn contract_fixtures_parse_exactly() {
    let text = std::fs::read_to_string(FIXTURES).expect("../shared/fixtures beside the clone");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap();
        let got = run(&v);
        count += 1;
        for (field, want, actual, ok) in compare(&v["expect"], &got) {
            if !ok {
                failures.push(format!("{} {field}: want {want}, got {actual}", v["id"]));
            }
        }
    }
    assert!(count >= 9, "expected the 9 fixtures, read {count}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn evaluation_set_field_accuracy() {
    let text = std::fs::read_to_string(EVAL).unwrap();
    let (mut fields, mut right, mut sentences) = (0usize, 0usize, 0usize);
    let mut unexpected = Vec::new();
    let mut known_wrong = 0;
    let mut per_field: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["source"].is_string(), "{} has no source", v["id"]);
        sentences += 1;
        let got = run(&v);
        let cmp = compare(&v["expect"], &got);
        let wrong: Vec<_> = cmp.iter().filter(|c| !c.3).collect();
        for (f, _, _, ok) in &cmp {
            let e = per_field.entry(f.clone()).or_default();
            e.0 += 1;
            if *ok {
                e.1 += 1;
            }
        }
        fields += cmp.len();
        right += cmp.len() - wrong.len();
        let marked = v["known_wrong"].as_bool().unwrap_or(false);
        if marked {
            known_wrong += 1;
        }
        if !wrong.is_empty() && !marked {
            for (f, want, actual, _) in wrong {
                unexpected.push(format!("{} {f}: want {want}, got {actual}", v["id"]));
            }
        }
    }
    let accuracy = right as f64 / fields as f64;
    println!(
        "SMART eval: {sentences} sentences, {fields} fields, {right} right, field-level accuracy {accuracy:.4} ({known_wrong} marked known_wrong)"
    );
    for (f, (n, ok)) in &per_field {
        println!("  {f:<20} {ok}/{n}");
    }
    assert!(
        sentences >= 80,
        "the evaluation set needs at least 80 sentences"
    );
    assert!(
        accuracy >= 0.95,
        "field-level accuracy {accuracy:.4} < 0.95"
    );
    assert!(
        unexpected.is_empty(),
        "wrong fields in sentences not marked known_wrong:\n{}",
        unexpected.join("\n")
    );
}

#[test]
fn fiscal_year_convention_and_relative_periods() {
    let today = day("2026-01-15");
    let p = |s: &str| parse(s, today).deadline.map(|d| d.to_string());
    assert_eq!(p("Ship it in FY2027.").as_deref(), Some("2027-12-31"));
    assert_eq!(p("Ship it by Q2 FY27.").as_deref(), Some("2027-06-30"));
    assert_eq!(p("Ship it within 90 days.").as_deref(), Some("2026-04-15"));
    assert_eq!(p("Ship it next month.").as_deref(), Some("2026-02-28"));
    assert_eq!(p("Ship it in H1 2027.").as_deref(), Some("2027-06-30"));
    // A fiscal year starting in July: FY2027 = 2026-07-01 … 2027-06-30.
    let opts = ParseOptions {
        today,
        fiscal_year_start_month: 7,
    };
    let fy = |s: &str| {
        stride_domain::smart::parse_with(s, &opts)
            .deadline
            .map(|d| d.to_string())
    };
    assert_eq!(fy("Ship it in FY2027.").as_deref(), Some("2027-06-30"));
    assert_eq!(fy("Ship it in Q1 FY2027.").as_deref(), Some("2026-09-30"));
    assert_eq!(
        fy("Ship it this fiscal year.").as_deref(),
        Some("2026-06-30")
    );
}

fn past(metric: &str, increase: bool, b: f64, t: f64, a: f64, own: bool) -> PastResult {
    PastResult {
        metric: metric.into(),
        unit: "hours".into(),
        increase,
        baseline: b,
        target: t,
        achieved: Some(a),
        own,
    }
}

#[test]
fn achievable_against_history() {
    let today = day("2026-01-15");
    let history = vec![
        past("order processing time", false, 50.0, 40.0, 42.0, true),
        past(
            "average order processing time",
            false,
            60.0,
            45.0,
            48.0,
            false,
        ),
        past("customer satisfaction", true, 70.0, 80.0, 75.0, false),
    ];
    // 48 → 32 is a 33% cut; the best so far is 20%: far beyond.
    let g = parse(
        "Reduce average order processing time from 48 hours to 32 hours by Q2 2026.",
        today,
    );
    let c = judge_achievable(&g, &history);
    assert_eq!(c.met, Some(false), "{}", c.hint);
    assert!(
        c.hint.contains("33.3%") && c.hint.contains("best 20%"),
        "{}",
        c.hint
    );
    // 48 → 40 (17%) is within reach.
    let g = parse(
        "Reduce average order processing time from 48 hours to 40 hours by Q2 2026.",
        today,
    );
    assert_eq!(judge_achievable(&g, &history).met, Some(true));
    // No comparable metric: cannot judge.
    let g = parse("Grow ARR from $2M to $3.5M by Q4 2026.", today);
    assert_eq!(judge_achievable(&g, &history).met, None);
    // Through the verdict: history given, aligned.
    let input = VerdictInput {
        aligned: true,
        history: Some(&history),
    };
    let r = check(
        "Reduce average order processing time from 48 hours to 40 hours by Q2 2026.",
        &ParseOptions::new(today),
        &input,
    );
    assert_eq!(r.criteria.relevant.met, Some(true));
    assert_eq!(r.score, 100);
}

#[test]
fn templates_fill_and_parse_as_smart() {
    assert!(templates::templates().len() >= 24);
    for d in templates::Department::ALL {
        assert!(templates::templates_for(d).count() >= 3, "{d:?}");
    }
    for t in templates::templates() {
        let sentence = t.example_sentence();
        assert!(!sentence.contains('{'), "{}: {sentence}", t.id);
        let slots = t.slots();
        assert_eq!(slots.len(), t.example.len(), "{}", t.id);
        let r = check(
            &sentence,
            &ParseOptions::new(day("2026-01-15")),
            &VerdictInput::default(),
        );
        let c = &r.criteria;
        assert_eq!(
            (c.specific.met, c.measurable.met, c.time_bound.met),
            (Some(true), Some(true), Some(true)),
            "{}: {sentence}\n{}",
            t.id,
            serde_json::to_string_pretty(&r).unwrap()
        );
    }
    let t = templates::template("ops-processing-time").unwrap();
    let mut v = BTreeMap::new();
    v.insert("baseline", "48");
    let err = templates::fill(t, &v).unwrap_err();
    assert_eq!(err.to_string(), "target: no value for this slot");
}

#[test]
fn apply_to_team_plans_one_aligned_goal_per_member() {
    use stride_domain::{GoalDraft, OrgUnitId, Owner, PersonId};
    let mut d = GoalDraft::new(
        Owner::Unit(OrgUnitId::new()),
        "Close $1.2M in new bookings",
        day("2026-01-01"),
        day("2026-12-31"),
    );
    d.baseline = Some(0.0);
    d.target = Some(1_200_000.0);
    let team = d.validate().unwrap();
    let a = PersonId::new();
    let b = PersonId::new();
    let plan = templates::apply_to_team(&team, &[a, b, a], templates::TeamSplit::Divide);
    assert_eq!(plan.len(), 2);
    for m in &plan {
        assert_eq!(m.edge.parent, team.id);
        assert_eq!(m.edge.child, m.draft.id);
        assert_eq!(m.draft.target, Some(600_000.0));
        m.draft.clone().validate().unwrap();
    }
    assert_eq!(plan[0].draft.owner, Owner::Person(a));
    let copy = templates::apply_to_team(&team, &[a], templates::TeamSplit::Copy);
    assert_eq!(copy[0].draft.target, Some(1_200_000.0));
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Goal-ish fragments glued together, to reach the deeper patterns.
        proptest::collection::vec(
            prop_oneof![
                Just("increase".to_owned()),
                Just("reduce".to_owned()),
                Just("keep".to_owned()),
                Just("from".to_owned()),
                Just("to".to_owned()),
                Just("by".to_owned()),
                Just("within".to_owned()),
                Just("per day".to_owned()),
                Just("Q3".to_owned()),
                Just("FY".to_owned()),
                Just("$".to_owned()),
                Just("%".to_owned()),
                Just("→".to_owned()),
                Just("the end of".to_owned()),
                Just("next quarter".to_owned()),
                "[0-9]{1,12}(\\.[0-9]{1,3})?[kKmMbB%]?".prop_map(|s| s),
                "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}".prop_map(|s| s),
                "\\PC{0,8}".prop_map(|s| s),
            ],
            0..24,
        )
        .prop_map(|v| v.join(" ")),
    ]
}

proptest! {
    #[test]
    fn arbitrary_input_never_panics_and_round_trips(s in any_text(), days in 0i64..40_000) {
        let today = day("1990-01-01") + chrono::Days::new(days as u64);
        let r = check(&s, &ParseOptions::new(today), &VerdictInput::default());
        let json = serde_json::to_string(&r).unwrap();
        let back: SmartCheck = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &r);
        let value: Value = serde_json::from_str(&json).unwrap();
        prop_assert!(value["score"].as_u64().unwrap() <= 100);
        let p: ParsedGoal = serde_json::from_value(serde_json::to_value(&r.goal).unwrap()).unwrap();
        prop_assert_eq!(p, r.goal);
    }
}
