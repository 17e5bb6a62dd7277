//! `stride demo` builds the organisation the other commands then work on.

fn stride(args: &[&str]) -> stride_cli::Outcome {
    stride_cli::execute(args.iter().copied())
}

/// A 60-person demo (seed 7, today 2026-11-27) in `dir`: its path and summary.
fn demo(dir: &tempfile::TempDir) -> (String, serde_json::Value) {
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap().to_owned();
    let out = stride(&[
        "demo",
        "--out",
        &db,
        "--people",
        "60",
        "--seed",
        "7",
        "--today",
        "2026-11-27",
        "--json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    (db, serde_json::from_str(&out.stdout).unwrap())
}

#[test]
fn the_demo_holds_the_seed_goals_and_a_40_hour_check_in_is_half_way() {
    let dir = tempfile::tempdir().unwrap();
    let (db, summary) = demo(&dir);
    let db = db.as_str();
    assert_eq!(summary["people"], 60);
    let seed = &summary["seed_goals"];

    let show = |id: &serde_json::Value| -> serde_json::Value {
        let out = stride(&[
            "goals",
            "show",
            id.as_str().unwrap(),
            "--db",
            db,
            "--as-of",
            "2026-11-27",
            "--json",
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let sales = show(&seed["sales"]);
    assert_eq!(sales["direction"], "increase");
    assert_eq!(sales["due"], "2026-09-30");
    assert_eq!(sales["unit"], "USD");
    assert_eq!(sales["status"], "done");
    let hr = show(&seed["hr"]);
    assert_eq!(
        (hr["baseline"].as_f64(), hr["target"].as_f64()),
        (Some(67.0), Some(75.0))
    );
    assert_eq!(hr["status"], "at_risk");
    let ops = show(&seed["operations"]);
    assert_eq!(
        (ops["baseline"].as_f64(), ops["target"].as_f64()),
        (Some(48.0), Some(32.0))
    );
    assert_eq!(ops["checkpoints"][0]["label"], "six-week review");
    assert!(
        !ops["parents"].as_array().unwrap().is_empty(),
        "aligned up to the company"
    );

    let id = seed["operations"].as_str().unwrap();
    let out = stride(&[
        "checkin",
        "add",
        id,
        "--db",
        db,
        "--value",
        "40",
        "--date",
        "2026-11-27",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let ops = show(&seed["operations"]);
    assert_eq!(ops["current"], 40.0);
    assert_eq!(ops["progress"], 0.5);

    let tree = stride(&[
        "goals",
        "tree",
        "--db",
        db,
        "--as-of",
        "2026-11-27",
        "--depth",
        "2",
    ]);
    assert_eq!(tree.code, 0, "{}", tree.stderr);
    assert!(
        tree.stdout.lines().next().unwrap().starts_with("■ "),
        "{}",
        tree.stdout
    );
    assert!(tree.stdout.contains("rolled up"));

    // A second demo into the same file is refused and leaves it alone.
    let again = stride(&["demo", "--out", db, "--people", "60"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    let out = stride(&[
        "demo",
        "--out",
        dir.path().join("tiny.db").to_str().unwrap(),
        "--people",
        "3",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        !dir.path().join("tiny.db").exists(),
        "a refused demo leaves no file behind"
    );
}

#[test]
fn the_demo_managers_weekly_digest_reads_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let (db, summary) = demo(&dir);
    let db = db.as_str();
    let me = summary["me"].as_str().unwrap();
    let md = stride(&[
        "digest",
        "--db",
        db,
        "--manager",
        me,
        "--as-of",
        "2026-11-27",
    ]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout.starts_with("# Weekly digest for "),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("2026-11-21 – 2026-11-27: "),
        "{}",
        md.stdout
    );
    let json = stride(&[
        "digest",
        "--db",
        db,
        "--manager",
        me,
        "--as-of",
        "2026-11-27",
        "--json",
    ]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["to"], "2026-11-27");
    // The Markdown lists exactly the goals the JSON calls off track.
    for g in v["offTrack"].as_array().unwrap() {
        assert!(md
            .stdout
            .contains(g["title"].as_str().unwrap().split('*').next().unwrap()));
    }
    // Bad input is a clear error, not a panic.
    let bad = stride(&[
        "digest",
        "--db",
        db,
        "--manager",
        "nobody",
        "--as-of",
        "2026-11-27",
    ]);
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(bad.stderr.contains("--manager"), "{}", bad.stderr);
}
