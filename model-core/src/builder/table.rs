//! One entity to one [`Table`]: SeaORM's metadata and the `#[pg(...)]` extras combined, default
//! names given, and the trigger functions that `timestamps` and `versioned` need registered.

use super::column_type;
use super::entity::{ColumnInput, EntityInput};
use super::{EnumRegistry, FunctionMap};
use crate::error::Problems;
use crate::extras::{
    BoundSpec, CollationSpec, ExclusionSpec, FieldExtras, IndexKeySpec, IndexSpec, PartitionBySpec,
    PartitionKeySpec, PartitionSpec, TenantSpec,
};
use crate::names;
use crate::schema::{
    Check, Column, ColumnType, EnumType, Exclusion, ExclusionElement, ForeignKey, Function,
    FunctionBody, Identity, Index, IndexKey, IndexKeyKind, IndexMethod, NullsOrder, Partition,
    PartitionBound, PartitionBy, PartitionKey, Policy, PrimaryKey, QualifiedName, SoftDeleteColumn,
    StorageParameters, Table, Tenant, Trigger, TsVectorColumn, UniqueConstraint, normal_roles,
};

pub(crate) fn build(
    input: &EntityInput,
    enums: &mut EnumRegistry,
    functions: &mut FunctionMap,
    problems: &mut Problems,
) -> Option<Table> {
    let extras = input.extras;
    let t = input.name.name.as_str();
    let here = format!("{} ({})", input.name, extras.model);
    let mut table = Table::new(input.name.clone());
    table.comment = input.comment.clone();
    let single_pk = (input.primary_key.len() == 1).then(|| input.primary_key[0].as_str());

    for c in &input.columns {
        let field = extras.fields.iter().find(|f| f.column == c.name);
        if let Some(col) = column(input, c, field, single_pk, enums, problems, &here) {
            table.columns.push(col);
        }
    }

    if !input.primary_key.is_empty() {
        let spec = extras.primary_key.as_ref();
        table.primary_key = Some(PrimaryKey {
            name: (spec.and_then(|s| s.name)).map_or_else(|| names::primary_key(t), str::to_owned),
            columns: input.primary_key.clone(),
            deferral: spec.map_or_else(Default::default, |s| s.deferral),
            include: spec.map_or_else(Vec::new, |s| owned(s.include)),
        });
    }

    // UNIQUE: SeaORM's `unique` on a column, then `unique_key` groups, then #[pg(unique(..))].
    for c in input.columns.iter().filter(|c| c.unique) {
        table.uniques.push(UniqueConstraint {
            deferral: Default::default(),
            name: names::unique(t, &[&c.name]),
            columns: vec![c.name.clone()],
            nulls_not_distinct: false,
            include: Vec::new(),
        });
    }
    let mut keys: Vec<(&str, Vec<&str>)> = Vec::new();
    for f in extras.fields {
        if let Some(key) = f.unique_key {
            match keys.iter_mut().find(|(k, _)| *k == key) {
                Some((_, cols)) => cols.push(f.column),
                None => keys.push((key, vec![f.column])),
            }
        }
    }
    for (_, cols) in keys {
        table.uniques.push(UniqueConstraint {
            deferral: Default::default(),
            name: names::unique(t, &cols),
            columns: cols.iter().map(|c| c.to_string()).collect(),
            nulls_not_distinct: false,
            include: Vec::new(),
        });
    }
    for x in extras.exclusions {
        table.exclusions.push(exclusion(t, x, &table.columns));
    }
    for u in extras.uniques {
        let columns: Vec<String> = u.columns.iter().map(|c| c.to_string()).collect();
        match u.predicate {
            None => table.uniques.push(UniqueConstraint {
                deferral: u.deferral,
                name: u
                    .name
                    .map_or_else(|| names::unique(t, u.columns), str::to_owned),
                columns,
                nulls_not_distinct: u.nulls_not_distinct,
                include: owned(u.include),
            }),
            Some(predicate) => table.indexes.push(Index {
                name: u
                    .name
                    .map_or_else(|| names::index(t, u.columns), str::to_owned),
                unique: true,
                method: Default::default(),
                keys: columns.into_iter().map(IndexKey::column).collect(),
                include: owned(u.include),
                predicate: Some(predicate.to_owned()),
                nulls_not_distinct: u.nulls_not_distinct,
                storage: Default::default(),
            }),
        }
    }

    // Indexes: SeaORM's `indexed`, then field-level, then table-level #[pg(index(..))].
    for f in extras.fields {
        let unique = input.columns.iter().any(|c| c.name == f.column && c.unique);
        if f.indexed && !unique {
            table.indexes.push(Index {
                name: names::index(t, &[f.column]),
                unique: false,
                method: Default::default(),
                keys: vec![IndexKey::column(f.column)],
                include: Vec::new(),
                predicate: None,
                nulls_not_distinct: false,
                storage: Default::default(),
            });
        }
        for spec in f.indexes {
            table.indexes.push(index(t, spec, &table.columns));
        }
    }
    for spec in extras.indexes {
        table.indexes.push(index(t, spec, &table.columns));
    }

    // CHECKs: column-level, then table-level.
    for f in extras.fields {
        if let Some(check) = &f.check {
            table.checks.push(Check {
                no_inherit: check.no_inherit,
                not_valid: check.not_valid,
                name: check
                    .name
                    .map_or_else(|| names::column_check(t, f.column), str::to_owned),
                expr: check.sql.to_owned(),
            });
        }
    }
    for check in extras.checks {
        match check.name {
            Some(name) => table.checks.push(Check {
                no_inherit: check.no_inherit,
                not_valid: check.not_valid,
                name: name.to_owned(),
                expr: check.sql.to_owned(),
            }),
            None => problems.push(format!(
                "{here}: #[pg(check(..))] on a table needs name = \"..\""
            )),
        }
    }

    foreign_keys(input, &mut table, problems, &here);
    behaviours(input, &mut table, functions, problems, &here);
    Some(table)
}

/// `#[pg(tenant)]`: the column filled from the session's setting, an index leading with it,
/// row level security enabled and forced, and the policy that isolates the tenants.
fn tenant(table: &mut Table, spec: &TenantSpec, problems: &mut Problems, here: &str) {
    let tenant = Tenant {
        column: spec.column.to_owned(),
        setting: spec.setting.to_owned(),
    };
    let Some(c) = table.columns.iter_mut().find(|c| c.name == spec.column) else {
        problems.push(format!(
            "{here}: #[pg(tenant)] names column {}, which the table lacks; add the field or name the column with tenant(column = \"..\")",
            spec.column
        ));
        return;
    };
    let sql_type = match &c.ty {
        ColumnType::Builtin(ty) | ColumnType::Raw(ty) => ty.clone(),
        ColumnType::Enum(e) | ColumnType::Domain(e) => e.to_string(),
    };
    if c.default.is_some() || c.identity != Identity::None || c.generated.is_some() {
        problems.push(format!(
            "{here}: column {} gets its default from #[pg(tenant)] (the session's tenant); remove its own default",
            c.name
        ));
    }
    c.default = Some(tenant.current(&sql_type));
    c.nullable = false;
    let t = table.name.name.clone();
    let leads = |columns: &mut dyn Iterator<Item = &str>| columns.next() == Some(spec.column);
    let indexed = (table.primary_key.iter())
        .any(|pk| leads(&mut pk.columns.iter().map(String::as_str)))
        || (table.uniques.iter()).any(|u| leads(&mut u.columns.iter().map(String::as_str)))
        || (table.indexes.iter())
            .any(|i| i.predicate.is_none() && leads(&mut i.keys.iter().flat_map(|k| k.columns())));
    if !indexed {
        table.indexes.push(Index {
            name: names::index(&t, &[spec.column]),
            unique: false,
            method: Default::default(),
            keys: vec![IndexKey::column(spec.column)],
            include: Vec::new(),
            predicate: None,
            nulls_not_distinct: false,
            storage: Default::default(),
        });
    }
    table.row_security = true;
    table.force_row_security = true;
    let condition = tenant.condition(&sql_type);
    table.policies.push(
        Policy::new(Tenant::POLICY)
            .using(condition.clone())
            .with_check(condition),
    );
    table.tenant = Some(tenant);
}

fn column(
    input: &EntityInput,
    c: &ColumnInput,
    field: Option<&FieldExtras>,
    single_pk: Option<&str>,
    enums: &mut EnumRegistry,
    problems: &mut Problems,
    here: &str,
) -> Option<Column> {
    let t = &input.name;
    let raw_type = field.and_then(|f| f.sql_type);
    let domain = field.and_then(|f| f.domain);
    let ty = match (&c.ty, raw_type) {
        (_, Some(raw)) => ColumnType::Raw(raw.to_owned()),
        _ if domain.is_some() => {
            let name = domain.unwrap_or_default();
            ColumnType::Domain(match name.split_once('.') {
                Some((schema, name)) => QualifiedName::new(schema, name),
                None => QualifiedName::new(&t.schema, name),
            })
        }
        (sea_orm::ColumnType::Enum { name, variants }, None) => {
            let explicit = field.and_then(|f| f.enum_schema);
            let qualified = QualifiedName::new(explicit.unwrap_or(&t.schema), name.to_string());
            let site = format!("{}.{}", t, c.name);
            enums.add(
                EnumType {
                    name: qualified.clone(),
                    values: variants.iter().map(|v| v.to_string()).collect(),
                },
                Some((&site, explicit.is_some())),
                problems,
            );
            ColumnType::Enum(qualified)
        }
        (sea_type, None) => match column_type::builtin(sea_type) {
            Ok(name) => ColumnType::Builtin(name),
            Err(why) => {
                problems.push(format!(
                    "{here}: column {}: {why}; give the type with #[pg(sql_type = \"..\")]",
                    c.name
                ));
                return None;
            }
        },
    };
    let serial = field.is_some_and(|f| f.serial);
    let declared = field.and_then(|f| f.identity);
    let numbers_rows =
        single_pk == Some(c.name.as_str()) && input.auto_increment && ty.integer_width().is_some();
    let identity = match declared {
        Some(spec) => {
            if ty.integer_width().is_none() || c.nullable || serial {
                problems.push(format!(
                    "{here}: column {} is #[pg(identity)] but is {}{}; an identity column is a NOT NULL smallint, integer or bigint (an i16, i32 or i64 field) and not serial",
                    c.name,
                    if c.nullable { "nullable " } else { "" },
                    if serial { "serial".to_owned() } else { ty.display_name() },
                ));
            }
            if spec.always {
                Identity::GeneratedAlways
            } else {
                Identity::GeneratedByDefault
            }
        }
        None if numbers_rows && serial => Identity::Serial,
        None if numbers_rows => Identity::GeneratedByDefault,
        None => {
            if serial {
                problems.push(format!(
                    "{here}: column {} is #[pg(serial)] but is not an auto-increment integer primary key (type {}); serial goes on a single i16/i32/i64 primary key",
                    c.name,
                    ty.display_name()
                ));
            }
            Identity::None
        }
    };
    let identity_options = match (declared, ty.integer_width()) {
        (Some(spec), Some(width)) => spec.options.normalized(width),
        _ => Default::default(),
    };
    let generated = field.and_then(|f| f.generated);
    if generated.is_some() && identity != Identity::None {
        problems.push(format!(
            "{here}: column {} is #[pg(generated)] and {}; a generated column is computed from the row, so it cannot be a key that numbers rows",
            c.name,
            if declared.is_some() { "#[pg(identity)]" } else { "an auto-increment primary key" }
        ));
    }
    let default = match (field.and_then(|f| f.default), &c.default) {
        (Some(sql), None) => Some(sql.to_owned()),
        (None, seaorm) => seaorm.clone(),
        (Some(_), Some(_)) => {
            problems.push(format!(
                "{here}: column {} has both #[pg(default)] and SeaORM's default_value/default_expr; say it once",
                c.name
            ));
            None
        }
    };
    if default.is_some() && identity != Identity::None {
        problems.push(format!(
            "{here}: column {} is {} and has a default; its sequence gives its value, so remove the default",
            c.name,
            identity.description()
        ));
    }
    Some(Column {
        name: c.name.clone(),
        ty,
        nullable: c.nullable,
        default,
        identity,
        identity_options,
        comment: field.and_then(|f| f.comment).map(str::to_owned),
        renamed_from: field.and_then(|f| f.renamed_from).map(str::to_owned),
        generated: generated.map(str::to_owned),
        collation: field.and_then(|f| f.collate).map(CollationSpec::name),
    })
}

/// What an index key declares: its kind, `desc`, and `nulls_first` (`Some(true)`) or
/// `nulls_last`.
fn key_of(k: &IndexKeySpec, columns: &[Column]) -> (IndexKeyKind, bool, Option<bool>) {
    match k {
        IndexKeySpec::Column {
            column,
            desc,
            nulls_first,
        } => (
            IndexKeyKind::Column(column.to_string()),
            *desc,
            *nulls_first,
        ),
        IndexKeySpec::Expr(sql) => (IndexKeyKind::Expression(sql.to_string()), false, None),
        IndexKeySpec::TsVector {
            language,
            columns: cols,
        } => (
            IndexKeyKind::TsVector {
                language: language.to_string(),
                columns: cols
                    .iter()
                    .map(|name| TsVectorColumn {
                        name: name.to_string(),
                        nullable: columns.iter().any(|c| c.name == *name && c.nullable),
                    })
                    .collect(),
            },
            false,
            None,
        ),
    }
}

/// An exclusion constraint as declared: GiST unless said, named as PostgreSQL would name it.
fn exclusion(table: &str, spec: &ExclusionSpec, columns: &[Column]) -> Exclusion {
    let elements: Vec<ExclusionElement> = (spec.elements.iter())
        .map(|(key, operator)| {
            let (kind, descending, nulls_first) = key_of(key, columns);
            ExclusionElement {
                key: IndexKey {
                    kind,
                    descending,
                    nulls: nulls_first.map(NullsOrder::from_first),
                    ..IndexKey::column("")
                },
                operator: (*operator).to_owned(),
            }
        })
        .collect();
    let columns: Vec<&str> = (elements.iter()).flat_map(|e| e.key.columns()).collect();
    Exclusion {
        name: spec
            .name
            .map_or_else(|| names::exclusion(table, &columns), str::to_owned),
        method: spec.method.clone().unwrap_or(IndexMethod::Gist),
        elements,
        include: owned(spec.include),
        predicate: spec.predicate.map(str::to_owned),
        deferral: spec.deferral,
    }
}

fn storage(pairs: &[(&str, &str)]) -> StorageParameters {
    (pairs.iter())
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

fn index(table: &str, spec: &IndexSpec, columns: &[Column]) -> Index {
    let opclass = spec.opclass.map(str::to_owned);
    let keys: Vec<IndexKey> = spec
        .keys
        .iter()
        .map(|k| {
            let (kind, descending, nulls_first) = key_of(k, columns);
            IndexKey {
                kind,
                opclass: opclass.clone(),
                descending,
                collation: spec.collate.map(CollationSpec::name),
                nulls: nulls_first.map(NullsOrder::from_first),
            }
        })
        .collect();
    let is_tsvector = keys
        .iter()
        .any(|k| matches!(k.kind, IndexKeyKind::TsVector { .. }));
    let name = spec.name.map(str::to_owned).unwrap_or_else(|| {
        let cols: Vec<&str> = keys.iter().flat_map(|k| k.columns()).collect();
        names::index(table, &cols)
    });
    Index {
        name,
        unique: spec.unique,
        method: spec.method.clone().unwrap_or(if is_tsvector {
            crate::IndexMethod::Gin
        } else {
            crate::IndexMethod::Btree
        }),
        keys,
        include: spec.include.iter().map(|c| c.to_string()).collect(),
        predicate: spec.predicate.map(str::to_owned),
        nulls_not_distinct: spec.nulls_not_distinct,
        storage: storage(spec.storage),
    }
}

fn foreign_keys(input: &EntityInput, table: &mut Table, problems: &mut Problems, here: &str) {
    let t = input.name.name.as_str();
    let mut used_specs = Vec::new();
    for rel in &input.relations {
        let cols: Vec<&str> = rel.columns.iter().map(String::as_str).collect();
        let spec_field = input
            .extras
            .fields
            .iter()
            .find(|f| f.fk.is_some() && cols.contains(&f.column));
        let spec = spec_field.and_then(|f| f.fk.as_ref());
        if let Some(f) = spec_field {
            used_specs.push(f.column);
        }
        table.foreign_keys.push(ForeignKey {
            name: spec
                .and_then(|s| s.name)
                .map_or_else(|| names::foreign_key(t, &cols), str::to_owned),
            columns: rel.columns.clone(),
            references: rel.target.clone(),
            referenced_columns: rel.target_columns.clone(),
            on_delete: rel.on_delete,
            on_update: rel.on_update,
            deferrable: spec.is_some_and(|s| s.deferrable || s.initially_deferred),
            initially_deferred: spec.is_some_and(|s| s.initially_deferred),
            match_full: spec.is_some_and(|s| s.match_full),
            not_valid: spec.is_some_and(|s| s.not_valid),
        });
    }
    for f in input.extras.fields.iter().filter(|f| f.fk.is_some()) {
        if !used_specs.contains(&f.column) {
            problems.push(format!(
                "{here}: #[pg(fk(..))] is on column {}, which no belongs_to relation uses; put it on a foreign-key column (the relation's `from`)",
                f.column
            ));
        }
    }
    let mut fk_cols: Vec<&str> = input
        .extras
        .fields
        .iter()
        .filter(|f| f.fk.is_some())
        .map(|f| f.column)
        .collect();
    fk_cols.sort_unstable();
    for fk in &table.foreign_keys {
        let specs = fk
            .columns
            .iter()
            .filter(|c| fk_cols.binary_search(&c.as_str()).is_ok())
            .count();
        if specs > 1 {
            problems.push(format!(
                "{here}: foreign key {} has #[pg(fk(..))] on {specs} of its columns; put it on one",
                fk.name
            ));
        }
    }
}

fn partition_by(spec: &PartitionBySpec) -> PartitionBy {
    PartitionBy {
        strategy: spec.strategy,
        key: (spec.key.iter())
            .map(|k| match k {
                PartitionKeySpec::Column(c) => PartitionKey::Column((*c).to_owned()),
                PartitionKeySpec::Expr(e) => PartitionKey::Expression((*e).to_owned()),
            })
            .collect(),
    }
}

fn partition(table_schema: &str, spec: &PartitionSpec) -> Partition {
    let owned = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect();
    Partition {
        name: QualifiedName::new(spec.schema.unwrap_or(table_schema), spec.name),
        bound: match &spec.bound {
            BoundSpec::Range { from, to } => PartitionBound::Range {
                from: owned(from),
                to: owned(to),
            },
            BoundSpec::List(values) => PartitionBound::List(owned(values)),
            BoundSpec::Hash { modulus, remainder } => PartitionBound::Hash {
                modulus: *modulus,
                remainder: *remainder,
            },
            BoundSpec::Default => PartitionBound::Default,
        },
        comment: spec.comment.map(str::to_owned),
    }
}

/// `soft_delete`, `versioned`, `timestamps`: their columns' DDL, triggers and shared functions.
fn behaviours(
    input: &EntityInput,
    table: &mut Table,
    functions: &mut FunctionMap,
    problems: &mut Problems,
    here: &str,
) {
    let extras = input.extras;
    let t = input.name.name.clone();
    let schema = input.name.schema.clone();
    table.unlogged = extras.unlogged;
    table.storage = storage(extras.storage);
    table.partition_by = extras.partition_by.as_ref().map(partition_by);
    table.partitions = (extras.partitions.iter())
        .map(|p| partition(&schema, p))
        .collect();
    table.row_security = extras.row_security;
    table.force_row_security = extras.force_row_security;
    table.policies = (extras.policies.iter())
        .map(|p| Policy {
            name: p.name.to_owned(),
            restrictive: p.restrictive,
            command: p.command,
            roles: normal_roles(p.roles.iter().map(|r| (*r).to_owned())),
            using: p.using.map(str::to_owned),
            with_check: p.with_check.map(str::to_owned),
        })
        .collect();
    if let Some(spec) = &extras.tenant {
        tenant(table, spec, problems, here);
    }
    if let Some(column) = extras.soft_delete {
        table.soft_delete = Some(SoftDeleteColumn {
            column: column.to_owned(),
        });
    }
    let mut managed = |column: &str, default: &str, flag: &str, problems: &mut Problems| {
        if let Some(c) = table.columns.iter_mut().find(|c| c.name == column) {
            if c.default.is_some() {
                problems.push(format!(
                    "{here}: column {column} gets its default from #[pg({flag})]; remove its own default"
                ));
            }
            c.default = Some(default.to_owned());
            c.nullable = false;
        }
    };
    if let Some(column) = extras.versioned {
        managed(column, "1", "versioned", problems);
        table.version_column = Some(column.to_owned());
        let function = QualifiedName::new(&schema, names::version_function(column));
        functions
            .entry((function.clone(), String::new()))
            .or_insert_with(|| {
                Function::generated_trigger(
                    function.clone(),
                    FunctionBody::IncrementVersion {
                        column: column.to_owned(),
                    },
                )
                .comment(&names::version_function_comment(column))
            });
        table.triggers.push(Trigger::before_update(
            names::version_trigger(&t, column),
            function,
        ));
    }
    if let Some(ts) = &extras.timestamps {
        managed(ts.created, "CURRENT_TIMESTAMP", "timestamps", problems);
        managed(ts.updated, "CURRENT_TIMESTAMP", "timestamps", problems);
        let column = ts.updated;
        let function = QualifiedName::new(&schema, names::touch_function(column));
        functions
            .entry((function.clone(), String::new()))
            .or_insert_with(|| {
                Function::generated_trigger(
                    function.clone(),
                    FunctionBody::TouchTimestamp {
                        column: column.to_owned(),
                    },
                )
                .comment(&names::touch_function_comment(column))
            });
        table.triggers.push(Trigger::before_update(
            names::touch_trigger(&t, column),
            function,
        ));
    }
}

fn owned(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| c.to_string()).collect()
}
