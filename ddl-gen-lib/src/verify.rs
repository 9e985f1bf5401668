//! `ddl-gen verify`: does a live database match the models? Compared catalog to catalog, since
//! PostgreSQL rewrites what it is given: the models' script is applied to a scratch database on
//! the same server, both databases are read back, and the two readings are compared. The
//! scratch database is dropped on every path out, Ctrl-C included. The models' reading is
//! cached (`normal_form.rs`): unchanged models on an unchanged server need no scratch database.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use model_core::{QualifiedName, Schema};
use sqlx::Connection;
use sqlx::postgres::PgConnection;

use crate::compare::compare;
use crate::compare::report::{self, Difference};
use crate::connect::Target;
use crate::history;
use crate::introspect::{DEFAULT_LOCK_TIMEOUT, NotHeld, Reading, read, read_seeds, read_waiting};
use crate::normal_form::{self, Inputs};
use crate::render::{CreateOptions, create_script, ident};

/// What stopped a verification before it could compare (exit code 2).
#[derive(Debug)]
pub enum VerifyError {
    BadUrl(String),
    Connect(String),
    CreateScratch(String),
    ApplyModels(String),
    Read(String),
    /// Roles the models' policies and grants name that the server lacks: what names each, and
    /// the role.
    MissingRoles(Vec<(String, String)>),
    Interrupted,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadUrl(e) => write!(f, "the database URL: {e}"),
            Self::Connect(e) => write!(f, "{e}"),
            Self::CreateScratch(e) => write!(
                f,
                "cannot create a scratch database ({e}); verify builds the models in a scratch database on the same server, so the role needs CREATEDB"
            ),
            Self::ApplyModels(e) => write!(f, "the models' script fails on this server: {e}"),
            Self::Read(e) => write!(f, "cannot read the catalog: {e}"),
            Self::MissingRoles(missing) => {
                for (i, (what, role)) in missing.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(
                        f,
                        "{what} names role {role:?}, which this server lacks; roles are the cluster's, not the schema's: create it (CREATE ROLE {} NOLOGIN) or take it out of the models",
                        ident(role)
                    )?;
                }
                Ok(())
            }
            Self::Interrupted => write!(f, "interrupted; no scratch database is left behind"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// The result of a verification.
#[derive(Debug)]
pub struct Report {
    pub tables: usize,
    pub differences: Vec<Difference>,
    /// What the database holds that the model cannot, so was not compared.
    pub not_compared: Vec<NotHeld>,
    /// sea-orm-migration's history table, set aside.
    pub history_tables: Vec<QualifiedName>,
    /// The scratch database the models were built in (dropped by the time this is returned);
    /// empty when their normal form came from the cache.
    pub scratch_database: String,
    /// Whether the models' normal form came from the cache (no scratch database was built).
    pub cached: bool,
}

/// Compares the database at `url` with `models`, waiting at most
/// [`DEFAULT_LOCK_TIMEOUT`] for a lock another session holds.
pub async fn verify(url: &str, models: &Schema) -> Result<Report, VerifyError> {
    verify_with(url, models, &Options::default()).await
}

/// How `verify` reads the live database.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long to wait for a lock another session holds.
    pub lock_timeout: Duration,
    /// sea-orm-migration's history table, set aside (not compared) in whatever schema it is.
    pub history_table: String,
    /// Where the models' normal form is cached (see [`crate::normal_form`]); `None` builds a
    /// scratch database every time.
    pub cache_dir: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            history_table: history::DEFAULT_TABLE.to_owned(),
            cache_dir: normal_form::default_dir(),
        }
    }
}

/// [`verify`] with `options`.
pub async fn verify_with(
    url: &str,
    models: &Schema,
    options: &Options,
) -> Result<Report, VerifyError> {
    let target = Target::parse(url).map_err(VerifyError::BadUrl)?;
    let mut live = target.connect().await.map_err(VerifyError::Connect)?;
    missing_roles(&mut live, models)
        .await
        .map_err(|e| VerifyError::Read(target.message(&e)))
        .and_then(|missing| match missing.is_empty() {
            true => Ok(()),
            false => Err(VerifyError::MissingRoles(missing)),
        })?;
    let script = create_script(models, CreateOptions::default());
    let schemas: Vec<String> = models.namespaces.iter().map(|n| n.name.clone()).collect();
    let cache = match &options.cache_dir {
        Some(dir) => {
            let inputs = Inputs::gather(&mut live, script.clone(), &schemas, models)
                .await
                .map_err(|e| VerifyError::Read(target.message(&e)))?;
            if let Some(expected) = normal_form::load(dir, &inputs) {
                let work = compare_live(&mut live, &target, expected, &schemas, models, options);
                let result = tokio::select! {
                    result = work => result,
                    _ = interrupted() => Err(VerifyError::Interrupted),
                };
                // Interrupted, the connection may be mid-query (behind a lock): just drop it.
                if matches!(result, Err(VerifyError::Interrupted)) {
                    drop(live);
                } else {
                    let _ = live.close().await;
                }
                return result.map(|r| Report { cached: true, ..r });
            }
            Some((dir.clone(), inputs))
        }
        None => None,
    };
    let scratch = scratch_name();
    // From template0: another session connected to template1 cannot make it fail.
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {} TEMPLATE template0",
        ident(&scratch)
    )))
    .execute(&mut live)
    .await
    .map_err(|e| VerifyError::CreateScratch(target.message(&e)))?;
    let live_pid: Option<i32> = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut live)
        .await
        .ok();

    let work = async {
        let expected = normal_form_in(&target, &scratch, script, &schemas, models).await?;
        if let Some((dir, inputs)) = &cache
            && let Err(e) = normal_form::store(dir, inputs, &expected)
        {
            eprintln!("ddl-gen: warning: could not cache the models' normal form: {e}");
        }
        let report = compare_live(&mut live, &target, expected, &schemas, models, options).await?;
        Ok(Report {
            scratch_database: scratch.clone(),
            ..report
        })
    };
    let result = tokio::select! {
        result = work => result,
        _ = interrupted() => Err(VerifyError::Interrupted),
    };
    // Interrupted, the live connection may still wait on the server (behind a lock): clean up
    // over a connection of its own, and cancel what the live one was doing.
    let interrupted = matches!(result, Err(VerifyError::Interrupted));
    let mut cleanup = match target.connect().await {
        Ok(mut conn) => {
            if interrupted {
                if let Some(pid) = live_pid {
                    let _ = sqlx::query("SELECT pg_cancel_backend($1)")
                        .bind(pid)
                        .execute(&mut conn)
                        .await;
                }
                drop(live); // its socket closes; no waiting for what it was doing
            } else {
                let _ = live.close().await;
            }
            conn
        }
        Err(_) => live,
    };
    let dropped = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        ident(&scratch)
    )))
    .execute(&mut cleanup)
    .await;
    if let Err(e) = dropped {
        eprintln!("ddl-gen: warning: could not drop the scratch database {scratch}: {e}");
    }
    let _ = cleanup.close().await;
    result
}

/// The roles the models' policies and grants name that the server lacks, each with what names it: the
/// scratch build would stop at the first, less clearly.
async fn missing_roles(
    conn: &mut PgConnection,
    models: &Schema,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut named: Vec<(String, String)> = (models.tables.iter())
        .flat_map(|t| {
            (t.policies.iter()).flat_map(move |p| {
                (p.roles.iter())
                    .map(move |r| (format!("policy {} on {}", p.name, t.name), r.clone()))
            })
        })
        .collect();
    for g in &models.grants {
        named.extend(
            (g.grants.iter())
                .filter(|x| !x.is_public())
                .map(|x| (format!("the grant on {}", g.on), x.role.clone())),
        );
    }
    if named.is_empty() {
        return Ok(Vec::new());
    }
    let roles: Vec<&str> = named.iter().map(|(_, r)| r.as_str()).collect();
    let missing: Vec<String> = sqlx::query_scalar(
        "SELECT r FROM unnest($1::text[]) r WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r)",
    )
    .bind(&roles)
    .fetch_all(conn)
    .await?;
    Ok(named
        .into_iter()
        .filter(|(_, r)| missing.contains(r))
        .collect())
}

/// Ctrl-C, or (on Unix) SIGTERM, as a service manager or CI sends it.
pub(crate) async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The models' script applied to the scratch database and read back: the models in
/// PostgreSQL's own words.
async fn normal_form_in(
    target: &Target,
    scratch: &str,
    script: String,
    schemas: &[String],
    models: &Schema,
) -> Result<Reading, VerifyError> {
    let mut conn = target
        .with_database(scratch)
        .connect()
        .await
        .map_err(VerifyError::Connect)?;
    let applied = sqlx::raw_sql(sqlx::AssertSqlSafe(script))
        .execute(&mut conn)
        .await;
    if let Err(e) = applied {
        let _ = conn.close().await;
        return Err(VerifyError::ApplyModels(target.message(&e)));
    }
    let mut expected = read(&mut conn, schemas)
        .await
        .map_err(|e| VerifyError::Read(e.describe(|e| target.message(e))));
    if let Ok(reading) = &mut expected
        && let Err(e) = read_seeds(&mut conn, reading, &models.seeds).await
    {
        expected = Err(VerifyError::Read(target.message(&e)));
    }
    let _ = conn.close().await;
    expected
}

/// Reads the live database and compares it with the models' normal form.
async fn compare_live(
    live: &mut PgConnection,
    target: &Target,
    expected: Reading,
    schemas: &[String],
    models: &Schema,
    options: &Options,
) -> Result<Report, VerifyError> {
    let mut actual = read_waiting(live, schemas, options.lock_timeout)
        .await
        .map_err(|e| VerifyError::Read(e.describe(|e| target.message(e))))?;
    read_seeds(live, &mut actual, &models.seeds)
        .await
        .map_err(|e| VerifyError::Read(target.message(&e)))?;
    let history_tables =
        history::set_aside(&mut actual.schema, &options.history_table, Some(models));
    let mut not_compared = actual.not_held;
    // The models' own script holds nothing the model cannot; were it to, it is named too.
    not_compared.extend(expected.not_held);
    not_compared.sort();
    not_compared.dedup();
    Ok(Report {
        tables: expected.schema.tables.len(),
        differences: report::lines(
            &compare(&actual.schema, &expected.schema, &[]),
            report::VERIFY,
        ),
        not_compared,
        history_tables,
        scratch_database: String::new(),
        cached: false,
    })
}

fn scratch_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("ddl_gen_verify_{}_{nanos}", std::process::id())
}
