//! Generates `ui/src/ipc/bindings.ts` from the Rust IPC types and the command
//! list. The file is committed; `bindings_are_current` fails when it is stale.
//! Regenerate with `cargo xtask bindings`.

use std::collections::BTreeMap;

use ts_rs::{Config, TypeVisitor, TS};

use crate::commands;
use crate::error::IpcError;

/// Where the generated file lives, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

struct Collector<'a> {
    cfg: &'a Config,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collector<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_none() {
            // A primitive or a wrapper (Vec, Option, tuples): nothing to
            // declare, but what it wraps may need declaring.
            // ts-rs reaches a wrapper's inner type through its generics.
            T::visit_generics(self);
            T::visit_dependencies(self);
            return;
        }
        let ident = T::ident(self.cfg);
        if self.decls.contains_key(&ident) {
            return;
        }
        let decl = T::decl(self.cfg);
        self.decls.insert(ident, decl);
        T::visit_dependencies(self);
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole generated file.
#[must_use]
pub fn render() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut collector = Collector {
        cfg: &cfg,
        decls: BTreeMap::new(),
    };
    collector.visit::<IpcError>();
    collector.visit::<commands::onboarding::Progress>();
    commands::visit_types(&mut collector);

    let mut out = String::from(
        "// Generated from the Rust IPC types by `cargo xtask bindings`. Do not edit.\n\
         // A test (`cargo test -p stride-desktop bindings`) fails when this file is stale.\n\
         import { invoke } from \"./invoke\";\n",
    );
    for decl in collector.decls.values() {
        out.push('\n');
        out.push_str("export ");
        out.push_str(decl.trim_end());
        if !decl.trim_end().ends_with(';') {
            out.push(';');
        }
        out.push('\n');
    }
    out.push_str("\n/** Every Rust command, typed. Failures reject with an `IpcError`. */\nexport const commands = {\n");
    for spec in commands::specs(&cfg) {
        let params: Vec<String> = spec
            .args
            .iter()
            .map(|(name, ty)| format!("{}: {ty}", camel(name)))
            .collect();
        let payload = if spec.args.is_empty() {
            String::new()
        } else {
            let keys: Vec<String> = spec.args.iter().map(|(n, _)| camel(n)).collect();
            format!(", {{ {} }}", keys.join(", "))
        };
        out.push_str(&format!(
            "  {}: ({}) => invoke<{}>(\"{}\"{}),\n",
            camel(spec.name),
            params.join(", "),
            spec.ret,
            spec.name,
            payload
        ));
    }
    out.push_str("} as const;\n");
    out.push_str(&format!(
        "\n/** Events the Rust side emits: `changed` after every write (no payload), `progress` during long work (`Progress`), `sync` when the sync status may have changed (`SyncStatus`). */\n\
         export const events = {{\n  changed: \"{}\",\n  progress: \"{}\",\n  sync: \"{}\",\n}} as const;\n",
        commands::goals::CHANGED_EVENT,
        commands::onboarding::PROGRESS_EVENT,
        commands::sync::SYNC_EVENT
    ));
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn repo_file(rel: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
    }

    /// Fails when a Rust IPC type or command changed without regenerating
    /// the TypeScript bindings. `STRIDE_WRITE_BINDINGS=1` rewrites the file.
    #[test]
    fn bindings_are_current() {
        let path = repo_file(BINDINGS_PATH);
        let fresh = render();
        if std::env::var_os("STRIDE_WRITE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: run `cargo xtask bindings` and commit the result",
            path.display()
        );
    }

    /// The ACL manifest that build.rs reads lists exactly the commands.
    #[test]
    fn acl_manifest_lists_every_command() {
        let text = std::fs::read_to_string(repo_file("src-tauri/src/commands/names.in")).unwrap();
        let listed: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|s| !s.is_empty())
            .collect();
        let cfg = Config::new();
        let names: Vec<&str> = commands::specs(&cfg).iter().map(|s| s.name).collect();
        assert_eq!(listed, names);
        let caps =
            std::fs::read_to_string(repo_file("src-tauri/capabilities/default.json")).unwrap();
        for name in names {
            let perm = format!("allow-{}", name.replace('_', "-"));
            assert!(caps.contains(&perm), "capability must grant {perm}");
        }
    }

    /// Types reached only through a wrapper (`Vec<T>`, `Option<T>`) are declared too.
    #[test]
    fn every_referenced_type_is_declared() {
        let text = render();
        let declared: std::collections::BTreeSet<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("export type "))
            .filter_map(|l| l.split([' ', '<']).next())
            .collect();
        let commands = text
            .split("export const commands")
            .nth(1)
            .and_then(|rest| rest.split("} as const;").next())
            .unwrap_or_default();
        for word in commands.split(|c: char| !c.is_ascii_alphanumeric()) {
            if word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && !["Array", "Record"].contains(&word)
            {
                assert!(
                    declared.contains(word),
                    "{word} is used by a command but not declared"
                );
            }
        }
    }

    #[test]
    fn camel_case_matches_tauri_argument_naming() {
        assert_eq!(camel("app_info"), "appInfo");
        assert_eq!(camel("goal_id"), "goalId");
    }
}
