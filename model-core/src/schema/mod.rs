//! The typed schema model: what a PostgreSQL schema is made of, independent of any SQL text.
//!
//! Built from SeaORM entities by [`crate::SchemaBuilder`], rendered by `ddl-gen`. No SQL is
//! assembled here; the only SQL strings are the user's own raw expressions (defaults, CHECKs,
//! index expressions and predicates, raw types, policies, domains' checks) and the tenant key's policy and default.

mod collation;
mod column;
mod composite;
mod constraint;
mod domain;
mod grant;
mod identity;
mod index;
mod partition;
mod policy;
mod routine;
mod seed;
mod sequence;
mod table;
mod trigger;
mod view;

pub use collation::{Collation, CollationProvider};
pub use column::{Column, ColumnType};
pub use composite::{Attribute, CompositeType};
pub use constraint::{
    Check, Deferral, Exclusion, ExclusionElement, ForeignKey, ForeignKeyAction, PrimaryKey,
    UniqueConstraint,
};
pub use domain::{Domain, DomainCheck};
pub use grant::{Grant, GrantOn, ObjectGrants, PUBLIC, Privilege, normal_grants};
pub use identity::{Identity, IdentityOptions, SequenceValues, integer_range};
pub use index::{Index, IndexKey, IndexKeyKind, IndexMethod, NullsOrder, TsVectorColumn};
pub use partition::{Partition, PartitionBound, PartitionBy, PartitionKey, PartitionStrategy};
pub use policy::{Policy, PolicyCommand, Tenant, normal_roles};
pub use routine::{
    ArgMode, Argument, Function, FunctionBody, Parallel, Returns, Setting, Volatility, dollar_tag,
};
pub use seed::{OnConflict, Seed, SeedRow, literal};
pub use sequence::{Sequence, SequenceOwner};
pub use table::{SoftDeleteColumn, Table};
pub use trigger::{Trigger, TriggerEvent, TriggerTiming};
pub use view::{CheckOption, View};

use std::fmt;

/// A schema-qualified name: `schema.name`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct QualifiedName {
    pub schema: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            schema: schema.into(),
            name: name.into(),
        }
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// A relation's storage parameters (`WITH (name = value, ..)`), by name: values as
/// `pg_class.reloptions` spells them (`70`, `false`, `0.05`).
pub type StorageParameters = std::collections::BTreeMap<String, String>;

/// A PostgreSQL namespace the models live in, with its comment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Namespace {
    pub name: String,
    pub comment: Option<String>,
}

/// `CREATE EXTENSION IF NOT EXISTS name`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extension {
    pub name: String,
    /// The installed version, as read from a database; models pin none (the server's default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// A PostgreSQL enum type with its values in declaration order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EnumType {
    pub name: QualifiedName,
    pub values: Vec<String>,
}

/// A whole, validated schema: everything the create script makes.
///
/// Every list is sorted by name, so two schemas built from the same models are equal and
/// render to the same bytes whatever order the entities were registered in. Dependency
/// order is the renderer's business.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Schema {
    pub namespaces: Vec<Namespace>,
    pub extensions: Vec<Extension>,
    pub enums: Vec<EnumType>,
    /// Collations (`CREATE COLLATION`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collations: Vec<Collation>,
    /// Domains: base types with a default, NOT NULL and checks of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<Domain>,
    /// Composite types (`CREATE TYPE .. AS (..)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub composites: Vec<CompositeType>,
    pub functions: Vec<Function>,
    /// Sequences of their own (not a `serial` column's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sequences: Vec<Sequence>,
    pub tables: Vec<Table>,
    /// Views and materialized views.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
    /// Seed rows, by table name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seeds: Vec<Seed>,
    /// Grants to roles on schemas, tables, views, sequences and functions, by object.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<ObjectGrants>,
}

impl Schema {
    /// A schema with nothing in it: what a database holds before the first migration.
    pub fn empty() -> Self {
        Self {
            namespaces: Vec::new(),
            extensions: Vec::new(),
            enums: Vec::new(),
            collations: Vec::new(),
            domains: Vec::new(),
            composites: Vec::new(),
            functions: Vec::new(),
            sequences: Vec::new(),
            tables: Vec::new(),
            views: Vec::new(),
            seeds: Vec::new(),
            grants: Vec::new(),
        }
    }

    /// Starts assembling a schema from entities (and, for tools, hand-built tables).
    pub fn builder() -> crate::SchemaBuilder {
        crate::SchemaBuilder::default()
    }

    /// The table named `name`, by binary search: `tables` is sorted by name (as `build()`,
    /// introspection and the state file keep it).
    pub fn table(&self, name: &QualifiedName) -> Option<&Table> {
        self.tables
            .binary_search_by(|t| t.name.cmp(name))
            .ok()
            .map(|i| &self.tables[i])
    }

    /// The seed rows of table `name` (`seeds` is sorted by table).
    pub fn seed(&self, name: &QualifiedName) -> Option<&Seed> {
        self.seeds
            .binary_search_by(|s| s.table.cmp(name))
            .ok()
            .map(|i| &self.seeds[i])
    }

    /// The grants on `on` (`grants` is sorted by object).
    pub fn grants_on(&self, on: &GrantOn) -> Option<&ObjectGrants> {
        self.grants
            .binary_search_by(|g| g.on.cmp(on))
            .ok()
            .map(|i| &self.grants[i])
    }

    /// The collation named `name` (`collations` is sorted by name).
    pub fn collation(&self, name: &QualifiedName) -> Option<&Collation> {
        self.collations
            .binary_search_by(|c| c.name.cmp(name))
            .ok()
            .map(|i| &self.collations[i])
    }

    /// The domain named `name` (`domains` is sorted by name).
    pub fn domain(&self, name: &QualifiedName) -> Option<&Domain> {
        self.domains
            .binary_search_by(|d| d.name.cmp(name))
            .ok()
            .map(|i| &self.domains[i])
    }

    /// The composite type named `name` (`composites` is sorted by name).
    pub fn composite(&self, name: &QualifiedName) -> Option<&CompositeType> {
        self.composites
            .binary_search_by(|c| c.name.cmp(name))
            .ok()
            .map(|i| &self.composites[i])
    }

    /// The view named `name` (`views` is sorted by name).
    pub fn view(&self, name: &QualifiedName) -> Option<&View> {
        self.views
            .binary_search_by(|v| v.name.cmp(name))
            .ok()
            .map(|i| &self.views[i])
    }
}
