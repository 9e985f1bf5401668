//! The dependency graph: what each object needs to exist before it (tables on their schema and
//! the types their columns use, keys and indexes on their columns, a foreign key on the key it
//! references, triggers on their function), and a deterministic topological sort.
//!
//! Creation runs along the edges, dropping against them; the migration planner and the scripts
//! both order by this one graph.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fmt::{self, Write};

use foldhash::fast::FixedState;
use model_core::{Column, ColumnType, ForeignKey, QualifiedName, Returns, Schema, Sequence, Table};

use crate::compare::{Args, Object, ObjectId, ObjectRef};

/// A hash map for the graph's lookups: foldhash, with a fixed seed (nothing here is iterated in
/// hash order, and the maps are rebuilt per script).
pub type FastMap<K, V> = HashMap<K, V, FixedState>;

/// A schema's objects by identity, for looking dependencies up.
pub struct Catalog<'a> {
    pub schema: &'a Schema,
    /// The tables by name: a script asks for one per foreign key.
    tables: FastMap<&'a QualifiedName, &'a Table>,
}

impl<'a> Catalog<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        let mut tables =
            FastMap::with_capacity_and_hasher(schema.tables.len(), FixedState::default());
        tables.extend(schema.tables.iter().map(|t| (&t.name, t)));
        Self { schema, tables }
    }

    /// The table named `name`.
    pub fn table(&self, name: &QualifiedName) -> Option<&'a Table> {
        self.tables.get(name).copied()
    }

    /// Where `t`, one of the schema's tables, is in its list (found by address).
    pub fn position(&self, t: &Table) -> usize {
        let base = self.schema.tables.as_ptr() as usize;
        let i = (std::ptr::from_ref(t) as usize - base) / size_of::<Table>();
        assert!(
            std::ptr::eq(&self.schema.tables[i], t),
            "a table of the catalog's schema"
        );
        i
    }

    /// The object `id` names.
    pub fn get(&self, id: &ObjectId) -> Option<Object<'a>> {
        self.resolve(id.as_ref())
    }

    /// The object `r` names, looked up where it lives: the schema's own, whose fields a
    /// reference made from another object's (a foreign key's `references`) is not.
    pub fn resolve(&self, r: ObjectRef) -> Option<Object<'a>> {
        let s = self.schema;
        match r {
            ObjectRef::Schema(n) => (s.namespaces.iter())
                .find(|x| x.name == n)
                .map(Object::Schema),
            ObjectRef::Extension(n) => (s.extensions.iter())
                .find(|x| x.name == n)
                .map(Object::Extension),
            ObjectRef::Enum(n) => (s.enums.iter()).find(|x| x.name == *n).map(Object::Enum),
            ObjectRef::Domain(n) => s.domain(n).map(Object::Domain),
            ObjectRef::Composite(n) => s.composite(n).map(Object::Composite),
            ObjectRef::Collation(n) => s.collation(n).map(Object::Collation),
            ObjectRef::Grants(on) => s.grants_on(on).map(Object::Grants),
            ObjectRef::Function(n, args) => (s.functions.iter())
                .find(|x| x.name == *n && Args::Declared(&x.args) == args)
                .map(Object::Function),
            ObjectRef::Sequence(n) => (s.sequences.iter())
                .find(|x| x.name == *n)
                .map(Object::Sequence),
            ObjectRef::Table(t) => self.table(t).map(Object::Table),
            ObjectRef::Column(t, n) => {
                let t = self.table(t)?;
                t.column(n).map(|c| Object::Column(t, c))
            }
            ObjectRef::PrimaryKey(t, n) => {
                let t = self.table(t)?;
                (t.primary_key.as_ref())
                    .filter(|pk| pk.name == n)
                    .map(|pk| Object::PrimaryKey(t, pk))
            }
            ObjectRef::Unique(t, n) => {
                let t = self.table(t)?;
                (t.uniques.iter())
                    .find(|x| x.name == n)
                    .map(|x| Object::Unique(t, x))
            }
            ObjectRef::Check(t, n) => {
                let t = self.table(t)?;
                (t.checks.iter())
                    .find(|x| x.name == n)
                    .map(|x| Object::Check(t, x))
            }
            ObjectRef::Exclusion(t, n) => {
                let t = self.table(t)?;
                (t.exclusions.iter())
                    .find(|x| x.name == n)
                    .map(|x| Object::Exclusion(t, x))
            }
            ObjectRef::ForeignKey(t, n) => {
                let t = self.table(t)?;
                (t.foreign_keys.iter())
                    .find(|x| x.name == n)
                    .map(|x| Object::ForeignKey(t, x))
            }
            ObjectRef::Index(t, n) => {
                let t = self.table(t)?;
                (t.indexes.iter())
                    .find(|x| x.name == n)
                    .map(|x| Object::Index(t, x))
            }
            ObjectRef::Trigger(t, n) => {
                let t = self.table(t)?;
                (t.triggers.iter())
                    .find(|x| x.name == n)
                    .map(|x| Object::Trigger(t, x))
            }
            ObjectRef::Policy(t, n) => {
                let t = self.table(t)?;
                (t.policies.iter())
                    .find(|x| x.name == n)
                    .map(|x| Object::Policy(t, x))
            }
            ObjectRef::Partition(t, n) => {
                let t = self.table(t)?;
                (t.partitions.iter())
                    .find(|x| x.name == *n)
                    .map(|x| Object::Partition(t, x))
            }
            ObjectRef::View(n) => s.view(n).map(Object::View),
            ObjectRef::SeedRow(t, key) => {
                let seed = s.seed(t)?;
                (seed.rows.iter())
                    .find(|r| r.key == key)
                    .map(|r| Object::SeedRow(seed, r))
            }
        }
    }

    /// What `object` needs to exist first (never itself), sorted and distinct.
    pub fn dependencies(&self, object: Object<'_>) -> Vec<ObjectId> {
        self.refs(object)
            .into_iter()
            .map(ObjectRef::to_id)
            .collect()
    }

    /// [`Self::dependencies`], borrowed from the schemas.
    pub fn refs<'x>(&'x self, object: Object<'x>) -> Vec<ObjectRef<'x>>
    where
        'a: 'x,
    {
        let mut out = Vec::new();
        self.each_dependency(object, &mut |d| out.push(d));
        let me = object.key();
        out.retain(|d| *d != me);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Calls `found` with each thing `object` needs to exist first, possibly more than once.
    pub fn each_dependency<'x>(&'x self, object: Object<'x>, found: &mut dyn FnMut(ObjectRef<'x>))
    where
        'a: 'x,
    {
        let schema: &'x Schema = self.schema;
        let enum_of = |ty: &'x ColumnType| {
            if schema.enums.is_empty() {
                None
            } else {
                enum_of(ty, schema)
            }
        };
        let extensions = |found: &mut dyn FnMut(ObjectRef<'x>)| {
            for e in &schema.extensions {
                found(ObjectRef::Extension(&e.name));
            }
        };
        // A key, index or constraint needs its columns, and the enum types they hold: an
        // expression comparing a column with an enum value is bound to that type.
        let column = |t: &'x Table, c: &'x Column, found: &mut dyn FnMut(ObjectRef<'x>)| {
            found(ObjectRef::Column(&t.name, &c.name));
            if let Some(e) = enum_of(&c.ty) {
                found(ObjectRef::Enum(e));
            }
        };
        let columns = |t: &'x Table,
                       names: &mut dyn Iterator<Item = &'x str>,
                       found: &mut dyn FnMut(ObjectRef<'x>)| {
            found(ObjectRef::Table(&t.name));
            for name in names {
                match t.column(name) {
                    Some(c) => column(t, c, found),
                    None => found(ObjectRef::Column(&t.name, name)),
                }
            }
        };
        // Raw SQL (a check, an index expression or predicate) may read any column.
        let all_columns = |t: &'x Table, found: &mut dyn FnMut(ObjectRef<'x>)| {
            found(ObjectRef::Table(&t.name));
            for c in &t.columns {
                column(t, c, found);
            }
        };
        // What a query reads: a view, or a table and the columns it `may_read`.
        let reads = |relations: &'x [QualifiedName],
                     may_read: &dyn Fn(&str) -> bool,
                     found: &mut dyn FnMut(ObjectRef<'x>)| {
            for r in relations {
                if let Some(t) = self.table(r) {
                    found(ObjectRef::Table(&t.name));
                    for c in t.columns.iter().filter(|c| may_read(&c.name)) {
                        column(t, c, found);
                    }
                } else if let Some(read) = schema.view(r) {
                    found(ObjectRef::View(&read.name));
                }
            }
        };
        // The functions of the models a raw expression may call (none, in most schemas: the
        // generated trigger functions cannot be called from one).
        let calls = |sql: &'x str, found: &mut dyn FnMut(ObjectRef<'x>)| {
            for f in schema.functions.iter().filter(|f| f.is_callable()) {
                if model_core::sql_text::calls(sql, &f.name.name) {
                    found(ObjectRef::Function(&f.name, Args::Declared(&f.args)));
                }
            }
        };
        // A collation of the models a `COLLATE` names (not one of PostgreSQL's own).
        let collation = |q: Option<&'x QualifiedName>, found: &mut dyn FnMut(ObjectRef<'x>)| {
            if let Some(c) = q.and_then(|q| schema.collation(q)) {
                found(ObjectRef::Collation(&c.name));
            }
        };
        match object {
            Object::Schema(_) | Object::Extension(_) => {}
            Object::Collation(c) => found(ObjectRef::Schema(&c.name.schema)),
            // What they are on.
            Object::Grants(g) => match &g.on {
                model_core::GrantOn::Schema(s) => found(ObjectRef::Schema(s)),
                model_core::GrantOn::Table(q) => match schema.view(q) {
                    Some(v) => found(ObjectRef::View(&v.name)),
                    None => found(ObjectRef::Table(q)),
                },
                model_core::GrantOn::Sequence(q) => found(ObjectRef::Sequence(q)),
                model_core::GrantOn::Function(q, args) => {
                    found(ObjectRef::Function(q, Args::Written(args)))
                }
            },
            Object::Enum(e) => found(ObjectRef::Schema(&e.name.schema)),
            // Its base type (an enum, a domain, an extension's type) and what its default and
            // checks call.
            Object::Domain(d) => {
                found(ObjectRef::Schema(&d.name.schema));
                extensions(found);
                user_types(schema, &d.data_type, found);
                collation(d.collation.as_ref(), found);
                for sql in d.default.iter().chain(d.checks.iter().map(|c| &c.expr)) {
                    calls(sql, found);
                }
            }
            // The types of its attributes.
            Object::Composite(c) => {
                found(ObjectRef::Schema(&c.name.schema));
                extensions(found);
                for a in &c.attributes {
                    user_types(schema, &a.data_type, found);
                    collation(a.collation.as_ref(), found);
                }
            }
            Object::Function(f) => {
                found(ObjectRef::Schema(&f.name.schema));
                extensions(found);
                // The types its declaration names: an enum, or a table's or view's row type.
                let mut types: Vec<&str> = f.args.iter().map(|a| a.sql_type.as_str()).collect();
                match &f.returns {
                    Some(Returns::Type(t) | Returns::SetOf(t)) => types.push(t),
                    Some(Returns::Table(columns)) => {
                        types.extend(columns.iter().map(|c| c.1.as_str()))
                    }
                    None => {}
                }
                for ty in types {
                    user_types(schema, ty, found);
                    let base = ty.trim().trim_end_matches("[]");
                    let named = |q: &QualifiedName| writes(base, crate::render::Qualified(q));
                    for t in schema.tables.iter().filter(|t| named(&t.name)) {
                        found(ObjectRef::Table(&t.name));
                    }
                    for v in schema.views.iter().filter(|v| named(&v.name)) {
                        found(ObjectRef::View(&v.name));
                    }
                }
                // A sql body is checked when it is created: what it reads, and calls, first.
                reads(&f.reads, &|c| f.may_read_column(c), found);
                if let (model_core::FunctionBody::Source(body), "sql") =
                    (&f.body, f.language.as_str())
                {
                    for g in schema
                        .functions
                        .iter()
                        .filter(|g| g.is_callable() && g.name != f.name)
                    {
                        if model_core::sql_text::calls(body, &g.name.name) {
                            found(ObjectRef::Function(&g.name, Args::Declared(&g.args)));
                        }
                    }
                }
            }
            Object::Sequence(s) => found(ObjectRef::Schema(&s.name.schema)),
            Object::Table(t) => {
                found(ObjectRef::Schema(&t.name.schema));
                for k in t.partition_by.iter().flat_map(|by| &by.key) {
                    if let model_core::PartitionKey::Expression(e) = k {
                        calls(e, found);
                        extensions(found);
                    }
                }
            }
            // Created by its table's part: on its own schema, and the table.
            Object::Partition(t, p) => {
                found(ObjectRef::Table(&t.name));
                found(ObjectRef::Schema(&p.name.schema));
            }
            Object::Column(t, c) => {
                found(ObjectRef::Table(&t.name));
                // Its type: an enum or domain, or one named (an array of either, a composite).
                match &c.ty {
                    ColumnType::Enum(e) => found(ObjectRef::Enum(e)),
                    ColumnType::Domain(d) => found(ObjectRef::Domain(d)),
                    ColumnType::Raw(ty) | ColumnType::Builtin(ty) => user_types(schema, ty, found),
                }
                collation(c.collation.as_ref(), found);
                // A default that reads a sequence (`nextval('..')`) needs it.
                if let Some(default) = c.default.as_ref().filter(|_| !schema.sequences.is_empty()) {
                    for name in Sequence::used_by(default, &t.name.schema) {
                        if let Some(s) = schema.sequences.iter().find(|s| s.name == name) {
                            found(ObjectRef::Sequence(&s.name));
                        }
                    }
                }
                for sql in c.default.iter().chain(&c.generated) {
                    calls(sql, found);
                }
                extensions(found);
            }
            Object::PrimaryKey(t, pk) => {
                let mut names = pk.columns.iter().chain(&pk.include).map(String::as_str);
                columns(t, &mut names, found)
            }
            Object::Unique(t, u) => {
                let mut names = u.columns.iter().chain(&u.include).map(String::as_str);
                columns(t, &mut names, found)
            }
            Object::Check(t, c) => {
                all_columns(t, found);
                extensions(found);
                calls(&c.expr, found);
            }
            Object::ForeignKey(t, fk) => {
                columns(t, &mut fk.columns.iter().map(String::as_str), found);
                // The referenced table is named by its own name where it is in the schema, so
                // that a caller can tell it by address.
                let target = self.table(&fk.references);
                let references = target.map_or(&fk.references, |r| &r.name);
                found(ObjectRef::Table(references));
                for c in &fk.referenced_columns {
                    found(ObjectRef::Column(references, c));
                }
                if let Some(key) = target.and_then(|r| key_of(r, fk)) {
                    found(key);
                }
            }
            // Like an index: the operators' classes may come from an extension (btree_gist).
            Object::Exclusion(t, x) => {
                let raw = x.predicate.is_some()
                    || (x.elements.iter())
                        .any(|e| matches!(e.key.kind, model_core::IndexKeyKind::Expression(_)));
                if raw {
                    all_columns(t, found);
                } else {
                    let mut names = (x.elements.iter())
                        .flat_map(|e| e.key.columns())
                        .chain(x.include.iter().map(String::as_str));
                    columns(t, &mut names, found);
                }
                extensions(found);
                for e in &x.elements {
                    if let model_core::IndexKeyKind::Expression(sql) = &e.key.kind {
                        calls(sql, found);
                    }
                    collation(e.key.collation.as_ref(), found);
                }
                if let Some(p) = &x.predicate {
                    calls(p, found);
                }
            }
            Object::Index(t, i) => {
                let raw = i.predicate.is_some()
                    || i.keys
                        .iter()
                        .any(|k| matches!(k.kind, model_core::IndexKeyKind::Expression(_)));
                if raw {
                    all_columns(t, found);
                } else {
                    let mut names = i
                        .keys
                        .iter()
                        .flat_map(|k| k.columns())
                        .chain(i.include.iter().map(String::as_str));
                    columns(t, &mut names, found);
                }
                extensions(found);
                for k in &i.keys {
                    if let model_core::IndexKeyKind::Expression(e) = &k.kind {
                        calls(e, found);
                    }
                    collation(k.collation.as_ref(), found);
                }
                if let Some(p) = &i.predicate {
                    calls(p, found);
                }
            }
            // A trigger needs its function, and the columns of its `UPDATE OF` and those its
            // `WHEN` may name (PostgreSQL keeps a column so named from being dropped or retyped
            // under it).
            Object::Trigger(t, tr) => {
                found(ObjectRef::Table(&t.name));
                found(ObjectRef::Function(&tr.function, Args::Written("")));
                let when = tr.when.as_deref().unwrap_or_default();
                let mut named = (t.columns.iter().map(|c| c.name.as_str())).filter(|c| {
                    tr.update_of.iter().any(|u| u == c) || model_core::sql_text::names_word(when, c)
                });
                columns(t, &mut named, found);
                calls(when, found);
            }
            // A policy's expressions may read any column of its table, call functions, and read
            // other tables and views in a subquery (those named in it are counted).
            Object::Policy(t, p) => {
                all_columns(t, found);
                extensions(found);
                for expr in p.expressions() {
                    calls(expr, found);
                    let named = |q: &QualifiedName| {
                        *q != t.name && model_core::sql_text::names_word(expr, &q.name)
                    };
                    for other in schema.tables.iter().filter(|o| named(&o.name)) {
                        found(ObjectRef::Table(&other.name));
                    }
                    for v in schema.views.iter().filter(|v| named(&v.name)) {
                        found(ObjectRef::View(&v.name));
                    }
                }
            }
            // A view needs what it reads: a view, or a table and the columns the query may
            // name (a change of one of those re-creates the view around it).
            Object::View(v) => {
                found(ObjectRef::Schema(&v.name.schema));
                reads(&v.reads, &|c| v.may_read_column(c), found);
                extensions(found);
                calls(&v.query, found);
                // The collations its query or its indexes sort by.
                for c in (schema.collations.iter())
                    .filter(|c| model_core::sql_text::names_word(&v.query, &c.name.name))
                {
                    found(ObjectRef::Collation(&c.name));
                }
                for k in v.indexes.iter().flat_map(|i| &i.keys) {
                    collation(k.collation.as_ref(), found);
                }
                for tr in &v.triggers {
                    found(ObjectRef::Function(&tr.function, Args::Written("")));
                }
            }
            // A seed row needs its table, the columns it sets, the key ON CONFLICT infers, the
            // triggers that fire on its insert, and the seed rows its foreign keys point at.
            Object::SeedRow(seed, row) => {
                let Some(t) = self.table(&seed.table) else {
                    found(ObjectRef::Table(&seed.table));
                    return;
                };
                columns(t, &mut row.columns(), found);
                if let Some(key) = key_over(t, &seed.key) {
                    found(key);
                }
                for tr in &t.triggers {
                    found(ObjectRef::Trigger(&t.name, &tr.name));
                }
                for fk in &t.foreign_keys {
                    if let Some(parent) = schema.seed(&fk.references)
                        && let Some(p) = parent.row_referenced_by(fk, row)
                    {
                        found(ObjectRef::SeedRow(&parent.table, &p.key));
                    }
                }
            }
        }
    }

    /// The key a foreign key points at (see [`referenced_key`]).
    pub fn referenced_key(&self, fk: &ForeignKey) -> Option<ObjectId> {
        referenced_key(self.schema, fk)
    }
}

/// The enum type whose values a column of type `ty` holds: the enum itself, or an array of it
/// (a raw `schema.name[]`, as PostgreSQL prints it).
pub fn enum_of<'a>(ty: &'a ColumnType, schema: &'a Schema) -> Option<&'a QualifiedName> {
    match ty {
        ColumnType::Enum(e) => Some(e),
        ColumnType::Raw(raw) | ColumnType::Builtin(raw) => {
            let element = raw.strip_suffix("[]")?;
            schema
                .enums
                .iter()
                .map(|e| &e.name)
                .find(|name| writes(element, crate::render::Qualified(name)))
        }
        ColumnType::Domain(_) => None,
    }
}

/// The enum types, domains and composite types of the models a type's spelling names (itself
/// or an array of it).
fn user_types<'x>(schema: &'x Schema, ty: &str, found: &mut dyn FnMut(ObjectRef<'x>)) {
    let base = ty.trim().trim_end_matches("[]");
    let named = |q: &QualifiedName| writes(base, crate::render::Qualified(q));
    for e in schema.enums.iter().filter(|e| named(&e.name)) {
        found(ObjectRef::Enum(&e.name));
    }
    for d in schema.domains.iter().filter(|d| named(&d.name)) {
        found(ObjectRef::Domain(&d.name));
    }
    for c in schema.composites.iter().filter(|c| named(&c.name)) {
        found(ObjectRef::Composite(&c.name));
    }
}

/// The domain of the models a column of type `ty` holds values of: the domain itself, or an
/// array of it (a raw `schema.name[]`).
pub fn domain_of<'a>(ty: &'a ColumnType, schema: &'a Schema) -> Option<&'a QualifiedName> {
    match ty {
        ColumnType::Domain(d) => Some(d),
        ColumnType::Raw(raw) | ColumnType::Builtin(raw) if !schema.domains.is_empty() => {
            let element = raw.strip_suffix("[]")?;
            (schema.domains.iter())
                .map(|d| &d.name)
                .find(|name| writes(element, crate::render::Qualified(name)))
        }
        _ => None,
    }
}

/// Whether `value` displays as exactly `text`, without writing it anywhere.
fn writes(text: &str, value: impl fmt::Display) -> bool {
    /// What is left to match; `Err` at the first difference.
    struct Rest<'a>(&'a str);
    impl Write for Rest<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 = self.0.strip_prefix(s).ok_or(fmt::Error)?;
            Ok(())
        }
    }
    let mut rest = Rest(text);
    write!(rest, "{value}").is_ok() && rest.0.is_empty()
}

/// The key a foreign key points at: the referenced table's primary key, UNIQUE constraint or
/// plain unique index (no predicate, no expression) over exactly the referenced columns.
pub fn referenced_key(schema: &Schema, fk: &ForeignKey) -> Option<ObjectId> {
    referenced_key_ref(schema, fk).map(ObjectRef::to_id)
}

/// [`referenced_key`], borrowed from `schema`.
pub fn referenced_key_ref<'a>(schema: &'a Schema, fk: &ForeignKey) -> Option<ObjectRef<'a>> {
    key_of(schema.table(&fk.references)?, fk)
}

/// [`referenced_key_ref`] in `t`, the table `fk` references.
pub fn key_of<'a>(t: &'a Table, fk: &ForeignKey) -> Option<ObjectRef<'a>> {
    key_over(t, &fk.referenced_columns)
}

/// The primary key, UNIQUE constraint or plain unique index of `t` over exactly `columns`.
pub fn key_over<'a>(t: &'a Table, columns: &[String]) -> Option<ObjectRef<'a>> {
    let same = |cols: &[&str]| same_set(cols, columns);
    let name = &t.name;
    if let Some(pk) = &t.primary_key
        && same_set(&pk.columns, columns)
    {
        return Some(ObjectRef::PrimaryKey(name, &pk.name));
    }
    if let Some(u) = t.uniques.iter().find(|u| same_set(&u.columns, columns)) {
        return Some(ObjectRef::Unique(name, &u.name));
    }
    t.indexes
        .iter()
        .filter(|i| i.unique && i.predicate.is_none())
        .find(|i| {
            i.keys
                .iter()
                .all(|k| matches!(k.kind, model_core::IndexKeyKind::Column(_)))
                && same(&i.keys.iter().flat_map(|k| k.columns()).collect::<Vec<_>>())
        })
        .map(|i| ObjectRef::Index(name, &i.name))
}

/// Whether two short lists of names hold the same names (order and repeats aside), without
/// allocating: this is asked for every foreign key of every script.
fn same_set(a: &[impl AsRef<str>], b: &[impl AsRef<str>]) -> bool {
    a.iter().all(|x| b.iter().any(|y| y.as_ref() == x.as_ref()))
        && b.iter().all(|y| a.iter().any(|x| x.as_ref() == y.as_ref()))
}

/// A topological order of `count` nodes: every edge `(before, after)` respected, and among the
/// nodes that are free to go, the one with the smallest `key` first. `Err` holds the nodes left
/// on a cycle.
pub fn topological_order<K: Ord>(
    count: usize,
    edges: &[(usize, usize)],
    key: impl Fn(usize) -> K,
) -> Result<Vec<usize>, Vec<usize>> {
    // The edges out of each node, flat: node a's are `after[start[a]..start[a + 1]]`. A repeated
    // edge is counted as often as it is listed, on both sides, so it needs no removing.
    let mut start = vec![0usize; count + 1];
    let mut waiting = vec![0usize; count];
    for &(a, b) in edges.iter().filter(|(a, b)| a != b) {
        start[a + 1] += 1;
        waiting[b] += 1;
    }
    for i in 0..count {
        start[i + 1] += start[i];
    }
    let mut after = vec![0usize; start[count]];
    let mut next = start.clone();
    for &(a, b) in edges.iter().filter(|(a, b)| a != b) {
        after[next[a]] = b;
        next[a] += 1;
    }
    let mut ready: BinaryHeap<Reverse<(K, usize)>> = (0..count)
        .filter(|&n| waiting[n] == 0)
        .map(|n| Reverse((key(n), n)))
        .collect();
    let mut order = Vec::with_capacity(count);
    while let Some(Reverse((_, n))) = ready.pop() {
        order.push(n);
        for &m in &after[start[n]..start[n + 1]] {
            waiting[m] -= 1;
            if waiting[m] == 0 {
                ready.push(Reverse((key(m), m)));
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
        // Repeated edges and self-edges change nothing.
        let order = topological_order(4, &[(3, 0), (3, 0), (1, 1), (2, 3)], |n| n).unwrap();
        assert_eq!(order, vec![1, 2, 3, 0]);
        let cycle = topological_order(3, &[(0, 1), (1, 2), (2, 1), (1, 2)], |n| n).unwrap_err();
        assert_eq!(cycle, vec![1, 2]);
    }
}
