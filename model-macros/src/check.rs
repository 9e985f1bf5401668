//! Semantic checks of the parsed attributes against the struct's fields.

use crate::ast::{Field, Model};
use crate::attr::{ColumnRef, ExclusionAttr, ExclusionKey, IndexAttr};
use crate::ctxt::Ctxt;
use proc_macro2::Span;
use syn::LitStr;

const TIMESTAMP_TYPES: &[&str] = &[
    "DateTime",
    "DateTimeUtc",
    "DateTimeLocal",
    "DateTimeWithTimeZone",
    "NaiveDateTime",
    "ChronoDateTime",
    "ChronoDateTimeUtc",
    "ChronoDateTimeLocal",
    "ChronoDateTimeWithTimeZone",
    "TimeDateTime",
    "TimeDateTimeWithTimeZone",
    "OffsetDateTime",
    "PrimitiveDateTime",
];
const INDEX_METHODS: &[&str] = &["btree", "gin", "gist", "brin", "hash", "spgist"];

pub fn check(cx: &Ctxt, model: &Model) {
    let attrs = &model.attrs;
    if let Some(sd) = &attrs.soft_delete {
        match model.field(&sd.value) {
            None => cx.syn_error(syn::Error::new(sd.span, format!(
                "soft_delete: no field `{}`; add `pub {}: Option<DateTimeWithTimeZone>` or name the field with soft_delete(column = \"..\") (fields: {})",
                sd.value, sd.value, field_list(model)
            ))),
            Some(f) if !(f.optional && is_timestamp(f)) => cx.error_spanned_by(f.ty, format!(
                "soft_delete: field `{}` must be an optional timestamp, e.g. Option<DateTimeWithTimeZone>",
                f.name
            )),
            Some(_) => {}
        }
    }
    if let Some(v) = &attrs.versioned {
        match model.field(&v.value) {
            None => cx.syn_error(syn::Error::new(v.span, format!(
                "versioned: no field `{}`; add `pub {}: i32` or name the field with versioned(column = \"..\") (fields: {})",
                v.value, v.value, field_list(model)
            ))),
            Some(f) if f.optional || !matches!(f.type_name.as_str(), "i32" | "i64") => {
                cx.error_spanned_by(f.ty, format!("versioned: field `{}` must be i32 or i64 (not optional)", f.name))
            }
            Some(_) => {}
        }
    }
    if let Some(ts) = &attrs.timestamps {
        let (created, updated) = &ts.value;
        for (role, name) in [("created", created), ("updated", updated)] {
            match model.field(name) {
                None => cx.syn_error(syn::Error::new(ts.span, format!(
                    "timestamps: no field `{name}` for the {role} time; add `pub {name}: DateTimeWithTimeZone` or name it with timestamps({role} = \"..\") (fields: {})",
                    field_list(model)
                ))),
                Some(f) if f.optional || !is_timestamp(f) => cx.error_spanned_by(f.ty, format!(
                    "timestamps: field `{name}` must be a timestamp that is never NULL, e.g. DateTimeWithTimeZone"
                )),
                Some(_) => {}
            }
        }
    }
    check_view(cx, model);
    check_row_security(cx, model);
    for index in &attrs.indexes {
        check_index(cx, model, index, false);
    }
    for u in &attrs.uniques {
        for c in &u.columns {
            resolve(cx, model, c, "unique");
        }
        for c in &u.include {
            resolve(cx, model, c, "include");
        }
        if let (Some(predicate), Some(span)) = (&u.predicate, u.deferral.span) {
            let _ = predicate;
            cx.syn_error(syn::Error::new(span, "a unique(..) with `where` is a unique index, which PostgreSQL cannot defer; remove `where` (a constraint) or the deferral"));
        }
    }
    for x in &attrs.exclusions {
        check_exclusion(cx, model, x);
    }
    check_partitions(cx, model);
    if let Some(pk) = &attrs.primary_key {
        for c in &pk.include {
            resolve(cx, model, c, "include");
        }
    }
    for f in model.columns() {
        check_field(cx, model, f);
    }
    for f in model.fields.iter().filter(|f| f.sea.ignore) {
        if let Some(span) = f.pg.serial.or(f.pg.fk.as_ref().map(|x| x.1)) {
            cx.syn_error(syn::Error::new(span, format!("field `{}` is #[sea_orm(ignore)], so it has no column for #[pg(..)] to describe", f.name)));
        }
    }
}

/// `policy(..)` and `tenant`: a known command with the clauses PostgreSQL takes for it, each
/// name once, a tenant column that is a key's type and never NULL, a setting PostgreSQL can
/// hold.
fn check_row_security(cx: &Ctxt, model: &Model) {
    let attrs = &model.attrs;
    let mut names: Vec<String> = Vec::new();
    for p in &attrs.policies {
        let name = p.name.value();
        if names.contains(&name) {
            cx.error_spanned_by(
                &p.name,
                format!("two policies are named \"{name}\"; name each once"),
            );
        }
        names.push(name);
        let command = match &p.command {
            None => Some(policy_command::ALL),
            Some(c) => {
                let found = policy_command::parse(&c.value());
                if found.is_none() {
                    cx.error_spanned_by(c, format!(
                        "unknown command \"{}\"; a policy is for one of: all, select, insert, update, delete",
                        c.value()
                    ));
                }
                found
            }
        };
        let Some(command) = command else { continue };
        if let (Some(using), false) = (&p.using, command.takes_using) {
            cx.error_spanned_by(using, "an insert policy has no `using`: an INSERT reads no existing row; say which rows it may write with `with_check`");
        }
        if let (Some(check), false) = (&p.with_check, command.takes_with_check) {
            cx.error_spanned_by(check, format!(
                "a {} policy has no `with_check`: it writes no row; say which rows it reaches with `using`",
                command.name
            ));
        }
    }
    let Some(tenant) = &attrs.tenant else { return };
    if names.iter().any(|n| n == "tenant_isolation") {
        cx.syn_error(syn::Error::new(tenant.column.span, "tenant makes the policy \"tenant_isolation\", and a policy(..) has that name too; rename yours"));
    }
    match model.field(&tenant.column.value) {
        None => cx.syn_error(syn::Error::new(tenant.column.span, format!(
            "tenant: no field `{}`; add `pub {}: i64` (or a Uuid, String, i32) or name the field with tenant(column = \"..\") (fields: {})",
            tenant.column.value, tenant.column.value, field_list(model)
        ))),
        Some(f) if f.optional || !matches!(f.type_name.as_str(), "i16" | "i32" | "i64" | "String" | "Uuid") => {
            cx.error_spanned_by(f.ty, format!(
                "tenant: field `{}` must be i16, i32, i64, String or Uuid, and not optional: every row belongs to one tenant",
                f.name
            ))
        }
        Some(_) => {}
    }
    if let Some(setting) = &tenant.setting {
        let value = setting.value();
        let valid = value.split_once('.').is_some_and(|(prefix, rest)| {
            let word = |w: &str| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && w.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            };
            word(prefix) && word(rest) && !rest.ends_with('.')
        });
        if !valid {
            cx.error_spanned_by(setting, format!(
                "tenant: the setting \"{value}\" is not one PostgreSQL lets a session set; name it prefix.name, e.g. \"app.tenant_id\""
            ));
        }
    }
}

/// The policy commands, as the derive knows them (model-core is not its dependency).
mod policy_command {
    pub struct Command {
        pub name: &'static str,
        pub takes_using: bool,
        pub takes_with_check: bool,
    }

    pub const ALL: Command = Command {
        name: "all",
        takes_using: true,
        takes_with_check: true,
    };

    const EVERY: [Command; 5] = [
        ALL,
        Command {
            name: "select",
            takes_using: true,
            takes_with_check: false,
        },
        Command {
            name: "insert",
            takes_using: false,
            takes_with_check: true,
        },
        Command {
            name: "update",
            takes_using: true,
            takes_with_check: true,
        },
        Command {
            name: "delete",
            takes_using: true,
            takes_with_check: false,
        },
    ];

    pub fn parse(name: &str) -> Option<Command> {
        EVERY
            .into_iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }
}

/// A view's entity: its keys are the view's; what only a table has is refused, each under the
/// key that says it.
fn check_view(cx: &Ctxt, model: &Model) {
    let attrs = &model.attrs;
    let Some(view) = &attrs.view else {
        let only = |span: proc_macro2::Span, key: &str| {
            cx.syn_error(syn::Error::new(
                span,
                format!("{key} is an option of a view; add view = \"SELECT ..\" or remove it"),
            ))
        };
        if let Some(span) = attrs.security_barrier {
            only(span, "security_barrier");
        }
        if let Some(c) = &attrs.check_option {
            only(c.span(), "check_option");
        }
        return;
    };
    let kind = if view.materialized {
        "a materialized view"
    } else {
        "a view"
    };
    let refuse = |span: proc_macro2::Span, what: &str| {
        cx.syn_error(syn::Error::new(span, format!(
            "{what} on {kind}: a view's columns are what its query returns, and it has no {what} of its own; remove it (or put it on the table the view reads)"
        )))
    };
    for (present, what) in [
        (attrs.soft_delete.as_ref().map(|s| s.span), "soft_delete"),
        (attrs.versioned.as_ref().map(|s| s.span), "versioned"),
        (attrs.timestamps.as_ref().map(|s| s.span), "timestamps"),
        (attrs.unlogged.then_some(view.span), "unlogged"),
        (attrs.row_security.as_ref().map(|r| r.span), "row_security"),
        (attrs.policies.first().map(|p| p.span), "policy(..)"),
        (attrs.tenant.as_ref().map(|t| t.column.span), "tenant"),
        (attrs.uniques.first().map(|u| u.span), "unique(..)"),
        (
            attrs.primary_key.as_ref().map(|pk| pk.span),
            "primary_key(..)",
        ),
        (attrs.checks.first().map(|c| c.sql.span()), "check(..)"),
        (attrs.exclusions.first().map(|x| x.span), "exclude(..)"),
        (
            attrs.partition_by.as_ref().map(|p| p.span),
            "partition_by(..)",
        ),
        (attrs.partitions.first().map(|p| p.span), "partition(..)"),
    ] {
        if let Some(span) = present {
            refuse(span, what);
        }
    }
    if !view.materialized {
        let index = (attrs.indexes.iter())
            .chain(model.columns().flat_map(|f| &f.pg.indexes))
            .next();
        if let Some(i) = index {
            cx.syn_error(syn::Error::new(
                i.span.unwrap_or(view.span),
                "index(..) on a plain view: it stores no rows to index; index the tables it reads, or make it materialized_view",
            ));
        }
    }
    for f in model.columns() {
        let pg = &f.pg;
        let keys = [
            (pg.serial, "serial"),
            (pg.default.as_ref().map(LitStr::span), "default"),
            (pg.sql_type.as_ref().map(LitStr::span), "sql_type"),
            (pg.domain.as_ref().map(LitStr::span), "domain"),
            (pg.check.as_ref().map(|c| c.sql.span()), "check"),
            (pg.fk.as_ref().map(|fk| fk.1), "fk(..)"),
            (pg.enum_schema.as_ref().map(LitStr::span), "enum_schema"),
            (pg.generated.as_ref().map(LitStr::span), "generated"),
            (pg.identity.as_ref().and_then(|i| i.span), "identity"),
        ];
        for (span, key) in keys {
            if let Some(span) = span {
                cx.syn_error(syn::Error::new(span, format!(
                    "{key} on field `{}` of {kind}: a view's columns are what its query returns; remove it",
                    f.name
                )));
            }
        }
    }
    if let Some(c) = &attrs.check_option {
        if view.materialized {
            cx.error_spanned_by(
                c,
                "check_option on a materialized view: rows are not written through it; remove it",
            );
        } else if !matches!(c.value().as_str(), "local" | "cascaded") {
            cx.error_spanned_by(c, "check_option is \"local\" or \"cascaded\"");
        }
    }
    if let (Some(span), true) = (attrs.security_barrier, view.materialized) {
        cx.syn_error(syn::Error::new(
            span,
            "security_barrier on a materialized view: it is an option of plain views; remove it",
        ));
    }
}

/// `domain = "schema.name"`: a name PostgreSQL can look up, and the column's only type.
fn check_domain(cx: &Ctxt, f: &Field, domain: &LitStr) {
    let value = domain.value();
    let parts: Vec<&str> = value.split('.').collect();
    if parts.len() > 2 || parts.iter().any(|p| p.trim().is_empty()) {
        cx.error_spanned_by(domain, format!(
            "domain = {value:?} on field `{}`: write the domain's name, \"schema.name\" or \"name\" (in the table's schema)",
            f.name
        ));
    }
    let others = [
        (f.pg.sql_type.is_some(), "sql_type"),
        (f.pg.enum_schema.is_some(), "enum_schema"),
        (f.pg.serial.is_some(), "serial"),
        (f.pg.identity.is_some(), "identity"),
    ];
    for (_, key) in others.iter().filter(|o| o.0) {
        cx.error_spanned_by(domain, format!(
            "field `{}` has both #[pg(domain)] and #[pg({key})]: the domain is the column's type{}; remove one",
            f.name,
            if matches!(*key, "serial" | "identity") {
                ", and PostgreSQL numbers only columns of smallint, integer or bigint"
            } else {
                ""
            }
        ));
    }
}

fn check_field(cx: &Ctxt, model: &Model, f: &Field) {
    let _ = model;
    if let (Some(default), Some(_)) = (&f.pg.default, f.sea.default) {
        cx.error_spanned_by(default, format!(
            "field `{}` has both #[pg(default)] and SeaORM's default_value/default_expr: say it once",
            f.name
        ));
    }
    if let Some(generated) = &f.pg.generated {
        if f.pg.default.is_some() || f.sea.default.is_some() {
            cx.error_spanned_by(generated, format!(
                "field `{}` is #[pg(generated)]: its value is computed, so it takes no default; remove the default",
                f.name
            ));
        }
        if f.pg.serial.is_some() || f.sea.primary_key {
            cx.error_spanned_by(generated, format!(
                "field `{}` is #[pg(generated)]: a generated column cannot be serial or part of the primary key",
                f.name
            ));
        }
    }
    if let (Some(sql_type), Some(_)) = (&f.pg.sql_type, f.sea.column_type) {
        cx.error_spanned_by(
            sql_type,
            format!(
                "field `{}` has both #[pg(sql_type)] and SeaORM's column_type: say it once",
                f.name
            ),
        );
    }
    if let Some(domain) = &f.pg.domain {
        check_domain(cx, f, domain);
    }
    if let Some(span) = f.pg.serial {
        if !matches!(f.type_name.as_str(), "i16" | "i32" | "i64") || f.optional {
            cx.syn_error(syn::Error::new(span, format!(
                "serial: field `{}` must be i16, i32 or i64 (it is a sequence-backed integer key)",
                f.name
            )));
        } else if !f.sea.primary_key {
            cx.syn_error(syn::Error::new(
                span,
                format!(
                    "serial: field `{}` must be the primary key (#[sea_orm(primary_key)])",
                    f.name
                ),
            ));
        }
    }
    if let Some(span) = f.pg.identity.as_ref().and_then(|i| i.span) {
        check_identity(cx, f, span);
    }
    for index in &f.pg.indexes {
        check_index(cx, model, index, true);
    }
}

/// An identity column is a NOT NULL integer that takes nothing else that gives it a value.
fn check_identity(cx: &Ctxt, f: &Field, span: Span) {
    let error = |message: String| cx.syn_error(syn::Error::new(span, message));
    if !matches!(f.type_name.as_str(), "i16" | "i32" | "i64") || f.optional {
        error(format!(
            "identity: field `{}` must be i16, i32 or i64, not an Option (an identity column numbers rows, and is NOT NULL)",
            f.name
        ));
    }
    let others = [
        (f.pg.serial.is_some(), "serial"),
        (
            f.pg.default.is_some() || f.sea.default.is_some(),
            "a default",
        ),
        (f.pg.generated.is_some(), "generated"),
    ];
    for (_, other) in others.iter().filter(|(said, _)| *said) {
        error(format!(
            "identity: field `{}` also has {other}; an identity column takes its value from its sequence alone, so keep one",
            f.name
        ));
    }
}

/// `using = ".."` names an index method PostgreSQL has built in.
fn check_method(cx: &Ctxt, using: &Option<(String, Span)>) {
    if let Some((method, span)) = using
        && !INDEX_METHODS.contains(&method.as_str())
    {
        cx.syn_error(syn::Error::new(
            *span,
            format!(
                "unknown index method \"{method}\"; expected one of: {}",
                INDEX_METHODS.join(", ")
            ),
        ));
    }
}

fn check_exclusion(cx: &Ctxt, model: &Model, x: &ExclusionAttr) {
    check_method(cx, &x.using);
    for (key, operator) in &x.elements {
        if let ExclusionKey::Field(c) = key {
            resolve(cx, model, c, "exclude");
        }
        if operator.value().trim().is_empty() || operator.value().contains(char::is_whitespace) {
            cx.error_spanned_by(
                operator,
                "an exclusion's operator is one operator: \"=\", \"&&\", or \"OPERATOR(schema.op)\"",
            );
        }
    }
    for c in &x.include {
        resolve(cx, model, c, "include");
    }
    let has_expression = (x.elements.iter()).any(|(k, _)| matches!(k, ExclusionKey::Expr(_)));
    if has_expression && x.name.is_none() {
        cx.syn_error(syn::Error::new(
            x.span,
            "an exclusion on an expression needs name = \"..\" (there is no column to name it after)",
        ));
    }
}

fn check_index(cx: &Ctxt, model: &Model, index: &IndexAttr, field_level: bool) {
    check_method(cx, &index.using);
    if field_level {
        return;
    }
    let span = index.span.unwrap_or_else(proc_macro2::Span::call_site);
    if index.columns.is_empty() && index.exprs.is_empty() && index.tsvector.is_none() {
        cx.syn_error(syn::Error::new(
            span,
            "index(..) needs a key: columns(..), expr = \"..\" or tsvector(..)",
        ));
    }
    if (!index.exprs.is_empty() || index.tsvector.is_some()) && index.name.is_none() {
        cx.syn_error(syn::Error::new(
            span,
            "an index on an expression needs name = \"..\" (there is no column to name it after)",
        ));
    }
    for c in &index.columns {
        resolve(cx, model, c, "index");
    }
    if let Some((_, cols)) = &index.tsvector {
        for c in cols {
            resolve(cx, model, c, "tsvector");
        }
    }
    for c in &index.include {
        resolve(cx, model, c, "include");
    }
}

/// The column a field reference names, or an error under the reference.
/// `partition_by(..)` names fields of the model; `partition(..)` needs it, with a bound of its
/// strategy, and a name of its own.
fn check_partitions(cx: &Ctxt, model: &Model) {
    use crate::attr::{PartitionBoundAttr, PartitionKeyAttr};

    let attrs = &model.attrs;
    let Some(by) = &attrs.partition_by else {
        if let Some(p) = attrs.partitions.first() {
            cx.syn_error(syn::Error::new(
                p.span,
                "partition(..) on a table that is not partitioned; add partition_by(range(..)), list(..) or hash(..)",
            ));
        }
        return;
    };
    for k in &by.key {
        if let PartitionKeyAttr::Field(c) = k {
            resolve(cx, model, c, "partition_by");
        }
    }
    if by.strategy == "list" && by.key.len() > 1 {
        cx.syn_error(syn::Error::new(
            by.span,
            "list(..) takes one field or expression: PostgreSQL partitions by list over one",
        ));
    }
    let mut names: Vec<String> = Vec::new();
    for p in &attrs.partitions {
        let name = p.name.value();
        if names.contains(&name) {
            cx.error_spanned_by(
                &p.name,
                format!("two partitions are named {name}; rename one"),
            );
        }
        names.push(name);
        let fits = match (&p.bound, by.strategy.as_str()) {
            (PartitionBoundAttr::Range(..), "range") | (PartitionBoundAttr::List(_), "list") => {
                true
            }
            (PartitionBoundAttr::Hash(..), "hash") => true,
            (PartitionBoundAttr::Default, s) => s != "hash",
            _ => false,
        };
        if !fits {
            let wants = match by.strategy.as_str() {
                "range" => "from(..) and to(..)",
                "list" => "values(..) (or default)",
                _ => "modulus and remainder",
            };
            cx.syn_error(syn::Error::new(
                p.span,
                format!(
                    "partition `{}` does not fit partition_by({}(..)); give it {wants}",
                    p.name.value(),
                    by.strategy
                ),
            ));
        }
        if let PartitionBoundAttr::Range(from, to) = &p.bound
            && (from.len() != by.key.len() || to.len() != by.key.len())
        {
            cx.syn_error(syn::Error::new(
                p.span,
                format!(
                    "partition `{}` gives {} value(s) in from(..) and {} in to(..); the key has {}: one value per element",
                    p.name.value(),
                    from.len(),
                    to.len(),
                    by.key.len()
                ),
            ));
        }
        if let PartitionBoundAttr::Hash(m, r) = p.bound
            && (m == 0 || r >= m)
        {
            cx.syn_error(syn::Error::new(
                p.span,
                format!("partition `{}` has modulus {m} and remainder {r}; the modulus is positive and the remainder less than it", p.name.value()),
            ));
        }
    }
}

pub fn resolve<'m>(
    cx: &Ctxt,
    model: &'m Model,
    c: &ColumnRef,
    what: &str,
) -> Option<&'m Field<'m>> {
    let name = c.ident.to_string();
    let found = model.field(name.trim_start_matches("r#"));
    if found.is_none() {
        cx.error_spanned_by(
            &c.ident,
            format!(
                "{what}: no field `{name}` in this model (fields: {})",
                field_list(model)
            ),
        );
    }
    found
}

fn is_timestamp(f: &Field) -> bool {
    TIMESTAMP_TYPES.contains(&f.type_name.as_str())
}

fn field_list(model: &Model) -> String {
    model
        .columns()
        .map(|f| f.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
