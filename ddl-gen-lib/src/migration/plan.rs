//! From one schema to another: the change set ([`crate::compare`]) turned into steps, ordered by
//! the dependency graph ([`crate::graph`]).
//!
//! Each step says which objects it creates, alters and drops. Creation follows the new schema's
//! dependencies (a table after the types its columns use, a foreign key after the key it
//! references), dropping follows the old schema's in reverse (a foreign key before the key it
//! references, a column before the enum type it uses), and an object dropped and created again
//! is dropped first. Among steps free to go, the [`Phase`] and then the order the changes came
//! in decide, so a plan is deterministic and reads in a familiar order. The same function plans
//! `down()`: from the new schema back to the old, with renames inverted.

mod collation;
mod composite;
mod domain;
mod grant;
mod partition;

use std::collections::{BTreeMap, BTreeSet};

use model_core::{
    Column, ColumnType, EnumType, ForeignKey, Function, Identity, Index, IndexKeyKind,
    QualifiedName, Schema, Sequence, Table, Trigger, View, names,
};

use super::hazard::{self, Hazard};
use crate::compare::{Aspect, Change, ChangeKind, Object, ObjectId, Rename, compare, table_parts};
use crate::graph::{Catalog, topological_order};
use crate::render;
use crate::render::alter::{self, Commented};

/// What a step does when it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Rendered SQL, run with `execute_unprepared`.
    Sql(String),
    /// A statement sea-query can say exactly; the migration file uses its builder.
    Builder(Builder),
}

impl Action {
    /// The statement as SQL: what the migration runs (a builder's statement as the renderer
    /// writes it), for reading a plan and for applying one with `psql`.
    pub fn sql(&self) -> String {
        match self {
            Self::Sql(sql) => sql.clone(),
            Self::Builder(b) => match b {
                Builder::DropTable(t) => alter::drop_table(t),
                Builder::DropColumn(t, c) => alter::drop_column(t, c),
                Builder::RenameColumn(t, old, new) => alter::rename_column(t, old, new),
                Builder::CreateIndex(t, i) => alter::create_index(&Table::new(t.clone()), i),
                Builder::DropIndex(t, i) => alter::drop_index(t, i),
                Builder::AddForeignKey(t, fk) => alter::add_foreign_key(t, fk),
                Builder::DropForeignKey(t, fk) => alter::drop_constraint(t, fk),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Builder {
    DropTable(QualifiedName),
    DropColumn(QualifiedName, String),
    RenameColumn(QualifiedName, String, String),
    /// An index on plain columns (no expressions, operator classes, NULLS FIRST/LAST, COLLATE,
    /// INCLUDE, NULLS NOT DISTINCT or storage parameters).
    CreateIndex(QualifiedName, Index),
    DropIndex(QualifiedName, String),
    /// A foreign key that is not deferrable.
    AddForeignKey(QualifiedName, ForeignKey),
    DropForeignKey(QualifiedName, String),
}

impl Builder {
    /// Every identifier the statement names.
    fn names(&self) -> impl Iterator<Item = &str> {
        fn table(t: &QualifiedName) -> [&str; 2] {
            [&t.schema, &t.name]
        }
        let mut out: Vec<&str> = Vec::new();
        match self {
            Self::DropTable(t) => out.extend(table(t)),
            Self::DropColumn(t, c) | Self::DropIndex(t, c) | Self::DropForeignKey(t, c) => {
                out.extend(table(t));
                out.push(c);
            }
            Self::RenameColumn(t, old, new) => {
                out.extend(table(t));
                out.extend([old.as_str(), new.as_str()]);
            }
            Self::CreateIndex(t, i) => {
                out.extend(table(t));
                out.push(&i.name);
                out.extend(i.keys.iter().flat_map(|k| k.columns()));
            }
            Self::AddForeignKey(t, fk) => {
                out.extend(table(t));
                out.extend(table(&fk.references));
                out.push(&fk.name);
                out.extend(
                    fk.columns
                        .iter()
                        .chain(&fk.referenced_columns)
                        .map(String::as_str),
                );
            }
        }
        out.into_iter()
    }
}

/// Kinds of steps, in the order they are preferred when the graph leaves a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Checks of the data that fail the migration with a clear message before it changes
    /// anything (a column to be made NOT NULL holds NULLs).
    Guards,
    /// Privileges taken back while their objects exist.
    Revokes,
    /// Views go first: one may read what the steps after it change.
    DropViews,
    /// Before what their expressions read goes.
    DropPolicies,
    DropTriggers,
    DropForeignKeys,
    DropConstraintsAndIndexes,
    CreateNamespaces,
    CreateExtensions,
    Types,
    Functions,
    Sequences,
    CreateTables,
    RenameColumns,
    AddColumns,
    AlterColumns,
    DropColumns,
    DropTables,
    AddConstraints,
    AddForeignKeys,
    CreateIndexes,
    Validate,
    SequenceOwners,
    CreateTriggers,
    /// Policies, then row level security enabled or disabled.
    CreatePolicies,
    CreateViews,
    /// Privileges granted once their objects exist (again, for a view or function made again).
    Grants,
    Comments,
    /// Seed rows inserted, changed and deleted, once the schema holds what they need.
    Data,
    DropSequences,
    DropFunctions,
    DropTypes,
    DropNamespaces,
    DropExtensions,
}

/// Where a step runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runs {
    /// In the transaction of the steps before it (the whole migration's, in a plain plan).
    InTransaction,
    /// In a new transaction, once the steps before it are committed: a long scan
    /// (`VALIDATE CONSTRAINT`) that must not hold the locks the steps before it took, or a
    /// short lock taken only after such a scan.
    NewTransaction,
    /// Outside any transaction (`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`); an
    /// interrupted build leaves the index `invalid_index` INVALID, which the next run drops
    /// first.
    Alone {
        invalid_index: Option<QualifiedName>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub phase: Phase,
    /// One line for humans: `add column dataflow.product.weight_kg`.
    pub summary: String,
    pub action: Action,
    /// What running it can lose, for steps that lose data.
    pub loses: Option<String>,
    /// Objects that exist only after this step.
    pub creates: Vec<ObjectId>,
    /// Objects this step changes in place.
    pub alters: Vec<ObjectId>,
    /// Objects that are gone after this step.
    pub drops: Vec<ObjectId>,
    /// Objects that must exist before this step (besides what the graph says of the objects it
    /// creates and alters).
    pub requires: Vec<ObjectId>,
    /// Objects of the old schema this step still uses: it runs before they are dropped.
    pub uses: Vec<ObjectId>,
    /// What it does to a live database besides its change.
    pub hazards: Vec<Hazard>,
    pub runs: Runs,
}

impl Step {
    fn new(phase: Phase, summary: String, action: Action) -> Self {
        Self {
            phase,
            summary,
            action,
            loses: None,
            creates: Vec::new(),
            alters: Vec::new(),
            drops: Vec::new(),
            requires: Vec::new(),
            uses: Vec::new(),
            hazards: Vec::new(),
            runs: Runs::InTransaction,
        }
    }

    fn sql(phase: Phase, summary: String, sql: String) -> Self {
        Self::new(phase, summary, Action::Sql(sql))
    }

    /// A step sea-query's builder writes, unless a name holds a double quote: the builder does
    /// not double it, so such a step is the renderer's SQL instead.
    fn builder(phase: Phase, summary: String, builder: Builder) -> Self {
        let action = if builder.names().any(|n| n.contains('"')) {
            Action::Sql(Action::Builder(builder).sql())
        } else {
            Action::Builder(builder)
        };
        Self::new(phase, summary, action)
    }

    fn creating(mut self, ids: impl IntoIterator<Item = ObjectId>) -> Self {
        self.creates.extend(ids);
        self
    }

    fn altering(mut self, id: ObjectId) -> Self {
        self.alters.push(id);
        self
    }

    fn dropping(mut self, ids: impl IntoIterator<Item = ObjectId>) -> Self {
        self.drops.extend(ids);
        self
    }

    fn requiring(mut self, ids: impl IntoIterator<Item = ObjectId>) -> Self {
        self.requires.extend(ids);
        self
    }

    fn using(mut self, ids: impl IntoIterator<Item = ObjectId>) -> Self {
        self.uses.extend(ids);
        self
    }

    /// What it loses, also as a hazard.
    fn losing(mut self, loses: Option<String>) -> Self {
        let deletes = loses.clone().map(Hazard::DeletesData);
        self.loses = loses;
        self.hazards(deletes)
    }

    /// Adds hazards, kept sorted (locks first) and each once.
    fn hazards(mut self, hazards: impl IntoIterator<Item = Hazard>) -> Self {
        self.hazards.extend(hazards);
        self.hazards.sort();
        self.hazards.dedup();
        self
    }

    fn running(self, runs: Runs) -> Self {
        let alone = matches!(runs, Runs::Alone { .. }).then_some(Hazard::NotTransactional);
        Self { runs, ..self }.hazards(alone)
    }
}

/// Why no plan can be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

/// The steps that turn `old` into `new`, ordered, all to run in one transaction.
pub fn plan(old: &Schema, new: &Schema, renames: &[Rename]) -> Result<Vec<Step>, Unsupported> {
    plan_with(old, new, renames, false)
}

/// The steps that turn `old` into `new` on a live database, ordered: on tables that exist,
/// indexes are built `CONCURRENTLY` outside a transaction, foreign keys and checks are added
/// `NOT VALID` and validated in a later transaction, and `SET NOT NULL` follows a validated
/// `CHECK (column IS NOT NULL)`, so that no step blocks writes for longer than a short lock.
/// What `ddl-gen migrate` writes.
pub fn plan_online(
    old: &Schema,
    new: &Schema,
    renames: &[Rename],
) -> Result<Vec<Step>, Unsupported> {
    plan_with(old, new, renames, true)
}

fn plan_with(
    old: &Schema,
    new: &Schema,
    renames: &[Rename],
    online: bool,
) -> Result<Vec<Step>, Unsupported> {
    let (old_catalog, new_catalog) = (Catalog::new(old), Catalog::new(new));
    let changes = compare(old, new, renames);
    let mut p = Planner {
        steps: Vec::new(),
        renames,
        old,
        new,
        rebuilt: BTreeSet::new(),
        retyped: BTreeSet::new(),
        replaced_functions: Vec::new(),
        moved_partitions: Vec::new(),
        online,
    };
    // Views last: whether one is re-created depends on what the other changes do to the
    // columns it reads, and to the functions it calls.
    let (views, others): (Vec<_>, Vec<_>) =
        (changes.iter()).partition(|c| matches!(c.object, ObjectId::View(_)));
    let (seeds, others): (Vec<_>, Vec<_>) =
        (others.into_iter()).partition(|c| matches!(c.object, ObjectId::SeedRow(..)));
    for change in others {
        p.change(change)?;
    }
    p.views(&views);
    p.seed_rows(&seeds);
    p.move_partitions();
    p.reattach_foreign_keys(&old_catalog);
    order(p.steps, &old_catalog, &new_catalog)
}

struct Planner<'a> {
    steps: Vec<Step>,
    renames: &'a [Rename],
    old: &'a Schema,
    new: &'a Schema,
    /// Checks and indexes already dropped and re-created around a column's new type.
    rebuilt: BTreeSet<ObjectId>,
    /// Columns whose type changes or that are dropped (by their names before and after): a
    /// view reading one is dropped before and created again after.
    retyped: BTreeSet<(QualifiedName, String)>,
    /// Functions dropped and created again: a view that calls one is too.
    replaced_functions: Vec<QualifiedName>,
    /// Partitions whose bound changes, by table: (table, before, after), moved together.
    moved_partitions: Vec<(QualifiedName, model_core::Partition, model_core::Partition)>,
    /// Whether to plan for a live database ([`plan_online`]).
    online: bool,
}

impl Planner<'_> {
    fn push(&mut self, step: Step) {
        self.steps.push(step);
    }

    /// Whether table `t` exists before the migration (and so may hold rows and be in use).
    fn existing(&self, t: &QualifiedName) -> bool {
        self.old.table(t).is_some()
    }

    /// `hazards` when table `t` exists before the migration; none on a new, empty table.
    fn on(&self, t: &QualifiedName, hazards: impl IntoIterator<Item = Hazard>) -> Vec<Hazard> {
        if self.existing(t) {
            hazards.into_iter().collect()
        } else {
            Vec::new()
        }
    }

    fn comment(&mut self, on: Commented, id: ObjectId, text: &Option<String>) {
        // Schema `public` comes with a comment: the models saying none leave it as a fresh
        // database has it, so removing one restores it rather than leaving NULL.
        let default = match on {
            Commented::Schema("public") if text.is_none() => {
                Some(names::PUBLIC_SCHEMA_COMMENT.to_owned())
            }
            _ => None,
        };
        self.push(
            Step::sql(
                Phase::Comments,
                format!("comment on {id}"),
                alter::comment(&on, if default.is_some() { &default } else { text }),
            )
            .requiring([id]),
        );
    }

    fn change(&mut self, change: &Change<'_>) -> Result<(), Unsupported> {
        let id = change.object.clone();
        match change.kind {
            ChangeKind::Create(object) => self.create(object),
            ChangeKind::Drop(object) => self.drop(object, change.loses.clone()),
            ChangeKind::Alter { before, after, .. } => match (before, after) {
                (Object::Enum(b), Object::Enum(a)) => self.change_enum(b, a),
                (Object::Domain(b), Object::Domain(a)) => self.change_domain(b, a, change)?,
                (Object::Composite(b), Object::Composite(a)) => {
                    self.change_composite(b, a, change)?
                }
                (Object::Collation(b), Object::Collation(a)) => {
                    self.change_collation(b, a, change)?
                }
                (Object::Grants(b), Object::Grants(a)) => self.change_grants(b, a),
                (Object::Partition(t, b), Object::Partition(_, a)) => {
                    self.change_partition(t, b, a, change)
                }
                (Object::Column(t, b), Object::Column(_, a)) => {
                    if change.alters(Aspect::Type) || change.alters(Aspect::Collation) {
                        partition::retype_key_column(self.new, &t.name, a)?;
                    }
                    self.alter_column(&t.name, b, a, change)?
                }
                (Object::Schema(n), _) => {
                    self.comment(Commented::Schema(&n.name), id, &after_comment(after))
                }
                (Object::Extension(_), Object::Extension(e)) => self.push(
                    Step::sql(
                        Phase::CreateExtensions,
                        format!("update {id}"),
                        alter::update_extension(e),
                    )
                    .altering(id),
                ),
                (Object::Function(b), Object::Function(f)) => self.change_function(b, f, change)?,
                (Object::Sequence(before), Object::Sequence(s)) => {
                    if change.alters(Aspect::Options) {
                        self.push(
                            Step::sql(
                                Phase::Sequences,
                                format!("alter {id}"),
                                render::alter_sequence(s),
                            )
                            .altering(id.clone()),
                        );
                    }
                    if change.alters(Aspect::Owner) {
                        self.sequence_owner(s, before);
                    }
                    if change.alters(Aspect::Comment) {
                        self.comment(Commented::Sequence(&s.name), id, &s.comment);
                    }
                }
                (Object::Table(before), Object::Table(t)) => {
                    if change.alters(Aspect::Partitioning) {
                        return Err(partition::repartition(before, t));
                    }
                    // The column order is reported, not migrated: PostgreSQL cannot reorder.
                    if change.alters(Aspect::Persistence) {
                        let to = if t.unlogged { "UNLOGGED" } else { "LOGGED" };
                        self.push(
                            Step::sql(
                                Phase::AlterColumns,
                                format!("set {id} {to}"),
                                alter::set_persistence(&t.name, t.unlogged),
                            )
                            .altering(id.clone())
                            .requiring(self.persistence_first(t))
                            .hazards([
                                Hazard::LocksTable(t.name.clone()),
                                Hazard::RewritesTable(t.name.clone()),
                            ]),
                        );
                    }
                    if change.alters(Aspect::RowSecurity) {
                        self.row_security(before, t);
                    }
                    if change.alters(Aspect::Storage) {
                        // Only `user_catalog_table` takes the table's ACCESS EXCLUSIVE lock; the
                        // others SHARE UPDATE EXCLUSIVE (reads and writes go on).
                        let locks = (t.storage.contains_key("user_catalog_table")
                            || before.storage.contains_key("user_catalog_table"))
                        .then(|| Hazard::LocksTable(t.name.clone()));
                        let sql = alter::set_storage("TABLE", &t.name, &before.storage, &t.storage);
                        self.push(
                            Step::sql(
                                Phase::AlterColumns,
                                format!("set storage parameters of {id}"),
                                sql.join(";\n"),
                            )
                            // Changes nothing another object depends on: bound to none.
                            .using([id.clone()])
                            .hazards(locks),
                        );
                    }
                    if change.alters(Aspect::Comment) {
                        self.comment(Commented::Table(&t.name), id, &t.comment);
                    }
                }
                // Storage parameters alone are set in place (rows already stored keep their
                // layout until rewritten, as in a fresh index's first build).
                (Object::Index(_, b), Object::Index(t, a))
                    if (change.details().iter()).all(|d| d.aspect == Aspect::Storage) =>
                {
                    let index = QualifiedName::new(&t.name.schema, &a.name);
                    let sql = alter::set_storage("INDEX", &index, &b.storage, &a.storage);
                    self.push(
                        Step::sql(
                            Phase::CreateIndexes,
                            format!("set storage parameters of index {} on {}", a.name, t.name),
                            sql.join(";\n"),
                        )
                        .using([id.clone()]),
                    );
                }
                // Built beside the old one, unless a column of the table is renamed: the
                // old index then needs the old name and the new one the new name, which no
                // order of the build and the swap around the rename gives both. Nor when a
                // column changes type or collation: that locks the table and rebuilds its
                // indexes anyway, and the new index must follow it, the old one precede it.
                (Object::Index(_, b), Object::Index(t, a))
                    if self.online
                        && self.existing(&t.name)
                        && t.partition_by.is_none()
                        && !b.unique
                        && !self.renames.iter().any(|(table, _, _)| table == &t.name)
                        && !self.retypes_a_column(&t.name) =>
                {
                    self.replace_index(t, b, a)
                }
                // A NOT VALID constraint the models now want validated, and nothing else
                // changed: `VALIDATE CONSTRAINT` checks the rows already there.
                (Object::Check(t, _), Object::Check(_, c)) if Self::only_validates(change) => {
                    self.validate(&t.name, &c.name, id.clone())
                }
                (Object::ForeignKey(t, _), Object::ForeignKey(_, fk))
                    if Self::only_validates(change) =>
                {
                    self.validate(&t.name, &fk.name, id.clone())
                }
                (Object::Trigger(_, b), Object::Trigger(t, a))
                    if change.alters(Aspect::Comment) && Self::same_but_comment(b, a) =>
                {
                    self.comment(Commented::Trigger(&t.name, &a.name), id, &a.comment);
                }
                // Keys, constraints, indexes and triggers are replaced.
                (before, after) => {
                    self.drop(before, None);
                    self.create(after);
                }
            },
        }
        Ok(())
    }

    /// Whether `change` only turns a `NOT VALID` constraint into a validated one.
    fn only_validates(change: &Change<'_>) -> bool {
        let not_valid_before = match change.kind {
            ChangeKind::Alter {
                before: Object::Check(_, c),
                ..
            } => c.not_valid,
            ChangeKind::Alter {
                before: Object::ForeignKey(_, fk),
                ..
            } => fk.not_valid,
            _ => false,
        };
        not_valid_before
            && change
                .details()
                .iter()
                .all(|d| d.aspect == Aspect::Validation)
    }

    /// Seed rows: the added ones inserted a statement per table, the changed ones updated and
    /// the removed ones deleted a statement per row.
    fn seed_rows(&mut self, changes: &[&Change<'_>]) {
        let mut added: Vec<(&model_core::Seed, Vec<&model_core::SeedRow>, Vec<ObjectId>)> =
            Vec::new();
        for change in changes {
            match change.kind {
                ChangeKind::Create(Object::SeedRow(seed, row)) => {
                    match added.iter_mut().find(|(s, _, _)| s.table == seed.table) {
                        Some((_, rows, ids)) => {
                            rows.push(row);
                            ids.push(change.object.clone());
                        }
                        None => added.push((seed, vec![row], vec![change.object.clone()])),
                    }
                }
                ChangeKind::Alter {
                    before: Object::SeedRow(_, b),
                    after: Object::SeedRow(seed, a),
                    ..
                } => {
                    if let Some(sql) = render::update_seed_row(seed, b, a) {
                        let id = change.object.clone();
                        self.push(Step::sql(Phase::Data, format!("update {id}"), sql).altering(id));
                    }
                }
                ChangeKind::Drop(object) => self.drop(object, change.loses.clone()),
                _ => unreachable!("seed row changes only: {:?}", change.object),
            }
        }
        for (seed, rows, ids) in added {
            let Some(table) = self.new.table(&seed.table) else {
                continue;
            };
            let summary = match &ids[..] {
                [one] => format!("insert {one}"),
                _ => format!("insert {} seed rows of {}", ids.len(), seed.table),
            };
            self.push(
                Step::sql(
                    Phase::Data,
                    summary,
                    render::insert_seed_rows(table, seed, &rows)
                        .trim_end()
                        .to_owned(),
                )
                .creating(ids),
            );
        }
    }

    fn create(&mut self, object: Object<'_>) {
        let id = object.id();
        let summary = format!("create {id}");
        match object {
            Object::Schema(n) => {
                if n.name != "public" {
                    self.push(
                        Step::sql(
                            Phase::CreateNamespaces,
                            summary,
                            alter::create_schema(&n.name),
                        )
                        .creating([id.clone()]),
                    );
                }
                if n.comment.is_some() {
                    self.comment(Commented::Schema(&n.name), id, &n.comment);
                }
            }
            Object::Extension(e) => self.push(
                Step::sql(
                    Phase::CreateExtensions,
                    summary,
                    alter::create_extension(&e.name),
                )
                .creating([id]),
            ),
            Object::Enum(e) => {
                self.push(Step::sql(Phase::Types, summary, alter::create_enum(e)).creating([id]))
            }
            Object::Domain(d) => self.create_domain(d),
            Object::Composite(c) => self.create_composite(c),
            Object::Collation(c) => self.create_collation(c),
            Object::Grants(g) => self.create_grants(g),
            Object::Function(f) => {
                self.push(
                    Step::sql(Phase::Functions, summary, alter::create_function(f))
                        .creating([id.clone()]),
                );
                if f.comment.is_some() {
                    self.comment(Commented::Function(f), id, &f.comment);
                }
            }
            Object::Sequence(s) => {
                self.push(
                    Step::sql(Phase::Sequences, summary, render::create_sequence(s, false))
                        .creating([id.clone()]),
                );
                if s.owned_by.is_some() {
                    self.sequence_owner(s, s);
                }
                if s.comment.is_some() {
                    self.comment(Commented::Sequence(&s.name), id, &s.comment);
                }
            }
            Object::Table(t) => self.create_table(t),
            Object::Partition(t, p) => self.create_partition(t, p),
            Object::Column(t, c) => self.add_column(&t.name, c),
            Object::PrimaryKey(t, pk) => self.push(
                Step::sql(
                    Phase::AddConstraints,
                    summary,
                    alter::add_primary_key(&t.name, pk),
                )
                .creating([id])
                .hazards(self.on(&t.name, builds_key(&t.name))),
            ),
            Object::Unique(t, u) => self.push(
                Step::sql(
                    Phase::AddConstraints,
                    summary,
                    alter::add_unique(&t.name, u),
                )
                .creating([id])
                .hazards(self.on(&t.name, builds_key(&t.name))),
            ),
            Object::Check(t, c) => self.add_check(&t.name, c),
            // Its index is built under the table's lock: there is no CONCURRENTLY for it.
            Object::Exclusion(t, x) => self.push(
                Step::sql(
                    Phase::AddConstraints,
                    summary,
                    alter::add_exclusion(&t.name, x),
                )
                .creating([id])
                .hazards(self.on(&t.name, builds_key(&t.name))),
            ),
            Object::ForeignKey(t, fk) => self.add_foreign_key(&t.name, fk),
            Object::Index(t, i) => self.create_index(t, i),
            Object::Trigger(t, tr) => {
                let hazards = self.on(&t.name, [Hazard::BlocksWrites(t.name.clone())]);
                self.create_trigger(&t.name, ObjectId::Table(t.name.clone()), tr, hazards);
            }
            Object::Policy(t, p) => {
                let hazards = self.row_access(&t.name);
                self.push(
                    Step::sql(
                        Phase::CreatePolicies,
                        summary,
                        render::create_policy(&t.name, p, false),
                    )
                    .creating([id])
                    .requiring([ObjectId::Table(t.name.clone())])
                    .hazards(hazards),
                );
            }
            Object::View(v) => {
                self.push(
                    Step::sql(
                        Phase::CreateViews,
                        summary,
                        render::view_statement(v, false),
                    )
                    .creating([id.clone()]),
                );
                for i in &v.indexes {
                    self.view_index(v, i, false);
                }
                for tr in &v.triggers {
                    self.view_trigger(v, tr);
                }
                if v.comment.is_some() {
                    self.comment(Commented::View(&v.name, v.kind()), id, &v.comment);
                }
                if self.old.view(&v.name).is_some() {
                    self.grants_again(&model_core::GrantOn::Table(v.name.clone()));
                }
            }
            Object::SeedRow(seed, row) => {
                if let Some(table) = self.new.table(&seed.table) {
                    let sql = render::insert_seed_rows(table, seed, &[row]);
                    self.push(
                        Step::sql(
                            Phase::Data,
                            format!("insert {id}"),
                            sql.trim_end().to_owned(),
                        )
                        .creating([id]),
                    );
                }
            }
        }
    }

    fn drop(&mut self, object: Object<'_>, loses: Option<String>) {
        let id = object.id();
        let summary = format!("drop {id}");
        let step = match object {
            Object::Schema(n) if n.name == "public" => {
                // Kept (it is PostgreSQL's), with the comment a fresh database has.
                if n.comment.is_some() {
                    self.comment(Commented::Schema(&n.name), id, &None);
                }
                return;
            }
            Object::Schema(n) => {
                Step::sql(Phase::DropNamespaces, summary, alter::drop_schema(&n.name))
            }
            Object::Extension(e) => Step::sql(
                Phase::DropExtensions,
                summary,
                alter::drop_extension(&e.name),
            ),
            Object::Enum(e) => Step::sql(Phase::DropTypes, summary, alter::drop_enum(&e.name)),
            Object::Domain(d) => Step::sql(Phase::DropTypes, summary, render::drop_domain(&d.name)),
            Object::Composite(c) => {
                Step::sql(Phase::DropTypes, summary, render::drop_composite(&c.name))
            }
            Object::Collation(c) => {
                Step::sql(Phase::DropTypes, summary, render::drop_collation(&c.name))
            }
            Object::Grants(g) => {
                self.drop_grants(g);
                return;
            }
            Object::Function(f) => {
                Step::sql(Phase::DropFunctions, summary, alter::drop_function(f))
            }
            Object::Sequence(s) => Step::sql(
                Phase::DropSequences,
                summary,
                render::drop_sequence(&s.name),
            ),
            Object::Table(t) => return self.drop_table(t),
            Object::Partition(t, p) => return self.drop_partition(t, p, loses),
            Object::Column(t, c) => {
                self.retyped.insert((t.name.clone(), c.name.clone()));
                Step::builder(
                    Phase::DropColumns,
                    summary,
                    Builder::DropColumn(t.name.clone(), c.name.clone()),
                )
                .hazards([Hazard::BreaksRunningCode(format!(
                    "column {}.{}",
                    t.name, c.name
                ))])
            }
            Object::PrimaryKey(t, pk) => Step::sql(
                Phase::DropConstraintsAndIndexes,
                summary,
                alter::drop_constraint(&t.name, &pk.name),
            ),
            Object::Unique(t, u) => Step::sql(
                Phase::DropConstraintsAndIndexes,
                summary,
                alter::drop_constraint(&t.name, &u.name),
            ),
            Object::Check(t, c) => Step::sql(
                Phase::DropConstraintsAndIndexes,
                summary,
                alter::drop_constraint(&t.name, &c.name),
            ),
            Object::Exclusion(t, x) => Step::sql(
                Phase::DropConstraintsAndIndexes,
                summary,
                alter::drop_constraint(&t.name, &x.name),
            ),
            Object::ForeignKey(t, fk) => Step::builder(
                Phase::DropForeignKeys,
                summary,
                Builder::DropForeignKey(t.name.clone(), fk.name.clone()),
            ),
            // Not on a partitioned table: PostgreSQL drops no index of one CONCURRENTLY.
            Object::Index(t, i) if self.online && t.partition_by.is_none() => Step::sql(
                Phase::DropConstraintsAndIndexes,
                format!("{summary}, CONCURRENTLY"),
                alter::drop_index_concurrently(&QualifiedName::new(&t.name.schema, &i.name)),
            )
            .running(Runs::Alone {
                invalid_index: None,
            }),
            Object::Index(t, i) => Step::builder(
                Phase::DropConstraintsAndIndexes,
                summary,
                Builder::DropIndex(t.name.clone(), i.name.clone()),
            ),
            Object::Trigger(t, tr) => Step::sql(
                Phase::DropTriggers,
                summary,
                render::drop_trigger(&t.name, &tr.name),
            ),
            Object::Policy(t, p) => {
                // A table dropped takes its policies.
                if self.new.table(&t.name).is_none() {
                    return;
                }
                Step::sql(
                    Phase::DropPolicies,
                    summary,
                    render::drop_policy(&t.name, &p.name),
                )
                .hazards([Hazard::ChangesRowAccess(t.name.clone())])
            }
            Object::View(v) => Step::sql(Phase::DropViews, summary, render::drop_view(v)),
            Object::SeedRow(seed, row) => {
                // A table dropped takes its rows.
                if self.new.table(&seed.table).is_none() {
                    return;
                }
                Step::sql(
                    Phase::Data,
                    format!("delete {id}"),
                    render::delete_seed_row(seed, row),
                )
            }
        };
        // Whatever it drops from a table locks that table, if only briefly.
        let locked = match object {
            Object::Column(t, _)
            | Object::PrimaryKey(t, _)
            | Object::Unique(t, _)
            | Object::Check(t, _)
            | Object::Exclusion(t, _)
            | Object::ForeignKey(t, _)
            | Object::Trigger(t, _)
            | Object::Policy(t, _) => Some(Hazard::LocksTable(t.name.clone())),
            Object::Index(t, _) if !self.online => Some(Hazard::LocksTable(t.name.clone())),
            _ => None,
        };
        self.push(step.dropping([id]).losing(loses).hazards(locked));
    }

    /// A function's change: `CREATE OR REPLACE` where PostgreSQL allows it (the same kind,
    /// return type and arguments, defaults only added or changed); otherwise it is dropped and
    /// created again, and so are the views that call it.
    fn change_function(
        &mut self,
        b: &Function,
        f: &Function,
        change: &Change<'_>,
    ) -> Result<(), Unsupported> {
        let id = change.object.clone();
        let same_arguments = b.args.len() == f.args.len()
            && b.args.iter().zip(&f.args).all(|(x, y)| {
                (x.mode, &x.name, &x.sql_type) == (y.mode, &y.name, &y.sql_type)
                    && (x.default.is_none() || y.default.is_some())
            });
        if change.alters(Aspect::Kind) || change.alters(Aspect::Returns) || !same_arguments {
            return self.rebuild_function(b, f);
        }
        if [Aspect::Body, Aspect::Attributes, Aspect::Arguments]
            .iter()
            .any(|&a| change.alters(a))
        {
            self.push(
                Step::sql(
                    Phase::Functions,
                    format!("replace {id}"),
                    alter::create_function(f),
                )
                .altering(id.clone()),
            );
        }
        if change.alters(Aspect::Comment) {
            self.comment(Commented::Function(f), id, &f.comment);
        }
        Ok(())
    }

    /// Drops `b` and creates `f` (the same function, by name and input types), around the views
    /// that call it. (A trigger's function returns `trigger` and takes no arguments before and
    /// after, so it is always replaced in place.) A default, check, generated column or index
    /// expression that calls it would have to go too: refused, with the way out.
    fn rebuild_function(&mut self, b: &Function, f: &Function) -> Result<(), Unsupported> {
        let calls = |sql: &str| model_core::sql_text::calls(sql, &b.name.name);
        for t in &self.old.tables {
            let mut callers: Vec<String> = Vec::new();
            for c in &t.columns {
                if c.default.iter().chain(&c.generated).any(|x| calls(x)) {
                    callers.push(format!("column {}.{}", t.name, c.name));
                }
            }
            for c in t.checks.iter().filter(|c| calls(&c.expr)) {
                callers.push(format!("check {} on {}", c.name, t.name));
            }
            for i in &t.indexes {
                let in_keys = i.keys.iter().any(|k| match &k.kind {
                    IndexKeyKind::Expression(e) => calls(e),
                    _ => false,
                });
                if in_keys || i.predicate.as_deref().is_some_and(calls) {
                    callers.push(format!("index {} on {}", i.name, t.name));
                }
            }
            if let Some(caller) = callers.first() {
                return Err(Unsupported(format!(
                    "{} {}({}) changes its {}, so PostgreSQL must drop it and create it again, but {caller} calls it; declare the new version under a new name, move the callers to it, and drop the old one in a later migration",
                    b.kind(),
                    b.name,
                    b.identity_args(),
                    if b.kind() != f.kind() {
                        "kind"
                    } else if b.returns != f.returns {
                        "return type"
                    } else {
                        "arguments"
                    }
                )));
            }
        }
        self.replaced_functions.push(b.name.clone());
        self.drop(Object::Function(b), None);
        // Dropped where it is made again, not with the functions that go for good.
        let mut step = self.steps.pop().expect("the drop step");
        step.phase = Phase::Functions;
        self.push(step);
        self.create(Object::Function(f));
        // Under the same identity its grants are unchanged objects: granted again here.
        if b.identity_args() == f.identity_args() {
            self.grants_again(&model_core::GrantOn::Function(
                f.name.clone(),
                f.identity_args(),
            ));
        }
        Ok(())
    }

    /// The views' changes (`changes` are theirs), once every other change is planned. A view
    /// whose query, kind or options change is dropped and created again, and so is one that
    /// reads such a view or a column whose type changes or that is dropped: PostgreSQL binds a
    /// view to what it reads. A materialized view whose indexes change alone keeps its rows.
    fn views(&mut self, changes: &[&Change<'_>]) {
        let mut rebuild: BTreeSet<QualifiedName> = BTreeSet::new();
        let mut in_place = Vec::new();
        for change in changes {
            match change.kind {
                ChangeKind::Create(object) => self.create(object),
                ChangeKind::Drop(object @ Object::View(v)) => {
                    rebuild.insert(v.name.clone());
                    self.drop(object, None);
                    let step = self.steps.pop().expect("the drop step");
                    self.push(
                        step.hazards([Hazard::BreaksRunningCode(format!("view {}", v.name))]),
                    );
                }
                ChangeKind::Alter {
                    before: Object::View(b),
                    after: Object::View(a),
                    ref details,
                } => {
                    if (details.iter()).all(|d| {
                        matches!(
                            d.aspect,
                            Aspect::Comment | Aspect::Indexes | Aspect::Triggers
                        )
                    }) {
                        in_place.push((b, a));
                    } else {
                        rebuild.insert(b.name.clone());
                    }
                }
                _ => unreachable!("only views' changes: {:?}", change.object),
            }
        }
        // Views that read what is re-created, dropped or retyped, until none is left.
        let mut stale: Vec<QualifiedName> = rebuild.iter().cloned().collect();
        loop {
            let found: Vec<QualifiedName> = (self.old.views.iter())
                .filter(|v| !rebuild.contains(&v.name) && self.new.view(&v.name).is_some())
                .filter(|v| {
                    v.reads.iter().any(|r| {
                        rebuild.contains(r)
                            || (self.retyped.iter()).any(|(t, c)| t == r && v.may_read_column(c))
                    }) || (self.replaced_functions.iter())
                        .any(|f| model_core::sql_text::calls(&v.query, &f.name))
                })
                .map(|v| v.name.clone())
                .collect();
            if found.is_empty() {
                break;
            }
            rebuild.extend(found.iter().cloned());
            stale.extend(found);
        }
        for name in stale {
            let (Some(b), Some(a)) = (self.old.view(&name), self.new.view(&name)) else {
                continue;
            };
            self.drop(Object::View(b), None);
            self.create(Object::View(a));
        }
        for (b, a) in in_place
            .into_iter()
            .filter(|(b, _)| !rebuild.contains(&b.name))
        {
            let id = ObjectId::View(a.name.clone());
            for i in b.indexes.iter().filter(|i| !a.indexes.contains(i)) {
                let summary = format!("drop index {} on {id}", i.name);
                let step = if self.online {
                    let index = QualifiedName::new(&b.name.schema, &i.name);
                    Step::sql(
                        Phase::DropConstraintsAndIndexes,
                        format!("{summary}, CONCURRENTLY"),
                        alter::drop_index_concurrently(&index),
                    )
                    .running(Runs::Alone {
                        invalid_index: None,
                    })
                } else {
                    Step::sql(
                        Phase::DropConstraintsAndIndexes,
                        summary,
                        alter::drop_index(&b.name, &i.name),
                    )
                };
                self.push(step.requiring([id.clone()]));
            }
            for i in a.indexes.iter().filter(|i| !b.indexes.contains(i)) {
                self.view_index(a, i, true);
            }
            self.view_triggers(b, a);
            if a.comment != b.comment {
                self.comment(Commented::View(&a.name, a.kind()), id, &a.comment);
            }
        }
    }

    /// Whether two triggers differ in their comment alone.
    fn same_but_comment(b: &Trigger, a: &Trigger) -> bool {
        Trigger {
            comment: a.comment.clone(),
            ..b.clone()
        } == *a
    }

    /// `CREATE TRIGGER` on `on` (once `on` and what the graph says it needs exist), then its
    /// comment.
    fn create_trigger(
        &mut self,
        name: &QualifiedName,
        on: ObjectId,
        tr: &Trigger,
        hazards: impl IntoIterator<Item = Hazard>,
    ) {
        let id = ObjectId::Trigger(name.clone(), tr.name.clone());
        self.push(
            Step::sql(
                Phase::CreateTriggers,
                format!("create {id}"),
                render::create_trigger(name, tr, false),
            )
            .creating([id.clone()])
            .requiring([on, ObjectId::Function(tr.function.clone(), String::new())])
            .hazards(hazards),
        );
        if tr.comment.is_some() {
            self.comment(Commented::Trigger(name, &tr.name), id, &tr.comment);
        }
    }

    /// A trigger on view `v`, once the view exists.
    fn view_trigger(&mut self, v: &View, tr: &Trigger) {
        self.create_trigger(&v.name, ObjectId::View(v.name.clone()), tr, []);
    }

    /// The triggers of a view that stays: those gone or changed dropped, those new or changed
    /// created, and comments changed alone set.
    fn view_triggers(&mut self, b: &View, a: &View) {
        for before in &b.triggers {
            let after = a.triggers.iter().find(|t| t.name == before.name);
            if after.is_some_and(|after| Self::same_but_comment(before, after)) {
                continue;
            }
            let id = ObjectId::Trigger(b.name.clone(), before.name.clone());
            self.push(
                Step::sql(
                    Phase::DropTriggers,
                    format!("drop {id}"),
                    render::drop_trigger(&b.name, &before.name),
                )
                .dropping([id]),
            );
        }
        for after in &a.triggers {
            let before = b.triggers.iter().find(|t| t.name == after.name);
            match before {
                Some(before) if Self::same_but_comment(before, after) => {
                    if before.comment != after.comment {
                        let id = ObjectId::Trigger(a.name.clone(), after.name.clone());
                        self.comment(Commented::Trigger(&a.name, &after.name), id, &after.comment);
                    }
                }
                _ => self.view_trigger(a, after),
            }
        }
    }

    /// `CREATE INDEX` on materialized view `v`, once it exists (and, when it `existed` before
    /// the migration, after an index of that name on it is dropped: then `CONCURRENTLY` on a live
    /// database, so that reads and refreshes go on).
    fn view_index(&mut self, v: &View, i: &Index, existed: bool) {
        let id = ObjectId::View(v.name.clone());
        let summary = format!("create index {} on {id}", i.name);
        let step = if existed && self.online {
            Step::sql(
                Phase::CreateIndexes,
                format!("{summary}, CONCURRENTLY"),
                alter::create_index_concurrently(&Table::new(v.name.clone()), i),
            )
            .running(Runs::Alone {
                invalid_index: Some(QualifiedName::new(&v.name.schema, &i.name)),
            })
        } else {
            Step::sql(
                Phase::CreateIndexes,
                summary,
                format!("CREATE {}", render::index_definition_on(&v.name, i, false)),
            )
        };
        // Built over the rows of a view that exists; a new one is read by no one yet.
        let builds = existed.then(|| Hazard::BuildsIndex(v.name.clone()));
        self.push(step.requiring([id]).hazards(builds));
    }

    /// `ALTER SEQUENCE .. OWNED BY` the column `s` names (or none), once that column exists and
    /// before the column `before` named is dropped.
    fn sequence_owner(&mut self, s: &Sequence, before: &Sequence) {
        let column = |s: &Sequence| {
            s.owned_by
                .as_ref()
                .map(|o| ObjectId::Column(o.table.clone(), o.column.clone()))
        };
        let id = ObjectId::Sequence(s.name.clone());
        self.push(
            Step::sql(
                Phase::SequenceOwners,
                format!("set the owner of {id}"),
                render::sequence_owned_by(s),
            )
            .altering(id)
            .requiring(column(s))
            .using(column(before)),
        );
    }

    /// `CREATE TABLE` with its columns, key, unique constraints and checks; then its foreign
    /// keys, indexes, triggers and comments as steps of their own.
    fn create_table(&mut self, t: &Table) {
        let (inline, separate): (Vec<Object>, Vec<Object>) =
            table_parts(t).into_iter().partition(|o| match o {
                Object::Column(..) | Object::PrimaryKey(..) => true,
                // A NOT VALID check is added after the table, as the create script does.
                Object::Check(_, c) => !c.not_valid,
                Object::Unique(_, u) => alter::unique_is_inline(t, u),
                _ => false,
            });
        self.push(
            Step::sql(
                Phase::CreateTables,
                format!("create table {}", t.name),
                alter::create_table(t),
            )
            .creating(
                std::iter::once(ObjectId::Table(t.name.clone()))
                    .chain(inline.iter().map(Object::id)),
            ),
        );
        for part in separate {
            self.create(part);
        }
        if t.row_security || t.force_row_security {
            self.row_security(&Table::new(t.name.clone()), t);
        }
        if t.comment.is_some() {
            self.comment(
                Commented::Table(&t.name),
                ObjectId::Table(t.name.clone()),
                &t.comment,
            );
        }
        for c in t.columns.iter().filter(|c| c.comment.is_some()) {
            self.comment(
                Commented::Column(&t.name, &c.name),
                ObjectId::Column(t.name.clone(), c.name.clone()),
                &c.comment,
            );
        }
    }

    /// What changing `t`'s row level security or policies does, if `t` exists: a brief
    /// exclusive lock, and other rows seen and written.
    fn row_access(&self, t: &QualifiedName) -> Vec<Hazard> {
        self.on(
            t,
            [
                Hazard::LocksTable(t.clone()),
                Hazard::ChangesRowAccess(t.clone()),
            ],
        )
    }

    /// Row level security enabled or disabled, forced or not, as `before` and `after` say.
    fn row_security(&mut self, before: &Table, after: &Table) {
        let (from, to) = (
            render::row_security_of(before),
            render::row_security_of(after),
        );
        let statements = render::set_row_security(&after.name, from, to);
        if statements.is_empty() {
            return;
        }
        let id = ObjectId::Table(after.name.clone());
        let hazards = self.row_access(&after.name);
        self.push(
            Step::sql(
                Phase::CreatePolicies,
                format!(
                    "row level security of {id}: {}",
                    crate::compare::row_security_words(after)
                ),
                statements.join(";\n"),
            )
            .altering(id)
            .hazards(hazards),
        );
    }

    /// Its foreign keys first, as steps of their own (two dropped tables may reference each
    /// other), then the table with everything else on it.
    fn drop_table(&mut self, t: &Table) {
        for fk in &t.foreign_keys {
            self.drop(Object::ForeignKey(t, fk), None);
        }
        let parts = table_parts(t)
            .into_iter()
            .filter(|o| !matches!(o, Object::ForeignKey(..)))
            .map(|o| o.id());
        self.push(
            Step::builder(
                Phase::DropTables,
                format!("drop table {}", t.name),
                Builder::DropTable(t.name.clone()),
            )
            .dropping(std::iter::once(ObjectId::Table(t.name.clone())).chain(parts))
            .hazards([Hazard::LocksTable(t.name.clone())])
            .losing(Some("every row in it".to_owned()))
            .hazards([Hazard::BreaksRunningCode(format!("table {}", t.name))]),
        );
    }

    /// On a table that exists, a live plan adds it `NOT VALID` (a short lock) and validates it
    /// in a later transaction (a scan that lets writes go on); a plain plan scans the table
    /// while blocking writes to both tables.
    fn add_foreign_key(&mut self, table: &QualifiedName, fk: &ForeignKey) {
        let summary = format!("add foreign key {} on {table}", fk.name);
        let id = ObjectId::ForeignKey(table.clone(), fk.name.clone());
        let locks = [
            Hazard::BlocksWrites(table.clone()),
            Hazard::BlocksWrites(fk.references.clone()),
        ];
        if fk.not_valid {
            // The models want it NOT VALID: no scan, now or later.
            self.push(
                Step::sql(
                    Phase::AddForeignKeys,
                    format!("{summary}, NOT VALID"),
                    alter::add_foreign_key(table, fk),
                )
                .creating([id])
                .hazards(self.on(table, locks)),
            );
            return;
        }
        // PostgreSQL adds no NOT VALID foreign key to a partitioned table.
        let partitioned = (self.new.table(table)).is_some_and(|t| t.partition_by.is_some());
        if self.online && self.existing(table) && !partitioned {
            self.push(
                Step::sql(
                    Phase::AddForeignKeys,
                    format!("{summary}, NOT VALID"),
                    alter::not_valid(&alter::add_foreign_key(table, fk)),
                )
                .creating([id.clone()])
                .hazards(locks),
            );
            self.validate(table, &fk.name, id);
            return;
        }
        let step = if fk.deferrable || fk.match_full {
            Step::sql(
                Phase::AddForeignKeys,
                summary,
                alter::add_foreign_key(table, fk),
            )
        } else {
            Step::builder(
                Phase::AddForeignKeys,
                summary,
                Builder::AddForeignKey(table.clone(), fk.clone()),
            )
        };
        let scan = [Hazard::ScansTable(table.clone())];
        self.push(
            step.creating([id])
                .hazards(self.on(table, locks.into_iter().chain(scan))),
        );
    }

    /// A check: on a table that exists, a live plan adds it `NOT VALID` and validates it in a
    /// later transaction; a plain plan scans the table under its ACCESS EXCLUSIVE lock.
    fn add_check(&mut self, table: &QualifiedName, c: &model_core::Check) {
        let summary = format!("create {}", ObjectId::Check(table.clone(), c.name.clone()));
        let id = ObjectId::Check(table.clone(), c.name.clone());
        let lock = Hazard::LocksTable(table.clone());
        if c.not_valid {
            self.push(
                Step::sql(
                    Phase::AddConstraints,
                    format!("{summary}, NOT VALID"),
                    alter::add_check(table, c),
                )
                .creating([id])
                .hazards(self.on(table, [lock])),
            );
            return;
        }
        if self.online && self.existing(table) {
            self.push(
                Step::sql(
                    Phase::AddConstraints,
                    format!("{summary}, NOT VALID"),
                    alter::not_valid(&alter::add_check(table, c)),
                )
                .creating([id.clone()])
                .hazards([lock]),
            );
            self.validate(table, &c.name, id);
            return;
        }
        self.push(
            Step::sql(Phase::AddConstraints, summary, alter::add_check(table, c))
                .creating([id])
                .hazards(self.on(table, [lock, Hazard::ScansTable(table.clone())])),
        );
    }

    /// `VALIDATE CONSTRAINT`: it reads every row while writes go on; in a live plan in a
    /// transaction of its own, so that it holds no lock the steps before it took. It needs the
    /// constraint made (not the old one's dependencies, as an alteration would: a check re-made
    /// around a recreated enum type would then wait for the type it must follow).
    fn validate(&mut self, table: &QualifiedName, name: &str, id: ObjectId) {
        let runs = if self.online {
            Runs::NewTransaction
        } else {
            Runs::InTransaction
        };
        self.push(
            Step::sql(
                Phase::Validate,
                format!("validate {name} on {table}"),
                alter::validate_constraint(table, name),
            )
            .requiring([id])
            .hazards([Hazard::ScansTable(table.clone())])
            .running(runs),
        );
    }

    /// On a table that exists, a live plan builds it `CONCURRENTLY`, alone (writes go on); a
    /// plain plan blocks writes to the table while it builds.
    fn create_index(&mut self, t: &Table, i: &Index) {
        let summary = format!("create index {} on {}", i.name, t.name);
        let id = ObjectId::Index(t.name.clone(), i.name.clone());
        // PostgreSQL builds no index of a partitioned table CONCURRENTLY.
        if self.online && self.existing(&t.name) && t.partition_by.is_none() {
            self.push(self.concurrently(t, i, summary).creating([id]));
            return;
        }
        // What sea-query's index builder can say (it has no NULLS FIRST/LAST, COLLATE or WITH):
        // anything else is written as SQL.
        let plain = i.keys.iter().all(|k| {
            matches!(k.kind, IndexKeyKind::Column(_))
                && k.opclass.is_none()
                && !k.says_nulls()
                && k.collation.is_none()
        }) && i.include.is_empty()
            && !i.nulls_not_distinct
            && i.storage.is_empty();
        let step = if plain {
            Step::builder(
                Phase::CreateIndexes,
                summary,
                Builder::CreateIndex(t.name.clone(), i.clone()),
            )
        } else {
            Step::sql(Phase::CreateIndexes, summary, alter::create_index(t, i))
        };
        let hazards = [
            Hazard::BlocksWrites(t.name.clone()),
            Hazard::BuildsIndex(t.name.clone()),
        ];
        self.push(step.creating([id]).hazards(self.on(&t.name, hazards)));
    }

    /// `CREATE INDEX CONCURRENTLY IF NOT EXISTS`, outside a transaction.
    fn concurrently(&self, t: &Table, i: &Index, summary: String) -> Step {
        Step::sql(
            Phase::CreateIndexes,
            format!("{summary}, CONCURRENTLY"),
            alter::create_index_concurrently(t, i),
        )
        .hazards([Hazard::BuildsIndex(t.name.clone())])
        .running(Runs::Alone {
            invalid_index: Some(QualifiedName::new(&t.name.schema, &i.name)),
        })
    }

    /// Whether a column of `t` (kept under its name) changes type or collation.
    fn retypes_a_column(&self, t: &QualifiedName) -> bool {
        let (Some(before), Some(after)) = (self.old.table(t), self.new.table(t)) else {
            return false;
        };
        (after.columns.iter()).any(|a| {
            (before.columns.iter())
                .any(|b| b.name == a.name && (b.ty != a.ty || b.collation != a.collation))
        })
    }

    /// A changed index on a table that exists, in a live plan: the new one is built
    /// concurrently under a name of its own, then the old one dropped and the new one renamed,
    /// so that queries always have one. A unique index is dropped and built again instead (a
    /// foreign key may rest on it, which the planner then drops and adds around it), and so is
    /// an index on a table with a renamed column.
    fn replace_index(&mut self, t: &Table, before: &Index, after: &Index) {
        let id = ObjectId::Index(t.name.clone(), after.name.clone());
        let mut building = after.clone();
        building.name = with_suffix(&after.name, "__new");
        self.push(
            self.concurrently(
                t,
                &building,
                format!(
                    "build index {} on {} (replacing {})",
                    building.name, t.name, before.name
                ),
            )
            .altering(id.clone()),
        );
        let sql = [
            alter::drop_index(&t.name, &before.name),
            alter::rename_index(&t.name.schema, &building.name, &after.name),
        ];
        self.push(
            Step::sql(
                Phase::CreateIndexes,
                format!(
                    "drop index {} on {} and rename {} to it",
                    before.name, t.name, building.name
                ),
                sql.join(";\n"),
            )
            .altering(id)
            .hazards([Hazard::LocksTable(t.name.clone())]),
        );
    }

    /// A foreign key whose referenced key is dropped (or replaced) while the foreign key itself
    /// stays: PostgreSQL refuses to drop the key under it, so it is dropped first and added
    /// again once the new key exists.
    fn reattach_foreign_keys(&mut self, old_catalog: &Catalog<'_>) {
        let dropped: BTreeSet<ObjectId> = self
            .steps
            .iter()
            .flat_map(|s| s.drops.iter().cloned())
            .collect();
        let new = self.new;
        for t in &self.old.tables {
            for fk in &t.foreign_keys {
                let id = ObjectId::ForeignKey(t.name.clone(), fk.name.clone());
                if dropped.contains(&id)
                    || !old_catalog
                        .referenced_key(fk)
                        .is_some_and(|key| dropped.contains(&key))
                {
                    continue;
                }
                self.drop(Object::ForeignKey(t, fk), None);
                if let Some(kept) = new.table(&t.name)
                    && let Some(again) = kept.foreign_keys.iter().find(|f| f.name == fk.name)
                {
                    self.add_foreign_key(&t.name, again);
                }
            }
        }
    }

    fn add_column(&mut self, t: &QualifiedName, c: &Column) {
        let id = ObjectId::Column(t.clone(), c.name.clone());
        if !c.nullable && c.default.is_none() && c.identity == Identity::None {
            self.push(
                Step::sql(
                    Phase::AddColumns,
                    format!("check {t} is empty (new column {} is NOT NULL without a default)", c.name),
                    alter::guard_empty(t, &format!(
                        "column {} is NOT NULL and has no default; give it a default (#[pg(default = \"..\")]) or make it Option first",
                        c.name
                    )),
                )
                .requiring([ObjectId::Table(t.clone())])
                .hazards(self.on(t, [Hazard::ScansTable(t.clone())])),
            );
        }
        let rewrites = c.identity != Identity::None
            || c.generated.is_some()
            || hazard::default_rewrites(c.default.as_deref());
        let hazards = std::iter::once(Hazard::LocksTable(t.clone()))
            .chain(rewrites.then(|| Hazard::RewritesTable(t.clone())));
        self.push(
            Step::sql(
                Phase::AddColumns,
                format!("add column {t}.{}", c.name),
                alter::add_column(t, c),
            )
            .creating([id.clone()])
            .hazards(self.on(t, hazards)),
        );
        if c.comment.is_some() {
            self.comment(Commented::Column(t, &c.name), id, &c.comment);
        }
    }

    fn alter_column(
        &mut self,
        t: &QualifiedName,
        old: &Column,
        c: &Column,
        change: &Change<'_>,
    ) -> Result<(), Unsupported> {
        let id = ObjectId::Column(t.clone(), c.name.clone());
        // Serial or identity comes or goes: a default the column had goes first, one it gets
        // comes last (PostgreSQL refuses an identity on a column with a default).
        let renumbers = change.alters(Aspect::Identity)
            && (old.identity.is_identity() != c.identity.is_identity()
                || (old.identity == Identity::Serial) != (c.identity == Identity::Serial));
        if change.alters(Aspect::Generated) {
            return Err(Unsupported(format!(
                "column {t}.{}: its generation expression changes, which PostgreSQL cannot do in place; drop the column in one migration and add it back in the next",
                c.name
            )));
        }
        if change.alters(Aspect::Name) {
            self.push(
                Step::builder(
                    Phase::RenameColumns,
                    format!("rename column {t}.{} to {}", old.name, c.name),
                    Builder::RenameColumn(t.clone(), old.name.clone(), c.name.clone()),
                )
                .dropping([ObjectId::Column(t.clone(), old.name.clone())])
                .creating([id.clone()])
                .hazards([
                    Hazard::LocksTable(t.clone()),
                    Hazard::BreaksRunningCode(format!("column {t}.{}", old.name)),
                ]),
            );
            // PostgreSQL keeps the sequence's name; a fresh database names it for the column.
            if old.identity != Identity::None {
                self.push(
                    Step::sql(
                        Phase::RenameColumns,
                        format!("rename the sequence of {t}.{} for its new name", c.name),
                        alter::rename_column_sequence(t, &old.name, &c.name),
                    )
                    .altering(id.clone()),
                );
            }
        }
        let lock = Hazard::LocksTable(t.clone());
        let alter = |summary: String, sql: String| {
            Step::sql(Phase::AlterColumns, summary, sql)
                .altering(id.clone())
                .hazards([lock.clone()])
        };
        if renumbers && old.default.is_some() {
            self.push(alter(
                format!("drop default of {t}.{} before it is numbered anew", c.name),
                alter::set_default(t, &c.name, &None),
            ));
        }
        if change.alters(Aspect::Type) || change.alters(Aspect::Collation) {
            if old.default.is_some() && !renumbers {
                self.push(alter(
                    format!("drop default of {t}.{} before its type changes", c.name),
                    alter::set_default(t, &c.name, &None),
                ));
            }
            let summary = if change.alters(Aspect::Type) {
                format!(
                    "change type of {t}.{} from {} to {}",
                    c.name,
                    old.ty.display_name(),
                    c.ty.display_name()
                )
            } else {
                format!(
                    "change collation of {t}.{} from {} to {}",
                    c.name,
                    old.collation_description(),
                    c.collation_description()
                )
            };
            let rewrites =
                change.alters(Aspect::Type) && hazard::type_change_rewrites(&old.ty, &c.ty);
            // A new collation orders the column's values anew: PostgreSQL rebuilds every index
            // on it (a rewrite rebuilds them all anyway).
            let reindexes = !rewrites
                && change.alters(Aspect::Collation)
                && self
                    .new
                    .table(t)
                    .is_some_and(|table| indexed(table, &c.name));
            self.push(
                alter(summary, alter::alter_column_type(t, c))
                    .losing(change.loses.clone())
                    .hazards(
                        (rewrites.then(|| Hazard::RewritesTable(t.clone())))
                            .into_iter()
                            .chain(reindexes.then(|| Hazard::BuildsIndex(t.clone()))),
                    ),
            );
            if old.identity == Identity::Serial
                && c.identity == Identity::Serial
                && change.alters(Aspect::Type)
            {
                self.push(
                    Step::sql(
                        Phase::AlterColumns,
                        format!("change the type of the sequence of {t}.{}", c.name),
                        alter::serial_sequence_type(t, c),
                    )
                    .altering(id.clone()),
                );
            }
            if c.default.is_some() && !renumbers {
                self.push(alter(
                    format!("set default of {t}.{}", c.name),
                    alter::set_default(t, &c.name, &c.default),
                ));
            }
            self.rebuild_around(&[(t.clone(), c.clone())]);
        } else if change.alters(Aspect::Default) && !renumbers {
            self.push(alter(
                format!("set default of {t}.{}", c.name),
                alter::set_default(t, &c.name, &c.default),
            ));
        }
        // PostgreSQL keeps an identity column NOT NULL: one goes before the column may hold
        // NULL, and comes after it may not.
        let numbering = change.alters(Aspect::Identity) || change.alters(Aspect::IdentityOptions);
        let loses_identity = old.identity.is_identity() && !c.identity.is_identity();
        if numbering && loses_identity {
            self.renumber(t, old, c);
        }
        if change.alters(Aspect::Nullability) {
            if c.nullable {
                self.push(alter(
                    format!("drop NOT NULL on {t}.{}", c.name),
                    alter::set_not_null(t, &c.name, false),
                ));
            } else {
                // Before anything changes (so by the column's old name, before a rename): a
                // failing guard then leaves the database as it was.
                self.push(
                    Step::sql(
                        Phase::Guards,
                        format!("check {t}.{} holds no NULL", old.name),
                        alter::guard_no_nulls(t, &old.name),
                    )
                    .using([ObjectId::Column(t.clone(), old.name.clone())])
                    .hazards([Hazard::ScansTable(t.clone())]),
                );
                if self.online {
                    self.set_not_null_online(t, &c.name);
                } else {
                    self.push(
                        alter(
                            format!("set {t}.{} NOT NULL", c.name),
                            alter::set_not_null(t, &c.name, true),
                        )
                        .hazards([Hazard::ScansTable(t.clone())]),
                    );
                }
            }
        }
        if numbering && !loses_identity {
            self.renumber(t, old, c);
        }
        if renumbers && c.default.is_some() {
            self.push(alter(
                format!("set default of {t}.{}", c.name),
                alter::set_default(t, &c.name, &c.default),
            ));
        }
        if change.alters(Aspect::Comment) {
            self.comment(Commented::Column(t, &c.name), id, &c.comment);
        }
        Ok(())
    }

    /// The tables whose own switch must come first when `t` switches between logged and
    /// unlogged: PostgreSQL lets no logged table reference an unlogged one, so the tables that
    /// reference `t` become unlogged before it, and the tables `t` references become logged
    /// before it.
    fn persistence_first(&self, t: &Table) -> Vec<ObjectId> {
        let new = self.new;
        let tables = new.tables.iter().filter(|o| o.name != t.name);
        if t.unlogged {
            tables
                .filter(|o| o.unlogged && o.foreign_keys.iter().any(|f| f.references == t.name))
                .map(|o| ObjectId::Table(o.name.clone()))
                .collect()
        } else {
            tables
                .filter(|o| !o.unlogged && t.foreign_keys.iter().any(|f| f.references == o.name))
                .map(|o| ObjectId::Table(o.name.clone()))
                .collect()
        }
    }

    /// How column `c` numbers its rows changes: serial or identity comes, goes or turns into
    /// the other, identity switches between `ALWAYS` and `BY DEFAULT`, its sequence's options
    /// change. A sequence the column gets is moved past the values its rows hold.
    fn renumber(&mut self, t: &QualifiedName, old: &Column, c: &Column) {
        let id = ObjectId::Column(t.clone(), c.name.clone());
        let step = |summary: String, sql: String| {
            Step::sql(Phase::AlterColumns, summary, sql).altering(id.clone())
        };
        let (was, is) = (old.identity, c.identity);
        // Code that wrote the column (or left it to the old default) fails against the new.
        let breaks = Hazard::BreaksRunningCode(format!("how {t}.{} was numbered", c.name));
        let lock = Hazard::LocksTable(t.clone());
        if was.is_identity() && is.is_identity() {
            if let Some(sql) = alter::alter_identity(t, old, c) {
                let mut hazards = vec![lock];
                if is == Identity::GeneratedAlways && was != is {
                    hazards.push(breaks);
                }
                self.push(
                    step(format!("change the identity of {t}.{}", c.name), sql)
                        .hazards(self.on(t, hazards)),
                );
            }
            return;
        }
        let mut hazards = vec![lock.clone()];
        if is == Identity::None || is == Identity::GeneratedAlways {
            hazards.push(breaks);
        }
        // A serial's sequence is named in the schema: a sequence of its own by that name is
        // dropped before, or made after.
        let serials = QualifiedName::new(&t.schema, model_core::names::sequence(&t.name, &c.name));
        let mut sql = Vec::new();
        match was {
            Identity::Serial => sql.extend(alter::unmake_serial(t, &c.name)),
            Identity::GeneratedAlways | Identity::GeneratedByDefault => {
                sql.push(alter::drop_identity(t, &c.name))
            }
            Identity::None => {}
        }
        match is {
            Identity::Serial => sql.extend(alter::make_serial(t, c)),
            Identity::GeneratedAlways | Identity::GeneratedByDefault => {
                sql.push(alter::add_identity(t, c))
            }
            Identity::None => {}
        }
        self.push(
            step(
                format!(
                    "number {t}.{} as {} (was {})",
                    c.name,
                    is.description(),
                    was.description()
                ),
                sql.join(";\n"),
            )
            .dropping((was == Identity::Serial).then(|| ObjectId::Sequence(serials.clone())))
            .creating((is == Identity::Serial).then(|| ObjectId::Sequence(serials.clone())))
            .hazards(self.on(t, hazards)),
        );
        if is != Identity::None && self.existing(t) {
            self.push(
                step(
                    format!("move the sequence of {t}.{} past its rows", c.name),
                    render::move_past_rows(t, &c.name),
                )
                .hazards([Hazard::ScansTable(t.clone())]),
            );
        }
    }

    /// `SET NOT NULL` without a scan under ACCESS EXCLUSIVE: a `CHECK (column IS NOT NULL)` added
    /// `NOT VALID` (a short lock), validated in a transaction of its own (a scan that lets
    /// writes go on), then, in another, `SET NOT NULL`, which PostgreSQL 12 and later prove
    /// from the valid check without reading a row, and the check dropped. (The guard counting
    /// NULLs ran first, in the first transaction.)
    fn set_not_null_online(&mut self, t: &QualifiedName, column: &str) {
        let id = ObjectId::Column(t.clone(), column.to_owned());
        let check = model_core::Check {
            name: with_suffix(&format!("{}_{column}", t.name), "_not_null"),
            expr: format!("{} IS NOT NULL", render::ident(column)),
            no_inherit: false,
            not_valid: true,
        };
        let check_id = ObjectId::Check(t.clone(), check.name.clone());
        let lock = Hazard::LocksTable(t.clone());
        self.push(
            Step::sql(
                Phase::AlterColumns,
                format!("check {t}.{column} IS NOT NULL for new rows (NOT VALID)"),
                alter::add_check(t, &check),
            )
            .altering(id.clone())
            .creating([check_id.clone()])
            .hazards([lock.clone()]),
        );
        self.push(
            Step::sql(
                Phase::AlterColumns,
                format!("validate {} on {t}", check.name),
                alter::validate_constraint(t, &check.name),
            )
            .altering(check_id.clone())
            .hazards([Hazard::ScansTable(t.clone())])
            .running(Runs::NewTransaction),
        );
        let set = [
            alter::set_not_null(t, column, true),
            alter::drop_constraint(t, &check.name),
        ];
        self.push(
            Step::sql(
                Phase::AlterColumns,
                format!(
                    "set {t}.{column} NOT NULL (proved by {}) and drop the check",
                    check.name
                ),
                set.join(";\n"),
            )
            .altering(check_id)
            .altering(id)
            .hazards([lock])
            .running(Runs::NewTransaction),
        );
    }

    /// Added values go in with `ADD VALUE` when the old values keep their order and nothing in
    /// this migration uses the new ones (PostgreSQL cannot use a value in the transaction that
    /// added it). Otherwise the type is recreated and its columns cast through text.
    fn change_enum(&mut self, before: &EnumType, after: &EnumType) {
        let id = ObjectId::Enum(after.name.clone());
        let kept: Vec<&String> = after
            .values
            .iter()
            .filter(|v| before.values.contains(v))
            .collect();
        let only_added = kept.len() == before.values.len()
            && kept.iter().zip(&before.values).all(|(a, b)| *a == b);
        let users = self.enum_columns(&after.name);
        // A default of the type set in this migration (on a new table, a new column or a
        // changed default) may be one of the added values.
        let new_defaults = self.new.tables.iter().any(|t| {
            t.columns.iter().any(|c| {
                let old_default = self
                    .old
                    .table(&t.name)
                    .zip(self.old_column_name(&t.name, &c.name))
                    .and_then(|(ot, old)| ot.column(&old))
                    .map(|oc| &oc.default);
                holds_enum(&c.ty, &after.name)
                    && c.default.is_some()
                    && old_default != Some(&c.default)
            })
        });
        let used_now = new_defaults || {
            let added: Vec<&String> = after
                .values
                .iter()
                .filter(|v| !before.values.contains(v))
                .collect();
            added
                .iter()
                .any(|v| raw_sql_mentions(self.new, &render::literal(v)))
        };
        if only_added && !used_now {
            for (i, value) in after.values.iter().enumerate() {
                if before.values.contains(value) {
                    continue;
                }
                // Before the next value that exists, or after the one before it (which this
                // migration may have just added).
                let next_old = after.values[i + 1..]
                    .iter()
                    .find(|v| before.values.contains(v));
                let position = match (next_old, i.checked_sub(1)) {
                    (Some(next), _) => alter::EnumPosition::Before(next),
                    (None, Some(previous)) => alter::EnumPosition::After(&after.values[previous]),
                    (None, None) => {
                        unreachable!("an enum of only added values is created, not altered")
                    }
                };
                self.push(
                    Step::sql(
                        Phase::Types,
                        format!("add value '{value}' to enum type {}", after.name),
                        alter::add_enum_value_at(&after.name, value, position),
                    )
                    .altering(id.clone()),
                );
            }
            return;
        }
        let old_name = format!("{}__old", after.name.name);
        let removed: Vec<&String> = before
            .values
            .iter()
            .filter(|v| !after.values.contains(v))
            .collect();
        let loses = (!removed.is_empty()).then(|| {
            format!(
                "values {}: rows holding them make the migration fail",
                removed
                    .iter()
                    .map(|v| format!("'{v}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
        let summary = format!(
            "recreate enum type {} with values ({})",
            after.name,
            after.values.join(", ")
        );
        let mut sql = vec![
            alter::rename_enum(&after.name, &old_name),
            alter::create_enum(after),
        ];
        for (t, c) in &users {
            if c.default.is_some() {
                sql.push(alter::set_default(t, &c.name, &None));
            }
            sql.push(if c.ty == ColumnType::Enum(after.name.clone()) {
                alter::alter_column_type_via_text(t, c)
            } else {
                alter::alter_column_type_via_text_array(t, c)
            });
            if c.default.is_some() {
                sql.push(alter::set_default(t, &c.name, &c.default));
            }
        }
        sql.push(alter::drop_enum(&QualifiedName::new(
            &after.name.schema,
            old_name,
        )));
        // The columns it casts are named as they are after this migration.
        let casts = users
            .iter()
            .map(|(t, c)| ObjectId::Column(t.clone(), c.name.clone()));
        let rewritten = users.iter().flat_map(|(t, _)| {
            [
                Hazard::LocksTable(t.clone()),
                Hazard::RewritesTable(t.clone()),
            ]
        });
        self.push(
            Step::sql(Phase::Types, summary, sql.join(";\n"))
                .altering(id)
                .requiring(casts)
                .losing(loses)
                .hazards(rewritten),
        );
        self.rebuild_around(&users);
    }

    /// Checks, and indexes with a predicate or an expression, that name a column a recreated
    /// enum type casts: their expressions are bound to the old type (`m <> 'meh'` compares
    /// with an `old_type` value), so the cast fails under them. Those the migration
    /// keeps as they are are dropped before the type is recreated and made again after (the
    /// graph orders both around the type, since they need it).
    /// Drops and re-creates the unchanged checks and indexes whose SQL reads one of `columns`,
    /// once their type changed: PostgreSQL keeps such an expression bound to the old type (an
    /// enum's renamed one, or casts a fresh create would not have), so a migrated database would
    /// differ from a fresh one.
    fn rebuild_around(&mut self, columns: &[(QualifiedName, Column)]) {
        for (t, c) in columns {
            self.retyped.insert((t.clone(), c.name.clone()));
            if let Some(old) = self.old_column_name(t, &c.name) {
                self.retyped.insert((t.clone(), old));
            }
        }
        let tables: BTreeSet<&QualifiedName> = columns.iter().map(|(t, _)| t).collect();
        for name in tables {
            let (Some(before), Some(after)) = (self.old.table(name), self.new.table(name)) else {
                continue;
            };
            // SQL that names one of the columns (a word of the text, in any case).
            let names: Vec<String> = columns
                .iter()
                .filter(|(t, _)| t == name)
                .map(|(_, c)| c.name.to_lowercase())
                .collect();
            let names_one = |sql: &str| {
                let sql = sql.to_lowercase();
                sql.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .any(|word| names.iter().any(|c| c == word))
            };
            for check in &before.checks {
                let id = ObjectId::Check(name.clone(), check.name.clone());
                if after.checks.contains(check) && names_one(&check.expr) && self.rebuilt.insert(id)
                {
                    self.drop(Object::Check(before, check), None);
                    self.create(Object::Check(after, check));
                }
            }
            let bound = |i: &Index| {
                i.predicate.as_deref().is_some_and(names_one)
                    || i.keys.iter().any(|k| match &k.kind {
                        IndexKeyKind::Expression(e) => names_one(e),
                        IndexKeyKind::TsVector { columns, .. } => columns
                            .iter()
                            .any(|c| names.contains(&c.name.to_lowercase())),
                        IndexKeyKind::Column(_) => false,
                    })
            };
            for index in before.indexes.iter().filter(|i| bound(i)) {
                let id = ObjectId::Index(name.clone(), index.name.clone());
                if after.indexes.contains(index) && self.rebuilt.insert(id) {
                    self.drop(Object::Index(before, index), None);
                    self.create(Object::Index(after, index));
                }
            }
            // PostgreSQL retypes no column a trigger's `UPDATE OF` or `WHEN` names.
            let bound = |tr: &Trigger| {
                tr.when.as_deref().is_some_and(names_one)
                    || (tr.update_of.iter()).any(|c| names.contains(&c.to_lowercase()))
            };
            for trigger in before.triggers.iter().filter(|tr| bound(tr)) {
                let id = ObjectId::Trigger(name.clone(), trigger.name.clone());
                if after.triggers.contains(trigger) && self.rebuilt.insert(id) {
                    self.drop(Object::Trigger(before, trigger), None);
                    self.create(Object::Trigger(after, trigger));
                }
            }
            // Nor one a policy's expressions name.
            for policy in before
                .policies
                .iter()
                .filter(|p| p.expressions().any(names_one))
            {
                let id = ObjectId::Policy(name.clone(), policy.name.clone());
                if after.policies.contains(policy) && self.rebuilt.insert(id) {
                    self.drop(Object::Policy(before, policy), None);
                    self.create(Object::Policy(after, policy));
                }
            }
        }
    }

    /// Columns of tables present before and after that use enum type `name`.
    fn enum_columns(&self, name: &QualifiedName) -> Vec<(QualifiedName, Column)> {
        let mut out = Vec::new();
        for t in &self.new.tables {
            let Some(before) = self.old.table(&t.name) else {
                continue;
            };
            for c in &t.columns {
                let existed = self
                    .old_column_name(&t.name, &c.name)
                    .is_some_and(|old| before.column(&old).is_some());
                if holds_enum(&c.ty, name) && existed {
                    out.push((t.name.clone(), c.clone()));
                }
            }
        }
        out
    }

    /// The name a column of the new schema had in the old one: its own, or the one it was
    /// renamed from; `None` for a new column that takes the old name of a renamed one.
    fn old_column_name(&self, table: &QualifiedName, new_name: &str) -> Option<String> {
        let on_table = || self.renames.iter().filter(|(t, _, _)| t == table);
        if let Some((_, old, _)) = on_table().find(|(_, _, new)| new == new_name) {
            return Some(old.clone());
        }
        (!on_table().any(|(_, old, _)| old == new_name)).then(|| new_name.to_owned())
    }
}

/// What adding a primary key or unique constraint to a table that exists does.
fn builds_key(t: &QualifiedName) -> [Hazard; 3] {
    [
        Hazard::LocksTable(t.clone()),
        Hazard::ScansTable(t.clone()),
        Hazard::BuildsIndex(t.clone()),
    ]
}

/// `name` with `suffix`, cut so that the whole fits PostgreSQL's 63 bytes.
fn with_suffix(name: &str, suffix: &str) -> String {
    let mut end = name.len().min(63 - suffix.len());
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{suffix}", &name[..end])
}

fn after_comment(after: Object<'_>) -> Option<String> {
    match after {
        Object::Schema(n) => n.comment.clone(),
        _ => None,
    }
}

/// The steps in an order the graph allows: created after what they need (in the new schema),
/// dropped before what they needed (in the old), an object dropped before it is created again,
/// changes to one object in the order they were planned.
fn order(steps: Vec<Step>, old: &Catalog<'_>, new: &Catalog<'_>) -> Result<Vec<Step>, Unsupported> {
    let mut creators: BTreeMap<&ObjectId, Vec<usize>> = BTreeMap::new();
    let mut alterers: BTreeMap<&ObjectId, Vec<usize>> = BTreeMap::new();
    let mut droppers: BTreeMap<&ObjectId, Vec<usize>> = BTreeMap::new();
    for (i, s) in steps.iter().enumerate() {
        for id in &s.creates {
            creators.entry(id).or_default().push(i);
        }
        for id in &s.alters {
            alterers.entry(id).or_default().push(i);
        }
        for id in &s.drops {
            droppers.entry(id).or_default().push(i);
        }
    }
    let of = |map: &BTreeMap<&ObjectId, Vec<usize>>, id: &ObjectId| -> Vec<usize> {
        map.get(id).cloned().unwrap_or_default()
    };
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        let own: BTreeSet<&ObjectId> = s.creates.iter().chain(&s.alters).collect();
        // A renamed column is the same column under another name: what it needs (its type)
        // it had before and keeps, so neither side of a change to that type binds it.
        let renames_column = matches!(
            (s.drops.as_slice(), s.creates.as_slice()),
            ([ObjectId::Column(a, _)], [ObjectId::Column(b, _)]) if a == b
        );
        // What the new versions of its objects need, and what it requires itself.
        let mut needs: BTreeSet<ObjectId> = s.requires.iter().cloned().collect();
        for id in own.iter().filter(|_| !renames_column) {
            if let Some(object) = new.get(id) {
                needs.extend(new.dependencies(object));
            }
        }
        for x in needs.iter().filter(|x| !own.contains(x)) {
            for p in of(&creators, x).into_iter().chain(of(&alterers, x)) {
                edges.push((p, i));
            }
        }
        for x in &s.alters {
            edges.extend(of(&creators, x).into_iter().map(|p| (p, i)));
        }
        // What the old versions of what it drops or changes needed: still there until it ran.
        for y in s.drops.iter().chain(&s.alters).filter(|_| !renames_column) {
            let Some(object) = old.get(y) else { continue };
            for x in old.dependencies(object) {
                if s.drops.contains(&x) {
                    continue;
                }
                for d in of(&droppers, &x).into_iter().chain(of(&alterers, &x)) {
                    edges.push((i, d));
                }
            }
        }
        // Before what it still uses is dropped.
        for x in &s.uses {
            edges.extend(of(&droppers, x).into_iter().map(|d| (i, d)));
        }
        // Dropped before it is created again.
        for x in &s.drops {
            edges.extend(of(&creators, x).into_iter().map(|c| (i, c)));
        }
    }
    for list in alterers.values() {
        edges.extend(list.windows(2).map(|w| (w[0], w[1])));
    }
    let sequence = topological_order(steps.len(), &edges, |i| (steps[i].phase, i)).map_err(
        |cycle| {
            let names: Vec<&str> = cycle.iter().map(|&i| steps[i].summary.as_str()).collect();
            Unsupported(format!(
                "these steps depend on each other in a cycle, so no order can run them: {}; split the change into two migrations",
                names.join("; ")
            ))
        },
    )?;
    let mut slots: Vec<Option<Step>> = steps.into_iter().map(Some).collect();
    Ok(sequence
        .into_iter()
        .map(|i| slots[i].take().expect("each step once"))
        .collect())
}

/// Whether an index of `t` (a key's, a unique constraint's, its own) reads column `column`: by
/// name, or inside an expression that mentions it (an over-count, never an under-count).
fn indexed(t: &Table, column: &str) -> bool {
    let names = |cols: &[String]| cols.iter().any(|c| c == column);
    (t.primary_key.iter()).any(|pk| names(&pk.columns) || names(&pk.include))
        || (t.uniques.iter()).any(|u| names(&u.columns) || names(&u.include))
        || t.indexes.iter().any(|i| {
            names(&i.include)
                || i.keys.iter().any(|k| match &k.kind {
                    IndexKeyKind::Expression(sql) => sql.contains(column),
                    _ => k.columns().contains(&column),
                })
        })
}

/// Whether any raw SQL of `schema` (checks, index keys and predicates, generated columns)
/// holds `text`: a value added to an enum cannot be used in the transaction that adds it, so a
/// check or partial index naming it makes the planner recreate the type instead.
fn raw_sql_mentions(schema: &Schema, text: &str) -> bool {
    schema.tables.iter().any(|t| {
        t.checks.iter().any(|c| c.expr.contains(text))
            || t.columns
                .iter()
                .any(|c| c.generated.as_deref().is_some_and(|g| g.contains(text)))
            || t.indexes.iter().any(|i| {
                i.predicate.as_deref().is_some_and(|p| p.contains(text))
                    || i.keys.iter().any(|k| match &k.kind {
                        model_core::IndexKeyKind::Expression(e) => e.contains(text),
                        _ => false,
                    })
            })
    })
}

/// Whether a column holds values of enum type `name`: the type itself, or an array of it (a
/// `sql_type` spelled as PostgreSQL prints it, `schema.name[]`).
fn holds_enum(ty: &ColumnType, name: &QualifiedName) -> bool {
    match ty {
        ColumnType::Enum(e) => e == name,
        ColumnType::Raw(raw) | ColumnType::Builtin(raw) => {
            raw.strip_suffix("[]") == Some(render::qualified(name).as_str())
        }
        ColumnType::Domain(_) => false,
    }
}
