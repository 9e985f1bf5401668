//! The order of the scripts, from the one dependency graph (`graph.rs`). Each statement of the
//! create script is a node ([`Part`]) standing for the objects it makes; its edges are what
//! those objects need; the order is the topological sort, ties broken by section, then by name
//! (so the output does not depend on registration order). The drop script runs it backwards.
//!
//! Foreign keys are the one kind that can close a cycle. Tables that reference each other in a
//! cycle form a strongly connected component (Tarjan); inside one, a foreign key to a table with
//! a later name waits for `ALTER TABLE` after the tables, which leaves the graph acyclic. So does
//! one whose referenced key `CREATE TABLE` does not make: a unique index, or a UNIQUE constraint
//! PostgreSQL would fold into the primary key (see [`unique_is_inline`]).
//! Everything is O((objects + dependencies) log objects).

use std::collections::HashSet;

use foldhash::fast::FixedState;

use model_core::{
    Collation, CompositeType, Domain, EnumType, Extension, ForeignKey, Function, Index, Namespace,
    ObjectGrants, Policy, QualifiedName, Schema, Seed, Sequence, Table, Trigger, View,
};

use super::create::unique_is_inline;
use crate::compare::{Args, Object, ObjectRef};
use crate::graph::{Catalog, FastMap, key_of, topological_order};

/// One statement (or group of statements) of the create script, in section order.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    Schema(&'a Namespace),
    Extension(&'a Extension),
    Collation(&'a Collation),
    Enum(&'a EnumType),
    Domain(&'a Domain),
    Composite(&'a CompositeType),
    Function(&'a Function),
    Sequence(&'a Sequence),
    /// `CREATE TABLE` with its columns, keys, checks and the foreign keys that can be written
    /// inside it, then the UNIQUE constraints PostgreSQL would fold into an earlier key.
    Table(&'a Table),
    Index(&'a Table, &'a Index),
    /// A foreign key added once its tables and key exist: it closes a cycle, or references a
    /// key `CREATE TABLE` does not make.
    ForeignKey(&'a Table, &'a ForeignKey),
    /// `ALTER SEQUENCE .. OWNED BY`, once the owning column exists.
    OwnedBy(&'a Sequence),
    Trigger(&'a Table, &'a Trigger),
    /// A row level security policy, once what its expressions read exists.
    Policy(&'a Table, &'a Policy),
    /// A view, or a materialized view with its indexes.
    View(&'a View),
    /// The grants on one object, once it exists.
    Grants(&'a ObjectGrants),
    /// A table's seed rows, once everything else exists (the triggers that fire on them
    /// included), after the seed rows their foreign keys point at.
    Seed(&'a Table, &'a Seed),
}

impl Part<'_> {
    /// The part's section: parts that are free to go go in section order.
    pub fn section(&self) -> u8 {
        match self {
            Self::Schema(_) => 0,
            Self::Extension(_) => 1,
            Self::Collation(_) => 2,
            Self::Enum(_) => 3,
            Self::Domain(_) => 4,
            Self::Composite(_) => 5,
            // A function whose sql body reads tables goes after the tables, not among them.
            Self::Function(f) if f.reads.is_empty() => 6,
            Self::Sequence(_) => 7,
            Self::Table(_) => 8,
            Self::Function(_) => 9,
            Self::Index(..) => 10,
            Self::ForeignKey(..) => 11,
            Self::OwnedBy(_) => 12,
            Self::Trigger(..) => 13,
            Self::Policy(..) => 14,
            Self::View(_) => 15,
            Self::Grants(_) => 16,
            Self::Seed(..) => 17,
        }
    }
}

/// The create script's parts in the order they run, each with what the caller made of it (see
/// [`script_order_with`]).
pub struct ScriptOrder<'a, T = ()> {
    pub parts: Vec<(Part<'a>, T)>,
    deferred: Deferred,
}

/// The foreign keys of one schema that wait for `ALTER TABLE`, by address: a key is asked about
/// once per part and per script, and most are not deferred.
pub struct Deferred(HashSet<usize, FixedState>);

impl Deferred {
    /// Whether `fk` (a foreign key of the schema this was made for) waits for `ALTER TABLE`.
    pub fn contains(&self, fk: &ForeignKey) -> bool {
        !self.0.is_empty() && self.0.contains(&(std::ptr::from_ref(fk) as usize))
    }
}

impl<T> ScriptOrder<'_, T> {
    /// Whether `fk` (a foreign key of the schema this order was made for) waits for
    /// `ALTER TABLE`.
    pub fn is_deferred(&self, fk: &ForeignKey) -> bool {
        self.deferred.contains(fk)
    }

    /// The tables, in creation order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.parts.iter().filter_map(|p| match p.0 {
            Part::Table(t) => Some(t),
            _ => None,
        })
    }
}

pub fn script_order(schema: &Schema) -> ScriptOrder<'_> {
    script_order_with(schema, |_, _| ())
}

/// [`script_order`], with `make` called on every part (a part's text, say) on a thread of its
/// own while this one finds the parts' dependencies: the two are the bulk of a script's work,
/// independent of each other, and both read every table. Each part is made once.
pub fn script_order_with<'a, T: Send>(
    schema: &'a Schema,
    mut make: impl FnMut(Part<'a>, &Deferred) -> T + Send,
) -> ScriptOrder<'a, T> {
    let catalog = Catalog::new(schema);
    let mut tables: Vec<&Table> = schema.tables.iter().collect();
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    let deferred = deferred_foreign_keys(&catalog, &tables);
    // Among parts free to go: by section, then list (or table) position, then position on the
    // table, packed in one number (5, 29 and 30 bits) that compares as the three would.
    let key = |part: &Part, a: usize, b: usize| {
        debug_assert!(part.section() < 1 << 5, "fewer than 32 sections");
        assert!(
            a < 1 << 29 && b < 1 << 30,
            "fewer than 2^29 tables and 2^30 parts per table"
        );
        (u64::from(part.section()) << 59) | ((a as u64) << 30) | b as u64
    };
    let (parts, keys): (Vec<Part>, Vec<u64>) = parts(schema, &tables, &deferred)
        .into_iter()
        .map(|(part, (a, b))| (part, key(&part, a, b)))
        .unzip();
    let (edges, made) = std::thread::scope(|scope| {
        let maker = scope.spawn(|| {
            (parts.iter())
                .map(|&part| make(part, &deferred))
                .collect::<Vec<T>>()
        });
        let edges = edges(&catalog, &parts, &deferred);
        (
            edges,
            maker.join().expect("making the parts does not panic"),
        )
    });
    let order = topological_order(parts.len(), &edges, |i| keys[i]).expect(
        "the script's graph is acyclic: foreign keys that close a cycle wait for ALTER TABLE",
    );
    let mut made: Vec<Option<T>> = made.into_iter().map(Some).collect();
    ScriptOrder {
        parts: (order.into_iter())
            .map(|i| {
                (
                    parts[i],
                    made[i].take().expect("each part is in the order once"),
                )
            })
            .collect(),
        deferred,
    }
}

/// Every part of the script, each with where it goes among equals: its position in its list
/// (or its table's in `tables`, the tables in name order) and its position on its table.
fn parts<'a>(
    schema: &'a Schema,
    tables: &[&'a Table],
    deferred: &Deferred,
) -> Vec<(Part<'a>, (usize, usize))> {
    let mut out: Vec<(Part, (usize, usize))> = Vec::new();
    let numbered = |i: usize, part: Part<'a>| (part, (i, 0));
    out.extend(
        schema
            .namespaces
            .iter()
            .filter(|n| n.name != "public")
            .enumerate()
            .map(|(i, n)| numbered(i, Part::Schema(n))),
    );
    out.extend(
        (schema.extensions.iter().enumerate()).map(|(i, e)| numbered(i, Part::Extension(e))),
    );
    out.extend(
        (schema.collations.iter().enumerate()).map(|(i, c)| numbered(i, Part::Collation(c))),
    );
    out.extend((schema.enums.iter().enumerate()).map(|(i, e)| numbered(i, Part::Enum(e))));
    out.extend((schema.domains.iter().enumerate()).map(|(i, d)| numbered(i, Part::Domain(d))));
    out.extend(
        (schema.composites.iter().enumerate()).map(|(i, c)| numbered(i, Part::Composite(c))),
    );
    out.extend((schema.functions.iter().enumerate()).map(|(i, f)| numbered(i, Part::Function(f))));
    out.extend((schema.sequences.iter().enumerate()).map(|(i, s)| numbered(i, Part::Sequence(s))));
    for (ti, &t) in tables.iter().enumerate() {
        out.push((Part::Table(t), (ti, 0)));
        out.extend((t.indexes.iter().enumerate()).map(|(i, x)| (Part::Index(t, x), (ti, i))));
        out.extend(
            (t.foreign_keys.iter().enumerate())
                .filter(|(_, fk)| deferred.contains(fk))
                .map(|(i, fk)| (Part::ForeignKey(t, fk), (ti, i))),
        );
        out.extend((t.triggers.iter().enumerate()).map(|(i, tr)| (Part::Trigger(t, tr), (ti, i))));
        out.extend((t.policies.iter().enumerate()).map(|(i, p)| (Part::Policy(t, p), (ti, i))));
    }
    out.extend(
        (schema.sequences.iter().enumerate())
            .filter(|(_, s)| s.owned_by.is_some())
            .map(|(i, s)| numbered(i, Part::OwnedBy(s))),
    );
    out.extend((schema.views.iter().enumerate()).map(|(i, v)| numbered(i, Part::View(v))));
    out.extend((schema.grants.iter().enumerate()).map(|(i, g)| numbered(i, Part::Grants(g))));
    out.extend(
        (schema.seeds.iter().enumerate())
            .filter_map(|(i, s)| Some(numbered(i, Part::Seed(schema.table(&s.table)?, s)))),
    );
    out
}

impl<'a> Part<'a> {
    /// The object others may name that this part makes (objects on a table without a part of
    /// their own are made by its `CREATE TABLE`).
    fn makes(&self) -> Option<ObjectRef<'a>> {
        Some(match *self {
            Part::Schema(n) => ObjectRef::Schema(&n.name),
            Part::Extension(e) => ObjectRef::Extension(&e.name),
            Part::Collation(c) => ObjectRef::Collation(&c.name),
            Part::Grants(g) => ObjectRef::Grants(&g.on),
            Part::Enum(e) => ObjectRef::Enum(&e.name),
            Part::Domain(d) => ObjectRef::Domain(&d.name),
            Part::Composite(c) => ObjectRef::Composite(&c.name),
            Part::Function(f) => ObjectRef::Function(&f.name, Args::Declared(&f.args)),
            Part::Sequence(s) => ObjectRef::Sequence(&s.name),
            Part::Table(t) => ObjectRef::Table(&t.name),
            Part::Index(t, x) => ObjectRef::Index(&t.name, &x.name),
            Part::ForeignKey(t, fk) => ObjectRef::ForeignKey(&t.name, &fk.name),
            Part::Trigger(t, tr) => ObjectRef::Trigger(&t.name, &tr.name),
            Part::Policy(t, p) => ObjectRef::Policy(&t.name, &p.name),
            Part::View(v) => ObjectRef::View(&v.name),
            Part::OwnedBy(_) | Part::Seed(..) => return None,
        })
    }

    /// The table the part is on (or is).
    fn table(&self) -> Option<&'a QualifiedName> {
        match *self {
            Part::Table(t)
            | Part::Index(t, _)
            | Part::ForeignKey(t, _)
            | Part::Trigger(t, _)
            | Part::Policy(t, _)
            | Part::Seed(t, _) => Some(&t.name),
            _ => None,
        }
    }

    /// The objects whose dependencies are this part's.
    fn objects(&self, deferred: &Deferred) -> Vec<Object<'a>> {
        match *self {
            Part::Schema(n) => vec![Object::Schema(n)],
            Part::Extension(e) => vec![Object::Extension(e)],
            Part::Collation(c) => vec![Object::Collation(c)],
            Part::Grants(g) => vec![Object::Grants(g)],
            Part::Enum(e) => vec![Object::Enum(e)],
            Part::Domain(d) => vec![Object::Domain(d)],
            Part::Composite(c) => vec![Object::Composite(c)],
            Part::Function(f) => vec![Object::Function(f)],
            Part::Sequence(s) => vec![Object::Sequence(s)],
            Part::Table(t) => {
                let mut v = vec![Object::Table(t)];
                v.extend(t.columns.iter().map(|c| Object::Column(t, c)));
                v.extend(t.primary_key.iter().map(|pk| Object::PrimaryKey(t, pk)));
                v.extend(t.uniques.iter().map(|u| Object::Unique(t, u)));
                v.extend(t.checks.iter().map(|c| Object::Check(t, c)));
                v.extend(t.exclusions.iter().map(|x| Object::Exclusion(t, x)));
                v.extend(
                    (t.foreign_keys.iter())
                        .filter(|fk| !deferred.contains(fk))
                        .map(|fk| Object::ForeignKey(t, fk)),
                );
                v.extend(t.partitions.iter().map(|p| Object::Partition(t, p)));
                v
            }
            Part::Index(t, x) => vec![Object::Index(t, x)],
            Part::ForeignKey(t, fk) => vec![Object::ForeignKey(t, fk)],
            Part::Trigger(t, tr) => vec![Object::Trigger(t, tr)],
            Part::Policy(t, p) => vec![Object::Policy(t, p)],
            Part::View(v) => vec![Object::View(v)],
            // What it needs is not an object's: the sequence and the owning table.
            Part::OwnedBy(_) => vec![],
            Part::Seed(_, seed) => crate::compare::seed_rows(seed).collect(),
        }
    }
}

/// The graph's edges between parts: (the part that makes a dependency, the part that needs it).
fn edges(catalog: &Catalog, parts: &[Part], deferred: &Deferred) -> Vec<(usize, usize)> {
    // The part that makes each object, by the addresses of the fields it is named by; and the
    // objects not on a table (schemas, extensions, types, functions, sequences: few), by name.
    let mut at: FastMap<Address, usize> =
        FastMap::with_capacity_and_hasher(parts.len(), FixedState::default());
    let mut global: FastMap<ObjectRef, usize> = FastMap::default();
    let mut seeds: FastMap<&QualifiedName, usize> = FastMap::default();
    for (i, part) in parts.iter().enumerate() {
        if let Part::Seed(t, _) = part {
            seeds.insert(&t.name, i);
        }
        if let Some(made) = part.makes() {
            at.insert(Address::of(made), i);
            if made.table().is_none() {
                global.insert(made, i);
            }
        }
    }
    // Most references name an object by the very fields its part makes it from (an extension's
    // name, a referenced table's): those are found by address, without reading their text.
    let find = |r: ObjectRef| -> Option<usize> {
        if let Some(&i) = at.get(&Address::of(r)) {
            return Some(i);
        }
        match r.table() {
            Some(_) => (catalog.resolve(r)).and_then(|o| at.get(&Address::of(o.key())).copied()),
            None => global.get(&r).copied(),
        }
    };
    let made_by = |r: ObjectRef| -> Option<usize> {
        match r {
            ObjectRef::Column(t, _)
            | ObjectRef::PrimaryKey(t, _)
            | ObjectRef::Unique(t, _)
            | ObjectRef::Check(t, _)
            | ObjectRef::Exclusion(t, _) => find(ObjectRef::Table(t)),
            ObjectRef::ForeignKey(t, _) => find(r).or_else(|| find(ObjectRef::Table(t))),
            ObjectRef::SeedRow(t, _) => seeds.get(t).copied(),
            _ => find(r),
        }
    };
    let mut edges: Vec<(usize, usize)> = Vec::new();
    // The parts that make what part `i` needs.
    let mut makers: Vec<usize> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        makers.clear();
        if let Part::OwnedBy(s) = part {
            let needs = std::iter::once(ObjectRef::Sequence(&s.name))
                .chain(s.owned_by.iter().map(|o| ObjectRef::Table(&o.table)));
            makers.extend(needs.filter_map(made_by));
        }
        // The part's table, and the part that makes it: most of what a part needs is on its
        // own table (its columns), found by address without a lookup.
        let home = part.table();
        let home_maker = home.and_then(|t| made_by(ObjectRef::Table(t)));
        for object in part.objects(deferred) {
            catalog.each_dependency(object, &mut |r| {
                let at_home = match (home, r) {
                    (
                        Some(h),
                        ObjectRef::Table(t)
                        | ObjectRef::Column(t, _)
                        | ObjectRef::PrimaryKey(t, _)
                        | ObjectRef::Unique(t, _)
                        | ObjectRef::Check(t, _)
                        | ObjectRef::Exclusion(t, _),
                    ) => std::ptr::eq(h, t),
                    _ => false,
                };
                // What a part's own CREATE TABLE makes needs no edge.
                let own = matches!(part, Part::Table(_))
                    && home
                        .zip(r.table())
                        .is_some_and(|(h, t)| std::ptr::eq(h, t) || h == t);
                if own {
                    return;
                }
                let maker = if at_home { home_maker } else { made_by(r) };
                if let Some(d) = maker {
                    makers.push(d);
                }
            });
        }
        makers.sort_unstable();
        makers.dedup();
        edges.extend(makers.iter().filter(|&&d| d != i).map(|&d| (d, i)));
    }
    edges
}

/// Where a reference's fields live in memory. Two references of one kind at the same addresses
/// (and lengths) name the same object: their fields are the same borrowed text.
#[derive(PartialEq, Eq, Hash)]
struct Address(u8, usize, usize, usize);

impl Address {
    fn of(r: ObjectRef) -> Self {
        let text = |s: &str| (s.as_ptr() as usize, s.len());
        let name = |q: &QualifiedName| std::ptr::from_ref(q) as usize;
        let on = |kind: u8, q: &QualifiedName, s: &str| Self(kind, name(q), text(s).0, text(s).1);
        match r {
            ObjectRef::Schema(s) => Self(0, text(s).0, text(s).1, 0),
            ObjectRef::Extension(s) => Self(1, text(s).0, text(s).1, 0),
            ObjectRef::Enum(q) => Self(2, name(q), 0, 0),
            ObjectRef::Function(q, Args::Declared(a)) => {
                Self(3, name(q), a.as_ptr() as usize, a.len())
            }
            ObjectRef::Function(q, Args::Written(a)) => Self(14, name(q), text(a).0, text(a).1),
            ObjectRef::Sequence(q) => Self(4, name(q), 0, 0),
            ObjectRef::Table(q) => Self(5, name(q), 0, 0),
            ObjectRef::Column(q, s) => on(6, q, s),
            ObjectRef::PrimaryKey(q, s) => on(7, q, s),
            ObjectRef::Unique(q, s) => on(8, q, s),
            ObjectRef::Check(q, s) => on(9, q, s),
            ObjectRef::ForeignKey(q, s) => on(10, q, s),
            ObjectRef::Index(q, s) => on(11, q, s),
            ObjectRef::Trigger(q, s) => on(12, q, s),
            ObjectRef::View(q) => Self(13, name(q), 0, 0),
            ObjectRef::SeedRow(q, s) => on(15, q, s),
            ObjectRef::Policy(q, s) => on(16, q, s),
            ObjectRef::Exclusion(q, s) => on(17, q, s),
            ObjectRef::Domain(q) => Self(18, name(q), 0, 0),
            ObjectRef::Composite(q) => Self(19, name(q), 0, 0),
            ObjectRef::Collation(q) => Self(20, name(q), 0, 0),
            ObjectRef::Grants(on) => Self(21, std::ptr::from_ref(on) as usize, 0, 0),
            ObjectRef::Partition(q, p) => Self(22, name(q), name(p), 0),
        }
    }
}

/// The foreign keys that cannot be written inside `CREATE TABLE`: inside a cycle of tables, those
/// to a table with a later name; anywhere, those to a key `CREATE TABLE` does not make, and
/// those `NOT VALID` (which `CREATE TABLE` would validate).
/// `tables` are the schema's, in name order.
fn deferred_foreign_keys(catalog: &Catalog, tables: &[&Table]) -> Deferred {
    // rank[p]: where the table at position p of the schema's list is in `tables`.
    let mut rank = vec![0; tables.len()];
    for (i, t) in tables.iter().enumerate() {
        rank[catalog.position(t)] = i;
    }
    // references[i]: for each foreign key of table i, the table it references, if in the schema.
    let references: Vec<Vec<Option<usize>>> = tables
        .iter()
        .map(|t| {
            (t.foreign_keys.iter())
                .map(|fk| {
                    catalog
                        .table(&fk.references)
                        .map(|r| rank[catalog.position(r)])
                })
                .collect()
        })
        .collect();
    // depends[i]: the tables i references (itself excluded), sorted and distinct.
    let depends: Vec<Vec<usize>> = references
        .iter()
        .enumerate()
        .map(|(i, refs)| {
            let mut d: Vec<usize> = refs.iter().flatten().copied().filter(|&j| j != i).collect();
            d.sort_unstable();
            d.dedup();
            d
        })
        .collect();
    let component = strongly_connected(&depends);
    let mut deferred = HashSet::default();
    for (i, t) in tables.iter().enumerate() {
        for (fk, target) in t.foreign_keys.iter().zip(&references[i]) {
            let closes_cycle = target.is_some_and(|j| j > i && component[j] == component[i]);
            let made = target.is_none_or(|j| key_made_by_create_table(tables[j], fk));
            if closes_cycle || !made || fk.not_valid {
                deferred.insert(std::ptr::from_ref(fk) as usize);
            }
        }
    }
    Deferred(deferred)
}

/// Whether the key `fk` references in `target` (the table it references) is made by that
/// table's `CREATE TABLE` (a primary key or an inline UNIQUE constraint). A key outside the
/// schema is taken to exist.
fn key_made_by_create_table(target: &Table, fk: &ForeignKey) -> bool {
    match key_of(target, fk) {
        None | Some(ObjectRef::PrimaryKey(..)) => true,
        Some(ObjectRef::Unique(_, name)) => (target.uniques.iter())
            .find(|u| u.name == name)
            .is_some_and(|u| unique_is_inline(target, u)),
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
