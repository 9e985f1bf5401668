//! The crate layout users depend on: a generator crate that depends on the library compiles none
//! of the workspace's demo models.

use std::process::Command;

#[test]
fn the_library_does_not_depend_on_the_demo_models() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "-p",
            "ddl-gen-lib",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
        ])
        .current_dir(pg_harness::manifest_dir())
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).expect("utf-8");
    let crates: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    // The tree is real: the library and its model crate are in it.
    assert!(
        crates.contains(&"ddl-gen-lib") && crates.contains(&"model-core"),
        "{tree}"
    );
    assert!(
        !crates.contains(&"models"),
        "ddl-gen-lib depends on the demo models:\n{tree}"
    );
}
