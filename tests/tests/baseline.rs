//! `ddl-gen migrate baseline` from the library: a database with rows, built without migrations,
//! gets a history (the first migration recorded as applied, not run); the next migration then
//! runs alone through the compiled migration crate and keeps the rows. A database that differs
//! from the models, and a crate with a history, are refused with nothing written.

#![allow(clippy::duplicated_attributes)]

mod revisions;

use std::path::Path;
use std::process::Command;

use ddl_gen::baseline::{BaselineError, baseline};
use ddl_gen::migration::{Options, generate};
use ddl_gen::render::{CreateOptions, create_script};
use ddl_gen::verify::verify;
use pg_harness::migration_crate::src_files as files;
use pg_harness::{Database, migration_crate, runtime, server};
use revisions::ALL;

/// A database built from revision 1's create script, with its rows.
fn legacy_database(label: &str) -> Database {
    let db = server().fresh_database(label);
    let r01 = (ALL[0].schema)();
    db.apply_ok(&create_script(&r01, CreateOptions::default()), "r01");
    db.apply_ok(ALL[0].insert, "r01's rows");
    db
}

#[test]
fn a_database_without_history_gets_one_and_the_next_migration_runs_alone() {
    let rt = runtime();
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("migration-history");
    let (r01, r02) = ((ALL[0].schema)(), (ALL[1].schema)());

    // Refused: a database that differs from the models; nothing written, nothing recorded.
    let drifted = legacy_database("baseline_drifted");
    drifted.apply_ok("ALTER TABLE shop.book ADD COLUMN isbn text", "drift");
    let dir = migration_crate::start(&root, "baseline-refused");
    let e = rt
        .block_on(baseline(
            &dir,
            &r01,
            &drifted.url,
            "seaql_migrations",
            &Options::default(),
        ))
        .unwrap_err();
    assert!(matches!(e, BaselineError::Differs(_)), "{e}");
    assert!(e.to_string().contains("isbn"), "{e}");
    assert_eq!(files(&dir), ["lib.rs", "main.rs"]);
    assert_eq!(
        drifted.query("SELECT count(*) FROM pg_tables WHERE tablename = 'seaql_migrations'"),
        "0\n"
    );

    let db = legacy_database("baseline");
    let rows = db.query(
        "SELECT (SELECT count(*) FROM shop.author) || ' ' || (SELECT count(*) FROM shop.book)",
    );
    let dir = migration_crate::start(&root, "baseline-migration");
    let options = Options {
        timestamp: Some("20260101_000001".into()),
        ..Default::default()
    };
    let done = rt
        .block_on(baseline(&dir, &r01, &db.url, "seaql_migrations", &options))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.generated.module, "m20260101_000001_baseline");
    assert_eq!(
        db.query("SELECT version FROM seaql_migrations"),
        "m20260101_000001_baseline\n"
    );
    assert!(files(&dir).contains(&"m20260101_000001_baseline.rs".to_owned()));

    // Refused again: the crate's history has started.
    let e = rt
        .block_on(baseline(&dir, &r01, &db.url, "seaql_migrations", &options))
        .unwrap_err();
    assert!(matches!(e, BaselineError::Started(_)), "{e}");

    // The next change, migrated: `up` runs it alone (the baseline is recorded), rows kept.
    let next = Options {
        timestamp: Some("20260101_000002".into()),
        ..Default::default()
    };
    generate(&dir, "book_price_and_title_index", &r02, &next).unwrap();
    let binary = migration_crate::build(&root, &dir);
    let out = Command::new(&binary)
        .arg("up")
        .env("DATABASE_URL", &db.url)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{log}");
    assert!(
        !log.contains("Applying migration 'm20260101_000001_baseline'"),
        "{log}"
    );
    assert!(
        log.contains("Applying migration 'm20260101_000002_book_price_and_title_index'"),
        "{log}"
    );
    assert_eq!(
        db.query(
            "SELECT (SELECT count(*) FROM shop.author) || ' ' || (SELECT count(*) FROM shop.book)"
        ),
        rows
    );
    let report = rt.block_on(verify(&db.url, &r02)).unwrap();
    let lines: Vec<String> = report.differences.iter().map(|d| d.text.clone()).collect();
    assert_eq!(lines, Vec::<String>::new());
}
