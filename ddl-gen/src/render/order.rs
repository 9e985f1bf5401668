//! The order tables are created in: every table after the tables its foreign keys reference,
//! ties broken by name, so the output does not depend on registration order. Foreign keys that
//! close a cycle are left out of `CREATE TABLE` and added afterwards with `ALTER TABLE`.
//!
//! Kahn's algorithm over a `BTreeSet` of ready tables: O((tables + keys) log tables).

use std::collections::{BTreeMap, BTreeSet};

use model_core::{QualifiedName, Schema, Table};

pub struct TableOrder<'a> {
    /// Tables in creation order.
    pub tables: Vec<&'a Table>,
    /// Foreign keys (table, index into `foreign_keys`) created after all tables.
    pub deferred: BTreeSet<(&'a QualifiedName, usize)>,
}

impl TableOrder<'_> {
    pub fn is_deferred(&self, table: &QualifiedName, fk: usize) -> bool {
        self.deferred.contains(&(table, fk))
    }
}

pub fn table_order(schema: &Schema) -> TableOrder<'_> {
    let by_name: BTreeMap<&QualifiedName, &Table> =
        schema.tables.iter().map(|t| (&t.name, t)).collect();
    // For each table, how many distinct other tables it still waits for; and who waits for it.
    let mut waiting: BTreeMap<&QualifiedName, BTreeSet<&QualifiedName>> = BTreeMap::new();
    let mut dependents: BTreeMap<&QualifiedName, Vec<&QualifiedName>> = BTreeMap::new();
    for t in &schema.tables {
        let deps: BTreeSet<&QualifiedName> = t
            .foreign_keys
            .iter()
            .map(|fk| &fk.references)
            .filter(|r| *r != &t.name && by_name.contains_key(r))
            .collect();
        for d in &deps {
            dependents.entry(d).or_default().push(&t.name);
        }
        waiting.insert(&t.name, deps);
    }
    let mut ready: BTreeSet<&QualifiedName> = waiting
        .iter()
        .filter(|(_, d)| d.is_empty())
        .map(|(n, _)| *n)
        .collect();
    let mut remaining: BTreeSet<&QualifiedName> = waiting.keys().copied().collect();
    let mut created: BTreeSet<&QualifiedName> = BTreeSet::new();
    let mut order = TableOrder {
        tables: Vec::with_capacity(schema.tables.len()),
        deferred: BTreeSet::new(),
    };

    while let Some(&next) = ready.first().or(remaining.first()) {
        // When nothing is ready, the first remaining table closes a cycle: its keys to tables
        // not yet created wait until every table exists.
        ready.remove(next);
        remaining.remove(next);
        let table = by_name[next];
        for (i, fk) in table.foreign_keys.iter().enumerate() {
            if fk.references != table.name && !created.contains(&fk.references) {
                order.deferred.insert((&table.name, i));
            }
        }
        created.insert(next);
        order.tables.push(table);
        for dependent in dependents.get(next).into_iter().flatten() {
            if let Some(deps) = waiting.get_mut(dependent) {
                deps.remove(next);
                if deps.is_empty() && remaining.contains(dependent) {
                    ready.insert(dependent);
                }
            }
        }
    }
    order
}
