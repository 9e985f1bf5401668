//! `ddl-gen inspect` and `ddl-gen diff`: live databases read back and shown, without models.
//!
//! `inspect` prints the create script of what the tool reads, then names what it could not
//! hold; `diff` compares two databases through the one comparison, and names on each side what
//! it could not compare. Neither needs more than the right to read the catalogs.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::Duration;

use model_core::QualifiedName;
use sqlx::Connection;

use crate::compare::compare;
pub use crate::compare::report::one_line;
use crate::compare::report::{self, Difference};
use crate::connect::Target;
use crate::history;
use crate::introspect::{NotHeld, ReadError, Reading, read_waiting, user_schemas};
use crate::render::{CreateOptions, create_script};

/// Reads the database at `url`: `schemas`, or every schema its users made when empty, waiting
/// at most `lock_timeout` for a lock another session holds.
pub async fn read_database(
    url: &str,
    schemas: &[String],
    lock_timeout: Duration,
) -> Result<Reading, String> {
    let target = Target::parse(url)?;
    let mut conn = target.connect().await?;
    let result = async {
        let schemas = if schemas.is_empty() {
            user_schemas(&mut conn).await?
        } else {
            schemas.to_vec()
        };
        read_waiting(&mut conn, &schemas, lock_timeout).await
    }
    .await
    .map_err(|e: ReadError| {
        let why = e.describe(|e| target.message(e));
        format!("cannot read {}: {why}", target.label)
    });
    let _ = conn.close().await;
    result
}

/// The schemas the users of the database at `url` made.
async fn schemas_of(url: &str) -> Result<Vec<String>, String> {
    let target = Target::parse(url)?;
    let mut conn = target.connect().await?;
    let schemas = user_schemas(&mut conn)
        .await
        .map_err(|e| format!("cannot read {}: {}", target.label, target.message(&e)));
    let _ = conn.close().await;
    schemas
}

/// The create script of `reading`, then a comment block naming what it leaves out.
pub fn inspect_script(reading: &Reading) -> String {
    let mut out = create_script(&reading.schema, CreateOptions::default());
    if !reading.not_held.is_empty() {
        let _ = writeln!(
            out,
            "\n-- Not carried over: the database holds {} object(s) this tool cannot represent yet:",
            reading.not_held.len()
        );
        for n in &reading.not_held {
            let _ = writeln!(out, "--   {}", one_line(&n.to_string()));
        }
    }
    out
}

/// The comparison of two databases.
#[derive(Debug)]
pub struct DiffReport {
    pub differences: Vec<Difference>,
    /// sea-orm-migration's history tables, set aside on either side.
    pub history_tables: Vec<QualifiedName>,
    /// What either side holds that could not be compared, with the sides that hold it.
    pub not_compared: Vec<(NotHeld, Sides)>,
}

/// Which sides of a `diff` hold an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sides {
    From,
    To,
    Both,
}

impl DiffReport {
    /// The `not compared:` lines.
    pub fn not_compared_lines(&self) -> Vec<String> {
        not_compared_lines(&self.not_compared)
    }
}

/// A `not compared: <object> (<sides>)` line for each object.
pub fn not_compared_lines(objects: &[(NotHeld, Sides)]) -> Vec<String> {
    (objects.iter())
        .map(|(n, sides)| {
            let sides = match sides {
                Sides::From => "only in from",
                Sides::To => "only in to",
                Sides::Both => "in both",
            };
            format!("not compared: {} ({sides})", one_line(&n.to_string()))
        })
        .collect()
}

/// Two databases read for `diff`, with sea-orm-migration's history tables set aside.
#[derive(Debug)]
pub struct Pair {
    pub from: Reading,
    pub to: Reading,
    /// The history tables set aside, on either side.
    pub history_tables: Vec<QualifiedName>,
}

impl Pair {
    /// What either side holds that could not be compared, with the sides that hold it.
    pub fn not_compared(&self) -> Vec<(NotHeld, Sides)> {
        let mut sides: BTreeMap<&NotHeld, Sides> = BTreeMap::new();
        for n in &self.from.not_held {
            sides.insert(n, Sides::From);
        }
        for n in &self.to.not_held {
            sides
                .entry(n)
                .and_modify(|s| *s = Sides::Both)
                .or_insert(Sides::To);
        }
        sides.into_iter().map(|(n, s)| (n.clone(), s)).collect()
    }
}

/// Reads the databases at `from` and `to` (the given schemas, or all their users' schemas) and
/// sets sea-orm-migration's history table (`history_table`, in whatever schema) aside.
pub async fn read_pair(
    from: &str,
    to: &str,
    schemas: &[String],
    lock_timeout: Duration,
    history_table: &str,
) -> Result<Pair, String> {
    // Without --schema: the union of both sides' schemas, so that a schema only one side has
    // shows as missing on the other.
    let schemas = if schemas.is_empty() {
        let mut all = schemas_of(from).await?;
        all.extend(schemas_of(to).await?);
        all.sort();
        all.dedup();
        all
    } else {
        schemas.to_vec()
    };
    let mut before = read_database(from, &schemas, lock_timeout).await?;
    let mut after = read_database(to, &schemas, lock_timeout).await?;
    let mut history_tables = history::set_aside(&mut before.schema, history_table, None);
    history_tables.extend(history::set_aside(&mut after.schema, history_table, None));
    history_tables.sort();
    history_tables.dedup();
    Ok(Pair {
        from: before,
        to: after,
        history_tables,
    })
}

/// Compares the databases at `from` and `to` (see [`read_pair`]).
pub async fn diff(
    from: &str,
    to: &str,
    schemas: &[String],
    lock_timeout: Duration,
    history_table: &str,
) -> Result<DiffReport, String> {
    let pair = read_pair(from, to, schemas, lock_timeout, history_table).await?;
    let differences = report::lines(
        &compare(&pair.from.schema, &pair.to.schema, &[]),
        report::DIFF,
    );
    Ok(DiffReport {
        differences,
        not_compared: pair.not_compared(),
        history_tables: pair.history_tables,
    })
}
