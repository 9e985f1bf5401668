//! Generated migrations judged by an outside linter, squawk (`pip install squawk-cli`, which
//! `.ci/run` installs): the SQL of every migration of the scripted history (`revisions/`), up
//! and down, as `ddl-gen migrate` plans it. Each rule it reports must be one the README's
//! "Migration linter" section names as wrong for our case, with why.

#![allow(clippy::duplicated_attributes)]

mod revisions;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use ddl_gen::migration::{Rename, plan_online, renames, script};
use model_core::Schema;
use revisions::ALL;

/// The rules the README's "Migration linter" section excludes: its table's first column.
fn excluded_in_readme() -> BTreeSet<String> {
    let readme = std::fs::read_to_string(pg_harness::manifest_dir().join("../README.md")).unwrap();
    let section = readme
        .split("\n### Migration linter\n")
        .nth(1)
        .expect("README has a section \"### Migration linter\"");
    let section = section.split("\n#").next().unwrap_or(section);
    // A row's first cell, `| `rule`, `rule` | why |`: each rule in backquotes.
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once(" |").map(|(cell, _)| format!("`{cell}")))
        .flat_map(|cell| {
            (cell.split('`').skip(1).step_by(2))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn squawk_finds_nothing_in_the_generated_migrations_but_the_rules_the_readme_excludes() {
    let dir = std::env::temp_dir().join(format!("squawk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut before = Schema::empty();
    for (i, rev) in ALL.iter().enumerate() {
        let after = (rev.schema)();
        let forward = renames(&before, &after);
        let backward: Vec<Rename> = forward
            .iter()
            .map(|(t, old, new)| (t.clone(), new.clone(), old.clone()))
            .collect();
        let up = plan_online(&before, &after, &forward).unwrap();
        let down = plan_online(&after, &before, &backward).unwrap();
        std::fs::write(
            dir.join(format!("{:02}_{}_up.sql", i + 1, rev.name)),
            script(&up),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("{:02}_{}_down.sql", i + 1, rev.name)),
            script(&down),
        )
        .unwrap();
        before = after;
    }
    let out = Command::new("squawk")
        .args(["--reporter", "gcc", "--pg-version", "15.0"])
        .arg(dir.join("*.sql"))
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run squawk ({e}): .ci/run installs it (pip install squawk-cli)")
        });
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    println!("{report}{}", String::from_utf8_lossy(&out.stderr));
    // `file:line:column: warning: rule message`
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in report.lines() {
        let Some((place, rest)) = line
            .split_once(": warning: ")
            .or_else(|| line.split_once(": error: "))
        else {
            continue;
        };
        let rule = rest
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        found.entry(rule).or_default().push(place.to_owned());
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.code().is_some(), "squawk ran to its end");
    // The history drops tables and columns: a squawk that read the files reports those.
    assert!(
        found.contains_key("ban-drop-table"),
        "squawk reported no dropped table: did it read the files?"
    );
    let excluded = excluded_in_readme();
    let unexpected: Vec<String> = found
        .iter()
        .filter(|(rule, _)| !excluded.contains(*rule))
        .map(|(rule, places)| format!("{rule}: {}", places.join(", ")))
        .collect();
    assert!(
        unexpected.is_empty(),
        "squawk finds:\n{}",
        unexpected.join("\n")
    );
}
