//! Seed rows as SQL: `INSERT .. ON CONFLICT` for rows to have, `UPDATE` and `DELETE` by key for
//! rows a migration changes or removes.

use std::fmt::Write;

use model_core::{Identity, OnConflict, Seed, SeedRow, Table};

use super::ident::{ident, qualified};
use super::sequence::move_past_rows;

/// `INSERT INTO t (..) VALUES (..), .. ON CONFLICT (key) DO NOTHING | DO UPDATE SET ..;`, one
/// statement per set of columns the rows declare (in the order first met: a row leaving a column
/// out keeps its default, and `DO UPDATE` sets only what a row declares), each line ending with
/// a newline. Then, for a serial or identity column the rows set, its sequence moved past the
/// highest value in the table, so that the next row the application inserts does not take a
/// seeded key.
pub fn insert_seed_rows(table: &Table, seed: &Seed, rows: &[&SeedRow]) -> String {
    let mut groups: Vec<(Vec<&str>, Vec<&SeedRow>)> = Vec::new();
    for &row in rows {
        let columns: Vec<&str> = row.columns().collect();
        match groups.iter_mut().find(|(c, _)| *c == columns) {
            Some((_, members)) => members.push(row),
            None => groups.push((columns, vec![row])),
        }
    }
    let name = qualified(&table.name);
    let mut out = String::new();
    let mut sequenced: Vec<&str> = Vec::new();
    for (columns, members) in &groups {
        let list: Vec<String> = columns.iter().map(|c| ident(c)).collect();
        let overriding = columns.iter().any(|c| {
            table
                .column(c)
                .is_some_and(|c| c.identity == Identity::GeneratedAlways)
        });
        let _ = writeln!(
            out,
            "INSERT INTO {name} ({}){} VALUES",
            list.join(", "),
            if overriding {
                " OVERRIDING SYSTEM VALUE"
            } else {
                ""
            }
        );
        for (i, row) in members.iter().enumerate() {
            let values: Vec<&str> = row.values.iter().map(|(_, v)| v.as_str()).collect();
            let end = if i + 1 == members.len() { "" } else { "," };
            let _ = writeln!(out, "    ({}){end}", values.join(", "));
        }
        let key: Vec<String> = seed.key.iter().map(|c| ident(c)).collect();
        let set: Vec<String> = (columns.iter())
            .filter(|c| !seed.key.iter().any(|k| k == *c))
            .map(|c| format!("{0} = EXCLUDED.{0}", ident(c)))
            .collect();
        let action = match seed.on_conflict {
            OnConflict::DoUpdate if !set.is_empty() => format!("DO UPDATE SET {}", set.join(", ")),
            _ => "DO NOTHING".to_owned(),
        };
        let _ = writeln!(out, "ON CONFLICT ({}) {action};", key.join(", "));
        for c in columns {
            let numbered = table
                .column(c)
                .is_some_and(|c| c.identity != Identity::None);
            if numbered && !sequenced.contains(c) {
                sequenced.push(c);
            }
        }
    }
    for c in sequenced {
        let _ = writeln!(out, "{};", move_past_rows(&table.name, c));
    }
    out
}

/// `UPDATE t SET <the columns `after` declares that differ from `before`> WHERE <key>`, or
/// `None` when nothing it declares differs.
pub fn update_seed_row(seed: &Seed, before: &SeedRow, after: &SeedRow) -> Option<String> {
    let set: Vec<String> = (after.values.iter())
        .filter(|(c, v)| before.get(c) != Some(v.as_str()))
        .map(|(c, v)| format!("{} = {v}", ident(c)))
        .collect();
    (!set.is_empty()).then(|| {
        format!(
            "UPDATE {} SET {} WHERE {}",
            qualified(&seed.table),
            set.join(", "),
            key_condition(seed, after)
        )
    })
}

/// `DELETE FROM t WHERE <key>`.
pub fn delete_seed_row(seed: &Seed, row: &SeedRow) -> String {
    format!(
        "DELETE FROM {} WHERE {}",
        qualified(&seed.table),
        key_condition(seed, row)
    )
}

/// `k1 = v1 AND k2 = v2`: the row's key.
pub fn key_condition(seed: &Seed, row: &SeedRow) -> String {
    let parts: Vec<String> = (seed.key.iter())
        .map(|k| format!("{} = {}", ident(k), row.get(k).unwrap_or("NULL")))
        .collect();
    parts.join(" AND ")
}
