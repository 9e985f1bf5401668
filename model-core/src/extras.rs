//! What `#[derive(PgTable)]` emits: plain `'static` data describing the `#[pg(...)]` keys and
//! the SeaORM attributes that SeaORM keeps private. The derive checks the grammar and the field
//! names; [`crate::SchemaBuilder`] interprets this data at run time, next to SeaORM's metadata.
//!
//! Column references are database column names (the derive resolves field names and
//! `column_name`). Names left `None` get their defaults at build time.

use crate::schema::{Deferral, IndexMethod};

/// Everything the derive read from one model struct.
#[derive(Debug)]
pub struct TableExtras {
    /// `module::path::Model`, for messages.
    pub model: &'static str,
    pub soft_delete: Option<&'static str>,
    pub versioned: Option<&'static str>,
    pub timestamps: Option<TimestampsSpec>,
    /// `#[pg(unlogged)]`.
    pub unlogged: bool,
    /// `#[pg(with(fillfactor = 70, ..))]`: storage parameters, name and value.
    pub storage: &'static [(&'static str, &'static str)],
    /// `#[pg(row_security)]` (or `tenant`).
    pub row_security: bool,
    /// `#[pg(row_security(force))]` (or `tenant`).
    pub force_row_security: bool,
    /// `#[pg(policy(..))]`, in declaration order.
    pub policies: &'static [PolicySpec],
    /// `#[pg(tenant)]`.
    pub tenant: Option<TenantSpec>,
    /// `#[pg(primary_key(..))]`: the name, deferral and covering columns of the primary key
    /// (its columns are SeaORM's `primary_key` fields).
    pub primary_key: Option<PrimaryKeySpec>,
    pub indexes: &'static [IndexSpec],
    pub uniques: &'static [UniqueSpec],
    pub checks: &'static [CheckSpec],
    /// `#[pg(exclude(..))]`: exclusion constraints.
    pub exclusions: &'static [ExclusionSpec],
    /// `#[pg(partition_by(..))]`.
    pub partition_by: Option<PartitionBySpec>,
    /// `#[pg(partition(..))]`, in declaration order.
    pub partitions: &'static [PartitionSpec],
    /// Every field, in declaration order.
    pub fields: &'static [FieldExtras],
    /// `#[pg(view = "..")]` or `#[pg(materialized_view = "..")]`: the entity is a view.
    pub view: Option<ViewSpec>,
}

/// `#[pg(partition_by(range(at)))]`: the strategy and the key, columns by database name.
#[derive(Debug)]
pub struct PartitionBySpec {
    pub strategy: crate::schema::PartitionStrategy,
    pub key: &'static [PartitionKeySpec],
}

#[derive(Debug)]
pub enum PartitionKeySpec {
    Column(&'static str),
    Expr(&'static str),
}

/// `#[pg(partition(name = "..", ..))]`: a partition, in the table's schema unless `schema`
/// says another.
#[derive(Debug)]
pub struct PartitionSpec {
    pub name: &'static str,
    pub schema: Option<&'static str>,
    pub bound: BoundSpec,
    pub comment: Option<&'static str>,
}

/// A partition's bound: SQL literals, one per key element.
#[derive(Debug)]
pub enum BoundSpec {
    Range {
        from: &'static [&'static str],
        to: &'static [&'static str],
    },
    List(&'static [&'static str]),
    Hash {
        modulus: u32,
        remainder: u32,
    },
    Default,
}

/// A view's entity: its query and options.
#[derive(Debug)]
pub struct ViewSpec {
    pub query: &'static str,
    pub materialized: bool,
    pub security_barrier: bool,
    pub check_option: Option<crate::schema::CheckOption>,
}

#[derive(Debug)]
pub struct TimestampsSpec {
    pub created: &'static str,
    pub updated: &'static str,
}

/// One field: its column name, its `#[pg(...)]` keys, and SeaORM's private column attributes.
#[derive(Debug)]
pub struct FieldExtras {
    pub field: &'static str,
    pub column: &'static str,
    pub serial: bool,
    pub default: Option<&'static str>,
    pub sql_type: Option<&'static str>,
    /// `#[pg(domain = "..")]`: the column's type is this domain (`schema.name`, or a name in
    /// the table's schema).
    pub domain: Option<&'static str>,
    pub check: Option<CheckSpec>,
    pub indexes: &'static [IndexSpec],
    pub fk: Option<FkSpec>,
    pub enum_schema: Option<&'static str>,
    /// `#[pg(generated = "..")]`: `GENERATED ALWAYS AS (..) STORED`.
    pub generated: Option<&'static str>,
    /// `#[pg(collate = "..")]` or `collate(schema = "..", name = "..")`: the column's collation.
    pub collate: Option<CollationSpec>,
    /// `#[pg(identity)]` or `identity(always, start = .., ..)`: an identity column.
    pub identity: Option<IdentitySpec>,
    /// `#[sea_orm(comment = "..")]`
    pub comment: Option<&'static str>,
    /// `#[sea_orm(indexed)]`
    pub indexed: bool,
    /// `#[sea_orm(unique_key = "..")]`
    pub unique_key: Option<&'static str>,
    /// `#[sea_orm(renamed_from = "..")]`
    pub renamed_from: Option<&'static str>,
}

#[derive(Debug)]
pub struct IndexSpec {
    pub name: Option<&'static str>,
    pub keys: &'static [IndexKeySpec],
    pub method: Option<IndexMethod>,
    pub opclass: Option<&'static str>,
    pub unique: bool,
    pub predicate: Option<&'static str>,
    pub include: &'static [&'static str],
    pub nulls_not_distinct: bool,
    /// `collate = ".."` (or `collate(..)`): the collation of every key.
    pub collate: Option<CollationSpec>,
    /// `with(..)`: storage parameters, name and value.
    pub storage: &'static [(&'static str, &'static str)],
}

/// `#[pg(identity(always, start = .., increment = .., min_value = .., max_value = .., cache = ..,
/// cycle))]`: `GENERATED ALWAYS` (or, without `always`, `BY DEFAULT`) `AS IDENTITY` and its
/// sequence's options, those not said left to PostgreSQL.
#[derive(Debug, Clone, Copy)]
pub struct IdentitySpec {
    pub always: bool,
    pub options: crate::IdentityOptions,
}

/// A collation named by `collate = ".."` (one of PostgreSQL's own, in `pg_catalog`) or
/// `collate(schema = "..", name = "..")`.
#[derive(Debug, Clone, Copy)]
pub struct CollationSpec {
    pub schema: &'static str,
    pub name: &'static str,
}

impl CollationSpec {
    pub fn name(self) -> crate::QualifiedName {
        crate::QualifiedName::new(self.schema, self.name)
    }
}

#[derive(Debug)]
pub enum IndexKeySpec {
    Column {
        column: &'static str,
        desc: bool,
        /// `nulls_first` (`Some(true)`) or `nulls_last` (`Some(false)`).
        nulls_first: Option<bool>,
    },
    Expr(&'static str),
    TsVector {
        language: &'static str,
        columns: &'static [&'static str],
    },
}

/// `#[pg(exclude(name = "..", using = "..", on(field = "op", ..), expr(sql = "..", with = ".."),
/// include(..), where = "..", deferrable | initially_deferred))]`.
#[derive(Debug)]
pub struct ExclusionSpec {
    pub name: Option<&'static str>,
    /// `None`: GiST.
    pub method: Option<IndexMethod>,
    /// Each key (a column or an expression) and its operator, in order.
    pub elements: &'static [(IndexKeySpec, &'static str)],
    pub include: &'static [&'static str],
    pub predicate: Option<&'static str>,
    pub deferral: crate::Deferral,
}

/// `#[pg(primary_key(name = "..", deferrable | initially_deferred, include(..)))]`.
#[derive(Debug)]
pub struct PrimaryKeySpec {
    pub name: Option<&'static str>,
    pub deferral: Deferral,
    pub include: &'static [&'static str],
}

#[derive(Debug)]
pub struct UniqueSpec {
    pub name: Option<&'static str>,
    pub columns: &'static [&'static str],
    pub nulls_not_distinct: bool,
    pub predicate: Option<&'static str>,
    pub deferral: Deferral,
    pub include: &'static [&'static str],
}

#[derive(Debug)]
pub struct CheckSpec {
    pub name: Option<&'static str>,
    pub sql: &'static str,
    /// `not_valid`: added `NOT VALID`, rows already there not checked.
    pub not_valid: bool,
    /// `no_inherit`: `NO INHERIT`.
    pub no_inherit: bool,
}

#[derive(Debug)]
pub struct FkSpec {
    pub name: Option<&'static str>,
    pub deferrable: bool,
    pub initially_deferred: bool,
    /// `match_full`: `MATCH FULL`.
    pub match_full: bool,
    /// `not_valid`: added `NOT VALID`.
    pub not_valid: bool,
}

/// `#[pg(policy(..))]`.
#[derive(Debug)]
pub struct PolicySpec {
    pub name: &'static str,
    pub restrictive: bool,
    pub command: crate::schema::PolicyCommand,
    pub roles: &'static [&'static str],
    pub using: Option<&'static str>,
    pub with_check: Option<&'static str>,
}

/// `#[pg(tenant(column = "..", setting = ".."))]`, defaults filled in.
#[derive(Debug)]
pub struct TenantSpec {
    pub column: &'static str,
    pub setting: &'static str,
}
