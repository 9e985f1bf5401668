//! `ddl-gen migrate <name> --rehearse URL`: a migration tried before it is written. On a
//! scratch database of that server, built from the schema the last migration left (no rows),
//! the migration's `up` runs, then its `down`, then `up` again, each step as the migration runs
//! it (in its transaction, or alone); after each, the scratch database is read back and
//! compared, catalog to catalog, with the schema it must now hold, built fresh in a second
//! scratch database. Any failure or difference stops it, and nothing is written. Every scratch
//! database is dropped on every path out, Ctrl-C included.

use model_core::{Schema, Seed};
use sqlx::{Connection, PgConnection};

use crate::compare::{ChangeKind, compare, report};
use crate::connect::Target;
use crate::introspect::{Reading, read, read_seeds};
use crate::migration::{Runs, Step};
use crate::render::{CreateOptions, create_script, ident};

#[derive(Debug)]
pub enum RehearseError {
    BadUrl(String),
    Connect(String),
    /// The scratch database cannot be made (the role needs CREATEDB).
    Scratch(String),
    /// A statement failed: the phase, the step, PostgreSQL's error.
    Step(&'static str, String, String),
    /// After a phase, the scratch database is not what it must be: the differences.
    Differs(&'static str, &'static str, Vec<String>),
    Read(String),
    Interrupted,
}

impl std::fmt::Display for RehearseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let nothing = "nothing was written";
        match self {
            Self::BadUrl(e) | Self::Connect(e) | Self::Read(e) => write!(f, "rehearsal: {e}"),
            Self::Scratch(e) => write!(
                f,
                "rehearsal: cannot create a scratch database ({e}); the role needs CREATEDB"
            ),
            Self::Step(phase, step, e) => write!(
                f,
                "the rehearsal's {phase} failed at step \"{}\": {e}; {nothing}",
                report::one_line(step)
            ),
            Self::Differs(phase, what, lines) => {
                writeln!(
                    f,
                    "after the rehearsal's {phase}, the scratch database differs from {what}; {nothing}:"
                )?;
                for line in lines {
                    writeln!(f, "  - {line}")?;
                }
                write!(
                    f,
                    "This is a bug of the planner: please report it with the models' change."
                )
            }
            Self::Interrupted => write!(
                f,
                "rehearsal interrupted; no scratch database is left behind, {nothing}"
            ),
        }
    }
}

impl std::error::Error for RehearseError {}

/// Rehearses `up` (from `state` to `models`) and `down` on the server of `url`; returns one line
/// per phase passed.
pub async fn rehearse(
    url: &str,
    state: &Schema,
    models: &Schema,
    up: &[Step],
    down: &[Step],
) -> Result<Vec<String>, RehearseError> {
    let target = Target::parse(url).map_err(RehearseError::BadUrl)?;
    let mut admin = target.connect().await.map_err(RehearseError::Connect)?;
    let names = Scratch::names();
    let work = async {
        let mut schemas: Vec<String> = (state.namespaces.iter())
            .chain(&models.namespaces)
            .map(|n| n.name.clone())
            .collect();
        schemas.sort();
        schemas.dedup();
        // Seed rows of either side are looked up on every side: a row down leaves behind is
        // found, not just the rows one side declares.
        let seeds = probe(&state.seeds, &models.seeds);
        let expected_models = built(
            &mut admin,
            &target,
            &names.expected,
            models,
            &schemas,
            &seeds,
        )
        .await?;
        let expected_state = built(
            &mut admin,
            &target,
            &names.expected,
            state,
            &schemas,
            &seeds,
        )
        .await?;
        create(&mut admin, &target, &names.work).await?;
        let mut work =
            (target.with_database(&names.work).connect().await).map_err(RehearseError::Connect)?;
        let start = create_script(state, CreateOptions::default());
        sqlx::raw_sql(sqlx::AssertSqlSafe(start))
            .execute(&mut work)
            .await
            .map_err(|e| {
                RehearseError::Step(
                    "start",
                    "the last migration's schema".into(),
                    target.message(&e),
                )
            })?;
        let phases: [(&'static str, &[Step], &Reading, &'static str); 3] = [
            ("up", up, &expected_models, "the models"),
            ("down", down, &expected_state, "the last migration's schema"),
            ("up again", up, &expected_models, "the models"),
        ];
        let mut passed = Vec::new();
        for (phase, steps, expected, what) in phases {
            apply(&mut work, steps)
                .await
                .map_err(|(step, e)| RehearseError::Step(phase, step, target.message(&e)))?;
            let mut actual = read(&mut work, &schemas)
                .await
                .map_err(|e| RehearseError::Read(e.describe(|e| target.message(e))))?;
            read_seeds(&mut work, &mut actual, &seeds)
                .await
                .map_err(|e| RehearseError::Read(target.message(&e)))?;
            let differences = differences(&actual, expected);
            if !differences.is_empty() {
                return Err(RehearseError::Differs(phase, what, differences));
            }
            passed.push(format!(
                "{phase}: {} step(s), then the database equals {what}",
                steps.len()
            ));
        }
        let _ = work.close().await;
        Ok(passed)
    };
    let result = tokio::select! {
        result = work => result,
        _ = crate::verify::interrupted() => Err(RehearseError::Interrupted),
    };
    names.drop_all(&target).await;
    let _ = admin.close().await;
    result
}

/// The two scratch databases' names: the one the migration runs in, and the one each expected
/// schema is built in, then read.
struct Scratch {
    work: String,
    expected: String,
}

impl Scratch {
    fn names() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let stem = format!("ddl_gen_rehearse_{}_{nanos}", std::process::id());
        Self {
            work: stem.clone(),
            expected: format!("{stem}_expected"),
        }
    }

    /// Drops both, over a connection of its own (another may be mid-statement).
    async fn drop_all(&self, target: &Target) {
        let Ok(mut conn) = target.connect().await else {
            eprintln!(
                "ddl-gen: warning: could not connect to drop the scratch databases {} and {}",
                self.work, self.expected
            );
            return;
        };
        for name in [&self.work, &self.expected] {
            if let Err(e) = drop_database(&mut conn, name).await {
                eprintln!("ddl-gen: warning: could not drop the scratch database {name}: {e}");
            }
        }
        let _ = conn.close().await;
    }
}

async fn create(
    admin: &mut PgConnection,
    target: &Target,
    name: &str,
) -> Result<(), RehearseError> {
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {} TEMPLATE template0",
        ident(name)
    )))
    .execute(admin)
    .await
    .map(drop)
    .map_err(|e| RehearseError::Scratch(target.message(&e)))
}

async fn drop_database(conn: &mut PgConnection, name: &str) -> Result<(), sqlx::Error> {
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        ident(name)
    )))
    .execute(conn)
    .await
    .map(drop)
}

/// `schema` built fresh in scratch database `name` and read back (in `schemas`); the database
/// is dropped after.
async fn built(
    admin: &mut PgConnection,
    target: &Target,
    name: &str,
    schema: &Schema,
    schemas: &[String],
    seeds: &[Seed],
) -> Result<Reading, RehearseError> {
    create(admin, target, name).await?;
    let result = async {
        let mut conn =
            (target.with_database(name).connect().await).map_err(RehearseError::Connect)?;
        let script = create_script(schema, CreateOptions::default());
        let applied = sqlx::raw_sql(sqlx::AssertSqlSafe(script))
            .execute(&mut conn)
            .await;
        let reading = match applied {
            Ok(_) => match read(&mut conn, schemas).await {
                Ok(mut reading) => read_seeds(&mut conn, &mut reading, seeds)
                    .await
                    .map(|()| reading)
                    .map_err(|e| RehearseError::Read(target.message(&e))),
                Err(e) => Err(RehearseError::Read(e.describe(|e| target.message(e)))),
            },
            Err(e) => Err(RehearseError::Step(
                "start",
                "the create script".into(),
                target.message(&e),
            )),
        };
        let _ = conn.close().await;
        reading
    }
    .await;
    let _ = drop_database(admin, name).await;
    result
}

/// The seed rows of both sides, to look up on each: every key either declares, with the
/// columns both versions of a row declare (a column only one declares is not put back by the
/// other's migration, so it is not compared).
fn probe(a: &[Seed], b: &[Seed]) -> Vec<Seed> {
    let mut out: Vec<Seed> = a.to_vec();
    for seed in b {
        match out
            .iter_mut()
            .find(|s| s.table == seed.table && s.key == seed.key)
        {
            Some(have) => {
                for row in &seed.rows {
                    match have.rows.iter_mut().find(|r| r.key == row.key) {
                        Some(r) => r.values.retain(|(c, _)| row.get(c).is_some()),
                        None => have.rows.push(row.clone()),
                    }
                }
            }
            None => out.push(seed.clone()),
        }
    }
    out
}

/// Runs `steps` as the migration runs them: in transactions, a new one where a step asks for
/// it, and alone (outside any) where a step must be. On an error, the open transaction is
/// rolled back and the failing step named.
async fn apply(conn: &mut PgConnection, steps: &[Step]) -> Result<(), (String, sqlx::Error)> {
    let mut open = false;
    for step in steps {
        let run = |sql: &'static str| sqlx::raw_sql(sql);
        match step.runs {
            Runs::InTransaction if open => {}
            Runs::InTransaction | Runs::NewTransaction | Runs::Alone { .. } => {
                if open {
                    run("COMMIT")
                        .execute(&mut *conn)
                        .await
                        .map_err(|e| (step.summary.clone(), e))?;
                    open = false;
                }
                if !matches!(step.runs, Runs::Alone { .. }) {
                    run("BEGIN")
                        .execute(&mut *conn)
                        .await
                        .map_err(|e| (step.summary.clone(), e))?;
                    open = true;
                }
            }
        }
        let done = sqlx::raw_sql(sqlx::AssertSqlSafe(step.action.sql()))
            .execute(&mut *conn)
            .await;
        if let Err(e) = done {
            if open {
                let _ = sqlx::raw_sql("ROLLBACK").execute(&mut *conn).await;
            }
            return Err((step.summary.clone(), e));
        }
    }
    if open {
        sqlx::raw_sql("COMMIT")
            .execute(&mut *conn)
            .await
            .map_err(|e| ("the last transaction's COMMIT".to_owned(), e))?;
    }
    Ok(())
}

/// What differs between the rehearsed database and the expected one, as `verify` words it;
/// a table's column order is left out: a migration adds a column at the end of its table,
/// and PostgreSQL cannot move one.
fn differences(actual: &Reading, expected: &Reading) -> Vec<String> {
    let changes: Vec<_> = compare(&actual.schema, &expected.schema, &[])
        .into_iter()
        .filter(|c| match &c.kind {
            ChangeKind::Alter { details, .. } => !details
                .iter()
                .all(|d| d.aspect == crate::compare::Aspect::ColumnOrder),
            _ => true,
        })
        .collect();
    let mut lines: Vec<String> = report::lines(&changes, report::VERIFY)
        .into_iter()
        .map(|d| d.text)
        .collect();
    lines.extend(actual.not_held.iter().map(|n| format!("not compared: {n}")));
    lines
}
