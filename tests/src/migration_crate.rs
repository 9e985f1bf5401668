//! Migration crates as `ddl-gen migrate init` starts them, built and run by the tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Starts crate `name` under `root/<pid>/` (removing a leftover): outside any workspace (an
/// empty `[workspace]` table, as the README says for a crate inside another project's tree),
/// with this workspace's lock file so that it builds offline with the same versions. Returns
/// its directory.
pub fn start(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(std::process::id().to_string()).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let written = ddl_gen::migration::init(&dir).unwrap();
    assert_eq!(written.len(), 4, "{written:?}");
    let manifest = dir.join("Cargo.toml");
    let mut cargo = std::fs::read_to_string(&manifest).unwrap();
    assert!(cargo.contains(&format!("name = \"{name}\"")), "{cargo}");
    cargo.push_str("\n[workspace]\n");
    std::fs::write(&manifest, cargo).unwrap();
    std::fs::copy(
        super::manifest_dir().join("../Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .unwrap();
    dir
}

/// Builds the crate at `dir`, checking that it compiles without a warning; returns its binary.
pub fn build(root: &Path, dir: &Path) -> PathBuf {
    let out = cargo_build(root, dir, false);
    assert!(
        out.status.success(),
        "the generated migrations do not compile:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // Generated code compiles without a warning, as a user's CI with -D warnings needs.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("warning"),
        "the generated migrations compile with warnings:\n{stderr}"
    );
    binary(root, dir)
}

/// The one target the crates built by the tests share, beside `root`: every test binary's
/// crates build their dependencies (sea-orm, sqlx, tokio) once, into one directory.
fn shared_target(root: &Path) -> PathBuf {
    root.parent()
        .expect("a crate root inside the tests' temporary directory")
        .join("crates-target")
}

/// `cargo build` of the crate at `dir` into the shared target: without debug information or
/// incremental state, which a crate built once to be run needs not and which would take
/// gigabytes of the disk CI runs on.
pub fn cargo_build(root: &Path, dir: &Path, offline: bool) -> Output {
    let mut cargo = Command::new(env!("CARGO"));
    cargo.args(["build", "--quiet"]);
    if offline {
        cargo.arg("--offline");
    }
    cargo
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", shared_target(root))
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .expect("run cargo")
}

/// Where `cargo_build` puts the binary of the crate at `dir`.
pub fn binary(root: &Path, dir: &Path) -> PathBuf {
    let name = dir.file_name().unwrap().to_string_lossy();
    shared_target(root).join("debug").join(name.as_ref())
}

/// The files in the crate's `src/`, sorted by name.
pub fn src_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("src"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
