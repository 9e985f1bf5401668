//! `migrate --rehearse` from the library: every migration of the scripted history rehearses
//! (up, down, up again, each verified catalog to catalog), and a rehearsal finds a wrong
//! `down()` and a failing statement, leaving no scratch database behind.

#![allow(clippy::duplicated_attributes)]

mod revisions;

use ddl_gen::migration::{Action, Rename, Step, plan_online, renames};
use ddl_gen::rehearse::{RehearseError, rehearse};
use model_core::Schema;
use pg_harness::{Database, server};
use revisions::ALL;

use pg_harness::runtime;

/// Up and down between two revisions, as `ddl-gen migrate` plans them.
fn steps(before: &Schema, after: &Schema) -> (Vec<Step>, Vec<Step>) {
    let forward = renames(before, after);
    let backward: Vec<Rename> = forward
        .iter()
        .map(|(t, old, new)| (t.clone(), new.clone(), old.clone()))
        .collect();
    (
        plan_online(before, after, &forward).unwrap(),
        plan_online(after, before, &backward).unwrap(),
    )
}

/// No scratch database of a rehearsal is left once the tests of this file (which run at the
/// same time) are done: within a minute, the count comes to 0.
fn no_scratch_left(db: &Database) {
    let count = "SELECT count(*) FROM pg_database WHERE datname LIKE 'ddl_gen_rehearse%'";
    for _ in 0..600 {
        if db.query(count) == "0\n" {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("a rehearsal left a scratch database behind");
}

#[test]
fn every_migration_of_the_history_rehearses() {
    let db = server().fresh_database("rehearse_history");
    let rt = runtime();
    let mut before = Schema::empty();
    for rev in ALL {
        let after = (rev.schema)();
        let (up, down) = steps(&before, &after);
        let passed = rt
            .block_on(rehearse(&db.url, &before, &after, &up, &down))
            .unwrap_or_else(|e| panic!("{}: {e}", rev.name));
        assert_eq!(passed.len(), 3, "{}: {passed:?}", rev.name);
        before = after;
    }
    no_scratch_left(&db);
}

#[test]
fn a_wrong_down_and_a_failing_statement_are_found() {
    let db = server().fresh_database("rehearse_wrong");
    let rt = runtime();
    let (r01, r02) = ((ALL[0].schema)(), (ALL[1].schema)());
    let (up, down) = steps(&r01, &r02);
    assert!(!down.is_empty());

    // A down() that forgets its last step leaves the database differing from r01.
    let short = &down[..down.len() - 1];
    let e = rt
        .block_on(rehearse(&db.url, &r01, &r02, &up, short))
        .unwrap_err();
    let RehearseError::Differs(phase, what, lines) = &e else {
        panic!("{e}")
    };
    assert_eq!((*phase, *what), ("down", "the last migration's schema"));
    assert!(!lines.is_empty());
    assert!(e.to_string().contains("nothing was written"), "{e}");

    // A statement PostgreSQL refuses stops it, naming the phase and the step.
    let mut broken = up.clone();
    let last = broken.len() - 1;
    broken[last].action = Action::Sql("ALTER TABLE shop.nowhere ADD COLUMN x integer".into());
    let e = rt
        .block_on(rehearse(&db.url, &r01, &r02, &broken, &down))
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "the rehearsal's up failed at step \"{}\":",
            broken[last].summary
        )) && text.contains("\"shop.nowhere\" does not exist"),
        "{text}"
    );
    no_scratch_left(&db);
}
