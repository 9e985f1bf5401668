//! Partitions in a migration. A new partition of a table that exists is attached, on a live
//! database, as a table of its own first (`ATTACH PARTITION` takes SHARE UPDATE EXCLUSIVE on the
//! parent where `CREATE TABLE .. PARTITION OF` takes ACCESS EXCLUSIVE); changed bounds detach
//! their partitions and attach them again, their rows kept and checked against the new bounds;
//! a dropped one is dropped with its rows. On one table the partitions dropped go first, then
//! the bounds move (all detached, then all attached, so two may trade ranges), then the new
//! ones come: each takes a range only once what held it let go. A table's partitioning itself
//! PostgreSQL cannot change in place: that is refused, with the way round.

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
        // After the bounds of this table that move (one may give up the range it takes).
        let moved = (self.moved_bounds(&t.name).into_iter())
            .map(|q| ObjectId::Partition(t.name.clone(), q));
        self.push(
            step.creating([id.clone()])
                .requiring(std::iter::once(parent).chain(moved)),
        );
        if p.comment.is_some() {
            self.comment(Commented::Table(&p.name), id, &p.comment);
        }
    }

    pub(super) fn drop_partition(&mut self, t: &Table, p: &Partition, loses: Option<String>) {
        let id = ObjectId::Partition(t.name.clone(), p.name.clone());
        self.push(
            // Before the partitions that may take its range.
            Step::sql(
                Phase::DropConstraintsAndIndexes,
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

    /// A new bound is set with the table's others ([`Self::move_partitions`]); a comment alone.
    pub(super) fn change_partition(
        &mut self,
        t: &Table,
        b: &Partition,
        p: &Partition,
        change: &Change<'_>,
    ) {
        if change.alters(Aspect::Bound) {
            (self.moved_partitions).push((t.name.clone(), b.clone(), p.clone()));
        }
        if change.alters(Aspect::Comment) {
            let id = ObjectId::Partition(t.name.clone(), p.name.clone());
            self.comment(Commented::Table(&p.name), id, &p.comment);
        }
    }

    /// The partitions of `table` whose bound moves.
    fn moved_bounds(&self, table: &model_core::QualifiedName) -> Vec<model_core::QualifiedName> {
        let (Some(before), Some(after)) = (self.old.table(table), self.new.table(table)) else {
            return Vec::new();
        };
        (after.partitions.iter())
            .filter(|p| (before.partitions.iter()).any(|b| b.name == p.name && b.bound != p.bound))
            .map(|p| p.name.clone())
            .collect()
    }

    /// One step per table whose partitions' bounds move: every one detached, then every one
    /// attached again under its new bound, in one transaction (rows kept, and checked).
    pub(super) fn move_partitions(&mut self) {
        let moved = std::mem::take(&mut self.moved_partitions);
        let mut tables: Vec<&model_core::QualifiedName> = moved.iter().map(|m| &m.0).collect();
        tables.dedup();
        for table in tables {
            let here: Vec<&(_, Partition, Partition)> =
                moved.iter().filter(|m| &m.0 == table).collect();
            let detach = here
                .iter()
                .map(|(_, b, _)| render::detach_partition(table, &b.name));
            let attach = here
                .iter()
                .map(|(_, _, p)| render::attach_partition(table, p));
            let sql: Vec<String> = detach.chain(attach).collect();
            let t = self
                .new
                .table(table)
                .expect("a table whose partitions move");
            let mut hazards = vec![Hazard::LocksTable(table.clone())];
            for (_, _, p) in &here {
                let scanned = std::iter::once(Hazard::ScansTable(p.name.clone()));
                for h in scanned.chain(self.default_partition_scanned(t, p)) {
                    if !hazards.contains(&h) {
                        hazards.push(h);
                    }
                }
            }
            let names: Vec<String> = (here.iter())
                .map(|(_, _, p)| format!("{} {}", p.name, render::Bound(&p.bound)))
                .collect();
            let mut step = Step::sql(
                Phase::AlterColumns,
                format!(
                    "partitions of table {table} detached and attached again: {}",
                    names.join("; ")
                ),
                sql.join(";\n"),
            )
            .hazards(hazards);
            for (_, _, p) in &here {
                step = step.altering(ObjectId::Partition(table.clone(), p.name.clone()));
            }
            self.push(step);
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
