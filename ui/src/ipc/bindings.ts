// Generated from the Rust IPC types by `cargo xtask bindings`. Do not edit.
// A test (`cargo test -p stride-desktop bindings`) fails when this file is stale.
import { invoke } from "@tauri-apps/api/core";

export type AppInfo = { 
/**
 * The app's version.
 */
version: string, 
/**
 * The folder with the database (and, with `--data-dir`, the logs).
 */
dataDir: string, 
/**
 * The SQLite file.
 */
databasePath: string, 
/**
 * The schema version the database is migrated to.
 */
schemaVersion: number, 
/**
 * Goals of every kind and state.
 */
goalCount: number, 
/**
 * People in the organisation.
 */
personCount: number, };

export type IpcError = { "code": "invalid_input", 
/**
 * A human sentence saying what is wrong and how to fix it.
 */
message: string, 
/**
 * The offending field, in the UI's (camelCase) naming.
 */
field: string | null, } | { "code": "not_found", 
/**
 * A human sentence.
 */
message: string, 
/**
 * Always null; present so every variant has the same shape.
 */
field: string | null, } | { "code": "conflict", 
/**
 * A human sentence.
 */
message: string, 
/**
 * The field involved, when one is.
 */
field: string | null, } | { "code": "storage", 
/**
 * A human sentence; the cause is in the log file.
 */
message: string, 
/**
 * Always null.
 */
field: string | null, } | { "code": "internal", 
/**
 * A human sentence; the cause is in the log file.
 */
message: string, 
/**
 * Always null.
 */
field: string | null, };

/** Every Rust command, typed. Failures reject with an `IpcError`. */
export const commands = {
  appInfo: () => invoke<AppInfo>("app_info"),
} as const;
