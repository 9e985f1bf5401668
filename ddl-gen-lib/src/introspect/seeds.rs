//! Seed rows read back: the rows the models' seeds name, found by their keys, each declared
//! column as PostgreSQL prints it. Only those rows are read (a seeded `users` table may hold a
//! million others), one index lookup each.

use model_core::{Seed, SeedRow};
use sqlx::Row;
use sqlx::postgres::PgConnection;

use super::{NotHeld, Reading};
use crate::render::{ident, qualified};

/// Rows looked up per query.
const BATCH: usize = 500;

/// Fills `reading.schema.seeds` with the rows `seeds` (the models') name, as the database at
/// `conn` holds them: the models' key (the row's identity on both sides of a comparison), and
/// each column the row declares as `quote_nullable(column::text)`. A row the database lacks is
/// left out (and so reported missing); so is a column it lacks (which the column comparison
/// reports). A table whose rows cannot be looked up (a key column of another type, say) is
/// named in `not_held` rather than compared.
pub async fn read_seeds(
    conn: &mut PgConnection,
    reading: &mut Reading,
    seeds: &[Seed],
) -> Result<(), sqlx::Error> {
    let mut out = Vec::new();
    for seed in seeds {
        let Some(table) = reading.schema.table(&seed.table) else {
            continue;
        };
        if !seed.key.iter().all(|k| table.column(k).is_some()) {
            continue;
        }
        // Every column some row declares and the table has, in the table's order.
        let columns: Vec<&str> = (table.columns.iter())
            .map(|c| c.name.as_str())
            .filter(|c| seed.rows.iter().any(|r| r.get(c).is_some()))
            .collect();
        let mut rows = Vec::new();
        let mut failed = None;
        for (b, batch) in seed.rows.chunks(BATCH).enumerate() {
            let select: Vec<String> = (columns.iter())
                .map(|c| format!("quote_nullable({}::text)", ident(c)))
                .collect();
            let branches: Vec<String> = (batch.iter().enumerate())
                .map(|(i, row)| {
                    format!(
                        "SELECT {}::int AS n{} FROM {} WHERE {}",
                        b * BATCH + i,
                        select.iter().fold(String::new(), |acc, s| acc + ", " + s),
                        qualified(&seed.table),
                        crate::render::key_condition(seed, row)
                    )
                })
                .collect();
            let sql = branches.join("\nUNION ALL ");
            match sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut *conn)
                .await
            {
                Ok(found) => {
                    for r in found {
                        let n: i32 = r.try_get(0)?;
                        let row = &seed.rows[n as usize];
                        let mut values = Vec::new();
                        for (i, c) in columns.iter().enumerate() {
                            if row.get(c).is_some() {
                                values.push(((*c).to_owned(), r.try_get::<String, _>(i + 1)?));
                            }
                        }
                        rows.push((
                            n,
                            SeedRow {
                                key: row.key.clone(),
                                values,
                            },
                        ));
                    }
                }
                Err(sqlx::Error::Database(e)) => {
                    failed = Some(e.message().to_owned());
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        if let Some(why) = failed {
            reading.not_held.push(NotHeld {
                kind: "seed rows".to_owned(),
                name: format!("of {} (cannot look them up: {why})", seed.table),
            });
            continue;
        }
        rows.sort_by_key(|(n, _)| *n);
        out.push(Seed {
            rows: rows.into_iter().map(|(_, r)| r).collect(),
            ..seed.clone()
        });
    }
    out.retain(|s| !s.rows.is_empty());
    out.sort_by(|a, b| a.table.cmp(&b.table));
    reading.schema.seeds = out;
    reading.not_held.sort();
    Ok(())
}
