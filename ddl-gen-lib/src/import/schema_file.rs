//! `mod.rs` (the modules and `schema()`) and `enums.rs` (the enum types) of an import.

use std::fmt::Write;

use model_core::{ColumnType, Schema, Sequence, Table, names};

use super::Naming;
use super::rust_names::{Scope, camel, lit};

/// `mod.rs`: every module, then `schema()` and `builder()` registering everything imported.
pub fn mod_rs(
    schema: &Schema,
    tables: &[&Table],
    naming: &Naming,
    sequences: &[Sequence],
    views: &[&model_core::View],
    functions: &[&model_core::Function],
    triggers: &[(&model_core::QualifiedName, &model_core::Trigger)],
) -> String {
    let mut out = String::from(
        "//! The models of a database, imported by `ddl-gen import`: one entity per table, the\n\
         //! enum types in `enums`, everything registered in [`schema()`].\n\
         //!\n\
         //! What the models could not say is listed in `not_imported.sql` beside this file.\n\n\
         // clippy reads the same column named in two `#[pg(index(..))]` keys as a duplicated\n\
         // attribute; it is not.\n\
         #![allow(clippy::duplicated_attributes)]\n\n",
    );
    if used_enums(schema).next().is_some() {
        out.push_str("pub mod enums;\n");
    }
    let mut modules: Vec<&str> = tables
        .iter()
        .filter_map(|t| naming.module(&t.name))
        .collect();
    modules.sort_unstable();
    for m in &modules {
        writeln!(out, "pub mod {m};").unwrap();
    }
    out.push_str(
        "\n/// The imported schema, validated.\n\
         pub fn schema() -> model_core::Schema {\n    builder().build().expect(\"valid schema\")\n}\n\n\
         /// Everything imported, registered, ready for more.\n\
         pub fn builder() -> model_core::SchemaBuilder {\n    model_core::Schema::builder()\n",
    );
    for e in &schema.extensions {
        writeln!(out, ".extension({})", lit(&e.name)).unwrap();
    }
    for n in &schema.namespaces {
        if let Some(comment) = &n.comment
            && !(n.name == "public" && comment == names::PUBLIC_SCHEMA_COMMENT)
        {
            writeln!(out, ".schema_comment({}, {})", lit(&n.name), lit(comment)).unwrap();
        }
    }
    for e in schema.enums.iter().filter(|e| !is_used(schema, &e.name)) {
        let values: Vec<String> = e
            .values
            .iter()
            .map(|v| format!("{}.into()", lit(v)))
            .collect();
        writeln!(
            out,
            ".enum_type(model_core::EnumType {{ name: {}, values: vec![{}] }})",
            qualified_name(&e.name),
            values.join(", ")
        )
        .unwrap();
    }
    for c in &schema.collations {
        collation(&mut out, c);
    }
    for g in &schema.grants {
        grants(&mut out, g);
    }
    for d in &schema.domains {
        domain(&mut out, d);
    }
    for c in &schema.composites {
        composite(&mut out, c);
    }
    for s in sequences {
        let owner = match &s.owned_by {
            Some(o) => format!(
                "Some(model_core::SequenceOwner {{ table: {}, column: {}.into() }})",
                qualified_name(&o.table),
                lit(&o.column)
            ),
            None => "None".into(),
        };
        let comment = match &s.comment {
            Some(c) => format!("Some({}.into())", lit(c)),
            None => "None".into(),
        };
        writeln!(
            out,
            ".sequence(model_core::Sequence {{ name: {}, data_type: {}.into(), start: {}, increment: {}, min_value: {}, max_value: {}, cache: {}, cycle: {}, owned_by: {owner}, comment: {comment} }})",
            qualified_name(&s.name),
            lit(&s.data_type),
            s.start,
            s.increment,
            s.min_value,
            s.max_value,
            s.cache,
            s.cycle
        )
        .unwrap();
    }
    for f in functions {
        function(&mut out, f);
    }
    for m in &modules {
        writeln!(out, ".entity::<{m}::Entity>()").unwrap();
    }
    for v in views {
        view(&mut out, v);
    }
    for (on, tr) in triggers {
        trigger(&mut out, on, tr);
    }
    out.push_str("}\n");
    out
}

/// `.trigger(on, ..)`: its parts as the catalog holds them, the `WHEN` condition as PostgreSQL
/// prints it.
fn trigger(out: &mut String, on: &model_core::QualifiedName, tr: &model_core::Trigger) {
    use model_core::{TriggerEvent, TriggerTiming};
    let constructor = match tr.timing {
        TriggerTiming::Before => "before",
        TriggerTiming::After => "after",
        TriggerTiming::InsteadOf => "instead_of",
    };
    write!(
        out,
        ".trigger({}, model_core::Trigger::{constructor}({}, {})",
        qualified_name(on),
        lit(&tr.name),
        qualified_name(&tr.function)
    )
    .unwrap();
    for event in &tr.events {
        match event {
            TriggerEvent::Insert => out.push_str(".on_insert()"),
            TriggerEvent::Delete => out.push_str(".on_delete()"),
            TriggerEvent::Update if tr.update_of.is_empty() => out.push_str(".on_update()"),
            TriggerEvent::Update => {
                let columns: Vec<String> = tr.update_of.iter().map(|c| lit(c)).collect();
                write!(out, ".on_update_of(&[{}])", columns.join(", ")).unwrap();
            }
            TriggerEvent::Truncate => out.push_str(".on_truncate()"),
        }
    }
    if tr.for_each_statement {
        out.push_str(".for_each_statement()");
    }
    if let Some(w) = &tr.when {
        write!(out, ".when({})", lit(w)).unwrap();
    }
    if let Some(t) = &tr.old_table {
        write!(out, ".old_table({})", lit(t)).unwrap();
    }
    if let Some(t) = &tr.new_table {
        write!(out, ".new_table({})", lit(t)).unwrap();
    }
    for a in &tr.args {
        write!(out, ".arg({})", lit(a)).unwrap();
    }
    if let Some(c) = &tr.comment {
        write!(out, ".comment({})", lit(c)).unwrap();
    }
    out.push_str(")\n");
}

/// `.view(..)`: the view's query as PostgreSQL printed it (every name qualified), its options
/// and comment.
fn view(out: &mut String, v: &model_core::View) {
    let constructor = if v.materialized {
        "materialized"
    } else {
        "new"
    };
    write!(
        out,
        ".view(model_core::View::{constructor}({}, {})",
        qualified_name(&v.name),
        text_block(&v.query)
    )
    .unwrap();
    if v.security_barrier {
        out.push_str(".security_barrier()");
    }
    match v.check_option {
        Some(model_core::CheckOption::Local) => {
            out.push_str(".check_option(model_core::CheckOption::Local)")
        }
        Some(model_core::CheckOption::Cascaded) => {
            out.push_str(".check_option(model_core::CheckOption::Cascaded)")
        }
        None => {}
    }
    if let Some(c) = &v.comment {
        write!(out, ".comment({})", lit(c)).unwrap();
    }
    out.push_str(")\n");
}

/// `.function(..)`: the declaration as the catalog holds it, the body as PostgreSQL keeps it.
fn function(out: &mut String, f: &model_core::Function) {
    use model_core::{ArgMode, FunctionBody, Parallel, Returns, Volatility};

    let body = match &f.body {
        FunctionBody::Source(body) => text_block(body),
        // Only a model builds these; a reading holds the source.
        _ => text_block(&crate::render::function_body(&f.body)),
    };
    let name = qualified_name(&f.name);
    match &f.returns {
        None => write!(
            out,
            ".function(model_core::Function::procedure({name}, {body})"
        ),
        Some(Returns::Type(t)) => write!(
            out,
            ".function(model_core::Function::new({name}, {}, {body})",
            lit(t)
        ),
        Some(Returns::SetOf(t)) => write!(
            out,
            ".function(model_core::Function::new({name}, \"\", {body}).returns_set_of({})",
            lit(t)
        ),
        Some(Returns::Table(columns)) => {
            let columns: Vec<String> = (columns.iter())
                .map(|(n, t)| format!("({}, {})", lit(n), lit(t)))
                .collect();
            write!(
                out,
                ".function(model_core::Function::new({name}, \"\", {body}).returns_table(&[{}])",
                columns.join(", ")
            )
        }
    }
    .unwrap();
    if f.language != "plpgsql" {
        write!(out, ".language({})", lit(&f.language)).unwrap();
    }
    for a in &f.args {
        let arg_name = lit(a.name.as_deref().unwrap_or(""));
        let ty = lit(&a.sql_type);
        match (a.mode, &a.default, &a.name) {
            (ArgMode::In, None, Some(_)) => write!(out, ".arg({arg_name}, {ty})"),
            (ArgMode::In, Some(d), Some(_)) => {
                write!(out, ".arg_default({arg_name}, {ty}, {})", lit(d))
            }
            (mode, default, _) => write!(
                out,
                ".argument(model_core::ArgMode::{mode:?}, {arg_name}, {ty}, {})",
                default
                    .as_ref()
                    .map_or_else(|| "None".to_owned(), |d| format!("Some({})", lit(d)))
            ),
        }
        .unwrap();
    }
    match f.volatility {
        Volatility::Immutable => out.push_str(".immutable()"),
        Volatility::Stable => out.push_str(".stable()"),
        Volatility::Volatile => {}
    }
    if f.strict {
        out.push_str(".strict()");
    }
    if f.security_definer {
        out.push_str(".security_definer()");
    }
    if f.parallel != Parallel::Unsafe {
        write!(out, ".parallel(model_core::Parallel::{:?})", f.parallel).unwrap();
    }
    for s in &f.settings {
        write!(out, ".set({}, {})", lit(&s.name), lit(&s.value)).unwrap();
    }
    if let Some(c) = &f.comment {
        write!(out, ".comment({})", lit(c)).unwrap();
    }
    out.push_str(")\n");
}

/// A Rust string literal of a text of several lines, kept on its lines (a raw string) unless it
/// holds a control character other than a line break or tab.
fn text_block(text: &str) -> String {
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return format!("{text:?}");
    }
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

/// `.domain(Domain::new(..)..)`, each thing said once.
fn domain(out: &mut String, d: &model_core::Domain) {
    write!(
        out,
        ".domain(model_core::Domain::new({}, {})",
        qualified_name(&d.name),
        lit(&d.data_type)
    )
    .unwrap();
    if let Some(c) = &d.collation {
        write!(out, ".collate({})", qualified_name(c)).unwrap();
    }
    if let Some(default) = &d.default {
        write!(out, ".default({})", lit(default)).unwrap();
    }
    if d.not_null {
        out.push_str(".not_null()");
    }
    for c in &d.checks {
        write!(out, ".check({}, {})", lit(&c.name), lit(&c.expr)).unwrap();
    }
    if let Some(comment) = &d.comment {
        write!(out, ".comment({})", lit(comment)).unwrap();
    }
    out.push_str(
        ")
",
    );
}

/// `.composite_type(CompositeType::new(..).attribute(..)..)`.
/// `.grant(GrantOn::..(..), Grant::new(role, &[Privilege::..])..)`, one per role and option.
fn grants(out: &mut String, g: &model_core::ObjectGrants) {
    let on = match &g.on {
        model_core::GrantOn::Schema(s) => format!("Schema({}.into())", lit(s)),
        model_core::GrantOn::Table(q) => format!("Table({})", qualified_name(q)),
        model_core::GrantOn::Sequence(q) => format!("Sequence({})", qualified_name(q)),
        model_core::GrantOn::Function(q, args) => {
            format!("Function({}, {}.into())", qualified_name(q), lit(args))
        }
    };
    for grant in &g.grants {
        let privileges: Vec<String> = (grant.privileges.iter())
            .map(|p| format!("model_core::Privilege::{p:?}"))
            .collect();
        write!(
            out,
            ".grant(model_core::GrantOn::{on}, model_core::Grant::new({}, &[{}])",
            lit(&grant.role),
            privileges.join(", ")
        )
        .unwrap();
        if grant.with_grant_option {
            out.push_str(".with_grant_option()");
        }
        out.push_str(")\n");
    }
}

/// `.collation(Collation::icu(..)..)`, each thing said once.
fn collation(out: &mut String, c: &model_core::Collation) {
    let provider = match c.provider {
        model_core::CollationProvider::Icu => "icu",
        model_core::CollationProvider::Libc => "libc",
    };
    write!(
        out,
        ".collation(model_core::Collation::{provider}({}, {})",
        qualified_name(&c.name),
        lit(&c.locale)
    )
    .unwrap();
    if let Some(ctype) = &c.ctype {
        write!(out, ".ctype({})", lit(ctype)).unwrap();
    }
    if !c.deterministic {
        out.push_str(".nondeterministic()");
    }
    if let Some(comment) = &c.comment {
        write!(out, ".comment({})", lit(comment)).unwrap();
    }
    out.push_str(")\n");
}

fn composite(out: &mut String, c: &model_core::CompositeType) {
    write!(
        out,
        ".composite_type(model_core::CompositeType::new({})",
        qualified_name(&c.name)
    )
    .unwrap();
    for a in &c.attributes {
        match &a.collation {
            Some(collation) => write!(
                out,
                ".collated_attribute({}, {}, {})",
                lit(&a.name),
                lit(&a.data_type),
                qualified_name(collation)
            ),
            None => write!(out, ".attribute({}, {})", lit(&a.name), lit(&a.data_type)),
        }
        .unwrap();
    }
    if let Some(comment) = &c.comment {
        write!(out, ".comment({})", lit(comment)).unwrap();
    }
    out.push_str(")\n");
}

fn qualified_name(q: &model_core::QualifiedName) -> String {
    format!(
        "model_core::QualifiedName::new({}, {})",
        lit(&q.schema),
        lit(&q.name)
    )
}

fn is_used(schema: &Schema, name: &model_core::QualifiedName) -> bool {
    schema.tables.iter().any(|t| {
        t.primary_key.is_some()
            && t.columns
                .iter()
                .any(|c| matches!(&c.ty, ColumnType::Enum(e) if e == name))
    })
}

fn used_enums(schema: &Schema) -> impl Iterator<Item = &model_core::EnumType> {
    schema.enums.iter().filter(|e| is_used(schema, &e.name))
}

/// `enums.rs`: a `DeriveActiveEnum` for each enum type a column uses (the others are
/// registered in `builder()`), or `None` when no column uses one.
pub fn enums_rs(schema: &Schema, naming: &Naming) -> Option<String> {
    let mut out = String::from(
        "//! The enum types columns use, imported by `ddl-gen import`.\n\
         use sea_orm::entity::prelude::*;\n",
    );
    let mut any = false;
    for e in used_enums(schema) {
        any = true;
        let mut variants = Scope::default();
        writeln!(
            out,
            "\n/// `{}`\n#[derive(Debug, Clone, PartialEq, Eq, EnumIter, DeriveActiveEnum)]\n\
             #[sea_orm(rs_type = \"String\", db_type = \"Enum\", enum_name = {})]\npub enum {} {{",
            e.name,
            lit(&e.name.name),
            naming.enum_name(&e.name)
        )
        .unwrap();
        for v in &e.values {
            let variant = variants.claim(camel(v));
            writeln!(out, "#[sea_orm(string_value = {})]\n{variant},", lit(v)).unwrap();
        }
        out.push_str("}\n");
    }
    any.then_some(out)
}
