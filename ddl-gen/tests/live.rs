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
    assert!(script.contains("--   policy tenant_isolation on odd.tenant_rows\n"));
    assert!(text(&inspect.stderr).contains("33 objects not carried over"));

    let copy = pg.fresh_database("cli_inspect_copy");
    copy.apply_ok(&script, "the inspection");
    let copy_reader = as_reader(&copy);
    let diff = ddl_gen(&["diff", "--from", &reader, "--to", &copy_reader]);
    assert_eq!(diff.status.code(), Some(0), "{}", text(&diff.stderr));
    assert!(text(&diff.stdout).contains("the two databases are equal in what this tool compares"));
    assert!(text(&diff.stdout).contains("not compared: view odd.big_amounts (only in from)\n"));

    let strict = ddl_gen(&["diff", "--from", &reader, "--to", &copy_reader, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(text(&strict.stderr).contains("33 objects not compared"));

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
fn verify_names_what_it_did_not_compare_and_strict_fails_on_it() {
    let pg = server();
    let db = pg.fresh_database("cli_verify");
    // The workspace's models, plus a view the models cannot declare yet.
    db.apply_ok(&ddl_gen_script(), "the models' script");
    db.apply_ok(
        "CREATE VIEW dataflow.live_products AS SELECT id, name FROM dataflow.product WHERE deleted_at IS NULL",
        "a view",
    );
    let out = ddl_gen(&["verify", "--database-url", &db.url]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "not compared: view dataflow.live_products\nverify: the database matches the models (21 tables)\n"
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
