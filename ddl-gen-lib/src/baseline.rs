//! `ddl-gen migrate baseline`: migration history started from a database that exists. The
//! database must verify clean against the models first; then the first migration (everything
//! the models hold, from nothing) is written, and recorded in the database's history table as
//! applied, without running it. `up` from then on runs only the migrations written after.
//!
//! Both or neither: the history row is inserted in a transaction that commits only once the
//! files are written, and the files are put back as they were if that commit fails.

use std::path::{Path, PathBuf};

use model_core::Schema;
use sqlx::Connection;

use crate::connect::Target;
use crate::migration::{self, Generated, MigrateError, Options};
use crate::render::ident;
use crate::verify::{self, VerifyError};

/// What `baseline` did.
#[derive(Debug)]
pub struct Baselined {
    pub generated: Generated,
    /// The tables verified.
    pub tables: usize,
    /// What the database holds that the models cannot, so the migrations do not carry: a
    /// database built from them lacks it.
    pub not_compared: Vec<String>,
}

#[derive(Debug)]
pub enum BaselineError {
    Migrate(MigrateError),
    /// The crate has a history already.
    Started(String),
    Verify(VerifyError),
    /// The database differs from the models: the lines `verify` prints.
    Differs(Vec<String>),
    /// The history table cannot be read or written, or holds migrations already.
    History(String),
}

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Migrate(e) => write!(f, "{e}"),
            Self::Started(e) | Self::History(e) => write!(f, "{e}"),
            Self::Verify(e) => write!(f, "{e}"),
            Self::Differs(lines) => {
                writeln!(
                    f,
                    "the database differs from the models, so no baseline was written ({}):",
                    if lines.len() == 1 {
                        "1 difference".to_owned()
                    } else {
                        format!("{} differences", lines.len())
                    }
                )?;
                for line in lines {
                    writeln!(f, "  {line}")?;
                }
                write!(
                    f,
                    "Change the models (or the database) until `ddl-gen verify` finds none, then run baseline again."
                )
            }
        }
    }
}

impl std::error::Error for BaselineError {}

impl From<MigrateError> for BaselineError {
    fn from(e: MigrateError) -> Self {
        Self::Migrate(e)
    }
}

/// Starts the history of the migration crate at `dir` from the database at `url`, which must
/// verify clean against `models`; `history_table` is the crate's (`seaql_migrations` unless
/// its `lib.rs` names another).
pub async fn baseline(
    dir: &Path,
    models: &Schema,
    url: &str,
    history_table: &str,
    options: &Options,
) -> Result<Baselined, BaselineError> {
    if migration::read_state(dir)? != Schema::empty() {
        return Err(BaselineError::Started(format!(
            "{} has migrations already: baseline starts a history, so it needs a crate from `ddl-gen migrate init`",
            dir.display()
        )));
    }
    let prepared = migration::prepare(dir, "baseline", models, options)?;
    let verify_options = verify::Options {
        history_table: history_table.to_owned(),
        ..Default::default()
    };
    let report = verify::verify_with(url, models, &verify_options)
        .await
        .map_err(BaselineError::Verify)?;
    if !report.differences.is_empty() {
        return Err(BaselineError::Differs(
            report.differences.into_iter().map(|d| d.text).collect(),
        ));
    }

    let target = Target::parse(url).map_err(BaselineError::History)?;
    let mut conn = target.connect().await.map_err(BaselineError::History)?;
    let history = |e: sqlx::Error| {
        BaselineError::History(format!(
            "history table {history_table}: {}",
            target.message(&e)
        ))
    };
    let mut tx = conn.begin().await.map_err(history)?;
    // As sea-orm-migration makes it, so its own `CREATE TABLE IF NOT EXISTS` keeps this one.
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE TABLE IF NOT EXISTS {} (version varchar NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)",
        ident(history_table)
    )))
    .execute(&mut *tx)
    .await
    .map_err(history)?;
    let recorded: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FROM {}",
        ident(history_table)
    )))
    .fetch_one(&mut *tx)
    .await
    .map_err(history)?;
    if recorded > 0 {
        return Err(BaselineError::History(format!(
            "the database's history table {history_table} records {recorded} migration(s) already: its history has started; write the next migration with `ddl-gen migrate <name>` instead"
        )));
    }
    let applied_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO {} (version, applied_at) VALUES ($1, $2)",
        ident(history_table)
    )))
    .bind(&prepared.module)
    .bind(applied_at)
    .execute(&mut *tx)
    .await
    .map_err(history)?;

    let originals: Vec<(PathBuf, Option<String>)> = prepared
        .paths()
        .map(|p| (p.to_owned(), std::fs::read_to_string(p).ok()))
        .collect();
    let generated = prepared.write()?; // on an error, the transaction rolls back as it drops
    if let Err(e) = tx.commit().await {
        for (path, original) in originals {
            let _ = match original {
                Some(text) => std::fs::write(&path, text),
                None => std::fs::remove_file(&path),
            };
        }
        return Err(history(e));
    }
    let _ = conn.close().await;
    Ok(Baselined {
        generated,
        tables: report.tables,
        not_compared: report.not_compared.iter().map(|n| n.to_string()).collect(),
    })
}
