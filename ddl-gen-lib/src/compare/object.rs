//! What a change is about: every kind of object the schema model holds, by identity
//! ([`ObjectId`]) and by reference into a [`Schema`] ([`Object`]).

use std::borrow::Cow;
use std::fmt;

use model_core::{
    Argument, Check, Collation, Column, CompositeType, Domain, EnumType, Exclusion, Extension,
    ForeignKey, Function, GrantOn, Index, Namespace, ObjectGrants, Partition, Policy, PrimaryKey,
    QualifiedName, Schema, Seed, SeedRow, Sequence, Table, Trigger, UniqueConstraint, View,
};

/// An object's identity, the same in any two schemas. Objects that live on a table (columns,
/// constraints, indexes, triggers) carry the table: their names are only unique per table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectId {
    Schema(String),
    Extension(String),
    Enum(QualifiedName),
    Domain(QualifiedName),
    Composite(QualifiedName),
    Collation(QualifiedName),
    /// The grants on one object.
    Grants(GrantOn),
    /// A function or procedure, by name and input argument types (`text, integer`).
    Function(QualifiedName, String),
    Sequence(QualifiedName),
    Table(QualifiedName),
    Column(QualifiedName, String),
    PrimaryKey(QualifiedName, String),
    Unique(QualifiedName, String),
    Check(QualifiedName, String),
    Exclusion(QualifiedName, String),
    ForeignKey(QualifiedName, String),
    Index(QualifiedName, String),
    Trigger(QualifiedName, String),
    /// A row level security policy.
    Policy(QualifiedName, String),
    /// A partition of a partitioned table: the table, the partition.
    Partition(QualifiedName, QualifiedName),
    /// A view or materialized view, with its indexes.
    View(QualifiedName),
    /// A seed row of a table, by its key's values (`1`, `'steam', 2`).
    SeedRow(QualifiedName, String),
}

impl ObjectId {
    /// The table an object lives on, for those that live on one.
    pub fn table(&self) -> Option<&QualifiedName> {
        self.as_ref().table()
    }

    /// The identity, borrowed.
    pub fn as_ref(&self) -> ObjectRef<'_> {
        match self {
            Self::Schema(n) => ObjectRef::Schema(n),
            Self::Extension(n) => ObjectRef::Extension(n),
            Self::Enum(n) => ObjectRef::Enum(n),
            Self::Domain(n) => ObjectRef::Domain(n),
            Self::Composite(n) => ObjectRef::Composite(n),
            Self::Collation(n) => ObjectRef::Collation(n),
            Self::Grants(on) => ObjectRef::Grants(on),
            Self::Function(n, a) => ObjectRef::Function(n, Args::Written(a)),
            Self::Sequence(n) => ObjectRef::Sequence(n),
            Self::Table(t) => ObjectRef::Table(t),
            Self::Column(t, n) => ObjectRef::Column(t, n),
            Self::PrimaryKey(t, n) => ObjectRef::PrimaryKey(t, n),
            Self::Unique(t, n) => ObjectRef::Unique(t, n),
            Self::Check(t, n) => ObjectRef::Check(t, n),
            Self::Exclusion(t, n) => ObjectRef::Exclusion(t, n),
            Self::ForeignKey(t, n) => ObjectRef::ForeignKey(t, n),
            Self::Index(t, n) => ObjectRef::Index(t, n),
            Self::Trigger(t, n) => ObjectRef::Trigger(t, n),
            Self::Policy(t, n) => ObjectRef::Policy(t, n),
            Self::Partition(t, p) => ObjectRef::Partition(t, p),
            Self::View(n) => ObjectRef::View(n),
            Self::SeedRow(t, k) => ObjectRef::SeedRow(t, k),
        }
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Schema(name) => write!(f, "schema {name}"),
            Self::Extension(name) => write!(f, "extension {name}"),
            Self::Enum(name) => write!(f, "enum type {name}"),
            Self::Domain(name) => write!(f, "domain {name}"),
            Self::Composite(name) => write!(f, "composite type {name}"),
            Self::Collation(name) => write!(f, "collation {name}"),
            Self::Grants(on) => write!(f, "grants on {on}"),
            Self::Function(name, args) => write!(f, "function {name}({args})"),
            Self::Sequence(name) => write!(f, "sequence {name}"),
            Self::Table(name) => write!(f, "table {name}"),
            Self::Column(t, c) => write!(f, "column {t}.{c}"),
            Self::PrimaryKey(t, n) => write!(f, "primary key {n} on {t}"),
            Self::Unique(t, n) => write!(f, "unique constraint {n} on {t}"),
            Self::Check(t, n) => write!(f, "check {n} on {t}"),
            Self::Exclusion(t, n) => write!(f, "exclusion constraint {n} on {t}"),
            Self::ForeignKey(t, n) => write!(f, "foreign key {n} on {t}"),
            Self::Index(t, n) => write!(f, "index {n} on {t}"),
            Self::Trigger(t, n) => write!(f, "trigger {n} on {t}"),
            Self::Policy(t, n) => write!(f, "policy {n} on {t}"),
            Self::Partition(t, p) => write!(f, "partition {p} of {t}"),
            Self::View(name) => write!(f, "view {name}"),
            Self::SeedRow(t, key) => write!(f, "seed row ({key}) of {t}"),
        }
    }
}

/// An object's identity borrowed from a schema: what [`ObjectId`] says, without copying names
/// (the scripts look thousands of dependencies up). Orders as the [`ObjectId`] it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectRef<'a> {
    Schema(&'a str),
    Extension(&'a str),
    Enum(&'a QualifiedName),
    Domain(&'a QualifiedName),
    Composite(&'a QualifiedName),
    Collation(&'a QualifiedName),
    Grants(&'a GrantOn),
    Function(&'a QualifiedName, Args<'a>),
    Sequence(&'a QualifiedName),
    Table(&'a QualifiedName),
    Column(&'a QualifiedName, &'a str),
    PrimaryKey(&'a QualifiedName, &'a str),
    Unique(&'a QualifiedName, &'a str),
    Check(&'a QualifiedName, &'a str),
    Exclusion(&'a QualifiedName, &'a str),
    ForeignKey(&'a QualifiedName, &'a str),
    Index(&'a QualifiedName, &'a str),
    Trigger(&'a QualifiedName, &'a str),
    Policy(&'a QualifiedName, &'a str),
    Partition(&'a QualifiedName, &'a QualifiedName),
    View(&'a QualifiedName),
    SeedRow(&'a QualifiedName, &'a str),
}

impl<'a> ObjectRef<'a> {
    /// The table an object lives on, for those that live on one.
    pub fn table(self) -> Option<&'a QualifiedName> {
        match self {
            Self::Table(t)
            | Self::Column(t, _)
            | Self::PrimaryKey(t, _)
            | Self::Unique(t, _)
            | Self::Check(t, _)
            | Self::Exclusion(t, _)
            | Self::ForeignKey(t, _)
            | Self::Index(t, _)
            | Self::Trigger(t, _)
            | Self::Policy(t, _)
            | Self::Partition(t, _)
            | Self::SeedRow(t, _) => Some(t),
            _ => None,
        }
    }

    pub fn to_id(self) -> ObjectId {
        let s = |x: &str| x.to_owned();
        match self {
            Self::Schema(n) => ObjectId::Schema(s(n)),
            Self::Extension(n) => ObjectId::Extension(s(n)),
            Self::Enum(n) => ObjectId::Enum(n.clone()),
            Self::Domain(n) => ObjectId::Domain(n.clone()),
            Self::Composite(n) => ObjectId::Composite(n.clone()),
            Self::Collation(n) => ObjectId::Collation(n.clone()),
            Self::Grants(on) => ObjectId::Grants((*on).clone()),
            Self::Function(n, a) => ObjectId::Function(n.clone(), a.text().into_owned()),
            Self::Sequence(n) => ObjectId::Sequence(n.clone()),
            Self::Table(t) => ObjectId::Table(t.clone()),
            Self::Column(t, n) => ObjectId::Column(t.clone(), s(n)),
            Self::PrimaryKey(t, n) => ObjectId::PrimaryKey(t.clone(), s(n)),
            Self::Unique(t, n) => ObjectId::Unique(t.clone(), s(n)),
            Self::Check(t, n) => ObjectId::Check(t.clone(), s(n)),
            Self::Exclusion(t, n) => ObjectId::Exclusion(t.clone(), s(n)),
            Self::ForeignKey(t, n) => ObjectId::ForeignKey(t.clone(), s(n)),
            Self::Index(t, n) => ObjectId::Index(t.clone(), s(n)),
            Self::Trigger(t, n) => ObjectId::Trigger(t.clone(), s(n)),
            Self::Policy(t, n) => ObjectId::Policy(t.clone(), s(n)),
            Self::Partition(t, p) => ObjectId::Partition(t.clone(), p.clone()),
            Self::View(n) => ObjectId::View(n.clone()),
            Self::SeedRow(t, k) => ObjectId::SeedRow(t.clone(), s(k)),
        }
    }
}

/// A function's input argument types, as its identity: declared (a function's own arguments) or
/// written out (`text, integer`, an [`ObjectId`]'s). The two are equal when they say the same.
#[derive(Debug, Clone, Copy)]
pub enum Args<'a> {
    Declared(&'a [Argument]),
    Written(&'a str),
}

impl<'a> Args<'a> {
    /// The input types, `, `-separated (as [`Function::identity_args`] writes them).
    pub fn text(self) -> Cow<'a, str> {
        match self {
            Self::Written(text) => Cow::Borrowed(text),
            Self::Declared([]) => Cow::Borrowed(""),
            Self::Declared(args) => {
                let inputs = args.iter().filter(|a| a.mode.is_input());
                Cow::Owned(
                    inputs
                        .map(|a| a.sql_type.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            }
        }
    }
}

impl PartialEq for Args<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Args<'_> {}

impl PartialOrd for Args<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Args<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text().cmp(&other.text())
    }
}

impl std::hash::Hash for Args<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text().hash(state);
    }
}

/// An object of one schema, by reference; table-level objects come with their table.
#[derive(Debug, Clone, Copy)]
pub enum Object<'a> {
    Schema(&'a Namespace),
    Extension(&'a Extension),
    Enum(&'a EnumType),
    Domain(&'a Domain),
    Composite(&'a CompositeType),
    Collation(&'a Collation),
    Grants(&'a ObjectGrants),
    Function(&'a Function),
    Sequence(&'a Sequence),
    Table(&'a Table),
    Column(&'a Table, &'a Column),
    PrimaryKey(&'a Table, &'a PrimaryKey),
    Unique(&'a Table, &'a UniqueConstraint),
    Check(&'a Table, &'a Check),
    Exclusion(&'a Table, &'a Exclusion),
    ForeignKey(&'a Table, &'a ForeignKey),
    Index(&'a Table, &'a Index),
    Trigger(&'a Table, &'a Trigger),
    Policy(&'a Table, &'a Policy),
    Partition(&'a Table, &'a Partition),
    View(&'a View),
    SeedRow(&'a Seed, &'a SeedRow),
}

impl<'a> Object<'a> {
    /// Whether two objects are the same value (of the same kind, equal in every field).
    pub fn same_as(&self, other: &Object<'_>) -> bool {
        match (self, other) {
            (Object::Schema(a), Object::Schema(b)) => **a == **b,
            (Object::Extension(a), Object::Extension(b)) => **a == **b,
            (Object::Enum(a), Object::Enum(b)) => **a == **b,
            (Object::Domain(a), Object::Domain(b)) => **a == **b,
            (Object::Composite(a), Object::Composite(b)) => **a == **b,
            (Object::Collation(a), Object::Collation(b)) => **a == **b,
            (Object::Grants(a), Object::Grants(b)) => **a == **b,
            (Object::Function(a), Object::Function(b)) => **a == **b,
            (Object::Sequence(a), Object::Sequence(b)) => **a == **b,
            (Object::Table(a), Object::Table(b)) => **a == **b,
            (Object::Column(_, a), Object::Column(_, b)) => **a == **b,
            (Object::PrimaryKey(_, a), Object::PrimaryKey(_, b)) => **a == **b,
            (Object::Unique(_, a), Object::Unique(_, b)) => **a == **b,
            (Object::Check(_, a), Object::Check(_, b)) => **a == **b,
            (Object::Exclusion(_, a), Object::Exclusion(_, b)) => **a == **b,
            (Object::ForeignKey(_, a), Object::ForeignKey(_, b)) => **a == **b,
            (Object::Index(_, a), Object::Index(_, b)) => **a == **b,
            (Object::Trigger(_, a), Object::Trigger(_, b)) => **a == **b,
            (Object::Policy(_, a), Object::Policy(_, b)) => **a == **b,
            (Object::Partition(_, a), Object::Partition(_, b)) => **a == **b,
            (Object::View(a), Object::View(b)) => **a == **b,
            (Object::SeedRow(_, a), Object::SeedRow(_, b)) => **a == **b,
            _ => false,
        }
    }

    pub fn id(&self) -> ObjectId {
        self.key().to_id()
    }

    /// The object's identity, borrowed.
    pub fn key(&self) -> ObjectRef<'a> {
        match *self {
            Self::Schema(n) => ObjectRef::Schema(&n.name),
            Self::Extension(e) => ObjectRef::Extension(&e.name),
            Self::Enum(e) => ObjectRef::Enum(&e.name),
            Self::Domain(d) => ObjectRef::Domain(&d.name),
            Self::Composite(c) => ObjectRef::Composite(&c.name),
            Self::Collation(c) => ObjectRef::Collation(&c.name),
            Self::Grants(g) => ObjectRef::Grants(&g.on),
            Self::Function(f) => ObjectRef::Function(&f.name, Args::Declared(&f.args)),
            Self::Sequence(q) => ObjectRef::Sequence(&q.name),
            Self::Table(t) => ObjectRef::Table(&t.name),
            Self::Column(t, c) => ObjectRef::Column(&t.name, &c.name),
            Self::PrimaryKey(t, pk) => ObjectRef::PrimaryKey(&t.name, &pk.name),
            Self::Unique(t, u) => ObjectRef::Unique(&t.name, &u.name),
            Self::Check(t, c) => ObjectRef::Check(&t.name, &c.name),
            Self::Exclusion(t, x) => ObjectRef::Exclusion(&t.name, &x.name),
            Self::ForeignKey(t, fk) => ObjectRef::ForeignKey(&t.name, &fk.name),
            Self::Index(t, i) => ObjectRef::Index(&t.name, &i.name),
            Self::Trigger(t, tr) => ObjectRef::Trigger(&t.name, &tr.name),
            Self::Policy(t, p) => ObjectRef::Policy(&t.name, &p.name),
            Self::Partition(t, p) => ObjectRef::Partition(&t.name, &p.name),
            Self::View(v) => ObjectRef::View(&v.name),
            Self::SeedRow(s, r) => ObjectRef::SeedRow(&s.table, &r.key),
        }
    }
}

/// The objects that live on `t` (its columns, keys, constraints, indexes, triggers, policies,
/// partitions), in a fixed order.
pub fn table_parts(t: &Table) -> Vec<Object<'_>> {
    let mut out: Vec<Object<'_>> = t.columns.iter().map(|c| Object::Column(t, c)).collect();
    out.extend(t.primary_key.iter().map(|pk| Object::PrimaryKey(t, pk)));
    out.extend(t.uniques.iter().map(|u| Object::Unique(t, u)));
    out.extend(t.checks.iter().map(|c| Object::Check(t, c)));
    out.extend(t.exclusions.iter().map(|x| Object::Exclusion(t, x)));
    out.extend(t.foreign_keys.iter().map(|fk| Object::ForeignKey(t, fk)));
    out.extend(t.indexes.iter().map(|i| Object::Index(t, i)));
    out.extend(t.triggers.iter().map(|tr| Object::Trigger(t, tr)));
    out.extend(t.policies.iter().map(|p| Object::Policy(t, p)));
    out.extend(t.partitions.iter().map(|p| Object::Partition(t, p)));
    out
}

/// The rows of `seed`, as objects.
pub fn seed_rows(seed: &Seed) -> impl Iterator<Item = Object<'_>> {
    seed.rows.iter().map(move |r| Object::SeedRow(seed, r))
}

/// Every object of `schema`, tables followed by their parts, then views, then seed rows.
pub fn objects(schema: &Schema) -> Vec<Object<'_>> {
    let mut out: Vec<Object<'_>> = schema.namespaces.iter().map(Object::Schema).collect();
    out.extend(schema.extensions.iter().map(Object::Extension));
    out.extend(schema.collations.iter().map(Object::Collation));
    out.extend(schema.enums.iter().map(Object::Enum));
    out.extend(schema.domains.iter().map(Object::Domain));
    out.extend(schema.composites.iter().map(Object::Composite));
    out.extend(schema.functions.iter().map(Object::Function));
    out.extend(schema.sequences.iter().map(Object::Sequence));
    for t in &schema.tables {
        out.push(Object::Table(t));
        out.extend(table_parts(t));
    }
    out.extend(schema.views.iter().map(Object::View));
    out.extend(schema.seeds.iter().flat_map(seed_rows));
    out.extend(schema.grants.iter().map(Object::Grants));
    out
}
