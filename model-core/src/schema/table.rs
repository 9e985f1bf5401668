use super::{
    Check, Column, Exclusion, ForeignKey, Index, Partition, PartitionBy, Policy, PrimaryKey,
    QualifiedName, StorageParameters, Tenant, Trigger, UniqueConstraint,
};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub name: QualifiedName,
    pub comment: Option<String>,
    /// Columns in declaration order (the order of the Rust fields).
    pub columns: Vec<Column>,
    pub primary_key: Option<PrimaryKey>,
    pub uniques: Vec<UniqueConstraint>,
    pub foreign_keys: Vec<ForeignKey>,
    pub checks: Vec<Check>,
    pub indexes: Vec<Index>,
    pub triggers: Vec<Trigger>,
    /// Run-time behaviour flags (no DDL of their own beyond what they add above).
    pub soft_delete: Option<SoftDeleteColumn>,
    /// The optimistic-locking column, if `versioned`.
    pub version_column: Option<String>,
    /// SeaORM's `renamed_from` on the table, for migrations.
    pub renamed_from: Option<String>,
    /// `UNLOGGED`: not written to the write-ahead log (faster writes; emptied after a crash,
    /// not replicated).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlogged: bool,
    /// `ENABLE ROW LEVEL SECURITY`: the table's policies decide which rows a role other than
    /// the owner (and a superuser, or a role with `BYPASSRLS`) sees and writes; without a policy
    /// for it, none.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub row_security: bool,
    /// `FORCE ROW LEVEL SECURITY`: the policies hold for the table's owner too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub force_row_security: bool,
    /// Row level security policies, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
    /// `#[pg(tenant)]`: where the tenant column, index, row security and policy came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Tenant>,
    /// Storage parameters, `WITH (fillfactor = 70, ..)`: name to value, as `pg_class.reloptions`
    /// holds them (the table's own, not its TOAST table's).
    #[serde(default, skip_serializing_if = "StorageParameters::is_empty")]
    pub storage: StorageParameters,
    /// Exclusion constraints (`EXCLUDE USING gist (..)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
    /// `PARTITION BY ..`: the table is partitioned (it keeps no rows of its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<PartitionBy>,
    /// The partitions of a partitioned table, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<Partition>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SoftDeleteColumn {
    pub column: String,
}

impl Table {
    pub fn new(name: QualifiedName) -> Self {
        Self {
            name,
            comment: None,
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            indexes: Vec::new(),
            triggers: Vec::new(),
            soft_delete: None,
            version_column: None,
            renamed_from: None,
            unlogged: false,
            row_security: false,
            force_row_security: false,
            policies: Vec::new(),
            tenant: None,
            storage: StorageParameters::new(),
            exclusions: Vec::new(),
            partition_by: None,
            partitions: Vec::new(),
        }
    }

    /// Partitioned by `by`, with `partitions`.
    pub fn partitioned(mut self, by: PartitionBy, partitions: Vec<Partition>) -> Self {
        self.partition_by = Some(by);
        self.partitions = partitions;
        self
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}
