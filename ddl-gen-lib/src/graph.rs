//! The dependency graph: what each object needs to exist before it (tables on their schema and
//! the types their columns use, keys and indexes on their columns, a foreign key on the key it
//! references, triggers on their function), and a deterministic topological sort.
//!
//! Creation runs along the edges, dropping against them; the migration planner and the scripts
//! both order by this one graph.

use std::collections::BTreeSet;

use model_core::{ColumnType, ForeignKey, QualifiedName, Schema, Sequence, Table};

use crate::compare::{Object, ObjectId};

/// A schema's objects by identity, for looking dependencies up.
pub struct Catalog<'a> {
    pub schema: &'a Schema,
}

impl<'a> Catalog<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        Self { schema }
    }

    /// The object `id` names, looked up where it lives (tables by binary search: a plan asks
    /// for a few objects of schemas of thousands of tables).
    pub fn get(&self, id: &ObjectId) -> Option<Object<'a>> {
        let s = self.schema;
        let on = |t: &QualifiedName| s.table(t);
        match id {
            ObjectId::Schema(n) => s
                .namespaces
                .iter()
                .find(|x| x.name == *n)
                .map(Object::Schema),
            ObjectId::Extension(n) => s
                .extensions
                .iter()
                .find(|x| x.name == *n)
                .map(Object::Extension),
            ObjectId::Enum(n) => s.enums.iter().find(|x| x.name == *n).map(Object::Enum),
            ObjectId::Function(n) => s
                .functions
                .iter()
                .find(|x| x.name == *n)
                .map(Object::Function),
            ObjectId::Sequence(n) => s
                .sequences
                .iter()
                .find(|x| x.name == *n)
                .map(Object::Sequence),
            ObjectId::Table(t) => on(t).map(Object::Table),
            ObjectId::Column(t, n) => on(t).and_then(|t| t.column(n).map(|c| Object::Column(t, c))),
            ObjectId::PrimaryKey(t, n) => on(t).and_then(|t| {
                t.primary_key
                    .as_ref()
                    .filter(|pk| pk.name == *n)
                    .map(|pk| Object::PrimaryKey(t, pk))
            }),
            ObjectId::Unique(t, n) => on(t).and_then(|t| {
                t.uniques
                    .iter()
                    .find(|x| x.name == *n)
                    .map(|x| Object::Unique(t, x))
            }),
            ObjectId::Check(t, n) => on(t).and_then(|t| {
                t.checks
                    .iter()
                    .find(|x| x.name == *n)
                    .map(|x| Object::Check(t, x))
            }),
            ObjectId::ForeignKey(t, n) => on(t).and_then(|t| {
                t.foreign_keys
                    .iter()
                    .find(|x| x.name == *n)
                    .map(|x| Object::ForeignKey(t, x))
            }),
            ObjectId::Index(t, n) => on(t).and_then(|t| {
                t.indexes
                    .iter()
                    .find(|x| x.name == *n)
                    .map(|x| Object::Index(t, x))
            }),
            ObjectId::Trigger(t, n) => on(t).and_then(|t| {
                t.triggers
                    .iter()
                    .find(|x| x.name == *n)
                    .map(|x| Object::Trigger(t, x))
            }),
        }
    }

    /// What `object` needs to exist first (never itself).
    pub fn dependencies(&self, object: Object<'_>) -> Vec<ObjectId> {
        let extensions = || {
            self.schema
                .extensions
                .iter()
                .map(|e| ObjectId::Extension(e.name.clone()))
        };
        // A key, index or constraint needs its columns, and the enum types they hold: an
        // expression comparing a column with an enum value is bound to that type.
        let columns = |t: &Table, names: &mut dyn Iterator<Item = &str>| -> Vec<ObjectId> {
            let mut out = vec![ObjectId::Table(t.name.clone())];
            for name in names {
                out.push(ObjectId::Column(t.name.clone(), name.to_owned()));
                if let Some(ColumnType::Enum(e)) = t.column(name).map(|c| &c.ty) {
                    out.push(ObjectId::Enum(e.clone()));
                }
            }
            out
        };
        let mut out: Vec<ObjectId> = match object {
            Object::Schema(_) | Object::Extension(_) => vec![],
            Object::Enum(e) => vec![ObjectId::Schema(e.name.schema.clone())],
            Object::Function(f) => {
                let mut out = vec![ObjectId::Schema(f.name.schema.clone())];
                out.extend(extensions());
                out
            }
            Object::Sequence(s) => vec![ObjectId::Schema(s.name.schema.clone())],
            Object::Table(t) => vec![ObjectId::Schema(t.name.schema.clone())],
            Object::Column(t, c) => {
                let mut out = vec![ObjectId::Table(t.name.clone())];
                if let ColumnType::Enum(e) = &c.ty {
                    out.push(ObjectId::Enum(e.clone()));
                }
                // A default that reads a sequence (`nextval('..')`) needs it.
                if let Some(default) = &c.default {
                    out.extend(
                        Sequence::used_by(default, &t.name.schema)
                            .into_iter()
                            .map(ObjectId::Sequence),
                    );
                }
                out.extend(extensions());
                out
            }
            Object::PrimaryKey(t, pk) => columns(t, &mut pk.columns.iter().map(String::as_str)),
            Object::Unique(t, u) => columns(t, &mut u.columns.iter().map(String::as_str)),
            Object::Check(t, _) => {
                // The expression is raw SQL: it may read any column.
                let mut out = columns(t, &mut t.columns.iter().map(|c| c.name.as_str()));
                out.extend(extensions());
                out
            }
            Object::ForeignKey(t, fk) => {
                let mut out = columns(t, &mut fk.columns.iter().map(String::as_str));
                out.push(ObjectId::Table(fk.references.clone()));
                out.extend(
                    fk.referenced_columns
                        .iter()
                        .map(|c| ObjectId::Column(fk.references.clone(), c.clone())),
                );
                out.extend(self.referenced_key(fk));
                out
            }
            Object::Index(t, i) => {
                let mut names: Vec<&str> = i.keys.iter().flat_map(|k| k.columns()).collect();
                names.extend(i.include.iter().map(String::as_str));
                if i.predicate.is_some()
                    || i.keys
                        .iter()
                        .any(|k| matches!(k.kind, model_core::IndexKeyKind::Expression(_)))
                {
                    // Raw SQL may read any column.
                    names.extend(t.columns.iter().map(|c| c.name.as_str()));
                }
                let mut out = columns(t, &mut names.into_iter());
                out.extend(extensions());
                out
            }
            Object::Trigger(t, tr) => {
                vec![
                    ObjectId::Table(t.name.clone()),
                    ObjectId::Function(tr.function.clone()),
                ]
            }
        };
        let me = object.id();
        out.retain(|d| *d != me);
        out.sort();
        out.dedup();
        out
    }

    /// The key a foreign key points at (see [`referenced_key`]).
    pub fn referenced_key(&self, fk: &ForeignKey) -> Option<ObjectId> {
        referenced_key(self.schema, fk)
    }
}

/// The key a foreign key points at: the referenced table's primary key, UNIQUE constraint or
/// plain unique index (no predicate, no expression) over exactly the referenced columns.
pub fn referenced_key(schema: &Schema, fk: &ForeignKey) -> Option<ObjectId> {
    let t = schema.table(&fk.references)?;
    let wanted: BTreeSet<&str> = fk.referenced_columns.iter().map(String::as_str).collect();
    let same = |cols: &mut dyn Iterator<Item = &str>| cols.collect::<BTreeSet<_>>() == wanted;
    let name = t.name.clone();
    if let Some(pk) = &t.primary_key
        && same(&mut pk.columns.iter().map(String::as_str))
    {
        return Some(ObjectId::PrimaryKey(name, pk.name.clone()));
    }
    if let Some(u) = t
        .uniques
        .iter()
        .find(|u| same(&mut u.columns.iter().map(String::as_str)))
    {
        return Some(ObjectId::Unique(name, u.name.clone()));
    }
    t.indexes
        .iter()
        .filter(|i| i.unique && i.predicate.is_none())
        .find(|i| {
            i.keys
                .iter()
                .all(|k| matches!(k.kind, model_core::IndexKeyKind::Column(_)))
                && same(&mut i.keys.iter().flat_map(|k| k.columns()))
        })
        .map(|i| ObjectId::Index(name, i.name.clone()))
}

/// A topological order of `count` nodes: every edge `(before, after)` respected, and among the
/// nodes that are free to go, the one with the smallest `key` first. `Err` holds the nodes left
/// on a cycle.
pub fn topological_order<K: Ord>(
    count: usize,
    edges: &[(usize, usize)],
    key: impl Fn(usize) -> K,
) -> Result<Vec<usize>, Vec<usize>> {
    let mut waiting = vec![0usize; count];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); count];
    let distinct: BTreeSet<(usize, usize)> =
        edges.iter().copied().filter(|(a, b)| a != b).collect();
    for &(a, b) in &distinct {
        waiting[b] += 1;
        after[a].push(b);
    }
    let mut ready: BTreeSet<(K, usize)> = (0..count)
        .filter(|&n| waiting[n] == 0)
        .map(|n| (key(n), n))
        .collect();
    let mut order = Vec::with_capacity(count);
    while let Some((_, n)) = ready.pop_first() {
        order.push(n);
        for &m in &after[n] {
            waiting[m] -= 1;
            if waiting[m] == 0 {
                ready.insert((key(m), m));
            }
        }
    }
    if order.len() == count {
        Ok(order)
    } else {
        Err((0..count).filter(|&n| waiting[n] > 0).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::topological_order;

    #[test]
    fn respects_edges_then_keys() {
        // 2 must precede 0; otherwise smallest key first.
        let order = topological_order(3, &[(2, 0)], |n| n).unwrap();
        assert_eq!(order, vec![1, 2, 0]);
        let cycle = topological_order(3, &[(0, 1), (1, 0)], |n| n).unwrap_err();
        assert_eq!(cycle, vec![0, 1]);
    }
}
