//! `stride bench sync` on a small organisation (SQLite only; `cargo xtask
//! bench sync` adds PostgreSQL): the report's numbers are consistent with
//! what was written, and the JSON written with `--out` is what was printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

fn f(v: &serde_json::Value, path: &str) -> f64 {
    v.pointer(path)
        .and_then(serde_json::Value::as_f64)
        .unwrap_or_else(|| panic!("{path} missing in {v}"))
}

#[test]
fn a_small_run_pushes_every_change_and_pulls_them_cold() {
    // The default test measures SQLite only.
    std::env::remove_var("STRIDE_BENCH_POSTGRES");
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("bench/sync.json");
    let out = stride_cli::execute([
        "bench",
        "sync",
        "--changes",
        "300",
        "--baseline-requests",
        "20",
        "--json",
        "--out",
        &out_file.to_string_lossy(),
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert_eq!(v, written, "--out holds the printed report");

    assert_eq!(v["changes"], 300);
    let backends = v["backends"].as_array().unwrap();
    assert_eq!(backends.len(), 1, "{v}");
    let b = &backends[0];
    assert_eq!(b["backend"], "sqlite");

    assert_eq!(
        b["local_writes"]["items"], 300,
        "every change is in the outbox"
    );
    assert_eq!(b["push"]["ops"], 300, "{b}");
    assert_eq!(b["push"]["rejected"], 0, "{b}");
    let batch = f(b, "/push/batch");
    assert!(
        f(b, "/push/requests/samples") >= (300.0 / batch).ceil(),
        "{b}"
    );
    let rows = f(b, "/cold_pull/rows");
    assert!(rows >= 300.0, "the manager pulls the report's changes: {b}");
    assert!(
        f(b, "/cold_pull/pages") >= (rows / f(b, "/cold_pull/page_limit")).ceil(),
        "{b}"
    );
    for rate in [
        "/baseline/healthz_per_s",
        "/local_writes/per_s",
        "/push/ops_per_s",
        "/cold_pull/rows_per_s",
        "/push/bytes_per_op",
        "/cold_pull/cold_sync_seconds",
    ] {
        assert!(f(b, rate) > 0.0, "{rate}: {b}");
    }
    for lat in [
        "/baseline/healthz",
        "/push/requests",
        "/cold_pull/requests",
        "/edit_a_to_b",
    ] {
        let (p50, p95, p99) = (
            f(b, &format!("{lat}/p50_ms")),
            f(b, &format!("{lat}/p95_ms")),
            f(b, &format!("{lat}/p99_ms")),
        );
        assert!(0.0 < p50 && p50 <= p95 && p95 <= p99, "{lat}: {b}");
    }
    // Rates and totals agree with each other.
    let push_rate = 300.0 / f(b, "/push/seconds");
    assert!((push_rate - f(b, "/push/ops_per_s")).abs() / push_rate < 1e-6);
    let pull_rate = rows / f(b, "/cold_pull/cold_sync_seconds");
    assert!((pull_rate - f(b, "/cold_pull/rows_per_s")).abs() / pull_rate < 1e-6);

    // The readable table names every metric with its ratio to the baseline.
    let out = stride_cli::execute([
        "bench",
        "sync",
        "--changes",
        "20",
        "--baseline-requests",
        "5",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    for needle in [
        "baseline: healthz p95",
        "push request p95",
        "pull page p95",
        "cold sync of",
        "pushed 20 (rejected 0)",
        "×",
    ] {
        assert!(out.stdout.contains(needle), "{needle} in\n{}", out.stdout);
    }
}

#[test]
fn bad_options_are_bad_input() {
    let out = stride_cli::execute(["bench", "sync", "--changes", "0"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("--changes"), "{out:?}");
    let out = stride_cli::execute(["bench", "sync", "--postgres", "mysql://h/db"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("--postgres"), "{out:?}");
}
