//! A real PostgreSQL for tests, never a mock.
//!
//! With `DATABASE_URL` set, tests use that server (the role must be allowed to create
//! databases). Otherwise the first test to ask starts a throwaway cluster: `initdb` and `pg_ctl`
//! in a temporary directory, listening on a free loopback port, stopped and removed when the
//! test process exits. As root (CI), the server runs as the `postgres` user, since `initdb`
//! refuses root. A test that cannot get a server fails; it does not skip.
//!
//! Scripts are applied with `psql -v ON_ERROR_STOP=1`, exactly as a user applies them.

mod cluster;
pub mod migration_crate;
pub mod random;
mod rng;
pub mod synthetic;
pub mod tables;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use cluster::Cluster;

/// Where the server is: a connection URL whose database part we replace per test database.
#[derive(Debug)]
pub struct Server {
    base_url: String,
    _cluster: Option<Cluster>,
}

static SERVER: OnceLock<Server> = OnceLock::new();
static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// The shared server for this test process.
pub fn server() -> &'static Server {
    SERVER.get_or_init(|| match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => Server { base_url: url, _cluster: None },
        _ => {
            let cluster = Cluster::start().unwrap_or_else(|e| {
                panic!("cannot start a throwaway PostgreSQL cluster: {e}\n(set DATABASE_URL to use a running server)")
            });
            Server { base_url: cluster.url("postgres"), _cluster: Some(cluster) }
        }
    })
}

impl Server {
    /// A URL for database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        with_database(&self.base_url, name)
    }

    /// Creates a fresh, empty database with a unique name.
    pub fn fresh_database(&self, label: &str) -> Database {
        let name = format!(
            "t_{}_{}_{}",
            label,
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::Relaxed)
        );
        let out = psql(&self.base_url, &["-c", &format!("CREATE DATABASE {name}")]);
        assert!(
            out.status.success(),
            "CREATE DATABASE {name} failed: {}",
            stderr(&out)
        );
        Database {
            url: self.url(&name),
            name,
        }
    }
}

impl Server {
    /// Drops `db` (for tests that make thousands of databases: the server's disk is not endless).
    pub fn drop_database(&self, db: Database) {
        let out = psql(
            &self.base_url,
            &[
                "-c",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", db.name),
            ],
        );
        assert!(
            out.status.success(),
            "DROP DATABASE {} failed: {}",
            db.name,
            stderr(&out)
        );
    }
}

/// One test database.
#[derive(Debug)]
pub struct Database {
    pub name: String,
    pub url: String,
}

impl Database {
    /// Applies a script with `ON_ERROR_STOP`, returning psql's output (check `status`).
    pub fn apply(&self, script: &str) -> Output {
        let file = temp_file(&self.name, script);
        let out = psql(
            &self.url,
            &["-v", "ON_ERROR_STOP=1", "-f", file.to_str().unwrap()],
        );
        let _ = std::fs::remove_file(file);
        out
    }

    /// Applies a script and panics with psql's message when it fails.
    pub fn apply_ok(&self, script: &str, what: &str) {
        let out = self.apply(script);
        assert!(
            out.status.success(),
            "{what} failed to apply:\n{}",
            stderr(&out)
        );
    }

    /// Runs SQL and returns its rows, unaligned, one per line, fields separated by `|`.
    pub fn query(&self, sql: &str) -> String {
        let out = psql(&self.url, &["-v", "ON_ERROR_STOP=1", "-At", "-c", sql]);
        assert!(
            out.status.success(),
            "query failed: {sql}\n{}",
            stderr(&out)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs a SQL file with `-At` and returns its output.
    pub fn run_file(&self, path: &std::path::Path) -> String {
        let out = psql(
            &self.url,
            &["-v", "ON_ERROR_STOP=1", "-At", "-f", path.to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{} failed:\n{}",
            path.display(),
            stderr(&out)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// The catalog of `schemas`, one line per object in PostgreSQL's normal form
    /// (`tests/sql/fingerprint.sql`).
    pub fn fingerprint(&self, schemas: &[&str]) -> Vec<String> {
        let file = sql_dir().join("fingerprint.sql");
        let out = psql(
            &self.url,
            &[
                "-v",
                "ON_ERROR_STOP=1",
                "-At",
                "-v",
                &format!("schemas={}", schemas.join(",")),
                "-f",
                file.to_str().unwrap(),
            ],
        );
        assert!(
            out.status.success(),
            "fingerprint failed:\n{}",
            stderr(&out)
        );
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

/// Panics with the lines only one side has, when two fingerprints differ.
pub fn assert_same_catalog(left_name: &str, left: &[String], right_name: &str, right: &[String]) {
    if left == right {
        return;
    }
    let only = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|l| !b.contains(l)).cloned().collect()
    };
    panic!(
        "catalogs differ\n--- only in {left_name}:\n{}\n--- only in {right_name}:\n{}",
        only(left, right).join("\n"),
        only(right, left).join("\n")
    );
}

/// A single-threaded tokio runtime, for calling the library's async functions from a test.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/sql/`: the catalog fingerprint, the object counts and the hand-written expected
/// dataflow script.
pub fn sql_dir() -> PathBuf {
    manifest_dir().join("sql")
}

/// The dataflow schema written by hand (`tests/sql/dataflow_expected.sql`), independently of the
/// generator: what the models must produce, catalog for catalog.
pub fn expected_dataflow_script() -> String {
    let path = sql_dir().join("dataflow_expected.sql");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn psql(url: &str, args: &[&str]) -> Output {
    Command::new("psql")
        .arg("-X")
        .arg("-q")
        .arg("-d")
        .arg(url)
        .args(args)
        .env("PGOPTIONS", "-c client_min_messages=warning")
        .output()
        .unwrap_or_else(|e| panic!("cannot run psql (install the PostgreSQL client): {e}"))
}

fn temp_file(label: &str, content: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "{label}_{}.sql",
        NEXT_DB.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, content).expect("write temp script");
    path
}

/// Replaces the database of a `postgres://` URL (or appends one).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_database_of_a_url() {
        assert_eq!(
            super::with_database("postgres://u:p@h:5/db?sslmode=disable", "x"),
            "postgres://u:p@h:5/x?sslmode=disable"
        );
        assert_eq!(super::with_database("postgres://h", "x"), "postgres://h/x");
        assert_eq!(
            super::with_database("postgresql://h:1/", "x"),
            "postgresql://h:1/x"
        );
    }
}
