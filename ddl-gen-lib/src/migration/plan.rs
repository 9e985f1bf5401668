//! From one schema to another: the steps, in dependency order.
//!
//! Steps are grouped in phases that follow the dependencies between kinds of objects (drop
//! dependents before what they depend on, create what is used before its users); within a phase,
//! steps keep the order of the (name-sorted) schemas, so a plan is deterministic. The same
//! function plans `down()`: from the new schema back to the old, with renames inverted.

use std::collections::{BTreeMap, BTreeSet};

use model_core::{
    Column, ColumnType, EnumType, ForeignKey, Identity, Index, IndexKeyKind, QualifiedName, Schema,
    Table,
};

use crate::render::alter::{self, Commented};

/// What a step does when it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Rendered SQL, run with `execute_unprepared`.
    Sql(String),
    /// A statement sea-query can say exactly; the migration file uses its builder.
    Builder(Builder),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Builder {
    DropTable(QualifiedName),
    DropColumn(QualifiedName, String),
    RenameColumn(QualifiedName, String, String),
    /// An index on plain columns (no expressions, operator classes, INCLUDE or NULLS NOT DISTINCT).
    CreateIndex(QualifiedName, Index),
    DropIndex(QualifiedName, String),
    /// A foreign key that is not deferrable.
    AddForeignKey(QualifiedName, ForeignKey),
    DropForeignKey(QualifiedName, String),
}

/// The phases, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    DropTriggers,
    DropForeignKeys,
    DropConstraintsAndIndexes,
    CreateNamespaces,
    CreateExtensions,
    Types,
    Functions,
    CreateTables,
    RenameColumns,
    AddColumns,
    AlterColumns,
    DropColumns,
    DropTables,
    AddConstraints,
    AddForeignKeys,
    CreateIndexes,
    CreateTriggers,
    Comments,
    DropFunctions,
    DropTypes,
    DropNamespaces,
    DropExtensions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub phase: Phase,
    /// One line for humans: `add column dataflow.product.weight_kg`.
    pub summary: String,
    pub action: Action,
    /// What running it can lose, for steps that lose data.
    pub loses: Option<String>,
}

/// A column renamed between two schemas: (table, old name, new name).
pub type Rename = (QualifiedName, String, String);

/// Column renames the new schema declares (`renamed_from`) against the old one.
pub fn renames(old: &Schema, new: &Schema) -> Vec<Rename> {
    let mut out = Vec::new();
    for t in &new.tables {
        let Some(before) = old.table(&t.name) else {
            continue;
        };
        for c in &t.columns {
            if let Some(from) = &c.renamed_from
                && before.column(from).is_some()
                && before.column(&c.name).is_none()
            {
                out.push((t.name.clone(), from.clone(), c.name.clone()));
            }
        }
    }
    out
}

/// Why no plan can be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

/// The steps that turn `old` into `new`, ordered.
pub fn plan(old: &Schema, new: &Schema, renames: &[Rename]) -> Result<Vec<Step>, Unsupported> {
    let mut p = Planner {
        steps: Vec::new(),
        renames,
        old,
        new,
    };
    p.namespaces();
    p.extensions();
    p.enums();
    p.functions();
    p.tables()?;
    let mut steps = p.steps;
    steps.sort_by_key(|s| s.phase); // stable: keeps the order within a phase
    Ok(steps)
}

struct Planner<'a> {
    steps: Vec<Step>,
    renames: &'a [Rename],
    old: &'a Schema,
    new: &'a Schema,
}

impl Planner<'_> {
    fn sql(&mut self, phase: Phase, summary: String, sql: String) {
        self.steps.push(Step {
            phase,
            summary,
            action: Action::Sql(sql),
            loses: None,
        });
    }

    fn builder(&mut self, phase: Phase, summary: String, builder: Builder, loses: Option<String>) {
        self.steps.push(Step {
            phase,
            summary,
            action: Action::Builder(builder),
            loses,
        });
    }

    fn namespaces(&mut self) {
        let old: BTreeMap<&str, &Option<String>> = self
            .old
            .namespaces
            .iter()
            .map(|n| (n.name.as_str(), &n.comment))
            .collect();
        let new: BTreeMap<&str, &Option<String>> = self
            .new
            .namespaces
            .iter()
            .map(|n| (n.name.as_str(), &n.comment))
            .collect();
        for (&name, &comment) in &new {
            if !old.contains_key(name) && name != "public" {
                self.sql(
                    Phase::CreateNamespaces,
                    format!("create schema {name}"),
                    alter::create_schema(name),
                );
            }
            if old.get(name).map_or(comment.is_some(), |c| *c != comment) {
                self.sql(
                    Phase::Comments,
                    format!("comment on schema {name}"),
                    alter::comment(&Commented::Schema(name), comment),
                );
            }
        }
        for &name in old.keys() {
            if !new.contains_key(name) && name != "public" {
                self.sql(
                    Phase::DropNamespaces,
                    format!("drop schema {name}"),
                    alter::drop_schema(name),
                );
            }
        }
    }

    fn extensions(&mut self) {
        let old: BTreeSet<&str> = self
            .old
            .extensions
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        let new: BTreeSet<&str> = self
            .new
            .extensions
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        for name in new.difference(&old) {
            self.sql(
                Phase::CreateExtensions,
                format!("create extension {name}"),
                alter::create_extension(name),
            );
        }
        for name in old.difference(&new) {
            self.sql(
                Phase::DropExtensions,
                format!("drop extension {name}"),
                alter::drop_extension(name),
            );
        }
    }

    fn enums(&mut self) {
        let old: BTreeMap<&QualifiedName, &EnumType> =
            self.old.enums.iter().map(|e| (&e.name, e)).collect();
        for e in &self.new.enums {
            match old.get(&e.name) {
                None => self.sql(
                    Phase::Types,
                    format!("create enum type {}", e.name),
                    alter::create_enum(e),
                ),
                Some(before) if before.values == e.values => {}
                Some(before) => self.change_enum(before, e),
            }
        }
        let new: BTreeSet<&QualifiedName> = self.new.enums.iter().map(|e| &e.name).collect();
        for e in &self.old.enums {
            if !new.contains(&e.name) {
                self.sql(
                    Phase::DropTypes,
                    format!("drop enum type {}", e.name),
                    alter::drop_enum(&e.name),
                );
            }
        }
    }

    /// Added values go in with `ADD VALUE` when the old values keep their order and nothing in
    /// this migration uses the new ones (PostgreSQL cannot use a value in the transaction that
    /// added it). Otherwise the type is recreated and its columns cast through text.
    fn change_enum(&mut self, before: &EnumType, after: &EnumType) {
        let kept: Vec<&String> = after
            .values
            .iter()
            .filter(|v| before.values.contains(v))
            .collect();
        let only_added = kept.len() == before.values.len()
            && kept.iter().zip(&before.values).all(|(a, b)| *a == b);
        let users = self.enum_columns(&after.name);
        let used_now = users.iter().any(|(t, c)| {
            let old_default = self
                .old
                .table(t)
                .and_then(|ot| ot.column(&c.name))
                .map(|oc| &oc.default);
            c.default.is_some() && old_default != Some(&c.default)
        });
        if only_added && !used_now {
            for (i, value) in after.values.iter().enumerate() {
                if before.values.contains(value) {
                    continue;
                }
                let next_old = after.values[i + 1..]
                    .iter()
                    .find(|v| before.values.contains(v));
                self.sql(
                    Phase::Types,
                    format!("add value '{value}' to enum type {}", after.name),
                    alter::add_enum_value(&after.name, value, next_old.map(String::as_str)),
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
            sql.push(alter::alter_column_type_via_text(t, c));
            if c.default.is_some() {
                sql.push(alter::set_default(t, &c.name, &c.default));
            }
        }
        sql.push(alter::drop_enum(&QualifiedName::new(
            &after.name.schema,
            old_name,
        )));
        self.steps.push(Step {
            phase: Phase::Types,
            summary,
            action: Action::Sql(sql.join(";\n")),
            loses,
        });
    }

    /// Columns of tables present before and after that use enum type `name`.
    fn enum_columns(&self, name: &QualifiedName) -> Vec<(QualifiedName, Column)> {
        let mut out = Vec::new();
        for t in &self.new.tables {
            let Some(before) = self.old.table(&t.name) else {
                continue;
            };
            for c in &t.columns {
                let old_name = self.old_column_name(&t.name, &c.name);
                if c.ty == ColumnType::Enum(name.clone()) && before.column(&old_name).is_some() {
                    out.push((t.name.clone(), c.clone()));
                }
            }
        }
        out
    }

    fn old_column_name(&self, table: &QualifiedName, new_name: &str) -> String {
        self.renames
            .iter()
            .find(|(t, _, new)| t == table && new == new_name)
            .map_or_else(|| new_name.to_owned(), |(_, old, _)| old.clone())
    }

    fn functions(&mut self) {
        let old: BTreeMap<&QualifiedName, _> =
            self.old.functions.iter().map(|f| (&f.name, f)).collect();
        for f in &self.new.functions {
            let before = old.get(&f.name);
            if before.is_none_or(|b| b.body != f.body) {
                self.sql(
                    Phase::Functions,
                    format!("create function {}()", f.name),
                    alter::create_function(f),
                );
            }
            if before.map_or(f.comment.is_some(), |b| b.comment != f.comment) {
                self.sql(
                    Phase::Comments,
                    format!("comment on function {}()", f.name),
                    alter::comment(&Commented::Function(&f.name), &f.comment),
                );
            }
        }
        let new: BTreeSet<&QualifiedName> = self.new.functions.iter().map(|f| &f.name).collect();
        for f in &self.old.functions {
            if !new.contains(&f.name) {
                self.sql(
                    Phase::DropFunctions,
                    format!("drop function {}()", f.name),
                    alter::drop_function(&f.name),
                );
            }
        }
    }

    fn tables(&mut self) -> Result<(), Unsupported> {
        let new_names: BTreeSet<&QualifiedName> = self.new.tables.iter().map(|t| &t.name).collect();
        for old in &self.old.tables {
            if !new_names.contains(&old.name) {
                self.drop_table(old);
            }
        }
        for t in &self.new.tables {
            match self.old.table(&t.name) {
                None => self.create_table(t),
                Some(before) => self.alter_table(before, t)?,
            }
        }
        Ok(())
    }

    fn create_table(&mut self, t: &Table) {
        self.sql(
            Phase::CreateTables,
            format!("create table {}", t.name),
            alter::create_table(t),
        );
        for fk in &t.foreign_keys {
            self.add_foreign_key(&t.name, fk);
        }
        for i in &t.indexes {
            self.create_index(t, i);
        }
        for tr in &t.triggers {
            self.sql(
                Phase::CreateTriggers,
                format!("create trigger {} on {}", tr.name, t.name),
                alter::create_trigger(t, tr),
            );
        }
        if t.comment.is_some() {
            self.sql(
                Phase::Comments,
                format!("comment on table {}", t.name),
                alter::comment(&Commented::Table(&t.name), &t.comment),
            );
        }
        for c in t.columns.iter().filter(|c| c.comment.is_some()) {
            self.sql(
                Phase::Comments,
                format!("comment on column {}.{}", t.name, c.name),
                alter::comment(&Commented::Column(&t.name, &c.name), &c.comment),
            );
        }
    }

    fn drop_table(&mut self, t: &Table) {
        // Its foreign keys go first: two dropped tables may reference each other.
        for fk in &t.foreign_keys {
            self.builder(
                Phase::DropForeignKeys,
                format!("drop foreign key {} on {}", fk.name, t.name),
                Builder::DropForeignKey(t.name.clone(), fk.name.clone()),
                None,
            );
        }
        self.builder(
            Phase::DropTables,
            format!("drop table {}", t.name),
            Builder::DropTable(t.name.clone()),
            Some("every row in it".to_owned()),
        );
    }

    fn add_foreign_key(&mut self, table: &QualifiedName, fk: &ForeignKey) {
        let summary = format!("add foreign key {} on {table}", fk.name);
        if fk.deferrable {
            self.sql(
                Phase::AddForeignKeys,
                summary,
                alter::add_foreign_key(table, fk),
            );
        } else {
            self.builder(
                Phase::AddForeignKeys,
                summary,
                Builder::AddForeignKey(table.clone(), fk.clone()),
                None,
            );
        }
    }

    fn create_index(&mut self, t: &Table, i: &Index) {
        let summary = format!("create index {} on {}", i.name, t.name);
        let plain = i
            .keys
            .iter()
            .all(|k| matches!(k.kind, IndexKeyKind::Column(_)) && k.opclass.is_none())
            && i.include.is_empty()
            && !i.nulls_not_distinct;
        if plain {
            self.builder(
                Phase::CreateIndexes,
                summary,
                Builder::CreateIndex(t.name.clone(), i.clone()),
                None,
            );
        } else {
            self.sql(Phase::CreateIndexes, summary, alter::create_index(t, i));
        }
    }

    fn alter_table(&mut self, before: &Table, after: &Table) -> Result<(), Unsupported> {
        let t = &after.name;
        self.columns(before, after)?;

        // Keys, constraints, indexes, triggers: by name; a changed one is dropped and recreated.
        if before.primary_key != after.primary_key {
            if let Some(pk) = &before.primary_key {
                self.sql(
                    Phase::DropConstraintsAndIndexes,
                    format!("drop primary key {} on {t}", pk.name),
                    alter::drop_constraint(t, &pk.name),
                );
            }
            if let Some(pk) = &after.primary_key {
                self.sql(
                    Phase::AddConstraints,
                    format!("add primary key {} on {t}", pk.name),
                    alter::add_primary_key(t, pk),
                );
            }
        }
        for (old, new) in by_name(&before.uniques, &after.uniques, |u| &u.name) {
            if let Some(u) = old {
                self.sql(
                    Phase::DropConstraintsAndIndexes,
                    format!("drop unique constraint {} on {t}", u.name),
                    alter::drop_constraint(t, &u.name),
                );
            }
            if let Some(u) = new {
                self.sql(
                    Phase::AddConstraints,
                    format!("add unique constraint {} on {t}", u.name),
                    alter::add_unique(t, u),
                );
            }
        }
        for (old, new) in by_name(&before.checks, &after.checks, |c| &c.name) {
            if let Some(c) = old {
                self.sql(
                    Phase::DropConstraintsAndIndexes,
                    format!("drop check {} on {t}", c.name),
                    alter::drop_constraint(t, &c.name),
                );
            }
            if let Some(c) = new {
                self.sql(
                    Phase::AddConstraints,
                    format!("add check {} on {t}", c.name),
                    alter::add_check(t, c),
                );
            }
        }
        for (old, new) in by_name(&before.foreign_keys, &after.foreign_keys, |f| &f.name) {
            if let Some(fk) = old {
                self.builder(
                    Phase::DropForeignKeys,
                    format!("drop foreign key {} on {t}", fk.name),
                    Builder::DropForeignKey(t.clone(), fk.name.clone()),
                    None,
                );
            }
            if let Some(fk) = new {
                self.add_foreign_key(t, fk);
            }
        }
        for (old, new) in by_name(&before.indexes, &after.indexes, |i| &i.name) {
            if let Some(i) = old {
                self.builder(
                    Phase::DropConstraintsAndIndexes,
                    format!("drop index {} on {t}", i.name),
                    Builder::DropIndex(t.clone(), i.name.clone()),
                    None,
                );
            }
            if let Some(i) = new {
                self.create_index(after, i);
            }
        }
        for (old, new) in by_name(&before.triggers, &after.triggers, |x| &x.name) {
            if let Some(tr) = old {
                self.sql(
                    Phase::DropTriggers,
                    format!("drop trigger {} on {t}", tr.name),
                    alter::drop_trigger(t, &tr.name),
                );
            }
            if let Some(tr) = new {
                self.sql(
                    Phase::CreateTriggers,
                    format!("create trigger {} on {t}", tr.name),
                    alter::create_trigger(after, tr),
                );
            }
        }
        if before.comment != after.comment {
            self.sql(
                Phase::Comments,
                format!("comment on table {t}"),
                alter::comment(&Commented::Table(t), &after.comment),
            );
        }
        Ok(())
    }

    fn columns(&mut self, before: &Table, after: &Table) -> Result<(), Unsupported> {
        let t = &after.name;
        let mut matched: BTreeSet<String> = BTreeSet::new();
        for c in &after.columns {
            let old_name = self.old_column_name(t, &c.name);
            let Some(old) = before.column(&old_name) else {
                self.add_column(t, c);
                continue;
            };
            matched.insert(old_name.clone());
            if old_name != c.name {
                self.builder(
                    Phase::RenameColumns,
                    format!("rename column {t}.{old_name} to {}", c.name),
                    Builder::RenameColumn(t.clone(), old_name.clone(), c.name.clone()),
                    None,
                );
            }
            self.alter_column(t, old, c)?;
        }
        for old in &before.columns {
            if !matched.contains(&old.name) {
                self.builder(
                    Phase::DropColumns,
                    format!("drop column {t}.{}", old.name),
                    Builder::DropColumn(t.clone(), old.name.clone()),
                    Some("its values".to_owned()),
                );
            }
        }
        Ok(())
    }

    fn add_column(&mut self, t: &QualifiedName, c: &Column) {
        if !c.nullable && c.default.is_none() && c.identity == Identity::None {
            self.sql(
                Phase::AddColumns,
                format!("check {t} is empty (new column {} is NOT NULL without a default)", c.name),
                alter::guard_empty(t, &format!(
                    "column {} is NOT NULL and has no default; give it a default (#[pg(default = \"..\")]) or make it Option first",
                    c.name
                )),
            );
        }
        self.sql(
            Phase::AddColumns,
            format!("add column {t}.{}", c.name),
            alter::add_column(t, c),
        );
        if c.comment.is_some() {
            self.sql(
                Phase::Comments,
                format!("comment on column {t}.{}", c.name),
                alter::comment(&Commented::Column(t, &c.name), &c.comment),
            );
        }
    }

    fn alter_column(
        &mut self,
        t: &QualifiedName,
        old: &Column,
        c: &Column,
    ) -> Result<(), Unsupported> {
        if old.identity != c.identity {
            return Err(Unsupported(format!(
                "column {t}.{} changes from {} to {}; serial and identity changes need a hand-written migration",
                c.name,
                old.identity.description(),
                c.identity.description()
            )));
        }
        if old.ty != c.ty {
            let loses = (!widens(&old.ty, &c.ty))
                .then(|| format!("values that do not fit {}", c.ty.display_name()));
            if old.default.is_some() {
                self.sql(
                    Phase::AlterColumns,
                    format!("drop default of {t}.{} before its type changes", c.name),
                    alter::set_default(t, &c.name, &None),
                );
            }
            self.steps.push(Step {
                phase: Phase::AlterColumns,
                summary: format!(
                    "change type of {t}.{} from {} to {}",
                    c.name,
                    old.ty.display_name(),
                    c.ty.display_name()
                ),
                action: Action::Sql(alter::alter_column_type(t, c)),
                loses,
            });
            if c.default.is_some() {
                self.sql(
                    Phase::AlterColumns,
                    format!("set default of {t}.{}", c.name),
                    alter::set_default(t, &c.name, &c.default),
                );
            }
        } else if old.default != c.default {
            self.sql(
                Phase::AlterColumns,
                format!("set default of {t}.{}", c.name),
                alter::set_default(t, &c.name, &c.default),
            );
        }
        if old.nullable && !c.nullable {
            self.sql(
                Phase::AlterColumns,
                format!("check {t}.{} holds no NULL", c.name),
                alter::guard_no_nulls(t, &c.name),
            );
            self.sql(
                Phase::AlterColumns,
                format!("set {t}.{} NOT NULL", c.name),
                alter::set_not_null(t, &c.name, true),
            );
        } else if !old.nullable && c.nullable {
            self.sql(
                Phase::AlterColumns,
                format!("drop NOT NULL on {t}.{}", c.name),
                alter::set_not_null(t, &c.name, false),
            );
        }
        if old.comment != c.comment {
            self.sql(
                Phase::Comments,
                format!("comment on column {t}.{}", c.name),
                alter::comment(&Commented::Column(t, &c.name), &c.comment),
            );
        }
        Ok(())
    }
}

/// Pairs two lists by name: (old, new) where they differ: (Some, None) dropped, (None, Some)
/// added, (Some, Some) changed. Equal pairs are left out.
fn by_name<'a, T: PartialEq>(
    old: &'a [T],
    new: &'a [T],
    name: impl Fn(&T) -> &String,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let olds: BTreeMap<&String, &T> = old.iter().map(|x| (name(x), x)).collect();
    let news: BTreeMap<&String, &T> = new.iter().map(|x| (name(x), x)).collect();
    let mut out = Vec::new();
    for x in old {
        match news.get(name(x)) {
            None => out.push((Some(x), None)),
            Some(y) if *y != x => out.push((Some(x), Some(*y))),
            Some(_) => {}
        }
    }
    for y in new {
        if !olds.contains_key(name(y)) {
            out.push((None, Some(y)));
        }
    }
    out
}

/// Whether every value of `from` fits `to` unchanged.
fn widens(from: &ColumnType, to: &ColumnType) -> bool {
    let (ColumnType::Builtin(a), ColumnType::Builtin(b)) = (from, to) else {
        return false;
    };
    let int_rank = |t: &str| match t {
        "smallint" => Some(1),
        "integer" => Some(2),
        "bigint" => Some(3),
        _ => None,
    };
    let numeric = |t: &str| -> Option<Option<(u32, u32)>> {
        if t == "numeric" {
            return Some(None);
        }
        let inner = t.strip_prefix("numeric(")?.strip_suffix(')')?;
        let (p, s) = inner.split_once(',')?;
        Some(Some((p.trim().parse().ok()?, s.trim().parse().ok()?)))
    };
    let varchar = |t: &str| -> Option<Option<u32>> {
        if t == "character varying" {
            return Some(None);
        }
        Some(Some(
            t.strip_prefix("character varying(")?
                .strip_suffix(')')?
                .parse()
                .ok()?,
        ))
    };
    match (int_rank(a), int_rank(b)) {
        (Some(x), Some(y)) => return x <= y,
        (Some(_), None) => return numeric(b) == Some(None) || b == "text",
        _ => {}
    }
    if let (Some(x), Some(y)) = (numeric(a), numeric(b)) {
        return match (x, y) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some((p1, s1)), Some((p2, s2))) => s2 >= s1 && p2 - s2 >= p1 - s1,
        };
    }
    if b == "text" {
        return varchar(a).is_some() || a.starts_with("character(");
    }
    if let (Some(x), Some(y)) = (varchar(a), varchar(b)) {
        return match (x, y) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(n), Some(m)) => m >= n,
        };
    }
    matches!(
        (a.as_str(), b.as_str()),
        ("real", "double precision") | ("timestamp without time zone", "timestamp with time zone")
    )
}

#[cfg(test)]
mod tests {
    use super::widens;
    use model_core::ColumnType;

    fn w(a: &str, b: &str) -> bool {
        widens(&ColumnType::builtin(a), &ColumnType::builtin(b))
    }

    #[test]
    fn knows_which_type_changes_keep_every_value() {
        assert!(w("integer", "bigint") && !w("bigint", "integer"));
        assert!(
            w("numeric(12,2)", "numeric(14,2)")
                && w("numeric(12,2)", "numeric")
                && w("numeric(10,2)", "numeric(12,4)")
        );
        assert!(
            !w("numeric(12,2)", "numeric(10,2)")
                && !w("numeric(12,2)", "numeric(12,1)")
                && !w("numeric", "numeric(12,2)")
        );
        assert!(
            w("character varying(10)", "character varying(20)")
                && w("character varying(10)", "text")
        );
        assert!(
            !w("text", "character varying(20)")
                && !w("character varying(20)", "character varying(10)")
        );
        assert!(!w("text", "integer") && w("integer", "text"));
    }
}
