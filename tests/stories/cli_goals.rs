//! The `stride` goal commands over a real SQLite file: show, check in,
//! revise, align — and bad input that prints one line, exits 2 and writes
//! nothing.

use chrono::{NaiveDate, TimeZone, Utc};
use stride_domain::{
    AlignmentEdge, Checkpoint, Direction, Goal, GoalDraft, GoalKind, OrgUnit, OrgUnitId,
    OrgUnitKind, Owner, Person, PersonId, Role, UnitKind,
};
use stride_store::Store;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    db: String,
    ops: Goal,
    top: Goal,
}

/// A company objective and the seed article's operations goal under it.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cli.db");
    let company = OrgUnit {
        id: OrgUnitId::new(),
        name: "Acme".into(),
        kind: OrgUnitKind::Company,
        parent: None,
        lead: None,
    };
    let owner = Person {
        id: PersonId::new(),
        name: "Omar Haddad".into(),
        email: "omar@acme.test".into(),
        title: "Operations analyst".into(),
        org_unit: company.id,
        manager: None,
        hire_date: d(2023, 9, 15),
        active: true,
        role: Role::Employee,
    };
    let mut ops = GoalDraft::new(
        Owner::Person(owner.id),
        "Cut order processing time to 32 hours",
        d(2026, 4, 1),
        d(2026, 6, 30),
    );
    ops.unit = UnitKind::Duration;
    ops.unit_label = "hours".into();
    ops.direction = Direction::Decrease;
    ops.baseline = Some(48.0);
    ops.target = Some(32.0);
    ops.checkpoints = vec![Checkpoint {
        date: d(2026, 5, 13),
        expected: 42.0,
        label: "six-week review".into(),
    }];
    let ops = Goal::new(ops).unwrap();
    let mut top = GoalDraft::new(
        Owner::Unit(company.id),
        "Fast, reliable delivery",
        d(2026, 1, 1),
        d(2026, 12, 31),
    );
    top.kind = GoalKind::Objective;
    top.baseline = Some(70.0);
    top.target = Some(85.0);
    let top = Goal::new(top).unwrap();

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = Store::open(&path).await.unwrap();
        let mut tx = store.begin_write().await.unwrap();
        tx.insert_org_units(std::slice::from_ref(&company))
            .await
            .unwrap();
        tx.insert_people(std::slice::from_ref(&owner))
            .await
            .unwrap();
        tx.set_unit_lead(company.id, Some(owner.id)).await.unwrap();
        let now = Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap();
        tx.insert_goals(&[ops.clone(), top.clone()], None, now)
            .await
            .unwrap();
        tx.align(AlignmentEdge {
            child: ops.id,
            parent: top.id,
            weight: 1.0,
        })
        .await
        .unwrap();
        tx.commit().await.unwrap();
        store.close().await;
    });
    Fixture {
        db: path.to_str().unwrap().to_owned(),
        _dir: dir,
        ops,
        top,
    }
}

fn stride(args: &[&str]) -> stride_cli::Outcome {
    stride_cli::execute(args.iter().copied())
}

fn show(f: &Fixture, id: &str) -> serde_json::Value {
    let out = stride(&[
        "goals",
        "show",
        id,
        "--db",
        &f.db,
        "--as-of",
        "2026-05-20",
        "--json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

/// Row counts of every table a command could write.
fn footprint(db: &str) -> Vec<i64> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = Store::open(std::path::Path::new(db)).await.unwrap();
        let mut out = Vec::new();
        for table in [
            "goals",
            "checkins",
            "revisions",
            "alignments",
            "goal_checkpoints",
        ] {
            let n: i64 = sqlx_count(&store, table).await;
            out.push(n);
        }
        out
    })
}

async fn sqlx_count(store: &Store, table: &str) -> i64 {
    stride_store::sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(store.reader())
        .await
        .unwrap()
}

#[test]
fn show_reports_the_goal_with_its_numbers_and_links() {
    let f = fixture();
    let j = show(&f, &f.ops.id.to_string());
    assert_eq!(j["id"], f.ops.id.to_string());
    assert_eq!(j["title"], "Cut order processing time to 32 hours");
    assert_eq!(j["kind"], "smart_goal");
    assert_eq!(j["direction"], "decrease");
    assert_eq!(j["unit"], "hours");
    assert_eq!(j["baseline"], 48.0);
    assert_eq!(j["target"], 32.0);
    assert_eq!(j["current"], serde_json::Value::Null);
    assert_eq!(j["progress"], 0.0);
    assert!(j["expected_progress"].as_f64().unwrap() > 0.375);
    assert_eq!(j["status"], "off_track");
    assert_eq!(j["due"], "2026-06-30");
    assert_eq!(j["parents"][0]["id"], f.top.id.to_string());
    assert_eq!(j["revisions"].as_array().unwrap().len(), 0);
}

#[test]
fn a_check_in_of_40_hours_makes_progress_one_half() {
    let f = fixture();
    let id = f.ops.id.to_string();
    let out = stride(&[
        "checkin",
        "add",
        &id,
        "--db",
        &f.db,
        "--value",
        "40",
        "--confidence",
        "7",
        "--note",
        "routing live",
        "--date",
        "2026-05-20",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = show(&f, &id);
    assert_eq!(j["current"], 40.0);
    assert_eq!(j["progress"], 0.5);
    assert_eq!(j["check_ins"][0]["note"], "routing live");
}

#[test]
fn a_revision_keeps_the_original_target() {
    let f = fixture();
    let id = f.ops.id.to_string();
    let out = stride(&[
        "goal",
        "revise",
        &id,
        "--db",
        &f.db,
        "--field",
        "target",
        "--value",
        "30",
        "--reason",
        "market shift",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = show(&f, &id);
    assert_eq!(j["target"], 30.0);
    assert_eq!(j["original_target"], 32.0);
    assert_eq!(j["revisions"][0]["field"], "target");
    assert_eq!(j["revisions"][0]["reason"], "market shift");
}

#[test]
fn tree_shows_the_cascade_with_rolled_up_progress() {
    let f = fixture();
    let id = f.ops.id.to_string();
    assert_eq!(
        stride(&[
            "checkin",
            "add",
            &id,
            "--db",
            &f.db,
            "--value",
            "40",
            "--date",
            "2026-05-20"
        ])
        .code,
        0
    );
    let out = stride(&["goals", "tree", "--db", &f.db, "--as-of", "2026-05-21"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with("■ Fast, reliable delivery  rolled up 50%"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].starts_with("  └ Cut order processing time to 32 hours  rolled up 50%"),
        "{}",
        out.stdout
    );
}

#[test]
fn bad_input_is_one_line_exit_2_and_writes_nothing() {
    let f = fixture();
    let ops = f.ops.id.to_string();
    let top = f.top.id.to_string();
    let unknown = stride_domain::GoalId::new().to_string();
    let before = footprint(&f.db);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["goals", "show", &unknown, "--db", &f.db], "not found"),
        (
            vec!["checkin", "add", &unknown, "--db", &f.db, "--value", "40"],
            "not found",
        ),
        (
            vec![
                "goal", "revise", &ops, "--db", &f.db, "--field", "target", "--value", "48",
                "--reason", "oops",
            ],
            "target",
        ),
        (
            vec![
                "goal",
                "revise",
                &ops,
                "--db",
                &f.db,
                "--field",
                "due",
                "--value",
                "2026-03-01",
                "--reason",
                "oops",
            ],
            "due",
        ),
        (
            vec!["goal", "align", &top, "--db", &f.db, "--parent", &ops],
            "cycle",
        ),
        (
            vec!["checkin", "add", &ops, "--db", &f.db, "--value", "forty"],
            "not a number",
        ),
        (
            vec![
                "checkin",
                "add",
                &ops,
                "--db",
                &f.db,
                "--value",
                "40",
                "--confidence",
                "11",
            ],
            "confidence",
        ),
        (
            vec!["goals", "show", "not-an-id", "--db", &f.db],
            "not a valid goal id",
        ),
        (
            vec!["goals", "list", "--db", "/nonexistent/x.db"],
            "no database",
        ),
        (
            vec![
                "goal", "revise", &ops, "--db", &f.db, "--field", "colour", "--value", "red",
                "--reason", "x",
            ],
            "unknown goal field",
        ),
    ];
    for (args, needle) in cases {
        let out = stride(&args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains(needle),
            "{args:?}: expected `{needle}` in {}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
    assert_eq!(footprint(&f.db), before, "bad input wrote to the database");
    assert!(!std::path::Path::new("/nonexistent/x.db").exists());
}

#[test]
fn reminders_due_lists_the_goals_to_check_in_on() {
    let f = fixture();
    let out = stride(&[
        "reminders",
        "due",
        "--db",
        &f.db,
        "--as-of",
        "2026-04-15",
        "--json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let due: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let due = due.as_array().unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0]["goal"], f.ops.id.to_string());
    assert_eq!(due[0]["due"]["missed"], 2);
    assert_eq!(due[0]["due"]["escalate"], true);
    let id = f.ops.id.to_string();
    assert_eq!(
        stride(&[
            "checkin",
            "add",
            &id,
            "--db",
            &f.db,
            "--value",
            "46",
            "--date",
            "2026-04-15"
        ])
        .code,
        0
    );
    let out = stride(&["reminders", "due", "--db", &f.db, "--as-of", "2026-04-16"]);
    assert_eq!(out.stdout.trim(), "no check-ins due on 2026-04-16");
    let bad = stride(&["reminders", "due", "--db", &f.db, "--as-of", "someday"]);
    assert_eq!(bad.code, 2);
    assert_eq!(bad.stderr.lines().count(), 1);
}

#[test]
fn alerts_tell_owner_and_manager_why() {
    let f = fixture();
    // No check-in by mid-June: the operations goal is off track.
    let out = stride(&["alerts", "--db", &f.db, "--as-of", "2026-06-15", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let alerts: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let alerts = alerts.as_array().unwrap();
    let off: Vec<_> = alerts
        .iter()
        .filter(|a| a["kind"] == "off_track" && a["goal"] == f.ops.id.to_string())
        .collect();
    assert_eq!(
        off.len(),
        1,
        "the owner has no manager in this fixture: {alerts:?}"
    );
    assert_eq!(off[0]["recipient_name"], "Omar Haddad");
    assert!(off[0]["reason"].as_str().unwrap().contains("off track"));
    // The six-week review (13 May) is announced the week before.
    let out = stride(&["alerts", "--db", &f.db, "--as-of", "2026-05-08", "--json"]);
    let alerts: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        alerts
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "checkpoint_soon"),
        "{alerts}"
    );
    let bad = stride(&["alerts", "--db", &f.db, "--as-of", "2026-13-01"]);
    assert_eq!((bad.code, bad.stderr.lines().count()), (2, 1));
}
