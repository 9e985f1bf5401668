//! Partitions in a migration. A new partition of a table that exists is attached, on a live
//! database, as a table of its own first (`ATTACH PARTITION` takes SHARE UPDATE EXCLUSIVE on the
//! parent where `CREATE TABLE .. PARTITION OF` takes ACCESS EXCLUSIVE); a changed bound detaches
//! the partition and attaches it again, its rows kept and checked against the new bound; a
//! dropped one is dropped with its rows. A table's partitioning itself PostgreSQL cannot change
//! in place: that is refused, with the way round.

use model_core::{Partition, PartitionBound, Table};

use super::{Phase, Planner, Step, Unsupported};
use crate::compare::{Aspect, Change, ObjectId};
use crate::migration::Hazard;
use crate::render;
use crate::render::alter::Commented;

impl Planner<'_> {
    pub(super) fn create_partition(&mut self, t: &Table, p: &Partition) {
        let id = ObjectId::Partition(t.name.clone(), p.name.clone());
        let parent = ObjectId::Table(t.name.clone());
        let step = if self.online && self.existing(&t.name) {
            let sql = [
                render::create_standalone_partition(&t.name, &p.name),
                render::attach_partition(&t.name, p),
            ];
            Step::sql(
                Phase::CreateTables,
                format!("create {id}, attached"),
                sql.join(";\n"),
            )
            .hazards(self.default_partition_scanned(t, p))
        } else {
            let hazards = self.on(&t.name, [Hazard::LocksTable(t.name.clone())]);
            Step::sql(
                Phase::CreateTables,
                format!("create {id}"),
                render::create_partition(&t.name, p, false),
            )
            .hazards(hazards)
            .hazards(self.default_partition_scanned(t, p))
        };
        self.push(step.creating([id.clone()]).requiring([parent]));
        if p.comment.is_some() {
            self.comment(Commented::Table(&p.name), id, &p.comment);
        }
    }

    pub(super) fn drop_partition(&mut self, t: &Table, p: &Partition, loses: Option<String>) {
        let id = ObjectId::Partition(t.name.clone(), p.name.clone());
        self.push(
            Step::sql(
                Phase::DropTables,
                format!("drop {id}"),
                render::alter::drop_table(&p.name),
            )
            .dropping([id])
            .hazards([
                Hazard::LocksTable(t.name.clone()),
                Hazard::BreaksRunningCode(format!("partition {}", p.name)),
            ])
            .losing(loses),
        );
    }

    /// A new bound: detached and attached again, in one transaction (rows kept, and checked).
    pub(super) fn change_partition(
        &mut self,
        t: &Table,
        b: &Partition,
        p: &Partition,
        change: &Change<'_>,
    ) {
        let id = ObjectId::Partition(t.name.clone(), p.name.clone());
        if change.alters(Aspect::Bound) {
            let sql = [
                render::detach_partition(&t.name, &b.name),
                render::attach_partition(&t.name, p),
            ];
            self.push(
                Step::sql(
                    Phase::AlterColumns,
                    format!("{id}: detach and attach again {}", render::Bound(&p.bound)),
                    sql.join(";\n"),
                )
                .altering(id.clone())
                .hazards([
                    Hazard::LocksTable(t.name.clone()),
                    Hazard::ScansTable(p.name.clone()),
                ])
                .hazards(self.default_partition_scanned(t, p)),
            );
        }
        if change.alters(Aspect::Comment) {
            self.comment(Commented::Table(&p.name), id, &p.comment);
        }
    }

    /// A partition bound PostgreSQL must check the default partition's rows against (none of
    /// them may belong to it), under that partition's lock.
    fn default_partition_scanned(&self, t: &Table, p: &Partition) -> Vec<Hazard> {
        if p.bound == PartitionBound::Default {
            return Vec::new();
        }
        let Some(before) = self.old.table(&t.name) else {
            return Vec::new();
        };
        (before.partitions.iter())
            .filter(|d| d.bound == PartitionBound::Default)
            .flat_map(|d| {
                [
                    Hazard::LocksTable(d.name.clone()),
                    Hazard::ScansTable(d.name.clone()),
                ]
            })
            .collect()
    }
}

/// PostgreSQL changes no type or collation of a column its table is partitioned by.
pub(super) fn retype_key_column(
    new: &model_core::Schema,
    table: &model_core::QualifiedName,
    c: &model_core::Column,
) -> Result<(), Unsupported> {
    let by = new.table(table).and_then(|t| t.partition_by.as_ref());
    if by.is_some_and(|by| by.columns().any(|k| k == c.name)) {
        return Err(Unsupported(format!(
            "column {table}.{} changes type or collation, and {table} is partitioned by it, which PostgreSQL refuses; create the table under a new name as the models want it, copy the rows over, and drop the old one (or rename the two) in a hand-written migration",
            c.name
        )));
    }
    Ok(())
}

/// PostgreSQL cannot partition a table that is not, unpartition one, or change its key: the
/// refusal says what the models and the database have, and the way round.
pub(super) fn repartition(before: &Table, after: &Table) -> Unsupported {
    let words = |t: &Table| {
        (t.partition_by.as_ref()).map_or_else(
            || "not partitioned".to_owned(),
            |by| format!("partitioned by {}", render::PartitionKeyText(by)),
        )
    };
    Unsupported(format!(
        "table {} is {} and would be {}, which PostgreSQL cannot change in place; create the table under a new name as the models want it, copy the rows over, and drop the old one (or rename the two) in a hand-written migration",
        after.name,
        words(before),
        words(after)
    ))
}
