//! The `stride-server` binary: first start, admin commands, serving.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::json;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stride-server"))
}

/// Runs an admin command in `dir`; returns (success, stdout, stderr).
fn admin(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = bin()
        .current_dir(dir)
        .arg("admin")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Starts `stride-server` (no subcommand) on port 0; returns the child, its
/// base URL and the lines it printed before listening.
fn serve(dir: &Path) -> (Child, String, Vec<String>) {
    let mut child = bin()
        .current_dir(dir)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    let reader = BufReader::new(child.stdout.take().unwrap());
    for line in reader.lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("Stride server on ") {
            let url = rest.split_whitespace().next().unwrap().to_owned();
            return (child, url, lines);
        }
        lines.push(line);
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server exited before listening: {lines:?}");
}

#[tokio::test]
async fn first_start_explains_the_first_admin_and_admin_commands_manage_the_org() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url, printed) = serve(dir.path());
    assert!(
        printed
            .iter()
            .any(|l| l.contains("admin create-user --role admin")),
        "{printed:?}"
    );
    let health = reqwest::get(format!("{url}/healthz")).await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        dir.path().join("stride-server.db").exists(),
        "the database lives in the working directory"
    );

    let (ok, out, err) = admin(
        dir.path(),
        &[
            "create-user",
            "--role",
            "admin",
            "--name",
            "Ada Admin",
            "--email",
            "ada@example.com",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("Password (shown once): "), "{out}");
    let (ok, _, err) = admin(
        dir.path(),
        &[
            "create-user",
            "--role",
            "boss",
            "--name",
            "X",
            "--email",
            "x@example.com",
        ],
    );
    assert!(!ok && err.contains("unknown role"), "{err}");
    let (ok, _, err) = admin(
        dir.path(),
        &["create-user", "--name", "Ada", "--email", "ADA@example.com"],
    );
    assert!(!ok && err.contains("already in use"), "{err}");

    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, "name,email,title,unit,manager email\nMaria,maria@example.com,Lead,Support,\nTom,tom@example.com,Agent,Support,maria@example.com\n").unwrap();
    let (ok, out, err) = admin(dir.path(), &["import-people", csv.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("2 created"), "{out}");
    assert!(
        admin(
            dir.path(),
            &[
                "set-manager",
                "--email",
                "tom@example.com",
                "--manager",
                "none"
            ]
        )
        .0
    );
    assert!(
        admin(
            dir.path(),
            &["set-unit", "--email", "tom@example.com", "--unit", "Sales"]
        )
        .0
    );
    assert!(
        admin(
            dir.path(),
            &[
                "set-lead",
                "--unit",
                "Sales",
                "--email",
                "maria@example.com"
            ]
        )
        .0
    );
    let (ok, _, err) = admin(
        dir.path(),
        &[
            "set-manager",
            "--email",
            "nobody@example.com",
            "--manager",
            "none",
        ],
    );
    assert!(!ok && err.contains("no person"), "{err}");

    let (ok, out, _) = admin(dir.path(), &["issue-key", "--name", "crm"]);
    assert!(ok);
    let key = out.lines().last().unwrap().trim().to_owned();
    assert!(key.starts_with("stk_"), "{out}");
    assert!(admin(dir.path(), &["revoke-key", "--name", "crm"]).0);
    assert!(
        !admin(dir.path(), &["revoke-key", "--name", "crm"]).0,
        "already revoked"
    );

    let (ok, _, err) = admin(
        dir.path(),
        &[
            "reset-password",
            "--email",
            "tom@example.com",
            "--password",
            "short",
        ],
    );
    assert!(!ok && err.contains("at least 8"), "{err}");
    assert!(
        admin(
            dir.path(),
            &[
                "reset-password",
                "--email",
                "tom@example.com",
                "--password",
                "tom-password-1"
            ]
        )
        .0
    );

    // Second start: people exist, so no first-admin hint; Tom can sign in.
    let (mut child, url, printed) = serve(dir.path());
    assert!(printed.is_empty(), "{printed:?}");
    let resp = reqwest::Client::new()
        .post(format!("{url}/api/v1/auth/sign-in"))
        .json(&json!({"email": "tom@example.com", "password": "tom-password-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    child.kill().unwrap();
    child.wait().unwrap();
}
