//! `stride goal forecast`: the JSON contract, messy CSVs and every bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use serde_json::Value;
use stride_cli::{execute, Outcome};

const KEYS: [&str; 6] = [
    "expected_progress",
    "progress",
    "status",
    "forecast",
    "probability_on_target",
    "reason",
];

struct Csv {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn csv(content: &[u8]) -> Csv {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("series.csv");
    std::fs::write(&path, content).unwrap();
    Csv { _dir: dir, path }
}

/// The seed operations goal (48 → 32 h by 30 June 2026) with `extra` flags.
fn run(series: &Csv, extra: &[&str]) -> Outcome {
    let mut args: Vec<String> = [
        "goal",
        "forecast",
        "--direction",
        "decrease",
        "--baseline",
        "48",
        "--target",
        "32",
        "--start",
        "2026-04-01",
        "--due",
        "2026-06-30",
        "--as-of",
        "2026-06-03",
        "--series",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    args.push(series.path.display().to_string());
    // Later flags replace earlier ones by name.
    let mut i = 0;
    while i < extra.len() {
        let flag = extra[i];
        if let Some(pos) = args.iter().position(|a| a == flag) {
            if i + 1 < extra.len() && !extra[i + 1].starts_with("--") {
                args[pos + 1] = extra[i + 1].to_owned();
                i += 2;
                continue;
            }
        }
        args.push(flag.to_owned());
        i += 1;
    }
    execute(args)
}

fn json(series: &Csv, extra: &[&str]) -> Value {
    let mut e = extra.to_vec();
    e.push("--json");
    let out = run(series, &e);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.is_empty());
    serde_json::from_str(&out.stdout).expect("one JSON object")
}

fn bad(series: &Csv, extra: &[&str], needle: &str) {
    let mut e = extra.to_vec();
    e.push("--json");
    let out = run(series, &e);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "one line: {:?}", out.stderr);
    assert!(
        out.stderr.contains(needle),
        "{:?} lacks {needle:?}",
        out.stderr
    );
}

const OPS: &str = "date,value
2026-04-29,48.48
2026-05-06,47.08
2026-05-13,46.16
2026-05-20,44.82
2026-05-27,43.96
2026-06-03,42.80
";

fn close(a: &Value, b: f64) -> bool {
    (a.as_f64().unwrap() - b).abs() < 1e-9
}

#[test]
fn contract_keys_in_order_and_the_seed_example() {
    let s = csv(OPS.as_bytes());
    let v = json(&s, &[]);
    let obj = v.as_object().unwrap();
    let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    let mut want = KEYS.to_vec();
    want.sort_unstable();
    assert_eq!(sorted, want);
    let raw = run(&s, &["--json"]).stdout;
    let at: Vec<usize> = KEYS
        .iter()
        .map(|k| raw.find(&format!("\n  \"{k}\":")).expect(k))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "order: {raw}");

    // 42.8 h of 48 → 32: (42.8 − 48)/(32 − 48) = 0.325; linear pace 63/90 = 0.7.
    assert!(close(&v["progress"], 0.325));
    assert!(close(&v["expected_progress"], 0.7));
    assert_eq!(v["status"], "off_track");
    let f = &v["forecast"];
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 3);
    let (value, low, high) = (
        f["value"].as_f64().unwrap(),
        f["low"].as_f64().unwrap(),
        f["high"].as_f64().unwrap(),
    );
    assert!((value - 38.5).abs() < 0.5, "{v}");
    assert!(low <= value && value <= high);
    let p = v["probability_on_target"].as_f64().unwrap();
    assert!((0.0..0.1).contains(&p), "{v}");
    let reason = v["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("at the current pace of −1.1/week, 38."),
        "{reason}"
    );
    assert!(reason.contains("by 30 Jun; target 32;"), "{reason}");
}

#[test]
fn unit_label_in_the_reason() {
    let s = csv(OPS.as_bytes());
    let v = json(&s, &["--unit", "hours"]);
    let reason = v["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("at the current pace of −1.1 h/week, 38."),
        "{reason}"
    );
    assert!(reason.contains("h by 30 Jun; target 32 h;"), "{reason}");
}

#[test]
fn messy_csv_gives_the_same_answer() {
    let clean = json(&csv(OPS.as_bytes()), &[]);
    let messy = "\u{feff}  Value , DATE ,note\r\n\
                 \r\n\
                 \"46.16\",\"2026-05-13\",\"a \"\"quoted\"\" note, with a comma\"\r\n\
                 47.08 , 2026-05-06 ,\r\n\
                 \r\n\
                 42.80,2026-06-03,\r\n\
                 43.96,2026-05-27,x\r\n\
                 \"44.82\" , 2026-05-20,\r\n\
                 48.48,2026-04-29,\r\n\
                 1.0,2026-06-20,after as-of: ignored\r\n\
                 \r\n";
    let v = json(&csv(messy.as_bytes()), &[]);
    assert_eq!(v, clean);
}

#[test]
fn duplicate_dates_count_as_their_mean() {
    let dup = OPS.replace("2026-06-03,42.80", "2026-06-03,42.30\n2026-06-03,43.30");
    let v = json(&csv(dup.as_bytes()), &[]);
    let clean = json(&csv(OPS.as_bytes()), &[]);
    assert!(close(&v["progress"], 0.325), "{v}");
    assert_eq!(v["forecast"], clean["forecast"]);
}

#[test]
fn thousands_separators_inside_quotes() {
    let s = csv(b"date,value\n2026-04-08,\"1,200\"\n2026-04-15,\"1,300\"\n2026-04-22,\"1,400\"\n");
    let v = json(
        &s,
        &[
            "--direction",
            "increase",
            "--baseline",
            "1000",
            "--target",
            "2000",
        ],
    );
    assert!(close(&v["progress"], 0.4), "{v}");
}

#[rstest::rstest]
#[case::header_only("date,value\n")]
#[case::header_and_blank_lines("date,value\r\n\r\n  \r\n")]
#[case::only_after_as_of("date,value\n2026-06-10,40\n2026-06-17,39\n")]
fn no_values_no_forecast(#[case] text: &str) {
    let v = json(&csv(text.as_bytes()), &[]);
    assert_eq!(v["forecast"], Value::Null);
    assert_eq!(v["probability_on_target"], Value::Null);
    assert!(close(&v["progress"], 0.0));
    assert_eq!(v["status"], "off_track"); // nothing by 70 % of the period
    assert!(v["reason"].as_str().unwrap().starts_with("no values yet"));
}

#[test]
fn one_value_no_forecast() {
    let v = json(&csv(b"date,value\n2026-05-27,40\n"), &[]);
    assert_eq!(v["forecast"], Value::Null);
    assert_eq!(v["probability_on_target"], Value::Null);
    assert!(close(&v["progress"], 0.5));
    assert_eq!(v["status"], "at_risk");
    assert!(v["reason"].as_str().unwrap().starts_with("only one value"));
}

#[test]
fn two_values_a_line() {
    let v = json(&csv(b"date,value\n2026-05-27,41\n2026-06-03,40\n"), &[]);
    let f = &v["forecast"];
    assert!((f["value"].as_f64().unwrap() - (40.0 - 27.0 / 7.0)).abs() < 1e-9);
    assert!(f["high"].as_f64().unwrap() - f["low"].as_f64().unwrap() > 4.0);
    let p = v["probability_on_target"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
}

#[rstest::rstest]
#[case::reached("2026-06-04,31.5\n", "2026-06-04", "done")]
#[case::missed("2026-06-29,35\n", "2026-07-05", "missed")]
fn done_and_missed(#[case] rows: &str, #[case] as_of: &str, #[case] status: &str) {
    let text = format!("{OPS}{rows}");
    let v = json(&csv(text.as_bytes()), &["--as-of", as_of]);
    assert_eq!(v["status"], status, "{v}");
}

#[rstest::rstest]
#[case::at_least_holding(
    "at_least",
    "20",
    "20",
    "date,value\n2026-04-08,21\n2026-04-15,22\n2026-04-22,21.5\n2026-04-29,22\n",
    "on_track"
)]
#[case::at_least_sliding(
    "at_least",
    "24",
    "20",
    "date,value\n2026-04-08,24\n2026-04-15,23\n2026-04-22,22\n2026-04-29,21\n",
    "off_track"
)]
#[case::at_most_holding(
    "at_most",
    "5",
    "5",
    "date,value\n2026-04-08,4\n2026-04-15,4.2\n2026-04-22,3.9\n2026-04-29,4.1\n",
    "on_track"
)]
#[case::increase_negative_baseline(
    "increase",
    "-10",
    "0",
    "date,value\n2026-04-08,-9\n2026-04-15,-8\n2026-04-22,-7\n2026-04-29,-6\n",
    "on_track"
)]
fn directions(
    #[case] direction: &str,
    #[case] baseline: &str,
    #[case] target: &str,
    #[case] text: &str,
    #[case] status: &str,
) {
    let v = json(
        &csv(text.as_bytes()),
        &[
            "--direction",
            direction,
            "--baseline",
            baseline,
            "--target",
            target,
            "--as-of",
            "2026-04-29",
        ],
    );
    assert_eq!(v["status"], status, "{v}");
    let p = v["probability_on_target"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
}

#[test]
fn readable_summary_without_json() {
    let out = run(&csv(OPS.as_bytes()), &["--unit", "hours"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("status    off_track"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("forecast  38."), "{}", out.stdout);
    assert!(out
        .stdout
        .contains("reason    at the current pace of −1.1 h/week"));
}

#[rstest::rstest]
#[case::unknown_direction(&["--direction", "sideways"], "--direction: `sideways`")]
#[case::done_direction(&["--direction", "done"], "--direction")]
#[case::due_before_start(&["--due", "2026-03-01"], "--due: 2026-03-01 is before the start 2026-04-01")]
#[case::bad_start(&["--start", "2026-13-01"], "--start")]
#[case::bad_as_of(&["--as-of", "tomorrow"], "--as-of")]
#[case::target_equals_baseline_decrease(&["--target", "48"], "target")]
#[case::target_equals_baseline_increase(&["--direction", "increase", "--target", "48"], "target")]
#[case::increase_downwards(&["--direction", "increase"], "target")]
#[case::baseline_not_a_number(&["--baseline", "lots"], "--baseline: `lots` is not a number")]
#[case::target_nan(&["--target", "NaN"], "--target")]
fn bad_flags(#[case] extra: &[&str], #[case] needle: &str) {
    bad(&csv(OPS.as_bytes()), extra, needle);
}

#[test]
fn missing_flags_are_bad_input() {
    let s = csv(OPS.as_bytes());
    let out = execute([
        "goal",
        "forecast",
        "--direction",
        "decrease",
        "--baseline",
        "48",
        "--start",
        "2026-04-01",
        "--due",
        "2026-06-30",
        "--series",
        s.path.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--target"), "{}", out.stderr);
    let out = execute(["goal", "forecast", "--direction", "decrease", "--json"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

#[test]
fn missing_file_is_bad_input() {
    let s = csv(OPS.as_bytes());
    let gone = s.path.with_file_name("nope.csv");
    bad(&s, &["--series", gone.to_str().unwrap()], "cannot read");
}

#[rstest::rstest]
#[case::not_a_number(
    "date,value\n2026-04-08,47\n\n2026-04-15,forty\n",
    "line 4: value `forty` is not a number"
)]
#[case::infinite("date,value\n2026-04-08,inf\n", "line 2: value `inf` is not a number")]
#[case::empty_value("date,value\n2026-04-08,\n", "line 2: the value is empty")]
#[case::bad_date("date,value\n08/04/2026,47\n", "line 2: date `08/04/2026`")]
#[case::missing_field("date,value\n2026-04-08\n", "line 2: expected 2 fields, found 1")]
#[case::no_header(
    "2026-04-08,47\n",
    "line 1: the header must name the columns `date,value`"
)]
#[case::empty_file("", "is empty")]
#[case::unclosed_quote(
    "date,value\n\"2026-04-08,47\n",
    "line 2: a quoted field is not closed"
)]
fn unreadable_csv(#[case] text: &str, #[case] needle: &str) {
    bad(&csv(text.as_bytes()), &[], needle);
}

#[test]
fn binary_csv_is_bad_input() {
    bad(&csv(&[0xff, 0xfe, 0x00, 0x64]), &[], "not UTF-8");
}
