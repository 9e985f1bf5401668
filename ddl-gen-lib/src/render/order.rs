//! The order tables are created in: every table after the tables its foreign keys reference,
//! ties broken by name, so the output does not depend on registration order.
//!
//! Tables that reference each other in a cycle form a strongly connected component (Tarjan).
//! Components are ordered like single tables (Kahn's algorithm over the condensed graph, the
//! ready set ordered by the component's first name); inside a component, tables go in name order
//! and a foreign key to a table not yet created waits for `ALTER TABLE` after all tables. So
//! does one whose referenced key `CREATE TABLE` does not make: a unique index, or a UNIQUE
//! constraint PostgreSQL would fold into the primary key (see [`unique_is_inline`]).
//! Everything is O((tables + keys) log tables).

use std::collections::{BTreeMap, BTreeSet};

use model_core::{ForeignKey, QualifiedName, Schema, Table};

use super::create::unique_is_inline;
use crate::compare::ObjectId;
use crate::graph::referenced_key;

pub struct TableOrder<'a> {
    /// Tables in creation order.
    pub tables: Vec<&'a Table>,
    /// Foreign keys (table, index into `foreign_keys`) added after all tables exist.
    deferred: BTreeSet<(&'a QualifiedName, usize)>,
}

impl TableOrder<'_> {
    pub fn is_deferred(&self, table: &QualifiedName, fk: usize) -> bool {
        self.deferred.contains(&(table, fk))
    }
}

pub fn table_order(schema: &Schema) -> TableOrder<'_> {
    let mut tables: Vec<&Table> = schema.tables.iter().collect();
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    let index: BTreeMap<&QualifiedName, usize> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.name, i))
        .collect();
    // depends[i]: the tables i references (itself excluded), sorted and distinct.
    let depends: Vec<Vec<usize>> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let set: BTreeSet<usize> = t
                .foreign_keys
                .iter()
                .filter_map(|fk| index.get(&fk.references).copied())
                .filter(|&j| j != i)
                .collect();
            set.into_iter().collect()
        })
        .collect();

    let component = strongly_connected(&depends);
    let count = component.iter().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, &c) in component.iter().enumerate() {
        members[c].push(i); // in name order, since i is
    }
    // Condensed graph: how many components each waits for, and who waits for each.
    let mut waiting = vec![0usize; count];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); count];
    for c in 0..count {
        let deps: BTreeSet<usize> = members[c]
            .iter()
            .flat_map(|&i| depends[i].iter().map(|&j| component[j]))
            .filter(|&d| d != c)
            .collect();
        waiting[c] = deps.len();
        for d in deps {
            dependents[d].push(c);
        }
    }
    // Components are keyed by their first (smallest) table index, i.e. their first name.
    let mut ready: BTreeSet<(usize, usize)> = (0..count)
        .filter(|&c| waiting[c] == 0)
        .map(|c| (members[c][0], c))
        .collect();
    let mut created = vec![false; tables.len()];
    let mut order = TableOrder {
        tables: Vec::with_capacity(tables.len()),
        deferred: BTreeSet::new(),
    };
    while let Some((_, c)) = ready.pop_first() {
        for &i in &members[c] {
            let table = tables[i];
            for (k, fk) in table.foreign_keys.iter().enumerate() {
                let waits_for_table = index
                    .get(&fk.references)
                    .is_some_and(|&j| j != i && !created[j]);
                if waits_for_table || !key_made_by_create_table(schema, fk) {
                    order.deferred.insert((&table.name, k));
                }
            }
            created[i] = true;
            order.tables.push(table);
        }
        for &d in &dependents[c] {
            waiting[d] -= 1;
            if waiting[d] == 0 {
                ready.insert((members[d][0], d));
            }
        }
    }
    order
}

/// Whether the key `fk` references is made by its table's `CREATE TABLE` (a primary key or an
/// inline UNIQUE constraint). A key outside the schema is taken to exist.
fn key_made_by_create_table(schema: &Schema, fk: &ForeignKey) -> bool {
    match referenced_key(schema, fk) {
        None | Some(ObjectId::PrimaryKey(..)) => true,
        Some(ObjectId::Unique(t, name)) => schema
            .table(&t)
            .and_then(|t| t.uniques.iter().find(|u| u.name == name).map(|u| (t, u)))
            .is_some_and(|(t, u)| unique_is_inline(t, u)),
        Some(_) => false,
    }
}

/// Tarjan's algorithm, iterative (no recursion depth limit on long chains of references):
/// the component number of every node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut number = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![UNSEEN; n];
    let mut next_number = 0;
    let mut next_component = 0;
    for root in 0..n {
        if number[root] != UNSEEN {
            continue;
        }
        // (node, next edge to look at)
        let mut calls = vec![(root, 0usize)];
        number[root] = next_number;
        low[root] = next_number;
        next_number += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if number[w] == UNSEEN {
                    number[w] = next_number;
                    low[w] = next_number;
                    next_number += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(number[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == number[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn finds_cycles_and_leaves_chains_apart() {
        // 0 -> 1 -> 2 -> 1 (cycle 1-2), 3 -> 0, 4 alone
        let c = strongly_connected(&[vec![1], vec![2], vec![1], vec![0], vec![]]);
        assert_eq!(c[1], c[2]);
        let distinct: std::collections::BTreeSet<_> =
            [c[0], c[1], c[3], c[4]].into_iter().collect();
        assert_eq!(distinct.len(), 4);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let c = strongly_connected(&edges);
        assert_eq!(c.iter().collect::<std::collections::BTreeSet<_>>().len(), n);
    }
}
