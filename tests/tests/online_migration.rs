//! A migration planned for a live database (`ddl-gen migrate`'s default), run by a compiled
//! migration crate against a table with rows while other sessions use it: it adds an index, a
//! foreign key, a check and a NOT NULL to `app.item`. Inserts go on while the index is built;
//! a session holding a lock or an old snapshot makes the migration fail within its lock
//! timeout; the run after resumes where it stopped and ends in the models' catalog.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use ddl_gen::migration::{Options, Timeouts, generate};
use ddl_gen::render::{CreateOptions, create_script};
use pg_harness::{Database, assert_same_catalog, server};

const LOCK_TIMEOUT: Duration = Duration::from_millis(1500);

/// The next migration only.
const UP_ONE: [&str; 3] = ["up", "-n", "1"];

use pg_harness::tables::item_schema as schema;

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The migration crate with both migrations, compiled (in the target directory the history
/// tests use, so the dependencies build once).
fn binary() -> &'static PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("migration-history");
        let dir = pg_harness::migration_crate::start(&root, "online-migration");
        for (i, (name, version)) in [("items", 1), ("online", 2), ("index_changed", 3)]
            .into_iter()
            .enumerate()
        {
            let options = Options {
                timestamp: Some(format!("20260101_00000{i}")),
                timeouts: Timeouts {
                    lock: LOCK_TIMEOUT,
                    ..Timeouts::default()
                },
                ..Default::default()
            };
            generate(&dir, name, &schema(version), &options).unwrap_or_else(|e| panic!("{e}"));
        }
        pg_harness::migration_crate::build(&root, &dir)
    })
}

fn migrate(db: &Database, args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .env("DATABASE_URL", &db.url)
        .output()
        .expect("run the migrator")
}

/// A database at the first migration, with `rows` items (and 10 owners they point to).
fn database_with_rows(label: &str, rows: u32) -> Database {
    let db = server().fresh_database(label);
    let out = migrate(&db, &["up", "-n", "1"]);
    assert!(out.status.success(), "{}", text(&out));
    db.apply_ok(
        &format!(
            "INSERT INTO app.owner SELECT g FROM generate_series(1, 10) g;
             INSERT INTO app.item (owner_id, code, qty)
             SELECT g % 10 + 1, md5(g::text), g % 7 FROM generate_series(1, {rows}) g"
        ),
        "rows",
    );
    db
}

/// The catalog of `app` is `schema(version)`'s (built fresh from the create script), and every
/// index is valid.
fn assert_catalog_of(version: u8, db: &Database, label: &str) {
    let fresh = server().fresh_database(&format!("{label}_fresh"));
    fresh.apply_ok(
        &create_script(&schema(version), CreateOptions::default()),
        "fresh",
    );
    assert_same_catalog(
        "built fresh",
        &fresh.fingerprint(&["app"]),
        label,
        &db.fingerprint(&["app"]),
    );
    assert_eq!(
        db.query("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = 'item' AND NOT i.indisvalid"),
        "0\n"
    );
}

/// Another session, until killed: `sql` in one open transaction, then asleep in it.
struct Holder(std::process::Child);

impl Holder {
    fn start(db: &Database, sql: &str, held: &str) -> Self {
        let mut child = Command::new("psql")
            .arg(&db.url)
            .args([
                "-X",
                "-q",
                "-c",
                &format!("BEGIN; {sql}; SELECT pg_sleep(120)"),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run psql");
        for _ in 0..200 {
            if db.query(held) == "t\n" {
                return Self(child);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the other session never got to: {held}");
    }

    fn release(mut self, db: &Database) {
        db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(120)%' AND datname = current_database() AND pid <> pg_backend_pid()");
        let _ = self.0.wait();
    }
}

#[test]
fn inserts_go_on_while_the_index_is_built_and_the_constraints_validated() {
    let db = database_with_rows("online_inserts", 1_500_000);
    // One insert per transaction, each saying whether an index build on app.item was under
    // way when it committed.
    let script = std::env::temp_dir().join(format!("online-inserts-{}.sql", std::process::id()));
    let insert = "INSERT INTO app.item (owner_id, code, qty) VALUES (1, 'during', 1) RETURNING (SELECT count(*) FROM pg_stat_progress_create_index p JOIN pg_class c ON c.oid = p.relid WHERE c.relname = 'item');\n";
    std::fs::write(&script, insert.repeat(200_000)).unwrap();
    let inserter = Command::new("psql")
        .arg(&db.url)
        .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-f"])
        .arg(&script)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run psql");
    std::thread::sleep(Duration::from_millis(300));
    let out = migrate(&db, &UP_ONE);
    assert!(out.status.success(), "{}", text(&out));
    db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO app.item%' AND datname = current_database() AND pid <> pg_backend_pid()");
    let inserted = inserter.wait_with_output().unwrap();
    let _ = std::fs::remove_file(&script);
    let lines = String::from_utf8_lossy(&inserted.stdout).into_owned();
    let during_build = lines.lines().filter(|l| *l == "1").count();
    let all = lines.lines().filter(|l| *l == "0" || *l == "1").count();
    let errors = String::from_utf8_lossy(&inserted.stderr).into_owned();
    assert!(
        !errors.contains("ERROR"),
        "every insert succeeded until the session was stopped:\n{errors}"
    );
    eprintln!("{all} inserts during the test, {during_build} while the index was being built");
    assert!(
        during_build > 0,
        "inserts went on while the index was built ({all} inserts in all)"
    );
    assert_eq!(
        db.query("SELECT count(*) FROM app.item WHERE code = 'during'"),
        format!("{all}\n"),
        "every insert reported is there"
    );
    assert_catalog_of(2, &db, "online_inserts");
}

#[test]
fn a_lock_or_an_old_snapshot_fails_the_migration_within_its_lock_timeout_and_the_next_run_resumes()
{
    let db = database_with_rows("online_locks", 10_000);
    let parts_done = || {
        db.query("SELECT count(*) FROM ddl_gen_parts WHERE direction = 'up'")
            .trim()
            .to_owned()
    };

    // A reader holding FOR SHARE: the first part takes ACCESS EXCLUSIVE on app.item (for the
    // check added NOT VALID) and gives up after the lock timeout; nothing of it stays.
    let holder = Holder::start(
        &db,
        "SELECT * FROM app.item LIMIT 1 FOR SHARE",
        "SELECT EXISTS (SELECT FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'item' AND l.mode = 'RowShareLock' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))",
    );
    let before = db.fingerprint(&["app"]);
    let started = Instant::now();
    let out = migrate(&db, &UP_ONE);
    let took = started.elapsed();
    holder.release(&db);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("canceling statement due to lock timeout"),
        "{}",
        text(&out)
    );
    assert!(
        took < LOCK_TIMEOUT + Duration::from_secs(3),
        "the run gave up within the lock timeout ({took:?})"
    );
    assert_eq!(
        before,
        db.fingerprint(&["app"]),
        "nothing of the failed part stays"
    );
    assert_eq!(parts_done(), "0");

    // A session whose transaction keeps an old snapshot (it holds no lock on app.item): the
    // parts in transactions go through, the concurrent index build waits for that snapshot and
    // gives up after the lock timeout, leaving an INVALID index.
    let holder = Holder::start(
        &db,
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM app.owner",
        "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE '%pg_sleep(120)%' AND datname = current_database() AND backend_xmin IS NOT NULL AND pid <> pg_backend_pid())",
    );
    let started = Instant::now();
    let out = migrate(&db, &UP_ONE);
    let took = started.elapsed();
    holder.release(&db);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("lock timeout"), "{}", text(&out));
    let done = parts_done();
    assert_ne!(done, "0", "the parts before the index build are done");
    assert_eq!(
        db.query("SELECT indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'idx_item_code'"),
        "f\n",
        "the interrupted build left an INVALID index"
    );
    assert!(
        took < LOCK_TIMEOUT * 2 + Duration::from_secs(5),
        "each wait ended within the lock timeout ({took:?})"
    );
    assert_eq!(
        db.query("SELECT count(*) FROM seaql_migrations"),
        "1\n",
        "the migration is not recorded as applied"
    );

    // With both gone, the next run drops the INVALID index, builds it, skips the parts done
    // and records the migration.
    let out = migrate(&db, &UP_ONE);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(db.query("SELECT count(*) FROM seaql_migrations"), "2\n");
    assert_catalog_of(2, &db, "online_locks");
    assert_eq!(db.query("SELECT count(*) FROM app.item"), "10000\n");

    // And down, then up again, both in parts.
    let out = migrate(&db, &["down", "-n", "1"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_catalog_of(1, &db, "online_locks_down");
    let out = migrate(&db, &UP_ONE);
    assert!(out.status.success(), "{}", text(&out));
    assert_catalog_of(2, &db, "online_locks_again");
}

/// Parts of `up` recorded as done, in order: `1,2,3`.
fn parts_done(db: &Database) -> String {
    db.query("SELECT coalesce(string_agg(part::text, ',' ORDER BY part), '') FROM ddl_gen_parts WHERE direction = 'up'")
        .trim()
        .to_owned()
}

/// A database at the first migration, with rows, whose next `up` stops as part `part` records
/// itself (before its transaction commits, or right after its index is built): the trigger on
/// `ddl_gen_parts` runs `stop`. (A first run, stopped by a reader's lock in part 1 before any
/// part is done, has made that table.)
fn stopping_in_part(label: &str, part: i32, stop: &str) -> Database {
    let db = database_with_rows(label, 10_000);
    let holder = Holder::start(
        &db,
        "SELECT * FROM app.item LIMIT 1 FOR SHARE",
        "SELECT EXISTS (SELECT FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'item' AND l.mode = 'RowShareLock' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))",
    );
    let out = migrate(&db, &UP_ONE);
    holder.release(&db);
    assert!(!out.status.success(), "{}", text(&out));
    assert_eq!(parts_done(&db), "");
    db.apply_ok(
        &format!(
            "CREATE FUNCTION public.stop_part() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {stop}; RETURN NEW; END $$;
             CREATE TRIGGER stop_part BEFORE INSERT ON ddl_gen_parts FOR EACH ROW
             WHEN (NEW.direction = 'up' AND NEW.part = {part}) EXECUTE FUNCTION public.stop_part()"
        ),
        "the trigger that stops the part",
    );
    db
}

/// Waits (at most 30 s) until `sql` says `t`.
fn wait_for(db: &Database, sql: &str, what: &str) {
    let started = Instant::now();
    while db.query(sql) != "t\n" {
        assert!(started.elapsed() < Duration::from_secs(30), "never: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs `up`, and kills the process (SIGKILL) once `sql` says `t`.
fn up_killed_once(db: &Database, sql: &str, what: &str) {
    let mut run = Command::new(binary())
        .args(UP_ONE)
        .env("DATABASE_URL", &db.url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run the migrator");
    wait_for(db, sql, what);
    run.kill().expect("SIGKILL");
    let _ = run.wait();
}

#[test]
fn killed_in_any_part_it_leaves_whole_parts_and_the_next_run_resumes() {
    let probe = database_with_rows("online_kill_probe", 100);
    let out = migrate(&probe, &UP_ONE);
    assert!(out.status.success(), "{}", text(&out));
    let all = parts_done(&probe);
    let count = all.split(',').count() as i32;
    assert!(count >= 4, "a migration with several parts: {all}");
    let sleeping = "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database())";
    for part in 1..=count {
        // The same stop, once as an error (the part fails and rolls back: the reference) and
        // once as a sleep during which the migration process is killed with SIGKILL.
        let reference = stopping_in_part(
            &format!("online_stop_{part}"),
            part,
            "RAISE EXCEPTION 'stopped in this part'",
        );
        let out = migrate(&reference, &UP_ONE);
        assert!(
            text(&out).contains("stopped in this part"),
            "{}",
            text(&out)
        );
        let killed = stopping_in_part(&format!("online_kill_{part}"), part, "PERFORM pg_sleep(60)");
        up_killed_once(&killed, sleeping, &format!("part {part} records itself"));
        // The server finds its client gone within a second or so, and ends the part.
        wait_for(
            &killed,
            &sleeping.replace("SELECT EXISTS", "SELECT NOT EXISTS"),
            "the server ends the killed run's session",
        );
        let done: Vec<String> = (1..part).map(|p| p.to_string()).collect();
        assert_eq!(parts_done(&killed), done.join(","), "killed in part {part}");
        assert_eq!(
            parts_done(&reference),
            done.join(","),
            "stopped in part {part}"
        );
        assert_same_catalog(
            &format!("stopped by an error in part {part}"),
            &reference.fingerprint(&["app"]),
            &format!("killed in part {part}"),
            &killed.fingerprint(&["app"]),
        );
        assert_eq!(killed.query("SELECT count(*) FROM seaql_migrations"), "1\n");
        // Resumed: the parts done are skipped, the rest run, the migration is recorded.
        killed.apply_ok("DROP TRIGGER stop_part ON ddl_gen_parts", "no more stops");
        let out = migrate(&killed, &UP_ONE);
        assert!(out.status.success(), "part {part}: {}", text(&out));
        assert_eq!(parts_done(&killed), all);
        assert_catalog_of(2, &killed, &format!("online_kill_{part}"));
        assert_eq!(killed.query("SELECT count(*) FROM app.item"), "10000\n");
        server().drop_database(reference);
        server().drop_database(killed);
    }
}

#[test]
fn killed_while_the_index_builds_it_leaves_an_invalid_index_the_next_run_replaces() {
    let db = database_with_rows("online_kill_build", 10_000);
    // An old snapshot makes the build wait (lock timeout 1.5 s): the process is killed then.
    let holder = Holder::start(
        &db,
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM app.owner",
        "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE '%pg_sleep(120)%' AND datname = current_database() AND backend_xmin IS NOT NULL AND pid <> pg_backend_pid())",
    );
    let building = "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%' AND datname = current_database())";
    up_killed_once(&db, building, "the index build starts");
    wait_for(
        &db,
        &building.replace("SELECT EXISTS", "SELECT NOT EXISTS"),
        "the server ends the build",
    );
    holder.release(&db);
    assert_eq!(
        db.query("SELECT indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'idx_item_code'"),
        "f\n",
        "the killed build left an INVALID index"
    );
    let out = migrate(&db, &UP_ONE);
    assert!(out.status.success(), "{}", text(&out));
    assert_catalog_of(2, &db, "online_kill_build");
}

#[test]
fn a_changed_index_is_built_beside_the_old_one_then_swapped_in() {
    let db = database_with_rows("online_replace", 10_000);
    let out = migrate(&db, &UP_ONE);
    assert!(out.status.success(), "{}", text(&out));
    // An old snapshot holds the build of the new index: meanwhile the old one still serves.
    let holder = Holder::start(
        &db,
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM app.owner",
        "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE '%pg_sleep(120)%' AND datname = current_database() AND backend_xmin IS NOT NULL AND pid <> pg_backend_pid())",
    );
    let run = Command::new(binary())
        .args(UP_ONE)
        .env("DATABASE_URL", &db.url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the migrator");
    wait_for(
        &db,
        "SELECT EXISTS (SELECT FROM pg_class WHERE relname = 'idx_item_code__new')",
        "the new index is being built",
    );
    assert_eq!(
        db.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_item_code'"),
        "CREATE INDEX idx_item_code ON app.item USING btree (code)\n",
        "the old index is there while the new one builds"
    );
    let out = run.wait_with_output().unwrap();
    holder.release(&db);
    assert!(
        !out.status.success(),
        "the build waits past the lock timeout: {}",
        text(&out)
    );
    // The next run drops the INVALID new index, builds it, swaps it in.
    let out = migrate(&db, &UP_ONE);
    assert!(out.status.success(), "{}", text(&out));
    assert_catalog_of(3, &db, "online_replace");
    assert_eq!(
        db.query("SELECT count(*) FROM pg_class WHERE relname = 'idx_item_code__new'"),
        "0\n"
    );
    let out = migrate(&db, &["down", "-n", "1"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_catalog_of(2, &db, "online_replace_down");
}
