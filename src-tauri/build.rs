fn main() {
    // tauri.conf.json sits at the repository root (the root package is the app);
    // capabilities stay beside the shell's sources. Only the commands the UI
    // calls are registered with the ACL.
    let commands: &[&str] = &include!("src/commands/names.in");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri-build failed: check tauri.conf.json and src-tauri/capabilities");
}
