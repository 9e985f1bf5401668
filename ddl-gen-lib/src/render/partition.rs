//! Declarative partitioning: a partitioned table's `PARTITION BY`, and its partitions created,
//! attached and detached.

use std::fmt;

use model_core::{Partition, PartitionBound, PartitionBy, PartitionKey, QualifiedName};

use super::ident::{Ident, Qualified};

/// ` PARTITION BY RANGE (at)`: what follows a partitioned table's column list.
pub struct PartitionClause<'a>(pub &'a PartitionBy);

impl fmt::Display for PartitionClause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, " PARTITION BY {}", PartitionKeyText(self.0))
    }
}

/// `RANGE (at)`: the strategy and the key as `PARTITION BY` takes them, each expression in
/// parentheses (`LIST ((lower(kind)))`, where `pg_get_partkeydef` prints a call bare).
pub struct PartitionKeyText<'a>(pub &'a PartitionBy);

impl fmt::Display for PartitionKeyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (", self.0.strategy.as_sql())?;
        for (n, k) in self.0.key.iter().enumerate() {
            if n > 0 {
                f.write_str(", ")?;
            }
            match k {
                PartitionKey::Column(c) => write!(f, "{}", Ident(c))?,
                PartitionKey::Expression(e) => write!(f, "({e})")?,
            }
        }
        f.write_str(")")
    }
}

/// `FOR VALUES FROM (..) TO (..)`, `FOR VALUES IN (..)`, `FOR VALUES WITH (MODULUS m, REMAINDER
/// r)` or `DEFAULT`.
pub struct Bound<'a>(pub &'a PartitionBound);

impl fmt::Display for Bound<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            PartitionBound::Range { from, to } => write!(
                f,
                "FOR VALUES FROM ({}) TO ({})",
                from.join(", "),
                to.join(", ")
            ),
            PartitionBound::List(values) => write!(f, "FOR VALUES IN ({})", values.join(", ")),
            PartitionBound::Hash { modulus, remainder } => write!(
                f,
                "FOR VALUES WITH (MODULUS {modulus}, REMAINDER {remainder})"
            ),
            PartitionBound::Default => f.write_str("DEFAULT"),
        }
    }
}

/// `CREATE TABLE p PARTITION OF parent FOR VALUES ..`: the partition takes its parent's
/// columns, keys, constraints, indexes and triggers.
pub fn create_partition(parent: &QualifiedName, p: &Partition, guarded: bool) -> String {
    format!(
        "CREATE TABLE {}{} PARTITION OF {} {}",
        if guarded { "IF NOT EXISTS " } else { "" },
        Qualified(&p.name),
        Qualified(parent),
        Bound(&p.bound)
    )
}

/// `CREATE TABLE p (LIKE parent ..)`: a table to attach as a partition of `parent`, with the
/// columns, defaults, generation expressions, NOT NULLs and checks `ATTACH PARTITION` wants it
/// to have (it adds the parent's keys, indexes, foreign keys and triggers itself).
pub fn create_standalone_partition(parent: &QualifiedName, p: &QualifiedName) -> String {
    format!(
        "CREATE TABLE {} (LIKE {} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)",
        Qualified(p),
        Qualified(parent)
    )
}

/// `ALTER TABLE parent ATTACH PARTITION p FOR VALUES ..`: PostgreSQL checks every row of `p`
/// against the bound (and the default partition's rows against it too).
pub fn attach_partition(parent: &QualifiedName, p: &Partition) -> String {
    format!(
        "ALTER TABLE {} ATTACH PARTITION {} {}",
        Qualified(parent),
        Qualified(&p.name),
        Bound(&p.bound)
    )
}

/// `ALTER TABLE parent DETACH PARTITION p`: `p` stays, a table of its own with its rows.
pub fn detach_partition(parent: &QualifiedName, p: &QualifiedName) -> String {
    format!(
        "ALTER TABLE {} DETACH PARTITION {}",
        Qualified(parent),
        Qualified(p)
    )
}
