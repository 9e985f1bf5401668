//! `ddl-gen verify`: does a live database match the models? Compared catalog to catalog, since
//! PostgreSQL rewrites what it is given: the models' script is applied to a scratch database on
//! the same server, both databases are read back, and the two readings are compared. The
//! scratch database is dropped on every path out, Ctrl-C included.

use std::fmt;
use std::str::FromStr;

use model_core::Schema;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{ConnectOptions, Connection};

use crate::diff::{Difference, compare};
use crate::introspect::read_schema;
use crate::render::{CreateOptions, create_script, ident};

/// What stopped a verification before it could compare (exit code 2).
#[derive(Debug)]
pub enum VerifyError {
    BadUrl(String),
    Connect(String),
    CreateScratch(String),
    ApplyModels(String),
    Read(String),
    Interrupted,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadUrl(e) => write!(f, "the database URL: {e}"),
            Self::Connect(e) => write!(f, "cannot connect to the database: {e}"),
            Self::CreateScratch(e) => write!(
                f,
                "cannot create a scratch database ({e}); verify builds the models in a scratch database on the same server, so the role needs CREATEDB"
            ),
            Self::ApplyModels(e) => write!(f, "the models' script fails on this server: {e}"),
            Self::Read(e) => write!(f, "cannot read the catalog: {e}"),
            Self::Interrupted => write!(f, "interrupted; the scratch database was dropped"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// The result of a verification.
#[derive(Debug)]
pub struct Report {
    pub tables: usize,
    pub differences: Vec<Difference>,
    /// The scratch database the models were built in (dropped by the time this is returned).
    pub scratch_database: String,
}

/// PostgreSQL's own message for database errors (with its SQLSTATE), sqlx's text otherwise.
fn message(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(db) => {
            let mut text = db.message().to_owned();
            if let Some(code) = db.code() {
                text.push_str(&format!(" (SQLSTATE {code})"));
            }
            let hint = db
                .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .and_then(|e| e.hint());
            if let Some(hint) = hint {
                text.push_str(&format!("; hint: {hint}"));
            }
            text
        }
        other => other.to_string(),
    }
}

/// Compares the database at `url` with `models`.
pub async fn verify(url: &str, models: &Schema) -> Result<Report, VerifyError> {
    if url.trim().is_empty() {
        return Err(VerifyError::BadUrl(
            "no database given: pass --database-url or set DATABASE_URL".into(),
        ));
    }
    let options =
        PgConnectOptions::from_str(url).map_err(|e| VerifyError::BadUrl(e.to_string()))?;
    let options = options.disable_statement_logging();
    let mut live = PgConnection::connect_with(&options)
        .await
        .map_err(|e| VerifyError::Connect(message(&e)))?;
    let scratch = scratch_name();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {}",
        ident(&scratch)
    )))
    .execute(&mut live)
    .await
    .map_err(|e| VerifyError::CreateScratch(message(&e)))?;

    let work = compare_with_scratch(&mut live, &options, &scratch, models);
    let result = tokio::select! {
        result = work => result,
        _ = tokio::signal::ctrl_c() => Err(VerifyError::Interrupted),
    };
    let dropped = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        ident(&scratch)
    )))
    .execute(&mut live)
    .await;
    if let Err(e) = dropped {
        eprintln!("ddl-gen: warning: could not drop the scratch database {scratch}: {e}");
    }
    let _ = live.close().await;
    result
}

async fn compare_with_scratch(
    live: &mut PgConnection,
    options: &PgConnectOptions,
    scratch: &str,
    models: &Schema,
) -> Result<Report, VerifyError> {
    let mut conn = PgConnection::connect_with(&options.clone().database(scratch))
        .await
        .map_err(|e| VerifyError::Connect(message(&e)))?;
    let script = create_script(models, CreateOptions::default());
    let applied = sqlx::raw_sql(sqlx::AssertSqlSafe(script))
        .execute(&mut conn)
        .await;
    if let Err(e) = applied {
        let _ = conn.close().await;
        return Err(VerifyError::ApplyModels(message(&e)));
    }
    let schemas: Vec<String> = models.namespaces.iter().map(|n| n.name.clone()).collect();
    let expected = read_schema(&mut conn, &schemas)
        .await
        .map_err(|e| VerifyError::Read(message(&e)));
    let _ = conn.close().await;
    let expected = expected?;
    let actual = read_schema(live, &schemas)
        .await
        .map_err(|e| VerifyError::Read(message(&e)))?;
    Ok(Report {
        tables: expected.tables.len(),
        differences: compare(&expected, &actual),
        scratch_database: scratch.to_owned(),
    })
}

fn scratch_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("ddl_gen_verify_{}_{nanos}", std::process::id())
}
