//! The commands that read live databases, through the real binary and a real PostgreSQL:
//! exit codes, what is printed, and what never is (a password).

use std::process::{Command, Output};

use pg_harness::{Database, server, sql_dir};

fn ddl_gen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ddl-gen"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run ddl-gen")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A database whose URL logs in as a role with a password and without CREATEDB.
fn as_reader(db: &Database) -> String {
    db.query(
        "DO $$ BEGIN CREATE ROLE ddl_reader LOGIN PASSWORD 'pa55-secret' NOCREATEDB;
         EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    );
    db.url.replacen("postgres@", "ddl_reader:pa55-secret@", 1)
}

#[test]
fn inspect_then_diff_of_the_copy_exits_0_and_strict_names_what_was_not_carried() {
    let pg = server();
    let original = pg.fresh_database("cli_inspect");
    original.apply_ok(
        &std::fs::read_to_string(sql_dir().join("not_held.sql")).unwrap(),
        "not_held.sql",
    );
    let reader = as_reader(&original);
    let inspect = ddl_gen(&["inspect", "--database-url", &reader]);
    assert_eq!(inspect.status.code(), Some(0), "{}", text(&inspect.stderr));
    let script = text(&inspect.stdout);
    assert!(script.contains("CREATE TABLE odd.base ("), "{script}");
    // Held since #[pg(unlogged)]: carried over, not named.
    assert!(
        script.contains("CREATE UNLOGGED TABLE odd.scratch ("),
        "{script}"
    );
    // Row level security and policies are held: carried over.
    assert!(
        script.contains("ALTER TABLE odd.tenant_rows ENABLE ROW LEVEL SECURITY;\n")
            && script.contains(
                "CREATE POLICY tenant_isolation ON odd.tenant_rows\n    USING ((tenant = CURRENT_USER));\n"
            ),
        "{script}"
    );
    assert!(script.contains("--   range type odd.span\n"));
    // Views are held: carried over.
    assert!(
        script.contains("CREATE VIEW odd.big_amounts AS\n")
            && script.contains("CREATE MATERIALIZED VIEW odd.totals AS\n"),
        "{script}"
    );
    assert!(text(&inspect.stderr).contains("23 objects not carried over"));

    let copy = pg.fresh_database("cli_inspect_copy");
    copy.apply_ok(&script, "the inspection");
    let copy_reader = as_reader(&copy);
    let diff = ddl_gen(&["diff", "--from", &reader, "--to", &copy_reader]);
    assert_eq!(diff.status.code(), Some(0), "{}", text(&diff.stderr));
    assert!(text(&diff.stdout).contains("the two databases are equal in what this tool compares"));
    assert!(text(&diff.stdout).contains("not compared: range type odd.span (only in from)\n"));

    let strict = ddl_gen(&["diff", "--from", &reader, "--to", &copy_reader, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(text(&strict.stderr).contains("23 objects not compared"));

    for out in [&inspect, &diff, &strict] {
        assert!(!text(&out.stdout).contains("pa55-secret"));
        assert!(!text(&out.stderr).contains("pa55-secret"));
    }
}

#[test]
fn diff_exits_1_on_a_difference_and_2_when_it_cannot_tell() {
    let pg = server();
    let (a, b) = (
        pg.fresh_database("cli_diff_a"),
        pg.fresh_database("cli_diff_b"),
    );
    a.apply_ok(
        "CREATE TABLE public.t (id integer PRIMARY KEY, note text)",
        "a",
    );
    b.apply_ok("CREATE TABLE public.t (id integer PRIMARY KEY)", "b");
    let out = ddl_gen(&["diff", "--from", &a.url, "--to", &b.url]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "column public.t.note only in from\n");

    let refused = ddl_gen(&[
        "diff",
        "--from",
        "postgres://someone:hunter2@127.0.0.1:1/x",
        "--to",
        &b.url,
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let err = text(&refused.stderr);
    assert!(
        err.contains("cannot connect to someone@127.0.0.1:1/x"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");

    let wrong_kind = ddl_gen(&[
        "inspect",
        "--database-url",
        "mysql://root:hunter2@localhost/db",
    ]);
    assert_eq!(wrong_kind.status.code(), Some(2));
    let err = text(&wrong_kind.stderr);
    assert!(
        err.contains("not a PostgreSQL URL") && !err.contains("hunter2"),
        "{err}"
    );
}

#[test]
fn diff_sql_prints_a_script_that_turns_from_into_to_and_refuses_to_lose_data_unasked() {
    let pg = server();
    let (from, to) = (
        pg.fresh_database("cli_sql_from"),
        pg.fresh_database("cli_sql_to"),
    );
    from.apply_ok(
        "CREATE TYPE public.mood AS ENUM ('sad', 'ok');
         CREATE TABLE public.account (id integer PRIMARY KEY, email text NOT NULL,
             legacy text, note varchar(20));
         CREATE TABLE public.item (id bigint PRIMARY KEY, account_id integer,
             price numeric(10,2) CHECK (price >= 0));
         CREATE INDEX item_price ON public.item (price);
         COMMENT ON TABLE public.account IS 'old';",
        "from",
    );
    to.apply_ok(
        "CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
         CREATE TABLE public.account (id integer PRIMARY KEY, email text NOT NULL UNIQUE,
             note varchar(40), feeling public.mood NOT NULL DEFAULT 'happy');
         CREATE TABLE public.item (id bigint PRIMARY KEY,
             account_id integer REFERENCES public.account (id) ON DELETE CASCADE,
             price numeric(10,2) CHECK (price > 0));
         CREATE INDEX item_account ON public.item (account_id) WHERE account_id IS NOT NULL;
         CREATE TABLE public.audit (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
         COMMENT ON TABLE public.account IS 'new';
         CREATE VIEW public.accounts AS SELECT id, email FROM public.account;
         CREATE TYPE public.span AS RANGE (subtype = integer);
         -- A name that would end a comment line and run what follows.
         DO $$ BEGIN EXECUTE format('CREATE TABLE public.%I (id integer)',
             E'evil\rDROP TABLE public.item; --\nDROP TABLE public.account; --'); END $$;",
        "to",
    );
    let (from_url, to_url) = (as_reader(&from), as_reader(&to));
    let sql = |extra: &[&str]| {
        let mut args = vec!["diff", "--from", &from_url, "--to", &to_url, "--sql"];
        args.extend(extra);
        ddl_gen(&args)
    };

    // Dropping account.legacy loses data: refused, nothing on stdout.
    let refused = sql(&[]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert_eq!(text(&refused.stdout), "");
    let err = text(&refused.stderr);
    assert!(err.contains("no script: it would lose data"), "{err}");
    assert!(err.contains("drop column public.account.legacy"), "{err}");
    assert!(err.contains("--allow-destructive"), "{err}");

    // --strict refuses too: the range type cannot be carried.
    let strict = sql(&["--allow-destructive", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", text(&strict.stderr));
    assert_eq!(text(&strict.stdout), "");
    assert!(text(&strict.stderr).contains("not compared: range type public.span (only in to)"));

    let out = sql(&["--allow-destructive"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let script = text(&out.stdout);
    assert!(
        script.starts_with("-- Generated by ddl-gen diff --sql: turns ddl_reader@"),
        "{script}"
    );
    assert!(
        script.contains("--   not compared: range type public.span (only in to)\n"),
        "{script}"
    );
    // The view is carried, after the column it reads changes type.
    assert!(
        script.contains("CREATE VIEW public.accounts AS\n"),
        "{script}"
    );
    assert!(
        script.contains("\nBEGIN;\n") && script.ends_with("\nCOMMIT;\n"),
        "{script}"
    );
    from.apply_ok(&script, "diff --sql's script");
    let after = ddl_gen(&["diff", "--from", &from.url, "--to", &to.url]);
    assert_eq!(
        after.status.code(),
        Some(0),
        "{}\n{script}",
        text(&after.stdout)
    );

    // Equal databases: an empty transaction, exit 0.
    let again = sql(&[]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(text(&again.stdout).contains("(0 steps)"));

    for out in [&refused, &strict, &out, &again] {
        assert!(!text(&out.stdout).contains("pa55-secret"));
        assert!(!text(&out.stderr).contains("pa55-secret"));
    }
}

#[test]
fn verify_names_what_it_did_not_compare_and_strict_fails_on_it() {
    let pg = server();
    let db = pg.fresh_database("cli_verify");
    // The workspace's models, plus a range type the models cannot declare yet.
    db.apply_ok(&ddl_gen_script(), "the models' script");
    db.apply_ok(
        "CREATE TYPE dataflow.span AS RANGE (subtype = integer)",
        "a range type",
    );
    let out = ddl_gen(&["verify", "--database-url", &db.url]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "not compared: range type dataflow.span\nverify: the database matches the models (21 tables)\n"
    );
    let strict = ddl_gen(&["verify", "--strict", "--database-url", &db.url]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(text(&strict.stderr).contains("1 object not compared"));
}

fn ddl_gen_script() -> String {
    let out = ddl_gen(&["sql"]);
    assert!(out.status.success());
    text(&out.stdout)
}

/// A session holding `ACCESS EXCLUSIVE` on dataflow.product (as a running migration would),
/// until it is dropped.
struct LockHolder {
    child: std::process::Child,
    db: String,
    /// Its application name, its own: tests run side by side on one server.
    name: String,
}

impl LockHolder {
    fn new(db: &Database) -> Self {
        let name = format!("migration-in-progress-{}", db.name);
        let child = Command::new("psql")
            .args(["-X", "-q", "-d", &db.url, "-c"])
            .arg("BEGIN; LOCK TABLE dataflow.product IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120); COMMIT;")
            .env("PGAPPNAME", &name)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run psql");
        let holder = Self {
            child,
            db: db.url.clone(),
            name,
        };
        wait_for(db, "the lock", || {
            db.query(&format!(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
                  WHERE a.application_name = '{}' AND l.granted
                    AND l.mode = 'AccessExclusiveLock' AND l.relation = 'dataflow.product'::regclass",
                holder.name
            )) == "1\n"
        });
        holder
    }
}

impl Drop for LockHolder {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args(["-X", "-q", "-d", &self.db, "-c"])
            .arg(format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{}'",
                self.name
            ))
            .output();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(_db: &Database, what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..300 {
        if done() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

/// Polls (up to 30 s) until `ready`, failing if `child` (a `verify` expected to wait behind a
/// lock) ends first; gives the child back.
fn wait_while_running(
    mut child: std::process::Child,
    mut ready: impl FnMut() -> bool,
) -> std::process::Child {
    for _ in 0..300 {
        if ready() {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "verify ended ({status}) before it waited for the lock:\n{}{}",
                text(&out.stdout),
                text(&out.stderr)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child
}

/// Sends SIGTERM to `child` and checks it stops promptly (not once the lock holder, which
/// sleeps two minutes, is done) with exit code 2.
fn terminate_promptly(child: std::process::Child) -> Output {
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let signalled = std::time::Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(
        signalled.elapsed() < std::time::Duration::from_secs(20),
        "verify took {:?} to stop",
        signalled.elapsed()
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    out
}

/// A migration crate `ddl-gen migrate init` started in a fresh temporary directory.
fn started_crate(label: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let init = ddl_gen(&["migrate", "init", "--dir", dir.to_str().unwrap()]);
    assert!(init.status.success(), "{}", text(&init.stderr));
    dir
}

fn dataflow_database(label: &str) -> Database {
    let db = server().fresh_database(label);
    db.apply_ok(&ddl_gen_script(), "the models' script");
    db
}

#[test]
fn verify_behind_a_lock_gives_up_and_names_the_blocker() {
    let db = dataflow_database("cli_lock");
    let _lock = LockHolder::new(&db);
    let started = std::time::Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_ddl-gen"))
        .args(["verify", "--lock-timeout", "1", "--database-url", &db.url])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    let err = text(&out.stderr);
    assert!(
        err.contains("waited 1 s for a lock and gave up; blocked by pid "),
        "{err}"
    );
    assert!(err.contains("(migration-in-progress-t_cli_lock_"), "{err}");
    assert!(err.contains(", active since"), "{err}");
    assert!(
        err.contains("holding AccessExclusiveLock on dataflow.product"),
        "{err}"
    );
    // Its scratch database is gone all the same.
    assert_eq!(
        db.query(&format!(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'ddl_gen_verify_{pid}_%'"
        )),
        "0\n"
    );
}

#[test]
fn verify_terminated_drops_its_scratch_database() {
    let db = dataflow_database("cli_sigterm");
    let _lock = LockHolder::new(&db);
    let child = Command::new(env!("CARGO_BIN_EXE_ddl-gen"))
        .args([
            "verify",
            "--no-cache",
            "--lock-timeout",
            "120",
            "--database-url",
            &db.url,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let scratch = format!("ddl_gen_verify_{}_%", child.id());
    let count = || {
        db.query(&format!(
            "SELECT count(*) FROM pg_database WHERE datname LIKE '{scratch}'"
        ))
    };
    // Its scratch database is there, and it waits behind the lock on the live database.
    let waiting = || {
        db.query(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
                AND datname = current_database()",
        ) == "1\n"
    };
    let child = wait_while_running(child, || count() == "1\n" && waiting());
    assert!(
        waiting(),
        "verify does not wait for the lock: {}",
        db.query("SELECT pid, datname, state, wait_event_type, wait_event, left(query, 80) FROM pg_stat_activity WHERE backend_type = 'client backend'")
    );
    let out = terminate_promptly(child);
    assert!(
        text(&out.stderr).contains("interrupted; no scratch database is left behind"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(count(), "0\n");
}

#[test]
fn verify_from_the_cache_stops_promptly_when_terminated() {
    let db = dataflow_database("cli_sigterm_cached");
    let verify = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ddl-gen"));
        command
            .args(["verify", "--lock-timeout", "120", "--database-url", &db.url])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        command
    };
    // Warm: the models' normal form is cached by this binary for this server.
    let warm = verify().output().unwrap();
    assert_eq!(warm.status.code(), Some(0), "{}", text(&warm.stderr));
    let _lock = LockHolder::new(&db);
    let child = verify().spawn().unwrap();
    let waiting = || {
        db.query(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
                AND datname = current_database()",
        ) == "1\n"
    };
    let child = wait_while_running(child, waiting);
    assert!(waiting(), "verify does not wait for the lock");
    // From the cache: it made no scratch database.
    assert_eq!(
        db.query(&format!(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'ddl_gen_verify_{}_%'",
            child.id()
        )),
        "0\n"
    );
    let out = terminate_promptly(child);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("interrupted; no scratch database is left behind"),
        "{stderr}"
    );
}

#[test]
fn migrate_rehearse_runs_up_down_and_up_before_writing_and_writes_nothing_when_it_cannot() {
    let db = server().fresh_database("rehearse_cli");
    let dir = started_crate("rehearse-cli");
    let dir_arg = dir.to_str().unwrap();
    let files = || pg_harness::migration_crate::src_files(&dir);
    let scratch_left =
        || db.query("SELECT count(*) FROM pg_database WHERE datname LIKE 'ddl_gen_rehearse%'");

    // A role that cannot create the scratch database: refused, nothing written, no password.
    let out = ddl_gen(&[
        "migrate",
        "first",
        "--dir",
        dir_arg,
        "--rehearse",
        &as_reader(&db),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("the role needs CREATEDB"), "{stderr}");
    assert!(
        !stderr.contains("pa55-secret") && out.stdout.is_empty(),
        "{stderr}"
    );
    assert_eq!(files(), ["lib.rs", "main.rs"]);

    let out = ddl_gen(&["migrate", "first", "--dir", dir_arg, "--rehearse", &db.url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for line in [
        "rehearsed on a scratch database (dropped since), before writing:",
        "  - up: ",
        "  - down: ",
        "  - up again: ",
    ] {
        assert!(stdout.contains(line), "{line:?} in:\n{stdout}");
    }
    assert!(
        stdout.contains("then the database equals the models"),
        "{stdout}"
    );
    assert_eq!(files().len(), 3, "{:?}", files());
    assert_eq!(scratch_left(), "0\n");

    // Terminated mid-rehearsal (SIGTERM once a scratch database exists): it stops, drops its
    // scratch databases and writes nothing.
    let dir = started_crate("rehearse-cli");
    let child = Command::new(env!("CARGO_BIN_EXE_ddl-gen"))
        .args(["migrate", "first", "--dir", dir_arg, "--rehearse", &db.url])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run ddl-gen");
    wait_for(&db, "a scratch database", || scratch_left() != "0\n");
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("rehearsal interrupted"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(scratch_left(), "0\n");
    assert_eq!(files(), ["lib.rs", "main.rs"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn migrate_baseline_records_the_first_migration_of_a_clean_database_and_refuses_the_rest() {
    let dir = started_crate("baseline-cli");
    let dir_arg = dir.to_str().unwrap();
    let baseline = |url: &str| {
        ddl_gen(&[
            "migrate",
            "baseline",
            "--dir",
            dir_arg,
            "--database-url",
            url,
        ])
    };

    let out = ddl_gen(&[
        "migrate",
        "baseline",
        "--dir",
        dir_arg,
        "--rehearse",
        "postgres://x@h/d",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--rehearse does not apply to baseline"),
        "{}",
        text(&out.stderr)
    );
    let out = ddl_gen(&["migrate", "baseline", "--dir", dir_arg]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--database-url"),
        "{}",
        text(&out.stderr)
    );

    // A database that differs (one column dropped): refused, its differences named.
    let drifted = dataflow_database("baseline_cli_drifted");
    drifted.apply_ok("ALTER TABLE dataflow.customer DROP COLUMN notes", "drift");
    let out = baseline(&drifted.url);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("the database differs from the models") && stderr.contains("notes"),
        "{stderr}"
    );

    let db = dataflow_database("baseline_cli");
    let out = baseline(&db.url);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("recorded it in seaql_migrations as applied, without running it"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(
        db.query("SELECT count(*) FROM seaql_migrations WHERE version LIKE '%_baseline'"),
        "1\n"
    );
    // verify sets the history table aside: the database is still clean.
    let out = ddl_gen(&["verify", "--database-url", &db.url]);
    assert!(out.status.success(), "{}", text(&out.stdout));

    let out = baseline(&db.url);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("has migrations already"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_writes_the_models_lists_what_it_left_out_and_never_prints_a_password() {
    let pg = server();
    let db = pg.fresh_database("cli_import");
    db.apply_ok(
        &std::fs::read_to_string(sql_dir().join("not_held.sql")).unwrap(),
        "not_held.sql",
    );
    let reader = as_reader(&db);
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let out = root.join("entities");
    let import = ddl_gen(&[
        "import",
        "--database-url",
        &reader,
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = text(&import.stderr);
    assert_eq!(import.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("pa55-secret"), "{stderr}");
    // Each object left out is named on stderr, and again in not_imported.sql.
    let listed: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("ddl-gen: not imported: "))
        .collect();
    assert!(
        listed.iter().any(|l| l.starts_with("range type ")),
        "{stderr}"
    );
    // Views are imported (odd.base, which they read, has a primary key).
    let mod_rs = std::fs::read_to_string(out.join("mod.rs")).unwrap();
    assert!(
        mod_rs.contains("model_core::View::new(")
            && mod_rs.contains("model_core::View::materialized("),
        "{mod_rs}"
    );
    let sql = std::fs::read_to_string(out.join("not_imported.sql")).unwrap();
    for item in &listed {
        let object = item.split(": ").next().unwrap();
        assert!(
            sql.contains(&format!("-- {object}: ")),
            "{object} not in:\n{sql}"
        );
    }
    assert!(out.join("mod.rs").exists(), "{stderr}");
    assert!(stderr.contains("wrote "), "{stderr}");

    // Again into the same directory: refused, nothing touched.
    let before = std::fs::read_to_string(out.join("mod.rs")).unwrap();
    let again = ddl_gen(&[
        "import",
        "--database-url",
        &reader,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again.stderr));
    assert!(
        text(&again.stderr).contains("is not empty"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read_to_string(out.join("mod.rs")).unwrap(), before);

    // A server that cannot be reached: exit 2, the password not printed, nothing written.
    let unreachable = root.join("unreachable");
    let down = ddl_gen(&[
        "import",
        "--database-url",
        "postgres://ddl_reader:pa55-secret@127.0.0.1:1/nowhere",
        "--out",
        unreachable.to_str().unwrap(),
    ]);
    assert_eq!(down.status.code(), Some(2), "{}", text(&down.stderr));
    assert!(
        !text(&down.stderr).contains("pa55-secret"),
        "{}",
        text(&down.stderr)
    );
    assert!(!unreachable.exists());
    let _ = std::fs::remove_dir_all(&root);
}
