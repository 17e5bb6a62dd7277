//! `stride goal check`: the JSON contract, the readable verdict, input
//! errors and the achievability judgement from a database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, Utc};
use serde_json::Value;
use stride_cli::execute;
use stride_domain::{
    CheckInDraft, Direction, GoalDraft, OrgUnit, OrgUnitId, OrgUnitKind, Owner, Person, PersonId,
    Role, UnitKind,
};
use stride_store::Store;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/smart-examples.jsonl"
);

const KEYS: [&str; 12] = [
    "statement",
    "direction",
    "metric",
    "unit",
    "baseline",
    "target",
    "change",
    "deadline",
    "method",
    "leading_indicators",
    "criteria",
    "score",
];

fn check_json(args: &[&str]) -> Value {
    let out = execute(args.iter().copied());
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("one JSON object")
}

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

#[test]
fn contract_fixtures_through_the_cli() {
    let text = std::fs::read_to_string(FIXTURES).expect("../shared/fixtures beside the clone");
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let f: Value = serde_json::from_str(line).unwrap();
        let args = [
            "goal",
            "check",
            f["statement"].as_str().unwrap(),
            "--today",
            f["today"].as_str().unwrap(),
            "--json",
        ];
        let v = check_json(&args);
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = KEYS.to_vec();
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want, "exactly the contract's keys");
        // …printed in the contract's order (top-level keys are indented by two spaces).
        let raw = execute(args).stdout;
        let at: Vec<usize> = KEYS
            .iter()
            .map(|k| raw.find(&format!("\n  \"{k}\":")).expect(k))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "order: {raw}");
        for c in [
            "specific",
            "measurable",
            "achievable",
            "relevant",
            "time_bound",
        ] {
            let crit = &v["criteria"][c];
            assert!(crit["met"].is_boolean() || crit["met"].is_null());
            assert!(crit["hint"].as_str().is_some_and(|h| !h.is_empty()));
        }
        assert!(v["score"].as_u64().unwrap() <= 100);
        for (k, want) in f["expect"].as_object().unwrap() {
            let got = match k.as_str() {
                "measurable_met" => &v["criteria"]["measurable"]["met"],
                "time_bound_met" => &v["criteria"]["time_bound"]["met"],
                "specific_met" => &v["criteria"]["specific"]["met"],
                other => &v[other],
            };
            assert!(same(want, got), "{} {k}: want {want}, got {got}", f["id"]);
        }
        // Without a database, relevance and achievability are unknown.
        assert!(v["criteria"]["relevant"]["met"].is_null());
        assert!(v["criteria"]["achievable"]["met"].is_null());
    }
}

#[test]
fn the_operations_example_in_full() {
    let v = check_json(&[
        "goal",
        "check",
        "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing and eliminating manual approval bottlenecks.",
        "--today",
        "2026-01-15",
        "--json",
    ]);
    assert_eq!(v["direction"], "decrease");
    assert_eq!(v["unit"], "hours");
    assert_eq!(v["baseline"], 48);
    assert_eq!(v["target"], 32);
    assert_eq!(v["deadline"], "2026-06-30");
    assert!(v["change"].is_null());
    assert_eq!(v["score"], 88);
}

#[test]
fn readable_verdict_without_json() {
    let out = execute([
        "goal",
        "check",
        "Improve customer satisfaction.",
        "--today",
        "2026-01-15",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("✗ measurable"), "{}", out.stdout);
    assert!(out.stdout.contains("✗ time-bound"), "{}", out.stdout);
    assert!(out.stdout.contains("score 13/100"), "{}", out.stdout);
}

#[test]
fn input_errors_are_one_line_exit_2() {
    for args in [
        vec!["goal", "check", "", "--json"],
        vec!["goal", "check", "   ", "--json"],
        vec!["goal", "check", "Grow ARR to $3M", "--owner", "x", "--json"],
        vec!["goal", "check", "Grow ARR to $3M", "--db", "x.db", "--json"],
        vec![
            "goal",
            "check",
            "Grow ARR to $3M",
            "--today",
            "June",
            "--json",
        ],
        vec!["goal", "check", "--json"],
    ] {
        let out = execute(args.clone());
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(out.stdout.is_empty());
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
    }
    let out = execute([
        "goal",
        "check",
        "Grow ARR to $3M",
        "--db",
        "/nonexistent/stride.db",
        "--owner",
        &PersonId::new().to_string(),
        "--json",
    ]);
    assert_eq!(out.code, 2, "{out:?}");
}

#[test]
fn odd_unicode_is_still_valid_json() {
    for s in [
        "-5% churn",
        "🚀🚀🚀",
        "增加收入 25%",
        "\u{202e}Increase \u{0}revenue by ٣٠%",
        "$$$ 1,2,3 ... Q9 FY99999 → →",
        "Increase revenue by 99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999%",
    ] {
        let v = check_json(&["goal", "check", s, "--today", "2026-01-15", "--json"]);
        assert_eq!(v["statement"], s);
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A database where the owner and a peer cut processing time by 16% and
/// 20% before.
fn history_db(path: &std::path::Path) -> PersonId {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = Store::open(path).await.unwrap();
        let unit = OrgUnit {
            id: OrgUnitId::new(),
            name: "Operations".into(),
            kind: OrgUnitKind::Department,
            parent: None,
            lead: None,
        };
        let person = |name: &str, email: &str| Person {
            id: PersonId::new(),
            name: name.into(),
            email: email.into(),
            title: "Operations analyst".into(),
            org_unit: unit.id,
            manager: None,
            hire_date: d(2022, 1, 10),
            active: true,
            role: Role::Employee,
        };
        let omar = person("Omar Haddad", "omar@acme.test");
        let ana = person("Ana Silva", "ana@acme.test");
        let mut tx = store.begin_write().await.unwrap();
        tx.insert_org_units(&[unit]).await.unwrap();
        tx.insert_people(&[omar.clone(), ana.clone()])
            .await
            .unwrap();
        let mut goals = Vec::new();
        let mut results = Vec::new();
        for (owner, b, t, reached) in [(omar.id, 50.0, 40.0, 42.0), (ana.id, 60.0, 45.0, 48.0)] {
            let mut g = GoalDraft::new(
                Owner::Person(owner),
                "Faster order processing",
                d(2025, 4, 1),
                d(2025, 6, 30),
            );
            g.metric_name = "average order processing time".into();
            g.unit = UnitKind::Duration;
            g.unit_label = "hours".into();
            g.direction = Direction::Decrease;
            g.baseline = Some(b);
            g.target = Some(t);
            let g = g.validate().unwrap();
            results.push((g.id, owner, reached));
            goals.push(g);
        }
        tx.insert_goals(&goals, None, Utc::now()).await.unwrap();
        for (goal, author, value) in results {
            tx.add_check_in(
                CheckInDraft {
                    goal,
                    value: Some(value),
                    done: false,
                    confidence: None,
                    note: String::new(),
                    blockers: String::new(),
                    effective: d(2025, 6, 30),
                    author,
                },
                Utc::now(),
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        store.close().await;
        omar.id
    })
}

#[test]
fn achievable_from_the_owners_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stride.db");
    let omar = history_db(&db).to_string();
    let db = db.to_str().unwrap();
    let far = check_json(&[
        "goal",
        "check",
        "Reduce average order processing time from 48 hours to 24 hours by Q2 2026.",
        "--today",
        "2026-01-15",
        "--db",
        db,
        "--owner",
        &omar,
        "--json",
    ]);
    let a = &far["criteria"]["achievable"];
    assert_eq!(a["met"], false, "{a}");
    let hint = a["hint"].as_str().unwrap();
    assert!(
        hint.contains("50%") && hint.contains("best 20%") && hint.contains("2 past goals"),
        "{hint}"
    );
    let near = check_json(&[
        "goal",
        "check",
        "Reduce average order processing time from 48 hours to 40 hours by Q2 2026.",
        "--today",
        "2026-01-15",
        "--db",
        db,
        "--owner",
        &omar,
        "--json",
    ]);
    assert_eq!(near["criteria"]["achievable"]["met"], true);
    // An unknown owner is bad input.
    let out = execute([
        "goal",
        "check",
        "Reduce churn to 3% by Q2 2026.",
        "--db",
        db,
        "--owner",
        &PersonId::new().to_string(),
        "--json",
    ]);
    assert_eq!(out.code, 2, "{out:?}");
}
