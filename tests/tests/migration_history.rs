//! `ddl-gen migrate` over a scripted history of fifteen revisions (`revisions/`): every migration
//! generated in turn into a scratch migration crate, compiled, and applied one by one to a real
//! database holding rows. After each: `verify` finds the revision's models (seed rows included),
//! the rows are still there, a renamed column kept its values. Then `down` all the way, and `up`
//! again; and `fresh` builds a new database holding the seed rows.

#![allow(clippy::duplicated_attributes)]

mod revisions;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

use ddl_gen::migration::{MigrateError, Options, Timeouts, generate, pending};
use ddl_gen::verify::verify;
use pg_harness::{Database, assert_same_catalog, server};
use revisions::ALL;

/// The scratch migration crate, with every revision's migration generated and compiled.
struct Built {
    binary: PathBuf,
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for sub in ["", "src"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap().flatten() {
            if e.path().is_file() {
                out.insert(
                    format!("{sub}/{}", e.file_name().to_string_lossy()),
                    std::fs::read_to_string(e.path()).unwrap(),
                );
            }
        }
    }
    out
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("migration-history");
        let dir = pg_harness::migration_crate::start(&root, "history-migration");
        // A user's own code in lib.rs survives every migration written after it.
        let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
        let lib = lib.replace(
            "    fn migrations()",
            "    // Ours: the history table has its own name.\n    fn migration_table_name() -> DynIden {\n        \"history_migrations\".into_iden()\n    }\n\n    fn migrations()",
        );
        std::fs::write(dir.join("src/lib.rs"), lib).unwrap();

        for (i, rev) in ALL.iter().enumerate() {
            let schema = (rev.schema)();
            // A lock timeout of its own, so that the lock test waits 1.5 s, not the default 5.
            let timeouts = Timeouts { lock: Duration::from_millis(1500), ..Timeouts::default() };
            let mut options = Options { allow_destructive: false, timestamp: Some(format!("20260101_{:06}", i + 1)), timeouts };
            if rev.destructive {
                let before = files(&dir);
                match generate(&dir, rev.name, &schema, &options) {
                    Err(MigrateError::Destructive(steps)) => {
                        assert!(!steps.is_empty() && steps.iter().all(|s| s.contains(": loses ")), "{steps:?}")
                    }
                    other => panic!("{}: expected the data-losing migration to be refused, got {other:?}", rev.name),
                }
                assert_eq!(before, files(&dir), "{}: a refused migration writes nothing", rev.name);
                options.allow_destructive = true;
            }
            let generated = generate(&dir, rev.name, &schema, &options).unwrap_or_else(|e| panic!("{}: {e}", rev.name));
            assert!(!generated.up.is_empty() && !generated.down.is_empty());
            assert_eq!(pending(&dir, &schema).unwrap(), vec![], "{}: nothing pending after writing it", rev.name);
            assert_eq!(generate(&dir, rev.name, &schema, &options).unwrap_err(), MigrateError::NothingToDo);
        }

        let binary = pg_harness::migration_crate::build(&root, &dir);
        let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
        assert!(lib.contains("\"history_migrations\".into_iden()"), "the user's code in lib.rs was lost:\n{lib}");
        assert_eq!(lib.matches("::Migration)").count(), ALL.len(), "{lib}");
        Built { binary }
    })
}

fn migrate(db: &Database, args: &[&str]) -> Output {
    Command::new(&built().binary)
        .args(args)
        .env("DATABASE_URL", &db.url)
        .output()
        .expect("run the migrator")
}

fn migrate_ok(db: &Database, args: &[&str]) {
    let out = migrate(db, args);
    assert!(
        out.status.success(),
        "migration {args:?} failed:\n{}",
        text(&out)
    );
}

/// A failed migration left `db` as it was: the catalog `before` and `applied` migrations.
fn assert_nothing_changed(db: &Database, before: &[String], applied: &str) {
    assert_same_catalog(
        "before",
        before,
        "after the failed migration",
        &db.fingerprint(&["shop"]),
    );
    assert_eq!(
        db.query("SELECT count(*) FROM history_migrations"),
        applied,
        "not recorded as applied"
    );
}

fn counts(db: &Database) -> BTreeMap<String, i64> {
    db.query(
        "SELECT c.relname, (xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM shop.' || quote_ident(c.relname), false, true, '')))[1]::text::bigint
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'shop' AND c.relkind = 'r'",
    )
    .lines()
    .map(|l| {
        let (t, n) = l.split_once('|').unwrap();
        (t.to_owned(), n.parse().unwrap())
    })
    .collect()
}

#[test]
fn every_revision_migrates_keeps_its_rows_verifies_and_goes_back() {
    let db = server().fresh_database("history");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut after_all_up = Vec::new();
    for (i, rev) in ALL.iter().enumerate() {
        if i > 0 {
            db.apply_ok(ALL[i - 1].insert, &format!("rows of {}", ALL[i - 1].name));
        }
        let before = counts(&db);
        migrate_ok(&db, &["up", "-n", "1"]);
        let report = rt.block_on(verify(&db.url, &(rev.schema)())).unwrap();
        let lines: Vec<String> = report.differences.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            Vec::<String>::new(),
            "after migrating to {}",
            rev.name
        );
        let after = counts(&db);
        for (table, n) in &before {
            if let Some(m) = after.get(table) {
                assert_eq!(n, m, "{}: rows of shop.{table} kept", rev.name);
            }
        }
        if rev.name == "rename_title_widen_price" {
            assert_eq!(
                db.query("SELECT string_agg(name, ',' ORDER BY id) FROM shop.book"),
                "T r01,T r02\n",
                "the renamed column kept its values"
            );
        }
        if rev.name == "widen_price_under_views" {
            // The views were made again around the new type, and read the rows kept.
            let cheap = db.query(
                "SELECT string_agg(name || ' ' || price, ',' ORDER BY id) FROM shop.cheap_books",
            );
            assert!(cheap.contains("T r12 7.25"), "{cheap}");
            assert_eq!(
                db.query("SELECT count(*) FROM shop.cheap_books"),
                db.query("SELECT count(*) FROM shop.book b JOIN shop.author a ON a.id = b.author_id WHERE a.deleted_at IS NULL AND b.price < 10")
            );
            assert_eq!(
                db.query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'shop.book_prices'::regclass AND attname = 'price'"),
                "numeric(14,2)\n"
            );
            assert_eq!(
                db.query("SELECT sum(books) FROM shop.price_stats"),
                format!("{}\n", counts(&db)["book"])
            );
        }
        if rev.name == "genres_seeded" {
            assert_eq!(genres(&db), "1 Fiction,2 Poetry,3 Essays\n");
        }
        if rev.name == "genres_changed" {
            // The application's genre (inserted after r14, numbered after the seeded keys) is
            // left alone.
            assert_eq!(genres(&db), "1 Fiction,2 Poetry & verse,4 theirs,5 Drama\n");
        }
        if i + 1 == ALL.len() {
            after_all_up = db.fingerprint(&["shop"]);
        }
    }
    assert!(counts(&db)["book"] >= 10);

    // Down: the history back to nothing. The seed rows first: r15's down puts them back.
    migrate_ok(&db, &["down", "-n", "1"]);
    assert_eq!(
        genres(&db),
        "1 Fiction,2 Poetry,3 Essays,4 theirs\n",
        "r15's down"
    );
    // Rows holding the enum value r05 added must change first (a value cannot be dropped while
    // rows hold it: that down would fail, as it should).
    migrate_ok(&db, &["down", "-n", "9"]);
    db.query("UPDATE shop.book SET status = 'draft' WHERE status = 'archived'");
    migrate_ok(&db, &["down", "-n", "2"]);
    // Undoing r03 narrows the price back to numeric(10,2): a price only the wider type holds
    // stops it. That down runs in parts (its first drops idx_book_name CONCURRENTLY, outside a
    // transaction): the failed part changes nothing, the part before it stays done, and the
    // next down resumes after it.
    let before = db.fingerprint(&["shop"]);
    let out = migrate(&db, &["down", "-n", "1"]);
    assert!(
        !out.status.success() && text(&out).contains("numeric field overflow"),
        "{}",
        text(&out)
    );
    let dropped = "index CREATE INDEX idx_book_name ON shop.book USING btree (name) storage=";
    assert!(before.iter().any(|l| l == dropped), "{before:#?}");
    let expected: Vec<String> = before.into_iter().filter(|l| l != dropped).collect();
    assert_same_catalog(
        "before, less the index the first part dropped",
        &expected,
        "after the refused down",
        &db.fingerprint(&["shop"]),
    );
    assert_eq!(
        db.query("SELECT string_agg(part::text, ',') FROM ddl_gen_parts WHERE direction = 'down' AND migration LIKE '%_rename_title_widen_price'"),
        "1\n"
    );
    db.query("UPDATE shop.book SET price = 1 WHERE price >= 100000000");
    migrate_ok(&db, &["down", "-n", "3"]);
    assert_eq!(
        db.fingerprint(&["shop"]),
        Vec::<String>::new(),
        "down all the way leaves no object of ours"
    );
    assert_eq!(
        db.query("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"),
        "0\n"
    );

    migrate_ok(&db, &["up"]);
    assert_same_catalog(
        "migrated step by step",
        &after_all_up,
        "down and up again",
        &db.fingerprint(&["shop"]),
    );
    assert_eq!(genres(&db), "1 Fiction,2 Poetry & verse,5 Drama\n");

    // `migration fresh` on a new database: the seed rows are there, and the models verify.
    let fresh = server().fresh_database("history_fresh");
    migrate_ok(&fresh, &["fresh"]);
    assert_eq!(genres(&fresh), "1 Fiction,2 Poetry & verse,5 Drama\n");
    let report = rt
        .block_on(verify(&fresh.url, &(ALL[ALL.len() - 1].schema)()))
        .unwrap();
    assert!(report.differences.is_empty(), "{:?}", report.differences);
}

fn genres(db: &Database) -> String {
    db.query("SELECT string_agg(id || ' ' || name, ',' ORDER BY id) FROM shop.genre")
}

#[test]
fn set_not_null_over_null_rows_fails_with_the_count_and_changes_nothing() {
    let db = server().fresh_database("guard");
    migrate_ok(&db, &["up", "-n", "8"]); // through "tags": book.price is still optional
    db.apply_ok(
        "INSERT INTO shop.author (name) VALUES ('a'); INSERT INTO shop.book (author_id, name) SELECT id, 'no price' FROM shop.author",
        "a book without a price",
    );
    let before = db.fingerprint(&["shop"]);
    let applied = db.query("SELECT count(*) FROM history_migrations");
    let out = migrate(&db, &["up", "-n", "1"]); // price_required
    assert!(!out.status.success(), "the guard must stop the migration");
    assert!(
        text(&out).contains("cannot make shop.book.price NOT NULL: 1 rows hold NULL"),
        "the message names table, column and count:\n{}",
        text(&out)
    );
    assert_nothing_changed(&db, &before, &applied);
}

#[test]
fn a_migration_behind_a_lock_fails_within_its_lock_timeout_and_changes_nothing() {
    let db = server().fresh_database("lock_wait");
    migrate_ok(&db, &["up", "-n", "8"]); // through "tags"
    // Another session reads shop.book FOR SHARE and keeps its transaction open.
    let mut holder = Command::new("psql")
        .arg(&db.url)
        .args([
            "-X",
            "-q",
            "-c",
            "SELECT * FROM shop.book FOR SHARE; SELECT pg_sleep(120)",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run psql");
    let held = "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                  WHERE c.relname = 'book' AND l.mode = 'RowShareLock' AND l.granted";
    for _ in 0..200 {
        if db.query(held) == "1\n" {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(db.query(held), "1\n", "the other session holds its lock");
    let before = db.fingerprint(&["shop"]);
    let applied = db.query("SELECT count(*) FROM history_migrations");
    let out = migrate(&db, &["up", "-n", "1"]); // price_required: ALTER TABLE shop.book
    db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%FOR SHARE; SELECT pg_sleep%' AND pid <> pg_backend_pid()");
    let _ = holder.wait();
    assert!(!out.status.success(), "the migration cannot take its lock");
    assert!(
        text(&out).contains("canceling statement due to lock timeout"),
        "PostgreSQL's lock timeout stopped it:\n{}",
        text(&out)
    );
    assert_nothing_changed(&db, &before, &applied);
    // With the lock released, the same migration runs.
    migrate_ok(&db, &["up", "-n", "1"]);
}

#[test]
fn the_migration_binary_never_prints_a_password() {
    // A malformed URL makes sea-orm-migration panic with the whole connection string; the
    // `main.rs` that `migrate init` writes says what went wrong without it, and without a
    // backtrace.
    for url in [
        "postgres://owner:hunter2@127.0.0.1:notaport/db",
        "postgres://owner:hunter2@127.0.0.1:1/db",
    ] {
        let out = Command::new(&built().binary)
            .arg("status")
            .env("DATABASE_URL", url)
            .env("RUST_BACKTRACE", "1")
            .output()
            .expect("run the migrator");
        let all = text(&out);
        assert!(!out.status.success(), "{url}: {all}");
        assert!(
            !all.contains("hunter2"),
            "{url}: the password is printed:\n{all}"
        );
        assert!(!all.contains("stack backtrace"), "{url}:\n{all}");
    }
}

#[test]
fn two_up_runs_at_once_apply_each_migration_once() {
    // Without a lock, both runs see the first migration pending and the loser fails on the
    // history table's key; with it, the second waits and then finds nothing to do.
    let db = server().fresh_database("history_race");
    let runs: Vec<std::process::Child> = (0..2)
        .map(|_| {
            Command::new(&built().binary)
                .arg("up")
                .env("DATABASE_URL", &db.url)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("run the migrator")
        })
        .collect();
    for run in runs {
        let out = run.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a concurrent up failed:\n{}",
            text(&out)
        );
    }
    assert_eq!(
        db.query("SELECT count(*) FROM history_migrations"),
        format!("{}\n", ALL.len())
    );
}
