//! One table as a SeaORM entity in the dense format, with `#[derive(PgTable)]` and the
//! `#[pg(...)]` keys that give its catalog back. What no key can say is named in
//! [`super::NotImported`] and left out of the entity.

use std::fmt::Write;

use model_core::sql_ident::PG_CATALOG;
use model_core::{
    Column, ForeignKey, ForeignKeyAction, Identity, Index, IndexKeyKind, IndexMethod,
    QualifiedName, Sequence, SequenceOwner, Table, names,
};

use super::behaviours::Behaviours;
use super::field_type::{FieldType, field_type};
use super::rust_names::{camel, lit, snake};
use super::{Naming, NotImported, Relations};
use crate::render::{ident, literal, qualified};

/// A table's entity source, and what the models will need beside it.
pub struct EntitySource {
    pub source: String,
    /// Sequences a serial column that `#[pg(serial)]` cannot declare needs (see [`serial_by_hand`]).
    pub sequences: Vec<Sequence>,
}

/// The source of `table`'s entity (not yet formatted).
pub fn entity(
    schema: &model_core::Schema,
    table: &Table,
    naming: &Naming,
    relations: &Relations,
    behaviours: &Behaviours,
    not_imported: &mut Vec<NotImported>,
) -> EntitySource {
    let t = &table.name;
    let fields = naming.fields(t);
    let field_of = |column: &str| -> String {
        let i = table.columns.iter().position(|c| c.name == column);
        i.map_or(column, |i| fields[i].as_str()).to_owned()
    };
    let mut lost = |what: String, why: &str, sql: Option<String>| {
        not_imported.push(NotImported {
            object: what,
            why: why.to_owned(),
            sql,
        });
    };
    let mut sequences = Vec::new();

    // The struct's keys.
    let mut head = String::new();
    let mut sea = vec![
        format!("schema_name = {}", lit(&t.schema)),
        format!("table_name = {}", lit(&t.name)),
    ];
    if let Some(comment) = &table.comment {
        sea.push(format!("comment = {}", lit(comment)));
    }
    writeln!(head, "#[sea_orm({})]", sea.join(", ")).unwrap();
    let mut keys = Vec::new();
    if let Some((created, updated)) = &behaviours.timestamps {
        keys.push(
            if (created.as_str(), updated.as_str()) == ("created_at", "updated_at")
                && field_of(created) == "created_at"
                && field_of(updated) == "updated_at"
            {
                "timestamps".to_owned()
            } else {
                format!(
                    "timestamps(created = {}, updated = {})",
                    lit(&field_of(created)),
                    lit(&field_of(updated))
                )
            },
        );
    }
    if let Some(version) = &behaviours.versioned {
        keys.push(match field_of(version).as_str() {
            "version" => "versioned".to_owned(),
            field => format!("versioned(column = {})", lit(field)),
        });
    }
    if table.column("deleted_at").is_some_and(|c| {
        c.nullable
            && c.ty.display_name().starts_with("timestamp ")
            && field_of("deleted_at") == "deleted_at"
    }) {
        keys.push("soft_delete".to_owned());
    }
    if table.unlogged {
        keys.push("unlogged".to_owned());
    }
    if !table.storage.is_empty() {
        keys.push(with_key(&table.storage));
    }
    match (table.row_security, table.force_row_security) {
        (true, false) => keys.push("row_security".to_owned()),
        (true, true) => keys.push("row_security(force)".to_owned()),
        (false, true) => lost(
            format!("FORCE ROW LEVEL SECURITY on {t}"),
            "is set while row level security is not enabled (it does nothing then), which no #[pg] key declares; imported as not forced",
            Some(format!(
                "ALTER TABLE {} FORCE ROW LEVEL SECURITY;",
                crate::render::qualified(t)
            )),
        ),
        (false, false) => {}
    }
    if !keys.is_empty() {
        writeln!(head, "#[pg({})]", keys.join(", ")).unwrap();
    }
    if let Some(by) = &table.partition_by {
        writeln!(head, "#[pg({})]", partition_by_key(by, &field_of)).unwrap();
        for p in &table.partitions {
            writeln!(head, "#[pg({})]", partition_key(t, p)).unwrap();
        }
    }

    // Keys and uniques.
    let mut unique_fields = Vec::new();
    for u in &table.uniques {
        let cols: Vec<&str> = u.columns.iter().map(String::as_str).collect();
        if cols.len() == 1
            && !u.nulls_not_distinct
            && u.deferral.is_immediate()
            && u.include.is_empty()
            && u.name == names::unique(&t.name, &cols)
        {
            unique_fields.push(cols[0].to_owned());
            continue;
        }
        let mut parts = vec![format!(
            "columns({})",
            cols.iter()
                .map(|c| field_of(c))
                .collect::<Vec<_>>()
                .join(", ")
        )];
        if u.name != names::unique(&t.name, &cols) {
            parts.push(format!("name = {}", lit(&u.name)));
        }
        if u.nulls_not_distinct {
            parts.push("nulls_not_distinct".into());
        }
        parts.extend(deferral_key(u.deferral));
        parts.extend(include_key(&u.include, &field_of));
        writeln!(head, "#[pg(unique({}))]", parts.join(", ")).unwrap();
    }
    for p in &table.policies {
        let mut parts = vec![format!("name = {}", lit(&p.name))];
        if p.command != model_core::PolicyCommand::All {
            parts.push(format!(
                "command = {}",
                lit(&p.command.sql().to_lowercase())
            ));
        }
        if !p.roles.is_empty() {
            let roles: Vec<String> = p.roles.iter().map(|r| lit(r)).collect();
            parts.push(format!("roles({})", roles.join(", ")));
        }
        if let Some(using) = &p.using {
            parts.push(format!("using = {}", lit(using)));
        }
        if let Some(check) = &p.with_check {
            parts.push(format!("with_check = {}", lit(check)));
        }
        if p.restrictive {
            parts.push("restrictive".to_owned());
        }
        writeln!(head, "#[pg(policy({}))]", parts.join(", ")).unwrap();
    }
    let mut field_indexes: Vec<(String, String)> = Vec::new();
    for index in &table.indexes {
        match index_key(table, index, &field_of) {
            Ok(IndexKey::Field(column, key)) => field_indexes.push((column, key)),
            Ok(IndexKey::Table(key)) => writeln!(head, "#[pg({key})]").unwrap(),
            Err(why) => lost(
                format!("index {} on {t}", index.name),
                &why,
                Some(format!(
                    "CREATE {};",
                    crate::render::index_definition(table, index, false)
                )),
            ),
        }
    }
    for check in &table.checks {
        writeln!(
            head,
            "#[pg(check(name = {}, sql = {}{}{}))]",
            lit(&check.name),
            lit(&check.expr),
            if check.not_valid { ", not_valid" } else { "" },
            if check.no_inherit { ", no_inherit" } else { "" },
        )
        .unwrap();
    }

    for x in &table.exclusions {
        match exclusion_key(table, x, &field_of) {
            Some(key) => writeln!(head, "#[pg({key})]").unwrap(),
            None => lost(
                format!("exclusion constraint {} on {t}", x.name),
                "has a key with an operator class, an order or a collation, which exclude(..) does not say",
                Some(format!("{};", crate::render::alter::add_exclusion(t, x))),
            ),
        }
    }

    // The primary key.
    let pk: &[String] = table
        .primary_key
        .as_ref()
        .map_or(&[], |pk| pk.columns.as_slice());
    if let Some(pk) = &table.primary_key {
        let in_field_order: Vec<&String> = table
            .columns
            .iter()
            .map(|c| &c.name)
            .filter(|c| pk.columns.contains(c))
            .collect();
        let mut parts = Vec::new();
        if pk.name != names::primary_key(&t.name) {
            parts.push(format!("name = {}", lit(&pk.name)));
        }
        parts.extend(deferral_key(pk.deferral));
        parts.extend(include_key(&pk.include, &field_of));
        if !parts.is_empty() {
            writeln!(head, "#[pg(primary_key({}))]", parts.join(", ")).unwrap();
        }
        if in_field_order
            .iter()
            .map(|c| c.as_str())
            .ne(pk.columns.iter().map(String::as_str))
        {
            lost(
                format!("primary key {} on {t}", pk.name),
                &format!(
                    "lists its columns ({}) in another order than the table; the models list them in the table's order",
                    pk.columns.join(", ")
                ),
                None,
            );
        }
    }
    let single_int_pk = pk.len() == 1
        && table
            .column(&pk[0])
            .is_some_and(|c| c.ty.integer_width().is_some());

    // The fields, each relation after its last column.
    let mut body = String::new();
    let mut floats = false;
    let table_relations = relations.of(t);
    for (i, column) in table.columns.iter().enumerate() {
        let field = &fields[i];
        // A domain's column is a field of its base type.
        let domain = match &column.ty {
            model_core::ColumnType::Domain(d) => schema.domain(d),
            _ => None,
        };
        let base = domain.map(|d| model_core::ColumnType::Builtin(d.data_type.clone()));
        let mut ty = field_type(base.as_ref().unwrap_or(&column.ty), || {
            let model_core::ColumnType::Enum(e) = &column.ty else {
                unreachable!()
            };
            format!("super::enums::{}", naming.enum_name(e))
        });
        floats |= ty.is_float();
        let is_pk = pk.contains(&column.name);
        let mut sea = Vec::new();
        let mut pg = Vec::new();
        if is_pk {
            sea.push("primary_key".to_owned());
        }
        if *field != column.name {
            sea.push(format!("column_name = {}", lit(&column.name)));
        }
        if let Some(ct) = &ty.column_type {
            sea.push(format!("column_type = {}", lit(ct)));
        }
        if unique_fields.contains(&column.name) {
            sea.push("unique".into());
        }
        if let Some(comment) = &column.comment {
            sea.push(format!("comment = {}", lit(comment)));
        }
        let managed = behaviours
            .timestamps
            .as_ref()
            .is_some_and(|(c, u)| *c == column.name || *u == column.name)
            || behaviours.versioned.as_ref() == Some(&column.name);
        match column.identity {
            Identity::Serial if single_int_pk && is_pk => pg.push("serial".to_owned()),
            Identity::GeneratedByDefault
                if single_int_pk && is_pk && column.identity_options.is_default() => {}
            Identity::Serial => {
                let (default, sequence) = serial_by_hand(table, column);
                pg.push(format!("default = {}", lit(&default)));
                sequences.push(sequence);
            }
            Identity::None => {}
            Identity::GeneratedAlways | Identity::GeneratedByDefault => {
                pg.push(identity_key(column))
            }
        }
        if is_pk && !(single_int_pk && column.identity != Identity::None) {
            sea.push("auto_increment = false".into());
        }
        if let Some(default) = &column.default
            && !managed
        {
            pg.push(format!("default = {}", lit(default)));
        }
        if let Some(d) = domain {
            ty.sql_type = None;
            pg.push(format!("domain = {}", lit(&d.name.to_string())));
        }
        if let Some(sql_type) = &ty.sql_type {
            pg.push(format!("sql_type = {}", lit(sql_type)));
        }
        if let model_core::ColumnType::Enum(e) = &column.ty
            && (e.schema != t.schema || naming.enum_name_shared(e))
        {
            pg.push(format!("enum_schema = {}", lit(&e.schema)));
        }
        if let Some(generated) = &column.generated {
            pg.push(format!("generated = {}", lit(generated)));
        }
        if let Some(collation) = &column.collation {
            pg.push(collate_key(collation));
        }
        if let Some(fk) = table_relations.fk_spec_on(&column.name) {
            pg.push(fk);
        }
        for (_, key) in field_indexes.iter().filter(|(c, _)| *c == column.name) {
            pg.push(key.clone());
        }
        if !sea.is_empty() {
            writeln!(body, "#[sea_orm({})]", sea.join(", ")).unwrap();
        }
        if !pg.is_empty() {
            writeln!(body, "#[pg({})]", pg.join(", ")).unwrap();
        }
        let rust = rust_type(&ty, column.nullable);
        writeln!(body, "pub {field}: {rust},").unwrap();
        for relation in table_relations.after_column(&column.name) {
            body.push_str(relation);
        }
    }
    for relation in table_relations.has_many() {
        body.push_str(relation);
    }

    let eq = if floats { "" } else { "Eq, " };
    let source = format!(
        "//! `{t}`, imported from the database by `ddl-gen import`.\n\
         use model_core::PgTable;\n\
         use sea_orm::entity::prelude::*;\n\n\
         #[sea_orm::model]\n\
         #[derive(Clone, Debug, PartialEq, {eq}DeriveEntityModel, PgTable)]\n\
         {head}pub struct Model {{\n{body}}}\n\n\
         impl ActiveModelBehavior for ActiveModel {{}}\n"
    );
    EntitySource { source, sequences }
}

fn rust_type(ty: &FieldType, nullable: bool) -> String {
    if nullable {
        format!("Option<{}>", ty.rust)
    } else {
        ty.rust.clone()
    }
}

/// A serial column `#[pg(serial)]` cannot declare (not a single integer primary key): the
/// catalog's own parts, a default reading a sequence the column owns.
fn serial_by_hand(table: &Table, column: &Column) -> (String, Sequence) {
    let name = QualifiedName::new(
        &table.name.schema,
        names::sequence(&table.name.name, &column.name),
    );
    let default = format!("nextval({}::regclass)", literal(&qualified(&name)));
    let data_type = column.ty.display_name();
    let max_value = match column.ty.integer_width() {
        Some(2) => i16::MAX as i64,
        Some(4) => i32::MAX as i64,
        _ => i64::MAX,
    };
    let sequence = Sequence {
        data_type,
        max_value,
        owned_by: Some(SequenceOwner {
            table: table.name.clone(),
            column: column.name.clone(),
        }),
        ..Sequence::new(name)
    };
    (default, sequence)
}

enum IndexKey {
    /// On one field: `(column, "index(..)")`.
    Field(String, String),
    /// On the struct: `"index(..)"`.
    Table(String),
}

/// `index` as a `#[pg(index(..))]` key, or why it cannot be one.
fn index_key(
    table: &Table,
    index: &Index,
    field_of: &dyn Fn(&str) -> String,
) -> Result<IndexKey, String> {
    if matches!(index.method, IndexMethod::Other(_)) {
        return Err(format!(
            "uses access method {}, which #[pg(index(using))] does not take",
            index.method.name()
        ));
    }
    let opclasses: Vec<&Option<String>> = index.keys.iter().map(|k| &k.opclass).collect();
    if opclasses.windows(2).any(|w| w[0] != w[1]) {
        return Err("gives its keys different operator classes; #[pg(index(opclass))] applies one to every key".into());
    }
    let opclass = opclasses.first().and_then(|o| o.as_deref());
    let collations: Vec<&Option<QualifiedName>> = index.keys.iter().map(|k| &k.collation).collect();
    if collations.windows(2).any(|w| w[0] != w[1]) {
        return Err(
            "gives its keys different collations; #[pg(index(collate))] applies one to every key"
                .into(),
        );
    }
    let collation = collations.first().and_then(|c| c.as_ref());
    let t = &table.name.name;
    // Each column key with its order as the derive says it: `desc`, `nulls_first`/`nulls_last`
    // where not the direction's default.
    let columns: Vec<(&str, Vec<&str>)> = index
        .keys
        .iter()
        .filter_map(|k| match &k.kind {
            IndexKeyKind::Column(c) => Some((c.as_str(), key_order(k))),
            _ => None,
        })
        .collect();
    let all_columns = columns.len() == index.keys.len();
    // Keys as the derive writes them: columns first, then expressions. Otherwise every key is
    // written as an expression (PostgreSQL stores `(col)` as the column), which cannot be
    // descending.
    let columns_first = index
        .keys
        .iter()
        .skip_while(|k| matches!(k.kind, IndexKeyKind::Column(_)))
        .all(|k| !matches!(k.kind, IndexKeyKind::Column(_)));
    let mut parts = Vec::new();
    let default_name = names::index(t, &columns.iter().map(|c| c.0).collect::<Vec<_>>());
    if !all_columns || index.name != default_name {
        parts.push(format!("name = {}", lit(&index.name)));
    }
    let as_expression = |k: &model_core::IndexKey| match &k.kind {
        IndexKeyKind::Column(c) => ident(c),
        IndexKeyKind::Expression(e) => e.clone(),
        IndexKeyKind::TsVector { .. } => unreachable!("introspection reads expressions"),
    };
    if columns_first {
        if !columns.is_empty() {
            let list: Vec<String> = columns
                .iter()
                .map(|(c, order)| {
                    (order.iter().rev()).fold(field_of(c), |key, wrap| format!("{wrap}({key})"))
                })
                .collect();
            parts.push(format!("columns({})", list.join(", ")));
        }
        for k in index
            .keys
            .iter()
            .filter(|k| !matches!(k.kind, IndexKeyKind::Column(_)))
        {
            if !key_order(k).is_empty() {
                return Err(
                    "has a descending or NULLS FIRST/LAST expression key, which #[pg(index(expr))] cannot say".into(),
                );
            }
            parts.push(format!("expr = {}", lit(&as_expression(k))));
        }
    } else {
        if index.keys.iter().any(|k| !key_order(k).is_empty()) {
            return Err(
                "puts a descending or NULLS FIRST/LAST key after an expression, which #[pg(index(..))] cannot say"
                    .into(),
            );
        }
        for k in &index.keys {
            parts.push(format!("expr = {}", lit(&as_expression(k))));
        }
    }
    if index.method != IndexMethod::Btree {
        parts.push(format!("using = {}", lit(index.method.name())));
    }
    if let Some(opclass) = opclass {
        parts.push(format!("opclass = {}", lit(opclass)));
    }
    if let Some(collation) = collation {
        parts.push(collate_key(collation));
    }
    if index.unique {
        parts.push("unique".into());
    }
    if let Some(predicate) = &index.predicate {
        parts.push(format!("where = {}", lit(predicate)));
    }
    if !index.include.is_empty() {
        let include: Vec<String> = index.include.iter().map(|c| field_of(c)).collect();
        parts.push(format!("include({})", include.join(", ")));
    }
    if index.nulls_not_distinct {
        parts.push("nulls_not_distinct".into());
    }
    if !index.storage.is_empty() {
        parts.push(with_key(&index.storage));
    }
    // One plain column: a field's key, `index` or `index(name = .., desc, unique, where = ..)`.
    let simple = all_columns
        && columns.len() == 1
        && index.method == IndexMethod::Btree
        && opclass.is_none()
        && index.include.is_empty()
        && !index.nulls_not_distinct
        && index.storage.is_empty();
    if simple {
        let mut field_parts: Vec<String> = parts
            .into_iter()
            .filter(|p| !p.starts_with("columns("))
            .collect();
        for (at, order) in columns[0].1.iter().enumerate() {
            field_parts.insert(at, (*order).to_owned());
        }
        let key = if field_parts.is_empty() {
            "index".to_owned()
        } else {
            format!("index({})", field_parts.join(", "))
        };
        return Ok(IndexKey::Field(columns[0].0.to_owned(), key));
    }
    Ok(IndexKey::Table(format!("index({})", parts.join(", "))))
}

/// Storage parameters as the derive's key: `with(fillfactor = 70, buffering = "auto")` (a
/// number or a boolean as it is, any other value a string).
/// `partition_by(range(at))`, an expression as `expr = ".."`.
fn partition_by_key(by: &model_core::PartitionBy, field_of: &dyn Fn(&str) -> String) -> String {
    let key: Vec<String> = (by.key.iter())
        .map(|k| match k {
            model_core::PartitionKey::Column(c) => field_of(c),
            model_core::PartitionKey::Expression(e) => format!("expr = {}", lit(e)),
        })
        .collect();
    format!(
        "partition_by({}({}))",
        by.strategy.as_sql().to_lowercase(),
        key.join(", ")
    )
}

/// `partition(name = "..", from(..), to(..))` and the like; `schema` where it is not the
/// table's.
fn partition_key(t: &QualifiedName, p: &model_core::Partition) -> String {
    let values = |v: &[String]| v.iter().map(|x| lit(x)).collect::<Vec<_>>().join(", ");
    let mut parts = vec![format!("name = {}", lit(&p.name.name))];
    if p.name.schema != t.schema {
        parts.push(format!("schema = {}", lit(&p.name.schema)));
    }
    parts.push(match &p.bound {
        model_core::PartitionBound::Range { from, to } => {
            format!("from({}), to({})", values(from), values(to))
        }
        model_core::PartitionBound::List(v) => format!("values({})", values(v)),
        model_core::PartitionBound::Hash { modulus, remainder } => {
            format!("modulus = {modulus}, remainder = {remainder}")
        }
        model_core::PartitionBound::Default => "default".to_owned(),
    });
    if let Some(c) = &p.comment {
        parts.push(format!("comment = {}", lit(c)));
    }
    format!("partition({})", parts.join(", "))
}

fn with_key(storage: &model_core::StorageParameters) -> String {
    let each: Vec<String> = (storage.iter())
        .map(|(name, value)| {
            let bare = value.parse::<i64>().is_ok()
                || (value.parse::<f64>().is_ok() && value.contains('.'))
                || value == "true"
                || value == "false";
            if bare {
                format!("{name} = {value}")
            } else {
                format!("{name} = {}", lit(value))
            }
        })
        .collect();
    format!("with({})", each.join(", "))
}

/// A collation as the derive's key: `collate = "C"` for PostgreSQL's own, else with its schema.
fn collate_key(collation: &QualifiedName) -> String {
    if collation.schema == PG_CATALOG {
        format!("collate = {}", lit(&collation.name))
    } else {
        format!(
            "collate(schema = {}, name = {})",
            lit(&collation.schema),
            lit(&collation.name)
        )
    }
}

/// A key's order as the derive's words: `desc`, then `nulls_first` or `nulls_last` where the
/// key does not sort NULLs as its direction does by default.
fn key_order(k: &model_core::IndexKey) -> Vec<&'static str> {
    let mut order = Vec::new();
    if k.descending {
        order.push("desc");
    }
    if k.says_nulls() {
        order.push(if k.nulls_first() {
            "nulls_first"
        } else {
            "nulls_last"
        });
    }
    order
}

/// `#[pg(fk(..))]` for `fk`, when its name or deferral differ from the models' defaults.
pub fn fk_spec(table: &Table, fk: &ForeignKey) -> Option<String> {
    let cols: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
    let mut parts = Vec::new();
    if fk.name != names::foreign_key(&table.name.name, &cols) {
        parts.push(format!("name = {}", lit(&fk.name)));
    }
    parts.extend(deferral_key(fk.deferral()));
    if fk.match_full {
        parts.push("match_full".into());
    }
    if fk.not_valid {
        parts.push("not_valid".into());
    }
    (!parts.is_empty()).then(|| format!("fk({})", parts.join(", ")))
}

/// `deferrable` or `initially_deferred`, for a key that is.
fn deferral_key(deferral: model_core::Deferral) -> Option<String> {
    match deferral {
        model_core::Deferral::Immediate => None,
        model_core::Deferral::Deferrable => Some("deferrable".into()),
        model_core::Deferral::InitiallyDeferred => Some("initially_deferred".into()),
    }
}

/// `include(a, b)` by field name, for a key that covers columns.
fn include_key(
    include: &[String],
    field_of: &(impl Fn(&str) -> String + ?Sized),
) -> Option<String> {
    let fields: Vec<String> = include.iter().map(|c| field_of(c)).collect();
    (!fields.is_empty()).then(|| format!("include({})", fields.join(", ")))
}

/// SeaORM's name for an action, `None` for PostgreSQL's default.
pub fn action(a: ForeignKeyAction) -> Option<&'static str> {
    match a {
        ForeignKeyAction::NoAction => None,
        ForeignKeyAction::Restrict => Some("Restrict"),
        ForeignKeyAction::Cascade => Some("Cascade"),
        ForeignKeyAction::SetNull => Some("SetNull"),
        ForeignKeyAction::SetDefault => Some("SetDefault"),
    }
}

/// The Rust name of a relation's variant when it must be named.
pub fn variant(field: &str) -> String {
    camel(field)
}

/// A field name for the relation over `columns` to the table whose module is `module`.
pub fn relation_field(columns: &[String], module: &str) -> String {
    match columns {
        [one] if one.len() > 3 && one.ends_with("_id") => snake(&one[..one.len() - 3]),
        _ => module.to_owned(),
    }
}

/// `identity`, or `identity(always, start = 100, ..)` with the options that are not the
/// defaults.
fn identity_key(column: &Column) -> String {
    let o = &column.identity_options;
    let mut said = Vec::new();
    if column.identity == Identity::GeneratedAlways {
        said.push("always".to_owned());
    }
    let numbers = [
        ("start", o.start),
        ("increment", o.increment),
        ("min_value", o.min_value),
        ("max_value", o.max_value),
        ("cache", o.cache),
    ];
    said.extend((numbers.iter()).filter_map(|(key, v)| v.map(|v| format!("{key} = {v}"))));
    if o.cycle {
        said.push("cycle".to_owned());
    }
    if said.is_empty() {
        "identity".to_owned()
    } else {
        format!("identity({})", said.join(", "))
    }
}

/// `exclude(..)` for an exclusion constraint whose keys are plain columns or expressions;
/// `None` where a key says more (an operator class, an order, a collation).
fn exclusion_key(
    table: &Table,
    x: &model_core::Exclusion,
    field_of: &dyn Fn(&str) -> String,
) -> Option<String> {
    let mut parts = Vec::new();
    let columns: Vec<&str> = x.elements.iter().flat_map(|e| e.key.columns()).collect();
    let mut expression = false;
    let mut on = Vec::new();
    for e in &x.elements {
        let k = &e.key;
        if k.opclass.is_some() || k.descending || k.nulls.is_some() || k.collation.is_some() {
            return None;
        }
        match &k.kind {
            IndexKeyKind::Column(c) => on.push(format!("{} = {}", field_of(c), lit(&e.operator))),
            IndexKeyKind::Expression(sql) => {
                expression = true;
                if !on.is_empty() {
                    parts.push(format!("on({})", on.join(", ")));
                    on.clear();
                }
                parts.push(format!(
                    "expr(sql = {}, with = {})",
                    lit(sql),
                    lit(&e.operator)
                ));
            }
            IndexKeyKind::TsVector { .. } => return None,
        }
    }
    if !on.is_empty() {
        parts.push(format!("on({})", on.join(", ")));
    }
    if expression || x.name != names::exclusion(&table.name.name, &columns) {
        parts.insert(0, format!("name = {}", lit(&x.name)));
    }
    if x.method != IndexMethod::Gist {
        parts.push(format!("using = {}", lit(x.method.name())));
    }
    parts.extend(include_key(&x.include, field_of));
    if let Some(p) = &x.predicate {
        parts.push(format!("where = {}", lit(p)));
    }
    parts.extend(deferral_key(x.deferral));
    Some(format!("exclude({})", parts.join(", ")))
}
