//! Migration crates as `ddl-gen migrate init` starts them, built and run by the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Builds the crate at `dir` into `root/target` (shared by the crates of one test binary, so
/// the dependencies build once), checking that it compiles without a warning; returns its
/// binary.
pub fn build(root: &Path, dir: &Path) -> PathBuf {
    let target = root.join("target");
    let out = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("run cargo");
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
    let name = dir.file_name().unwrap().to_string_lossy();
    target.join("debug").join(name.as_ref())
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
