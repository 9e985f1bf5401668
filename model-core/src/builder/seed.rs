//! Seed rows checked against their table: the key resolved (the primary key unless declared),
//! every column there and writable, every row's key given and distinct.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Problems;
use crate::schema::{QualifiedName, Seed, Table};

/// `seed` with its key and its rows' identities filled in, or `None` with the problems said.
pub(super) fn resolve(mut seed: Seed, tables: &[Table], problems: &mut Problems) -> Option<Seed> {
    let name = seed.table.clone();
    let Ok(t) = tables.binary_search_by(|t| t.name.cmp(&name)) else {
        problems.push(format!(
            "seed rows are declared for {name}, which is not a table of the models; register its entity (a view takes no seed rows)"
        ));
        return None;
    };
    let table = &tables[t];
    if seed.rows.is_empty() {
        problems.push(format!(
            "the seed of {name} has no rows; give it rows or leave it out"
        ));
        return None;
    }
    if seed.key.is_empty() {
        match &table.primary_key {
            Some(pk) => seed.key = pk.columns.clone(),
            None => {
                problems.push(format!(
                    "the seed rows of {name} need a key to tell them apart, and the table has no primary key; name a unique key with .key(&[..])"
                ));
                return None;
            }
        }
    }
    let key = seed.key.join(", ");
    match arbiter(table, &seed.key) {
        Ok(true) => {}
        Ok(false) => {
            problems.push(format!(
                "the seed key ({key}) of {name} is not the primary key, a UNIQUE constraint or a unique index (without WHERE) over exactly those columns, so ON CONFLICT cannot use it; declare such a key or name one"
            ));
            return None;
        }
        Err(deferrable) => {
            problems.push(format!(
                "the seed key ({key}) of {name} is the deferrable {deferrable}, which ON CONFLICT cannot use; make it not deferrable or name another key"
            ));
            return None;
        }
    }
    let mut ok = true;
    let mut seen = BTreeSet::new();
    for (n, row) in seed.rows.iter_mut().enumerate() {
        let at = format!("seed row {} of {name}", n + 1);
        let mut declared = BTreeSet::new();
        for (column, value) in &row.values {
            if !declared.insert(column.as_str()) {
                problems.push(format!("{at} sets column {column} twice; set it once"));
                ok = false;
            }
            match table.column(column) {
                None => {
                    problems.push(format!(
                        "{at} sets column {column}, which {name} does not have; remove it or add the column"
                    ));
                    ok = false;
                }
                Some(c) if c.generated.is_some() => {
                    problems.push(format!(
                        "{at} sets {column}, a generated column PostgreSQL computes; leave it NotSet"
                    ));
                    ok = false;
                }
                Some(c) if !c.nullable && value == "NULL" => {
                    problems.push(format!(
                        "{at} sets {column} to NULL, and the column is NOT NULL; give it a value, or leave it NotSet for its default"
                    ));
                    ok = false;
                }
                Some(_) => {}
            }
        }
        let key: Vec<&str> = seed
            .key
            .iter()
            .map(|k| row.get(k).unwrap_or_default())
            .collect();
        if let Some(missing) =
            (seed.key.iter().zip(&key)).find(|(_, v)| v.is_empty() || **v == "NULL")
        {
            problems.push(format!(
                "{at} does not set key column {} (or sets it to NULL); a seed row needs its whole key ({}) to be found again",
                missing.0,
                seed.key.join(", ")
            ));
            ok = false;
            continue;
        }
        row.key = key.join(", ");
        if !seen.insert(row.key.clone()) {
            problems.push(format!(
                "{at} has the key ({}) of an earlier row; give each row its own",
                row.key
            ));
            ok = false;
        }
    }
    ok.then_some(seed)
}

/// Whether `key` is what ON CONFLICT can infer a unique index from: the primary key, a UNIQUE
/// constraint (neither deferrable), or a unique index on plain columns without a predicate, over
/// exactly `key`. `Err` names a deferrable key over those columns, which ON CONFLICT refuses.
fn arbiter(t: &Table, key: &[String]) -> Result<bool, String> {
    let same = |cols: &[String]| cols.len() == key.len() && cols.iter().all(|c| key.contains(c));
    let pk = t.primary_key.as_ref().filter(|pk| same(&pk.columns));
    let uniques: Vec<_> = t.uniques.iter().filter(|u| same(&u.columns)).collect();
    let index = (t.indexes.iter())
        .filter_map(|i| i.plain_unique_columns())
        .any(|cols| same(&cols));
    if index
        || pk.is_some_and(|pk| pk.deferral.is_immediate())
        || uniques.iter().any(|u| u.deferral.is_immediate())
    {
        return Ok(true);
    }
    match (pk, uniques.first()) {
        (Some(pk), _) => Err(format!("primary key {}", pk.name)),
        (None, Some(u)) => Err(format!("UNIQUE constraint {}", u.name)),
        (None, None) => Ok(false),
    }
}

/// Seed rows of two or more tables that point at each other's rows in a cycle: no order of the
/// inserts satisfies the foreign keys, so the script could not be ordered. `seeds` and `tables`
/// are sorted by table.
pub(super) fn cycles(seeds: &[Seed], tables: &[Table], problems: &mut Problems) {
    // Table -> the other seeded tables its seed rows point at.
    let mut points: BTreeMap<&QualifiedName, BTreeSet<&QualifiedName>> = BTreeMap::new();
    for seed in seeds {
        let Ok(t) = tables.binary_search_by(|t| t.name.cmp(&seed.table)) else {
            continue;
        };
        for fk in tables[t]
            .foreign_keys
            .iter()
            .filter(|fk| fk.references != seed.table)
        {
            let Ok(p) = seeds.binary_search_by(|s| s.table.cmp(&fk.references)) else {
                continue;
            };
            if seed
                .rows
                .iter()
                .any(|r| seeds[p].row_referenced_by(fk, r).is_some())
            {
                points
                    .entry(&seed.table)
                    .or_default()
                    .insert(&seeds[p].table);
            }
        }
    }
    // A table that reaches itself is on a cycle; each cycle is named once, by its first table.
    let mut named: BTreeSet<&QualifiedName> = BTreeSet::new();
    for &start in points.keys() {
        let mut path = vec![start];
        let mut seen = BTreeSet::new();
        if reaches(&points, start, start, &mut path, &mut seen) && !named.contains(start) {
            named.extend(path.iter().copied());
            let names: Vec<String> = path.iter().map(|t| t.to_string()).collect();
            problems.push(format!(
                "the seed rows of {} point at each other's rows in a cycle, so none can be inserted first; leave one side's foreign key NotSet in the seed and set it in a migration of your own",
                names.join(" -> ")
            ));
        }
    }
}

/// Whether `from` reaches `goal` along `points`, with the path taken in `path`.
fn reaches<'a>(
    points: &BTreeMap<&'a QualifiedName, BTreeSet<&'a QualifiedName>>,
    from: &'a QualifiedName,
    goal: &QualifiedName,
    path: &mut Vec<&'a QualifiedName>,
    seen: &mut BTreeSet<&'a QualifiedName>,
) -> bool {
    for &next in points.get(from).into_iter().flatten() {
        if next == goal {
            return true;
        }
        if seen.insert(next) {
            path.push(next);
            if reaches(points, next, goal, path, seen) {
                return true;
            }
            path.pop();
        }
    }
    false
}
