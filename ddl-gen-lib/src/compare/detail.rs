//! What differs between two versions of one object: each aspect compared once, in the form a
//! person reads (PostgreSQL's spelling of types, expressions and definitions).

use model_core::sql_ident::Collation;
use model_core::{
    Column, CompositeType, Domain, Exclusion, ForeignKey, Function, Index, Namespace, Policy,
    QualifiedName, SeedRow, Sequence, StorageParameters, Table, Trigger, UniqueConstraint, View,
};

use super::object::Object;
use crate::render::{
    Bound, PartitionKeyText, attribute, collation_options, exclusion_elements, function_body,
    ident, index_keys, literal, sequence_options,
};

/// One aspect of an object that can differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Aspect {
    Comment,
    /// An enum type's values, in order; a seed row's values, where they differ.
    Values,
    /// A function's body.
    Body,
    /// A table's column order (PostgreSQL cannot reorder columns in place).
    ColumnOrder,
    /// A column's name (a rename).
    Name,
    Type,
    Nullability,
    Default,
    Identity,
    /// An identity column's sequence options (start, step, bounds, cache, cycling).
    IdentityOptions,
    /// A generated column's expression.
    Generated,
    /// The columns of a key or constraint.
    Columns,
    References,
    OnDelete,
    OnUpdate,
    Deferral,
    /// A CHECK's expression.
    Expression,
    Unique,
    Method,
    Keys,
    Include,
    Predicate,
    NullsDistinct,
    /// A trigger's function.
    Function,
    /// A trigger's whole definition as PostgreSQL prints it (timing, events, WHEN, arguments).
    Definition,
    Version,
    /// A sequence's type, start, step, bounds, cache and cycling.
    Options,
    /// The column a sequence belongs to.
    Owner,
    /// A table's `UNLOGGED` or not.
    Persistence,
    /// A view's kind: plain or materialized.
    Kind,
    /// A view's query.
    Query,
    /// A materialized view's indexes, as `CREATE INDEX` would write them.
    Indexes,
    /// A view's triggers, as `CREATE TRIGGER` would write them.
    Triggers,
    /// A trigger's `WHEN` condition.
    Condition,
    /// What a function returns.
    Returns,
    /// A function's arguments: modes, names, types and defaults.
    Arguments,
    /// A function's language, volatility, `STRICT`, `SECURITY DEFINER`, `PARALLEL` and `SET`s;
    /// a composite type's attributes, in order.
    Attributes,
    /// A table's row level security: disabled, enabled, forced.
    RowSecurity,
    /// The command a policy is for.
    Command,
    /// The roles a policy applies to.
    Roles,
    /// A policy's `USING` expression.
    Using,
    /// A policy's `WITH CHECK` expression.
    WithCheck,
    /// A check's or foreign key's `NOT VALID` (rows that were there not checked) or not.
    Validation,
    /// A foreign key's `MATCH FULL` or `MATCH SIMPLE`.
    Match,
    /// A column's collation.
    Collation,
    /// A table's or an index's storage parameters (`WITH (..)`).
    Storage,
    /// A domain's checks, by name.
    Checks,
    /// The privileges granted on an object, by role.
    Grants,
    /// A table's `PARTITION BY`: its strategy and key, or none.
    Partitioning,
    /// A partition's bound (`FOR VALUES ..` or `DEFAULT`).
    Bound,
}

impl Aspect {
    /// The word before the two values, or nothing where the values say it themselves
    /// (`NOT NULL`, `unique`, `deferrable`, `CHECK (..)`, a trigger's definition).
    pub fn label(self) -> &'static str {
        match self {
            Self::Comment => "comment",
            Self::Values => "values",
            Self::Body => "body",
            Self::ColumnOrder => "column order",
            Self::Name => "name",
            Self::Type => "type",
            Self::Default => "default",
            Self::Identity => "identity",
            Self::IdentityOptions => "identity options",
            Self::Generated => "generated as",
            Self::Columns => "columns",
            Self::References => "references",
            Self::OnDelete => "on delete",
            Self::OnUpdate => "on update",
            Self::Method => "method",
            Self::Keys => "keys",
            Self::Include => "include",
            Self::Predicate => "predicate",
            Self::Function => "function",
            Self::Version => "version",
            Self::Options => "options",
            Self::Owner => "owned by",
            Self::Kind => "kind",
            Self::Query => "query",
            Self::Indexes => "indexes",
            Self::Triggers => "triggers",
            Self::Condition => "when",
            Self::Returns => "returns",
            Self::Arguments => "arguments",
            Self::Attributes => "attributes",
            Self::RowSecurity => "row level security",
            Self::Command => "for",
            Self::Roles => "to",
            Self::Using => "using",
            Self::WithCheck => "with check",
            Self::Match => "match",
            Self::Collation => "collation",
            Self::Storage => "storage parameters",
            Self::Checks => "checks",
            Self::Grants => "grants",
            Self::Partitioning => "partitioned by",
            Self::Bound => "bound",
            Self::Nullability
            | Self::Validation
            | Self::Deferral
            | Self::Expression
            | Self::Unique
            | Self::NullsDistinct
            | Self::Persistence
            | Self::Definition => "",
        }
    }
}

/// One aspect, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub aspect: Aspect,
    pub before: String,
    pub after: String,
}

/// Collects the aspects that differ.
#[derive(Default)]
struct Details(Vec<Detail>);

impl Details {
    fn value(&mut self, aspect: Aspect, before: impl Into<String>, after: impl Into<String>) {
        let (before, after) = (before.into(), after.into());
        if before != after {
            self.0.push(Detail {
                aspect,
                before,
                after,
            });
        }
    }
}

fn quoted(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "none".to_owned(), literal)
}

fn list(items: &[String]) -> String {
    format!("({})", items.join(", "))
}

/// Every aspect in which two versions of one object differ (both must be of the same kind).
pub(super) fn between(before: Object<'_>, after: Object<'_>) -> Vec<Detail> {
    let mut d = Details::default();
    match (before, after) {
        (Object::Schema(b), Object::Schema(a)) => namespace(&mut d, b, a),
        (Object::Extension(b), Object::Extension(a)) => {
            // A version is compared where both sides know it (models pin none).
            if let (Some(vb), Some(va)) = (&b.version, &a.version) {
                d.value(Aspect::Version, vb, va);
            }
        }
        (Object::Enum(b), Object::Enum(a)) => {
            let values = |v: &[String]| list(&v.iter().map(|s| literal(s)).collect::<Vec<_>>());
            d.value(Aspect::Values, values(&b.values), values(&a.values));
        }
        (Object::Domain(b), Object::Domain(a)) => domain(&mut d, b, a),
        (Object::Grants(b), Object::Grants(a)) => {
            let grants = |g: &model_core::ObjectGrants| {
                let each: Vec<String> = g.grants.iter().map(crate::render::grant_summary).collect();
                each.join("; ")
            };
            d.value(Aspect::Grants, grants(b), grants(a));
        }
        (Object::Collation(b), Object::Collation(a)) => {
            d.value(Aspect::Options, collation_options(b), collation_options(a));
            d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
        }
        (Object::Composite(b), Object::Composite(a)) => {
            let attributes =
                |c: &CompositeType| list(&c.attributes.iter().map(attribute).collect::<Vec<_>>());
            d.value(Aspect::Attributes, attributes(b), attributes(a));
            d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
        }
        (Object::Function(b), Object::Function(a)) => function(&mut d, b, a),
        (Object::Sequence(b), Object::Sequence(a)) => {
            d.value(Aspect::Options, sequence_options(b), sequence_options(a));
            let owner = |s: &Sequence| {
                s.owned_by.as_ref().map_or_else(
                    || "none".to_owned(),
                    |o| format!("{}.{}", o.table, o.column),
                )
            };
            d.value(Aspect::Owner, owner(b), owner(a));
            d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
        }
        (Object::Table(b), Object::Table(a)) => table(&mut d, b, a),
        (Object::Column(_, b), Object::Column(_, a)) => column(&mut d, b, a),
        (Object::PrimaryKey(_, b), Object::PrimaryKey(_, a)) => {
            d.value(Aspect::Columns, list(&b.columns), list(&a.columns));
            d.value(Aspect::Include, include(&b.include), include(&a.include));
            d.value(
                Aspect::Deferral,
                b.deferral.description(),
                a.deferral.description(),
            );
        }
        (Object::Unique(_, b), Object::Unique(_, a)) => unique(&mut d, b, a),
        (Object::Check(_, b), Object::Check(_, a)) => {
            d.value(
                Aspect::Expression,
                check_text(b.expr.as_str(), b.no_inherit),
                check_text(a.expr.as_str(), a.no_inherit),
            );
            d.value(
                Aspect::Validation,
                validation(b.not_valid),
                validation(a.not_valid),
            );
        }
        (Object::Exclusion(_, b), Object::Exclusion(_, a)) => {
            d.value(Aspect::Method, b.method.name(), a.method.name());
            d.value(Aspect::Keys, exclusion_elements(b), exclusion_elements(a));
            d.value(Aspect::Include, include(&b.include), include(&a.include));
            let predicate = |x: &Exclusion| x.predicate.clone().unwrap_or_else(|| "none".into());
            d.value(Aspect::Predicate, predicate(b), predicate(a));
            d.value(
                Aspect::Deferral,
                b.deferral.description(),
                a.deferral.description(),
            );
        }
        (Object::ForeignKey(_, b), Object::ForeignKey(_, a)) => foreign_key(&mut d, b, a),
        (Object::Index(_, b), Object::Index(_, a)) => index(&mut d, b, a),
        (Object::Trigger(t, b), Object::Trigger(_, a)) => {
            d.value(
                Aspect::Function,
                b.function.to_string(),
                a.function.to_string(),
            );
            if b.function == a.function {
                trigger(&mut d, &t.name, b, a);
            }
            d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
        }
        (Object::Policy(_, b), Object::Policy(_, a)) => policy(&mut d, b, a),
        (Object::Partition(_, b), Object::Partition(_, a)) => {
            let bound = |p: &model_core::Partition| Bound(&p.bound).to_string();
            d.value(Aspect::Bound, bound(b), bound(a));
            d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
        }
        (Object::View(b), Object::View(a)) => view(&mut d, b, a),
        (Object::SeedRow(_, b), Object::SeedRow(_, a)) => seed_row(&mut d, b, a),
        (b, a) => unreachable!("compared objects of two kinds: {b:?} and {a:?}"),
    }
    d.0
}

fn check_text(expr: &str, no_inherit: bool) -> String {
    format!(
        "CHECK ({expr}){}",
        if no_inherit { " NO INHERIT" } else { "" }
    )
}

fn domain(d: &mut Details, b: &Domain, a: &Domain) {
    d.value(Aspect::Type, &b.data_type, &a.data_type);
    let collation = |x: &Domain| {
        (x.collation.as_ref()).map_or_else(|| "the type's".to_owned(), |c| Collation(c).to_string())
    };
    d.value(Aspect::Collation, collation(b), collation(a));
    let default = |x: &Domain| x.default.clone().unwrap_or_else(|| "none".into());
    d.value(Aspect::Default, default(b), default(a));
    let null = |x: &Domain| if x.not_null { "NOT NULL" } else { "NULL" };
    d.value(Aspect::Nullability, null(b), null(a));
    let checks = |x: &Domain| {
        let checks = (x.checks.iter())
            .map(|c| format!("{} CHECK ({})", ident(&c.name), c.expr))
            .collect::<Vec<_>>();
        if checks.is_empty() {
            "none".to_owned()
        } else {
            checks.join(", ")
        }
    };
    d.value(Aspect::Checks, checks(b), checks(a));
    d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
}

fn namespace(d: &mut Details, b: &Namespace, a: &Namespace) {
    d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
}

fn table(d: &mut Details, b: &Table, a: &Table) {
    d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
    let persistence = |t: &Table| if t.unlogged { "UNLOGGED" } else { "logged" };
    d.value(Aspect::Persistence, persistence(b), persistence(a));
    d.value(Aspect::RowSecurity, row_security(b), row_security(a));
    d.value(Aspect::Storage, storage(&b.storage), storage(&a.storage));
    let partitioning = |t: &Table| {
        (t.partition_by.as_ref())
            .map_or_else(|| "none".to_owned(), |by| PartitionKeyText(by).to_string())
    };
    d.value(Aspect::Partitioning, partitioning(b), partitioning(a));
    // The order of the columns both sides have (by name: a renamed column has two names, and
    // its new position is where PostgreSQL keeps it anyway).
    let names = |t: &Table| t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    let (nb, na) = (names(b), names(a));
    let common = |x: &[String], y: &[String]| {
        x.iter()
            .filter(|c| y.contains(c))
            .cloned()
            .collect::<Vec<_>>()
    };
    if common(&nb, &na) != common(&na, &nb) {
        d.value(Aspect::ColumnOrder, list(&nb), list(&na));
    }
}

/// A table's row level security, as a person says it.
pub fn row_security(t: &Table) -> &'static str {
    match (t.row_security, t.force_row_security) {
        (false, false) => "disabled",
        (true, false) => "enabled",
        (true, true) => "enabled and forced",
        (false, true) => "forced but not enabled",
    }
}

fn policy(d: &mut Details, b: &Policy, a: &Policy) {
    let kind = |p: &Policy| {
        if p.restrictive {
            "restrictive"
        } else {
            "permissive"
        }
    };
    d.value(Aspect::Kind, kind(b), kind(a));
    d.value(Aspect::Command, b.command.sql(), a.command.sql());
    let roles = |p: &Policy| match &p.roles[..] {
        [] => "PUBLIC".to_owned(),
        roles => roles
            .iter()
            .map(|r| ident(r))
            .collect::<Vec<_>>()
            .join(", "),
    };
    d.value(Aspect::Roles, roles(b), roles(a));
    let expr = |e: &Option<String>| e.clone().unwrap_or_else(|| "none".into());
    d.value(Aspect::Using, expr(&b.using), expr(&a.using));
    d.value(Aspect::WithCheck, expr(&b.with_check), expr(&a.with_check));
}

fn column(d: &mut Details, b: &Column, a: &Column) {
    d.value(Aspect::Name, &b.name, &a.name);
    d.value(Aspect::Type, b.ty.display_name(), a.ty.display_name());
    let null = |c: &Column| if c.nullable { "nullable" } else { "NOT NULL" };
    d.value(Aspect::Nullability, null(b), null(a));
    let default = |c: &Column| c.default.clone().unwrap_or_else(|| "none".into());
    d.value(Aspect::Default, default(b), default(a));
    d.value(
        Aspect::Identity,
        b.identity.description(),
        a.identity.description(),
    );
    d.value(
        Aspect::IdentityOptions,
        b.identity_options.description(),
        a.identity_options.description(),
    );
    let generated = |c: &Column| c.generated.clone().unwrap_or_else(|| "none".into());
    d.value(Aspect::Generated, generated(b), generated(a));
    d.value(
        Aspect::Collation,
        b.collation_description(),
        a.collation_description(),
    );
    d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
}

fn view(d: &mut Details, b: &View, a: &View) {
    d.value(
        Aspect::Kind,
        b.kind().to_lowercase(),
        a.kind().to_lowercase(),
    );
    if b.query != a.query {
        // On one line where that still tells them apart (PostgreSQL prints a query over many).
        let one_line = |q: &str| q.split_whitespace().collect::<Vec<_>>().join(" ");
        let (before, after) = (one_line(&b.query), one_line(&a.query));
        d.0.push(if before != after {
            Detail {
                aspect: Aspect::Query,
                before,
                after,
            }
        } else {
            Detail {
                aspect: Aspect::Query,
                before: b.query.clone(),
                after: a.query.clone(),
            }
        });
    }
    let options = |v: &View| {
        let mut out = Vec::new();
        if v.security_barrier {
            out.push("security_barrier".to_owned());
        }
        if let Some(c) = v.check_option {
            out.push(format!("check_option={}", c.word()));
        }
        list(&out)
    };
    d.value(Aspect::Options, options(b), options(a));
    let indexes = |v: &View| {
        statements(
            (v.indexes.iter()).map(|i| crate::render::index_definition_on(&v.name, i, false)),
        )
    };
    d.value(Aspect::Indexes, indexes(b), indexes(a));
    let triggers = |v: &View| {
        statements(v.triggers.iter().map(|tr| {
            let text = crate::render::create_trigger(&v.name, tr, false);
            match &tr.comment {
                Some(c) => format!("{text} (comment {})", crate::render::literal(c)),
                None => text,
            }
        }))
    };
    d.value(Aspect::Triggers, triggers(b), triggers(a));
    d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
}

/// Two triggers on `on`. Read back from catalogs, both carry PostgreSQL's own definition (timing,
/// events, level, `WHEN`, transition tables, arguments), compared whole; otherwise the parts are,
/// as the script writes them, the `WHEN` condition apart (PostgreSQL rewrites it).
fn trigger(d: &mut Details, on: &QualifiedName, b: &Trigger, a: &Trigger) {
    if let (Some(db), Some(da)) = (&b.definition, &a.definition) {
        d.value(Aspect::Definition, db, da);
        return;
    }
    let parts = |t: &Trigger| {
        let bare = Trigger {
            when: None,
            comment: None,
            definition: None,
            ..t.clone()
        };
        crate::render::create_trigger(on, &bare, false)
    };
    d.value(Aspect::Definition, parts(b), parts(a));
    let when = |t: &Trigger| t.when.clone().unwrap_or_else(|| "none".to_owned());
    d.value(Aspect::Condition, when(b), when(a));
}

/// The columns the second row declares whose values differ, `column = value` (a column the
/// first leaves out is `not set` there). What only the first declares the models no longer
/// say, so it is no difference.
fn seed_row(d: &mut Details, b: &SeedRow, a: &SeedRow) {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for (column, value) in &a.values {
        let old = b.get(column);
        if old != Some(value.as_str()) {
            before.push(format!("{} = {}", ident(column), old.unwrap_or("not set")));
            after.push(format!("{} = {value}", ident(column)));
        }
    }
    if !after.is_empty() {
        d.value(Aspect::Values, before.join(", "), after.join(", "));
    }
}

/// Statements sorted and joined by `; `, or `none`.
fn statements(all: impl Iterator<Item = String>) -> String {
    let mut all: Vec<String> = all.collect();
    all.sort();
    if all.is_empty() {
        "none".to_owned()
    } else {
        all.join("; ")
    }
}

fn function(d: &mut Details, b: &Function, a: &Function) {
    use crate::render::routine;

    d.value(Aspect::Kind, b.kind(), a.kind());
    let returns = |f: &Function| routine::returns(f).unwrap_or_else(|| "none".to_owned());
    d.value(Aspect::Returns, returns(b), returns(a));
    let args = |f: &Function| format!("({})", routine::arguments(f));
    d.value(Aspect::Arguments, args(b), args(a));
    let attributes = |f: &Function| {
        let mut all = vec![format!("LANGUAGE {}", f.language)];
        all.extend(routine::attributes(f));
        all.extend(routine::settings(f));
        all.join(" ")
    };
    d.value(Aspect::Attributes, attributes(b), attributes(a));
    d.value(Aspect::Body, function_body(&b.body), function_body(&a.body));
    d.value(Aspect::Comment, quoted(&b.comment), quoted(&a.comment));
}

fn nulls(not_distinct: bool) -> &'static str {
    if not_distinct {
        "NULLS NOT DISTINCT"
    } else {
        "NULLS DISTINCT"
    }
}

fn unique(d: &mut Details, b: &UniqueConstraint, a: &UniqueConstraint) {
    d.value(Aspect::Columns, list(&b.columns), list(&a.columns));
    d.value(Aspect::Include, include(&b.include), include(&a.include));
    d.value(
        Aspect::NullsDistinct,
        nulls(b.nulls_not_distinct),
        nulls(a.nulls_not_distinct),
    );
    d.value(
        Aspect::Deferral,
        b.deferral.description(),
        a.deferral.description(),
    );
}

fn foreign_key(d: &mut Details, b: &ForeignKey, a: &ForeignKey) {
    let target = |f: &ForeignKey| format!("{}({})", f.references, f.referenced_columns.join(", "));
    d.value(Aspect::Columns, list(&b.columns), list(&a.columns));
    d.value(Aspect::References, target(b), target(a));
    d.value(
        Aspect::OnDelete,
        b.on_delete.sql().to_lowercase(),
        a.on_delete.sql().to_lowercase(),
    );
    d.value(
        Aspect::OnUpdate,
        b.on_update.sql().to_lowercase(),
        a.on_update.sql().to_lowercase(),
    );
    let matching = |f: &ForeignKey| if f.match_full { "full" } else { "simple" };
    d.value(Aspect::Match, matching(b), matching(a));
    d.value(
        Aspect::Deferral,
        b.deferral().description(),
        a.deferral().description(),
    );
    d.value(
        Aspect::Validation,
        validation(b.not_valid),
        validation(a.not_valid),
    );
}

/// A constraint's validation as a person reads it.
fn validation(not_valid: bool) -> &'static str {
    if not_valid {
        "NOT VALID (rows it found not checked)"
    } else {
        "validated"
    }
}

/// The columns an `INCLUDE` covers, quoted where they must be, or `none`.
fn include(columns: &[String]) -> String {
    if columns.is_empty() {
        return "none".to_owned();
    }
    list(&columns.iter().map(|c| ident(c)).collect::<Vec<_>>())
}

fn index(d: &mut Details, b: &Index, a: &Index) {
    let unique = |i: &Index| if i.unique { "unique" } else { "not unique" };
    d.value(Aspect::Unique, unique(b), unique(a));
    d.value(Aspect::Method, b.method.name(), a.method.name());
    d.value(Aspect::Keys, index_keys(b), index_keys(a));
    d.value(Aspect::Include, include(&b.include), include(&a.include));
    let predicate = |i: &Index| i.predicate.clone().unwrap_or_else(|| "none".into());
    d.value(Aspect::Predicate, predicate(b), predicate(a));
    d.value(
        Aspect::NullsDistinct,
        nulls(b.nulls_not_distinct),
        nulls(a.nulls_not_distinct),
    );
    d.value(Aspect::Storage, storage(&b.storage), storage(&a.storage));
}

/// Storage parameters as `reloptions` lists them, `(fillfactor=70, ..)`, or `none`.
fn storage(parameters: &StorageParameters) -> String {
    if parameters.is_empty() {
        return "none".into();
    }
    let each: Vec<String> = (parameters.iter())
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    format!("({})", each.join(", "))
}
