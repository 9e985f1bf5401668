//! Checks over a whole schema (MODEL-API.md §4): identifier lengths, duplicate names, columns
//! that do not exist, foreign keys to tables that were not registered or to columns that are not
//! unique. Each problem names the object, what is wrong, and what to do.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Problems;
use crate::names::{self, MAX_IDENTIFIER_BYTES};
use crate::schema::{
    ArgMode, ColumnType, FunctionBody, Identity, IndexKeyKind, IndexMethod, Parallel,
    PartitionBound, PartitionKey, PartitionStrategy, QualifiedName, Returns, Schema,
    SequenceValues, StorageParameters, Table, Trigger, TriggerEvent, TriggerTiming, Volatility,
    integer_range,
};

pub(crate) fn schema(schema: &Schema, problems: &mut Problems) {
    let mut lengths = Lengths(problems);
    for ns in &schema.namespaces {
        lengths.check(|| format!("schema {}", ns.name), &ns.name);
    }
    for e in &schema.enums {
        lengths.check(|| format!("enum type {}", e.name), &e.name.name);
        for v in &e.values {
            lengths.check(|| format!("value \"{v}\" of enum type {}", e.name), v);
        }
    }
    for c in &schema.collations {
        lengths.check(|| format!("collation {}", c.name), &c.name.name);
    }
    for c in &schema.composites {
        lengths.check(|| format!("composite type {}", c.name), &c.name.name);
        for a in &c.attributes {
            lengths.check(
                || format!("attribute \"{}\" of composite type {}", a.name, c.name),
                &a.name,
            );
        }
    }
    for d in &schema.domains {
        lengths.check(|| format!("domain {}", d.name), &d.name.name);
        for c in &d.checks {
            lengths.check(
                || format!("check \"{}\" of domain {}", c.name, d.name),
                &c.name,
            );
        }
    }
    for t in &schema.tables {
        table_lengths(t, &mut lengths);
    }
    for s in &schema.sequences {
        lengths.check(|| format!("sequence {}", s.name), &s.name.name);
    }
    for f in &schema.functions {
        lengths.check(|| format!("{} {}", f.kind(), f.name), &f.name.name);
        for name in f.args.iter().filter_map(|a| a.name.as_ref()) {
            lengths.check(|| format!("argument {name} of {}", f.name), name);
        }
    }
    for v in &schema.views {
        lengths.check(|| format!("view {}", v.name), &v.name.name);
        for tr in &v.triggers {
            lengths.check(
                || format!("trigger \"{}\" on {}", tr.name, v.name),
                &tr.name,
            );
        }
        for i in &v.indexes {
            lengths.check(|| format!("index \"{}\" on {}", i.name, v.name), &i.name);
        }
    }

    #[cfg(feature = "sql-check")]
    let mut checker = crate::sql_syntax::FragmentChecker::default();
    relation_names(schema, problems);
    type_names(schema, problems);
    enum_labels(schema, problems);
    comments(schema, problems);
    sequences(schema, problems);
    domains(schema, problems);
    composites(schema, problems);
    collation_objects(schema, problems);
    grants(schema, problems);
    #[cfg(feature = "sql-check")]
    type_fragments(schema, &mut checker, problems);
    views(schema, problems);
    functions(schema, problems);
    triggers(schema, problems);
    for t in &schema.tables {
        table_names(t, problems);
        column_references(t, problems);
        exclusion_elements(t, problems);
        index_keys(t, problems);
        collations(t, problems);
        identity_options(t, problems);
        domain_columns(schema, t, problems);
        storage_parameters(t, problems);
        partitions(t, problems);
        foreign_keys(schema, t, problems);
        policies(t, problems);
        #[cfg(feature = "sql-check")]
        sql_fragments(t, &mut checker, problems);
    }
}

/// Every raw SQL fragment of a table, parsed by PostgreSQL's own parser before any of it is
/// rendered: a broken check or default is reported here, not at line 1188 of an `up()`.
#[cfg(feature = "sql-check")]
fn sql_fragments(
    t: &Table,
    checker: &mut crate::sql_syntax::FragmentChecker,
    problems: &mut Problems,
) {
    use crate::sql_syntax::Fragment;

    let mut check = |what: String, kind: Fragment, text: &str, fix: &str| {
        if let Err(e) = checker.check(kind, text) {
            problems.push(format!("{what}: {e}; {fix}"));
        }
    };
    for c in &t.columns {
        let column = format!("column {}.{}", t.name, c.name);
        if let Some(d) = &c.default {
            check(
                format!("{column}, its default"),
                Fragment::Default,
                d,
                "write one SQL expression (a quoted literal is '..')",
            );
        }
        if let Some(g) = &c.generated {
            check(
                format!("{column}, its generated expression"),
                Fragment::Generated,
                g,
                "write one SQL expression over the row's columns",
            );
        }
        if let ColumnType::Raw(ty) = &c.ty {
            check(
                format!("{column}, its sql_type"),
                Fragment::Type,
                ty,
                "write one SQL type name, such as \"inet\" or \"text[]\"",
            );
        }
    }
    for c in &t.checks {
        check(
            format!("check \"{}\" on {}", c.name, t.name),
            Fragment::Check,
            &c.expr,
            "write one SQL boolean expression",
        );
    }
    for i in &t.indexes {
        let index = format!("index \"{}\" on {}", i.name, t.name);
        for key in &i.keys {
            if let IndexKeyKind::Expression(e) = &key.kind {
                check(
                    format!("{index}, its key expression"),
                    Fragment::IndexExpression,
                    e,
                    "write one SQL expression",
                );
            }
        }
        if let Some(p) = &i.predicate {
            check(
                format!("{index}, its where predicate"),
                Fragment::Predicate,
                p,
                "write one SQL boolean expression",
            );
        }
    }
    for x in &t.exclusions {
        let what = format!("exclusion constraint \"{}\" on {}", x.name, t.name);
        for e in &x.elements {
            if let IndexKeyKind::Expression(sql) = &e.key.kind {
                check(
                    format!("{what}, its key expression"),
                    Fragment::IndexExpression,
                    sql,
                    "write one SQL expression",
                );
            }
        }
        if let Some(p) = &x.predicate {
            check(
                format!("{what}, its where predicate"),
                Fragment::Predicate,
                p,
                "write one SQL boolean expression",
            );
        }
    }
    for p in &t.policies {
        for (clause, expr) in [("USING", &p.using), ("WITH CHECK", &p.with_check)] {
            if let Some(expr) = expr {
                check(
                    format!(
                        "policy \"{}\" on {}, its {clause} expression",
                        p.name, t.name
                    ),
                    Fragment::PolicyExpression,
                    expr,
                    "write one SQL boolean expression over the row's columns",
                );
            }
        }
    }
    for key in t.partition_by.iter().flat_map(|by| &by.key) {
        if let PartitionKey::Expression(e) = key {
            check(
                format!("the partition key of {}, its expression", t.name),
                Fragment::PartitionKey,
                e,
                "write one SQL expression over the row's columns",
            );
        }
    }
    for p in &t.partitions {
        let values = match &p.bound {
            PartitionBound::Range { from, to } => from.iter().chain(to).collect(),
            PartitionBound::List(values) => values.iter().collect(),
            _ => Vec::new(),
        };
        for v in values {
            check(
                format!("partition {} of {}, its bound", p.name, t.name),
                Fragment::PartitionValue,
                v,
                "write one SQL literal per key element ('2026-01-01', 42, MINVALUE)",
            );
        }
    }
    for tr in t.triggers.iter().filter(|tr| tr.definition.is_none()) {
        if let Some(w) = tr.when.as_deref().filter(|w| !w.trim().is_empty()) {
            check(
                format!("trigger \"{}\" on {}, its WHEN condition", tr.name, t.name),
                Fragment::TriggerCondition,
                w,
                "write one SQL boolean expression over OLD and NEW",
            );
        }
    }
}

struct Lengths<'a>(&'a mut Problems);

impl Lengths<'_> {
    fn check(&mut self, what: impl FnOnce() -> String, ident: &str) {
        if ident.len() > MAX_IDENTIFIER_BYTES {
            self.0.push(format!(
                "{}: the name is {} bytes; PostgreSQL keeps {MAX_IDENTIFIER_BYTES} and would silently truncate it; choose a shorter name",
                what(),
                ident.len()
            ));
        }
    }
}

fn table_lengths(t: &Table, lengths: &mut Lengths) {
    let on = |kind: &str, name: &str| format!("{kind} \"{name}\" on {}", t.name);
    lengths.check(|| format!("table {}", t.name), &t.name.name);
    for c in &t.columns {
        lengths.check(|| format!("column {}.{}", t.name, c.name), &c.name);
    }
    if let Some(pk) = &t.primary_key {
        lengths.check(|| on("primary key", &pk.name), &pk.name);
    }
    for u in &t.uniques {
        lengths.check(|| on("unique constraint", &u.name), &u.name);
    }
    for fk in &t.foreign_keys {
        lengths.check(|| on("foreign key", &fk.name), &fk.name);
    }
    for c in &t.checks {
        lengths.check(|| on("check", &c.name), &c.name);
    }
    for i in &t.indexes {
        lengths.check(|| on("index", &i.name), &i.name);
    }
    for x in &t.exclusions {
        lengths.check(|| on("exclusion constraint", &x.name), &x.name);
    }
    for p in &t.policies {
        lengths.check(|| on("policy", &p.name), &p.name);
        for r in &p.roles {
            lengths.check(
                || format!("role {r} of policy \"{}\" on {}", p.name, t.name),
                r,
            );
        }
    }
    for tr in &t.triggers {
        lengths.check(|| on("trigger", &tr.name), &tr.name);
        lengths.check(|| format!("function {}", tr.function), &tr.function.name);
    }
    // A serial or identity column's sequence is named by PostgreSQL, which shortens a long
    // name to fit: the schema would name one sequence and the database hold another.
    for c in t.columns.iter().filter(|c| c.identity != Identity::None) {
        let seq = names::sequence(&t.name.name, &c.name);
        lengths.check(
            || {
                format!(
                    "the sequence PostgreSQL makes for {}.{} (\"{seq}\")",
                    t.name, c.name
                )
            },
            &seq,
        );
    }
}

/// PostgreSQL refuses an enum with a label twice, or an empty one.
fn enum_labels(schema: &Schema, problems: &mut Problems) {
    for e in &schema.enums {
        let mut seen = BTreeSet::new();
        for v in &e.values {
            if v.is_empty() {
                problems.push(format!(
                    "enum type {}: an empty label; PostgreSQL takes labels of 1 to 63 bytes: name the value",
                    e.name
                ));
            } else if !seen.insert(v.as_str()) {
                problems.push(format!(
                    "enum type {}: the label \"{v}\" is there twice; PostgreSQL refuses that: remove one",
                    e.name
                ));
            }
        }
    }
}

/// `COMMENT .. IS ''` removes a comment: an empty one would be read back as none, and every
/// comparison would report it.
fn comments(schema: &Schema, problems: &mut Problems) {
    let mut empty = |what: String, comment: &Option<String>| {
        if comment.as_deref() == Some("") {
            problems.push(format!(
                "{what}: the comment is empty, which PostgreSQL stores as no comment; write one or leave it out"
            ));
        }
    };
    for n in &schema.namespaces {
        empty(format!("schema {}", n.name), &n.comment);
    }
    for f in &schema.functions {
        empty(format!("function {}", f.name), &f.comment);
    }
    for s in &schema.sequences {
        empty(format!("sequence {}", s.name), &s.comment);
    }
    for v in &schema.views {
        empty(format!("view {}", v.name), &v.comment);
    }
    for t in &schema.tables {
        empty(format!("table {}", t.name), &t.comment);
        for c in &t.columns {
            empty(format!("column {}.{}", t.name, c.name), &c.comment);
        }
    }
}

/// Views: options of their kind, and what they read. A view reading a relation in one of the
/// models' schemas that the models do not declare is a typo or a missing model; one in another
/// schema (`pg_catalog`, another application's) is the database's business.
fn views(schema: &Schema, problems: &mut Problems) {
    for v in &schema.views {
        let kind = if v.materialized {
            "materialized view"
        } else {
            "view"
        };
        if v.materialized && (v.security_barrier || v.check_option.is_some()) {
            problems.push(format!(
                "materialized view {}: security_barrier and check_option are options of plain views (a materialized view is not written through); drop them or make it a plain view",
                v.name
            ));
        }
        if !v.materialized && !v.indexes.is_empty() {
            problems.push(format!(
                "view {}: a plain view has no indexes (it stores no rows); index the tables it reads, or make it materialized",
                v.name
            ));
        }
        for r in &v.reads {
            let ours = schema.namespaces.iter().any(|n| n.name == r.schema);
            // A sequence is a relation too (`SELECT last_value FROM shop.invoice_no`).
            let declared = schema.table(r).is_some()
                || schema.view(r).is_some()
                || schema.sequences.iter().any(|s| &s.name == r);
            if ours && !declared {
                problems.push(format!(
                    "{kind} {}: its query reads {r}, which no model declares; register it, or correct the name",
                    v.name
                ));
            }
        }
    }
    // Views that read each other in a cycle: PostgreSQL cannot create them.
    for v in &schema.views {
        let mut stack: Vec<&crate::schema::QualifiedName> = v.reads.iter().collect();
        let mut seen = BTreeSet::new();
        while let Some(r) = stack.pop() {
            if r == &v.name {
                problems.push(format!(
                    "view {} reads itself through the views it reads; a view can only read what exists before it",
                    v.name
                ));
                break;
            }
            if let Some(next) = schema.view(r).filter(|_| seen.insert(r)) {
                stack.extend(&next.reads);
            }
        }
    }
}

/// A function's declaration says what PostgreSQL accepts: arguments with defaults last, one
/// `VARIADIC` last, names once; a procedure without what only functions have.
fn functions(schema: &Schema, problems: &mut Problems) {
    let word = |s: &str, dots: bool| {
        s.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && s.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (dots && c == '.')
            })
    };
    for f in &schema.functions {
        let what = format!("{} {}({})", f.kind(), f.name, f.identity_args());
        let mut say = |problem: String| problems.push(format!("{what}: {problem}"));
        if !word(&f.language, false) {
            say(format!(
                "language {:?} is not a language's name; write sql or plpgsql (or another installed language, in lower case)",
                f.language
            ));
        }
        if let FunctionBody::Source(body) = &f.body
            && body.trim().is_empty()
        {
            say("its body is empty; write the statements it runs".to_owned());
        }
        if f.is_procedure() {
            let only_functions = [
                (f.volatility != Volatility::Volatile, "volatility"),
                (f.strict, "STRICT"),
                (f.parallel != Parallel::Unsafe, "PARALLEL"),
            ];
            for (_, what) in only_functions.iter().filter(|(set, _)| *set) {
                say(format!(
                    "a procedure takes no {what} (only functions do); remove it"
                ));
            }
        }
        if f.returns.as_ref().is_some_and(Returns::is_trigger) && !f.args.is_empty() {
            say("a trigger function declares no arguments; a trigger passes its own, read in the body as TG_ARGV".to_owned());
        }
        let mut names = BTreeSet::new();
        for a in &f.args {
            if let Some(name) = &a.name
                && !names.insert(name.as_str())
            {
                say(format!("two arguments are named {name}; name them apart"));
            }
        }
        if let Some(Returns::Table(columns)) = &f.returns {
            if f.args
                .iter()
                .any(|a| !a.mode.is_input() || a.mode == ArgMode::InOut)
            {
                say("it returns TABLE (..) and has OUT arguments; give the columns in TABLE (..) alone".to_owned());
            }
            for (name, _) in columns {
                if !names.insert(name.as_str()) {
                    say(format!(
                        "{name} is both an argument and a column of TABLE (..); name them apart"
                    ));
                }
            }
        }
        let inputs: Vec<_> = f.args.iter().filter(|a| a.mode.is_input()).collect();
        if let Some(first) = inputs.iter().position(|a| a.default.is_some())
            && let Some(a) = inputs[first..].iter().find(|a| a.default.is_none())
        {
            say(format!(
                "argument {} has no default but comes after one that has; give it a default or move it before",
                a.name.as_deref().unwrap_or(&a.sql_type)
            ));
        }
        for a in f
            .args
            .iter()
            .filter(|a| a.mode == ArgMode::Out && a.default.is_some())
        {
            say(format!(
                "OUT argument {} has a default; only input arguments take one",
                a.name.as_deref().unwrap_or(&a.sql_type)
            ));
        }
        if let Some(v) = inputs.iter().position(|a| a.mode == ArgMode::Variadic)
            && v + 1 != inputs.len()
        {
            say("its VARIADIC argument is not the last input argument; move it last".to_owned());
        }
        for s in &f.settings {
            if !word(&s.name, true) || s.value.is_empty() {
                say(format!(
                    "SET {} = {:?}: write a setting's name in lower case and its value, as .set(\"search_path\", \"shop, pg_temp\")",
                    s.name, s.value
                ));
            }
        }
    }
}

/// A table's policies: each name once, the clauses PostgreSQL takes for the command, roles
/// named, kept as the model holds them (sorted, each once, `public` as none).
fn policies(t: &Table, problems: &mut Problems) {
    for (i, p) in t.policies.iter().enumerate() {
        let here = || format!("policy \"{}\" on {}", p.name, t.name);
        if t.policies[..i].iter().any(|q| q.name == p.name) {
            problems.push(format!(
                "{}: two policies have this name; name each once",
                here()
            ));
        }
        let command = p.command.sql().to_lowercase();
        if p.using.is_some() && !p.command.takes_using() {
            problems.push(format!(
                "{}: an {command} policy has no USING (an INSERT reads no existing row); say which rows it may write with WITH CHECK",
                here()
            ));
        }
        if p.with_check.is_some() && !p.command.takes_with_check() {
            problems.push(format!(
                "{}: a {command} policy has no WITH CHECK (it writes no row); say which rows it reaches with USING",
                here()
            ));
        }
        if p.roles.iter().any(|r| r.trim().is_empty()) {
            problems.push(format!("{}: an empty role name; remove it", here()));
        }
        if p.roles != crate::schema::normal_roles(p.roles.iter().cloned()) {
            problems.push(format!(
                "{}: roles {:?} are not sorted, each once, without public; build them with Policy::to",
                here(),
                p.roles
            ));
        }
    }
}

/// Each trigger of the models executes a trigger function the schema makes, and is one
/// PostgreSQL takes on what it is on (rules of `CREATE TRIGGER`).
fn triggers(schema: &Schema, problems: &mut Problems) {
    for t in &schema.tables {
        let columns: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        for tr in t.triggers.iter().filter(|tr| tr.definition.is_none()) {
            trigger(schema, tr, &t.name, On::Table(&columns), problems);
        }
    }
    for v in &schema.views {
        let on = if v.materialized {
            On::MaterializedView
        } else {
            On::View
        };
        let mut names = BTreeSet::new();
        for tr in &v.triggers {
            if !names.insert(tr.name.as_str()) {
                problems.push(format!("{}: two triggers are named {}", v.name, tr.name));
            }
            if tr.definition.is_none() {
                trigger(schema, tr, &v.name, on, problems);
            }
        }
    }
}

/// What a trigger is on: a table (with its columns), a view or a materialized view.
#[derive(Clone, Copy)]
enum On<'a> {
    Table(&'a [&'a str]),
    View,
    MaterializedView,
}

fn trigger(
    schema: &Schema,
    tr: &Trigger,
    on: &QualifiedName,
    kind: On<'_>,
    problems: &mut Problems,
) {
    let mut say = |problem: String| {
        problems.push(format!("trigger \"{}\" on {on}: {problem}", tr.name));
    };
    let function = (schema.functions.iter()).find(|f| f.name == tr.function && f.args.is_empty());
    match function {
        Some(f) if !f.returns.as_ref().is_some_and(Returns::is_trigger) => say(format!(
            "it executes function {}(), which does not return trigger; declare it with Function::new(.., \"trigger\", ..)",
            tr.function
        )),
        None => say(format!(
            "it executes function {}(), which is not registered; add it with .function(..)",
            tr.function
        )),
        Some(_) => {}
    }
    let row = !tr.for_each_statement;
    let has = |e: TriggerEvent| tr.events.contains(&e);
    if tr.events.is_empty() {
        say(
            "it fires on no event; add .on_insert(), .on_update(), .on_delete() or .on_truncate()"
                .to_owned(),
        );
    }
    if has(TriggerEvent::Truncate) && row {
        say("TRUNCATE fires FOR EACH STATEMENT triggers only; add .for_each_statement() or drop .on_truncate()".to_owned());
    }
    let transition = tr.old_table.is_some() || tr.new_table.is_some();
    match kind {
        On::MaterializedView => say(
            "a materialized view has no triggers; put it on the tables the view reads".to_owned(),
        ),
        On::View => {
            if tr.timing == TriggerTiming::InsteadOf {
                if !row {
                    say(
                        "INSTEAD OF triggers are FOR EACH ROW; drop .for_each_statement()"
                            .to_owned(),
                    );
                }
                if tr.when.is_some() {
                    say(
                        "INSTEAD OF triggers take no WHEN condition; test it in the function"
                            .to_owned(),
                    );
                }
                if !tr.update_of.is_empty() {
                    say(
                        "INSTEAD OF triggers take no UPDATE OF columns; use .on_update()"
                            .to_owned(),
                    );
                }
            } else if row {
                say("a view's BEFORE and AFTER triggers are FOR EACH STATEMENT; add .for_each_statement(), or use Trigger::instead_of for rows".to_owned());
            }
            if has(TriggerEvent::Truncate) {
                say("a view has no TRUNCATE triggers; drop .on_truncate()".to_owned());
            }
            if transition {
                say(
                    "a view's triggers take no transition tables (old_table, new_table)".to_owned(),
                );
            }
        }
        On::Table(columns) => {
            if tr.timing == TriggerTiming::InsteadOf {
                say("INSTEAD OF triggers are for views; use Trigger::before or Trigger::after on a table".to_owned());
            }
            let mut seen = BTreeSet::new();
            for c in &tr.update_of {
                if !columns.contains(&c.as_str()) {
                    say(format!(
                        "UPDATE OF names column {c:?}, which the table does not have"
                    ));
                } else if !seen.insert(c) {
                    say(format!("UPDATE OF names column {c:?} twice"));
                }
            }
        }
    }
    if transition {
        if tr.timing != TriggerTiming::After {
            say("transition tables (old_table, new_table) are for AFTER triggers; use Trigger::after".to_owned());
        }
        if tr.events.len() > 1 {
            say("a trigger with transition tables fires on one event; declare one trigger per event".to_owned());
        }
        if !tr.update_of.is_empty() {
            say(
                "a trigger with transition tables takes no UPDATE OF columns; use .on_update()"
                    .to_owned(),
            );
        }
        if tr.old_table.is_some() && !has(TriggerEvent::Update) && !has(TriggerEvent::Delete) {
            say(
                "old_table is for UPDATE and DELETE triggers; an insert has no old rows".to_owned(),
            );
        }
        if tr.new_table.is_some() && !has(TriggerEvent::Update) && !has(TriggerEvent::Insert) {
            say("new_table is for INSERT and UPDATE triggers; a delete has no new rows".to_owned());
        }
        if tr.old_table.is_some() && tr.old_table == tr.new_table {
            say("old_table and new_table have one name; give each its own".to_owned());
        }
    }
    if tr.when.as_deref().is_some_and(|w| w.trim().is_empty()) {
        say("its WHEN condition is empty; drop .when(..) or write the condition".to_owned());
    }
}

/// Enum types, domains and tables share one namespace of types per schema: every table has a
/// row type of its name, so an enum or domain named like a table cannot be created.
fn type_names(schema: &Schema, problems: &mut Problems) {
    for e in &schema.enums {
        if schema.table(&e.name).is_some() {
            problems.push(format!(
                "enum type {} and table {} have one name, but a table's row type takes that name in the schema's types: rename the enum (#[sea_orm(enum_name = \"..\")]) or the table",
                e.name, e.name
            ));
        }
    }
    let types = (schema.domains.iter().map(|d| ("domain", &d.name))).chain(
        schema
            .composites
            .iter()
            .map(|c| ("composite type", &c.name)),
    );
    for (kind, name) in types {
        // A composite type is a relation too: one named like a table is `relation_names`'.
        let relation =
            kind == "domain" && (schema.table(name).is_some() || schema.view(name).is_some());
        let taken = if relation {
            Some("a table's or view's row type")
        } else if schema.enums.iter().any(|e| e.name == *name) {
            Some("an enum type")
        } else if kind == "composite type" && schema.domain(name).is_some() {
            Some("a domain")
        } else {
            None
        };
        if let Some(other) = taken {
            problems.push(format!(
                "{kind} {name} is named like {other} of the models, and they share one namespace of types per schema; rename the {kind}"
            ));
        }
    }
    let twice =
        |kind: &str, names: &mut dyn Iterator<Item = &QualifiedName>, problems: &mut Problems| {
            let mut names: Vec<&QualifiedName> = names.collect();
            names.sort();
            for pair in names.windows(2).filter(|p| p[0] == p[1]) {
                problems.push(format!(
                    "{kind} {} is registered twice; register each {kind} once",
                    pair[0]
                ));
            }
        };
    twice(
        "domain",
        &mut schema.domains.iter().map(|d| &d.name),
        problems,
    );
    twice(
        "collation",
        &mut schema.collations.iter().map(|c| &c.name),
        problems,
    );
    twice(
        "composite type",
        &mut schema.composites.iter().map(|c| &c.name),
        problems,
    );
}

/// A composite type PostgreSQL can make: attributes of distinct names and non-empty types, a
/// collation only on a type that has one.
fn composites(schema: &Schema, problems: &mut Problems) {
    for c in &schema.composites {
        let mut seen = BTreeSet::new();
        for a in &c.attributes {
            if !seen.insert(a.name.as_str()) {
                problems.push(format!(
                    "composite type {} has two attributes named \"{}\"; give each its own name",
                    c.name, a.name
                ));
            }
            if a.data_type.trim().is_empty() {
                problems.push(format!(
                    "attribute \"{}\" of composite type {} has no type; give one, as in .attribute(\"{}\", \"text\")",
                    a.name, c.name, a.name
                ));
            }
            if a.collation.is_some()
                && ColumnType::Builtin(a.data_type.clone()).collatable() == Some(false)
            {
                problems.push(format!(
                    "attribute \"{}\" of composite type {} has a collation, but its type {} has none; remove the collation",
                    a.name, c.name, a.data_type
                ));
            }
        }
    }
}

/// Collations PostgreSQL can make, and every one in a schema of the models that something
/// collates by registered (a fresh database would not have it).
fn collation_objects(schema: &Schema, problems: &mut Problems) {
    use crate::schema::CollationProvider;
    for c in &schema.collations {
        if c.locale.trim().is_empty() {
            problems.push(format!(
                "collation {} has no locale; give one, as in Collation::icu(name, \"und-u-ks-level2\") or Collation::libc(name, \"C\")",
                c.name
            ));
        }
        if c.provider == CollationProvider::Icu && c.ctype.is_some() {
            problems.push(format!(
                "collation {} is ICU's and has an LC_CTYPE, which only a libc collation has; remove .ctype(..)",
                c.name
            ));
        }
        if c.provider == CollationProvider::Libc && !c.deterministic {
            problems.push(format!(
                "collation {} is libc's and nondeterministic, which PostgreSQL only supports with ICU; declare it with Collation::icu or remove .nondeterministic()",
                c.name
            ));
        }
        if c.name.schema == crate::sql_ident::PG_CATALOG {
            problems.push(format!(
                "collation {} is in pg_catalog, whose collations are PostgreSQL's own; declare it in a schema of the models",
                c.name
            ));
        }
    }
    let of_models = |q: &QualifiedName| schema.namespaces.iter().any(|n| n.name == q.schema);
    for (user, q) in schema.collation_users() {
        if q.schema != crate::sql_ident::PG_CATALOG && of_models(q) && schema.collation(q).is_none()
        {
            problems.push(format!(
                "{user} collates by {q}, a collation in a schema of the models that they do not declare; register it with Schema::builder().collation(Collation::icu(..)) (or Collation::libc), or name one of PostgreSQL's own (collate = \"C\")"
            ));
        }
    }
}

/// Grants on objects of the models, of privileges their kind has, each said once.
fn grants(schema: &Schema, problems: &mut Problems) {
    use crate::schema::GrantOn;
    for og in &schema.grants {
        let on = &og.on;
        let missing = (!schema.holds(on)).then(|| match on {
            GrantOn::Schema(_) => "no object of the models is in that schema".to_owned(),
            GrantOn::Table(_) => "no table or view of that name is registered".to_owned(),
            GrantOn::Sequence(_) => {
                "no sequence of that name is registered (a serial or identity column's own sequence is not an object of the models)".to_owned()
            }
            GrantOn::Function(q, _) => {
                let same_name: Vec<String> = (schema.functions.iter())
                    .filter(|f| &f.name == q)
                    .map(|f| format!("({})", f.identity_args()))
                    .collect();
                match same_name.is_empty() {
                    true => "no function or procedure of that name is registered".to_owned(),
                    false => format!(
                        "the registered ones of that name take {}; name the input argument types as one of them",
                        same_name.join(" or ")
                    ),
                }
            }
        });
        if let Some(why) = missing {
            problems.push(format!("a grant on {on}: {why}"));
            continue;
        }
        for g in &og.grants {
            if g.role.trim().is_empty() {
                problems.push(format!(
                    "a grant on {on} names no role; name one, or PUBLIC for every role"
                ));
            }
            if g.privileges.is_empty() {
                problems.push(format!(
                    "the grant to {} on {on} grants no privilege; name at least one",
                    g.role
                ));
            }
            let wrong: Vec<&str> = (g.privileges.iter())
                .filter(|p| !on.privileges().contains(p))
                .map(|p| p.as_sql())
                .collect();
            if !wrong.is_empty() {
                let takes: Vec<&str> = on.privileges().iter().map(|p| p.as_sql()).collect();
                problems.push(format!(
                    "the grant to {} on {on} names {}, which a {} does not have; it takes {}",
                    g.role,
                    wrong.join(", "),
                    on.to_string().split(' ').next().unwrap_or_default(),
                    takes.join(", ")
                ));
            }
        }
        for pair in og.grants.windows(2) {
            let both: Vec<&str> = (pair[0].privileges.iter())
                .filter(|p| pair[0].role == pair[1].role && pair[1].privileges.contains(p))
                .map(|p| p.as_sql())
                .collect();
            if !both.is_empty() {
                problems.push(format!(
                    "{} is granted {} on {on} both with and without grant option; grant each privilege once",
                    pair[0].role,
                    both.join(", ")
                ));
            }
        }
    }
}

/// A domain PostgreSQL can make: a base type, checks of distinct names, a collation only where
/// the base type has one.
fn domains(schema: &Schema, problems: &mut Problems) {
    for d in &schema.domains {
        if d.data_type.trim().is_empty() {
            problems.push(format!(
                "domain {} has no base type; give one, as in Domain::new(name, \"text\")",
                d.name
            ));
        }
        for pair in d.checks.windows(2) {
            if pair[0].name == pair[1].name {
                problems.push(format!(
                    "domain {} has two checks named \"{}\"; give each its own name",
                    d.name, pair[0].name
                ));
            }
        }
        let builtin = ColumnType::Builtin(d.data_type.clone());
        let named = |q: &QualifiedName| crate::sql_ident::Qualified(q).to_string() == d.data_type;
        if d.collation.is_some()
            && (builtin.collatable() == Some(false) || schema.enums.iter().any(|e| named(&e.name)))
        {
            problems.push(format!(
                "domain {} has a collation, but its base type {} has none; remove the collation",
                d.name, d.data_type
            ));
        }
    }
}

/// A column of a domain names one the models register.
fn domain_columns(schema: &Schema, t: &Table, problems: &mut Problems) {
    for c in &t.columns {
        if let ColumnType::Domain(d) = &c.ty
            && schema.domain(d).is_none()
        {
            problems.push(format!(
                "column {}.{} is of domain {d}, which no registered domain is; register it with Schema::builder().domain(Domain::new(..)), or name the one meant",
                t.name, c.name
            ));
        }
    }
}

/// A domain's base type, default and checks, and a composite type's attributes' types, parsed
/// before any of it is rendered.
#[cfg(feature = "sql-check")]
fn type_fragments(
    schema: &Schema,
    checker: &mut crate::sql_syntax::FragmentChecker,
    problems: &mut Problems,
) {
    use crate::sql_syntax::Fragment;

    for d in &schema.domains {
        let mut check = |what: String, kind: Fragment, text: &str, fix: &str| {
            if let Err(e) = checker.check(kind, text) {
                problems.push(format!("domain {}, {what}: {e}; {fix}", d.name));
            }
        };
        // An empty one is reported by `domains`.
        if !d.data_type.trim().is_empty() {
            check(
                "its base type".to_owned(),
                Fragment::Type,
                &d.data_type,
                "write one SQL type name, such as \"text\" or \"numeric(12,2)\"",
            );
        }
        if let Some(default) = &d.default {
            check(
                "its default".to_owned(),
                Fragment::Default,
                default,
                "write one SQL expression (a quoted literal is '..')",
            );
        }
        for c in &d.checks {
            check(
                format!("its check \"{}\"", c.name),
                Fragment::Check,
                &c.expr,
                "write one SQL boolean expression over VALUE",
            );
        }
    }
    for c in &schema.composites {
        for a in c
            .attributes
            .iter()
            .filter(|a| !a.data_type.trim().is_empty())
        {
            if let Err(e) = checker.check(Fragment::Type, &a.data_type) {
                problems.push(format!(
                    "attribute \"{}\" of composite type {}, its type: {e}; write one SQL type name, such as \"text\" or \"numeric(12,2)\"",
                    a.name, c.name
                ));
            }
        }
    }
}

/// Tables, indexes, the indexes behind primary keys and UNIQUE constraints, and the sequences
/// behind serial and identity columns share one namespace per schema (`pg_class`).
fn relation_names(schema: &Schema, problems: &mut Problems) {
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut claim = |schema_name: &str, name: String, what: String, problems: &mut Problems| {
        match seen.get(&(schema_name.to_owned(), name.clone())) {
            Some(first) => problems.push(format!(
                "{what} and {first} are both named \"{schema_name}.{name}\"; tables, views, indexes, key constraints and sequences share one namespace per schema: rename one"
            )),
            None => {
                seen.insert((schema_name.to_owned(), name), what);
            }
        }
    };
    for t in &schema.tables {
        let s = t.name.schema.as_str();
        claim(
            s,
            t.name.name.clone(),
            format!("table {}", t.name),
            problems,
        );
    }
    for v in &schema.views {
        let kind = if v.materialized {
            "materialized view"
        } else {
            "view"
        };
        claim(
            &v.name.schema,
            v.name.name.clone(),
            format!("{kind} {}", v.name),
            problems,
        );
        for i in &v.indexes {
            claim(
                &v.name.schema,
                i.name.clone(),
                format!("index on {}", v.name),
                problems,
            );
        }
    }
    for t in &schema.tables {
        for p in &t.partitions {
            claim(
                &p.name.schema,
                p.name.name.clone(),
                format!("partition {} of {}", p.name, t.name),
                problems,
            );
        }
    }
    for seq in &schema.sequences {
        claim(
            &seq.name.schema,
            seq.name.name.clone(),
            format!("sequence {}", seq.name),
            problems,
        );
    }
    // Sorted: one registered twice is `type_names`' to report.
    let composites = schema.composites.iter().enumerate();
    for (_, c) in composites.filter(|(i, c)| *i == 0 || schema.composites[i - 1].name != c.name) {
        claim(
            &c.name.schema,
            c.name.name.clone(),
            format!("composite type {}", c.name),
            problems,
        );
    }
    for t in &schema.tables {
        let s = t.name.schema.as_str();
        if let Some(pk) = &t.primary_key {
            claim(
                s,
                pk.name.clone(),
                format!("primary key of {}", t.name),
                problems,
            );
        }
        for u in &t.uniques {
            claim(
                s,
                u.name.clone(),
                format!("unique constraint on {}", t.name),
                problems,
            );
        }
        for i in &t.indexes {
            claim(s, i.name.clone(), format!("index on {}", t.name), problems);
        }
        for x in &t.exclusions {
            claim(
                s,
                x.name.clone(),
                format!("exclusion constraint on {}", t.name),
                problems,
            );
        }
        for c in t.columns.iter().filter(|c| c.identity != Identity::None) {
            let seq = names::sequence(&t.name.name, &c.name);
            claim(
                s,
                seq,
                format!("sequence of {}.{}", t.name, c.name),
                problems,
            );
        }
    }
}

/// A sequence's options must describe a sequence PostgreSQL can make, and its owner must exist.
fn sequences(schema: &Schema, problems: &mut Problems) {
    for s in &schema.sequences {
        let width = match s.data_type.as_str() {
            "smallint" => 2,
            "integer" => 4,
            "bigint" => 8,
            other => {
                problems.push(format!(
                    "sequence {}: type {other:?}; a sequence is smallint, integer or bigint",
                    s.name
                ));
                continue;
            }
        };
        sequence_values(
            &format!("sequence {}", s.name),
            &s.values(),
            width,
            problems,
        );
        if let Some(owner) = &s.owned_by {
            let exists = schema
                .table(&owner.table)
                .is_some_and(|t| t.column(&owner.column).is_some());
            if !exists {
                problems.push(format!(
                    "sequence {} is owned by {}.{}, which is not a column of a registered table",
                    s.name, owner.table, owner.column
                ));
            }
        }
    }
}

/// What PostgreSQL's `CREATE SEQUENCE` refuses: a zero step, bounds out of order or beyond the
/// type, a start outside the bounds, a cache below 1.
fn sequence_values(what: &str, s: &SequenceValues, width: u8, problems: &mut Problems) {
    let (lowest, highest) = integer_range(width);
    let type_name = match width {
        2 => "smallint",
        4 => "integer",
        _ => "bigint",
    };
    if s.increment == 0 {
        problems.push(format!(
            "{what}: the increment is 0; use 1 or another non-zero step"
        ));
    }
    if s.min_value >= s.max_value || s.min_value < lowest || s.max_value > highest {
        problems.push(format!(
            "{what}: min {} and max {} must be in order and fit {type_name}",
            s.min_value, s.max_value
        ));
    } else if s.start < s.min_value || s.start > s.max_value {
        problems.push(format!(
            "{what}: it starts at {}, outside {}..={}; set start between min and max",
            s.start, s.min_value, s.max_value
        ));
    }
    if s.cache < 1 {
        problems.push(format!("{what}: cache {} must be at least 1", s.cache));
    }
}

/// An identity column's sequence options must make a sequence; other columns have none.
fn identity_options(t: &Table, problems: &mut Problems) {
    for c in &t.columns {
        let what = || format!("identity sequence of {}.{}", t.name, c.name);
        match (c.identity.is_identity(), c.ty.integer_width()) {
            (true, Some(width)) => {
                sequence_values(&what(), &c.identity_options.values(width), width, problems)
            }
            (true, None) => problems.push(format!(
                "{}: column {} is {} but of type {}; make it smallint, integer or bigint",
                t.name,
                c.name,
                c.identity.description(),
                c.ty.display_name()
            )),
            (false, _) if !c.identity_options.is_default() => problems.push(format!(
                "{}: column {} has identity options ({}) but is {}; make it an identity column or drop them",
                t.name,
                c.name,
                c.identity_options.description(),
                c.identity.description()
            )),
            (false, _) => {}
        }
    }
}

/// A partitioned table's key names its columns, its partitions' bounds fit its strategy and
/// key, and it has none of what PostgreSQL refuses on a partitioned table.
fn partitions(t: &Table, problems: &mut Problems) {
    let Some(by) = &t.partition_by else {
        if let Some(p) = t.partitions.first() {
            problems.push(format!(
                "table {} has partition {} but is not partitioned; give it partition_by(range(..)), list(..) or hash(..)",
                t.name, p.name
            ));
        }
        return;
    };
    let whose = format!("the partition key of {}", t.name);
    if by.key.is_empty() {
        problems.push(format!(
            "{whose} is empty; name at least one column: partition_by(range(created_at))"
        ));
    }
    if by.strategy == PartitionStrategy::List && by.key.len() > 1 {
        problems.push(format!(
            "{whose} has {} elements; PostgreSQL partitions by list over one column or expression",
            by.key.len()
        ));
    }
    for c in by.columns() {
        match t.column(c) {
            None => problems.push(format!(
                "{whose} names column {c}, which the table does not have; name one of its columns"
            )),
            Some(col) if col.generated.is_some() => problems.push(format!(
                "{whose} names column {c}, which is generated, and PostgreSQL partitions by none; partition by the columns it is computed from"
            )),
            Some(_) => {}
        }
    }
    let refuse = |what: &str, problems: &mut Problems| {
        problems.push(format!(
            "table {} is partitioned and has {what}, which PostgreSQL does not take on a partitioned table",
            t.name
        ));
    };
    if t.unlogged {
        refuse("unlogged", problems);
    }
    if !t.storage.is_empty() {
        refuse(
            "storage parameters (with(..)); give them to no table or make it a plain one",
            problems,
        );
    }
    if let Some(x) = t.exclusions.first() {
        refuse(&format!("exclusion constraint \"{}\"", x.name), problems);
    }
    if let Some(fk) = t.foreign_keys.iter().find(|fk| fk.not_valid) {
        refuse(
            &format!("foreign key \"{}\" NOT VALID (make it valid)", fk.name),
            problems,
        );
    }
    // Uniqueness is checked per partition: a key or unique index must hold the whole key.
    let has_expression = by
        .key
        .iter()
        .any(|k| matches!(k, PartitionKey::Expression(_)));
    let mut unique: Vec<(String, Vec<&str>)> = Vec::new();
    if let Some(pk) = &t.primary_key {
        let columns = pk.columns.iter().map(String::as_str).collect();
        unique.push((format!("primary key {}", pk.name), columns));
    }
    for u in &t.uniques {
        let columns = u.columns.iter().map(String::as_str).collect();
        unique.push((format!("unique constraint {}", u.name), columns));
    }
    for i in t.indexes.iter().filter(|i| i.unique) {
        let columns = (i.keys.iter())
            .filter_map(|k| match &k.kind {
                IndexKeyKind::Column(c) => Some(c.as_str()),
                _ => None,
            })
            .collect();
        unique.push((format!("unique index {}", i.name), columns));
    }
    for (what, columns) in unique {
        let missing: Vec<&str> = by.columns().filter(|c| !columns.contains(c)).collect();
        if has_expression {
            problems.push(format!(
                "{what} on {} cannot be unique per partition: the table is partitioned by an expression; partition by columns, or drop the key",
                t.name
            ));
        } else if !missing.is_empty() {
            problems.push(format!(
                "{what} on {} leaves out the partition key's column(s) {}; PostgreSQL enforces uniqueness per partition, so a key on a partitioned table holds the whole partition key: add them to it",
                t.name,
                missing.join(", ")
            ));
        }
    }
    let mut defaults = 0;
    for p in &t.partitions {
        let what = format!("partition {} of {}", p.name, t.name);
        let width = by.key.len();
        match (&p.bound, by.strategy) {
            (PartitionBound::Default, PartitionStrategy::Hash) => problems.push(format!(
                "{what} is the default partition; a table partitioned by hash has none: give it modulus and remainder"
            )),
            (PartitionBound::Default, _) => defaults += 1,
            (PartitionBound::Range { from, to }, PartitionStrategy::Range) => {
                if from.len() != width || to.len() != width {
                    problems.push(format!(
                        "{what} has a range of {} value(s) from and {} to; the key has {width} element(s): give one value per element",
                        from.len(),
                        to.len()
                    ));
                }
            }
            (PartitionBound::List(values), PartitionStrategy::List) => {
                if values.is_empty() {
                    problems.push(format!("{what} lists no values; give at least one"));
                }
            }
            (PartitionBound::Hash { modulus, remainder }, PartitionStrategy::Hash) => {
                if *modulus == 0 || remainder >= modulus {
                    problems.push(format!(
                        "{what} has modulus {modulus} and remainder {remainder}; the modulus is positive and the remainder less than it"
                    ));
                }
            }
            (bound, strategy) => problems.push(format!(
                "{what} has a {} bound, but {} is partitioned by {}; give it a bound of that kind",
                bound.strategy().map_or("default", |s| match s {
                    PartitionStrategy::Range => "range",
                    PartitionStrategy::List => "list",
                    PartitionStrategy::Hash => "hash",
                }),
                t.name,
                strategy.as_sql().to_lowercase()
            )),
        }
    }
    if defaults > 1 {
        problems.push(format!(
            "table {} has {defaults} default partitions; it may have one",
            t.name
        ));
    }
}

fn table_names(t: &Table, problems: &mut Problems) {
    let mut columns = BTreeSet::new();
    for c in &t.columns {
        if !columns.insert(c.name.as_str()) {
            problems.push(format!(
                "{}: two columns are named {}; rename one (column_name)",
                t.name, c.name
            ));
        }
    }
    let mut constraints = BTreeSet::new();
    let all = t
        .primary_key
        .iter()
        .map(|c| &c.name)
        .chain(t.uniques.iter().map(|c| &c.name))
        .chain(t.foreign_keys.iter().map(|c| &c.name))
        .chain(t.checks.iter().map(|c| &c.name))
        .chain(t.exclusions.iter().map(|c| &c.name));
    for name in all {
        if !constraints.insert(name.as_str()) {
            problems.push(format!(
                "{}: two constraints are named {name}; give one another name",
                t.name
            ));
        }
    }
    let mut triggers = BTreeSet::new();
    for tr in &t.triggers {
        if !triggers.insert(tr.name.as_str()) {
            problems.push(format!("{}: two triggers are named {}", t.name, tr.name));
        }
    }
}

/// An exclusion constraint has elements, each with one operator.
fn exclusion_elements(t: &Table, problems: &mut Problems) {
    for x in &t.exclusions {
        if x.elements.is_empty() {
            problems.push(format!(
                "exclusion constraint \"{}\" on {} has no elements; give it a key and an operator (room WITH =)",
                x.name, t.name
            ));
        }
        for e in (x.elements.iter())
            .filter(|e| e.operator.is_empty() || e.operator.contains(char::is_whitespace))
        {
            problems.push(format!(
                "exclusion constraint \"{}\" on {} has operator {:?}; an operator is one token: \"=\", \"&&\", or \"OPERATOR(schema.op)\"",
                x.name, t.name, e.operator
            ));
        }
    }
}

fn column_references(t: &Table, problems: &mut Problems) {
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    let mut check = |what: String, column: &str| {
        if !names.contains(&column) {
            problems.push(format!(
                "{what} on {} names column \"{column}\", which does not exist (columns: {})",
                t.name,
                names.join(", ")
            ));
        }
    };
    if let Some(pk) = &t.primary_key {
        for c in &pk.columns {
            check(format!("primary key {}", pk.name), c);
        }
        for c in &pk.include {
            check(format!("primary key {} (include)", pk.name), c);
        }
    }
    for u in &t.uniques {
        for c in &u.columns {
            check(format!("unique constraint \"{}\"", u.name), c);
        }
        for c in &u.include {
            check(format!("unique constraint \"{}\" (include)", u.name), c);
        }
    }
    for fk in &t.foreign_keys {
        for c in &fk.columns {
            check(format!("foreign key \"{}\"", fk.name), c);
        }
    }
    for i in &t.indexes {
        for k in &i.keys {
            for c in k.columns() {
                check(format!("index \"{}\"", i.name), c);
            }
        }
        for c in &i.include {
            check(format!("index \"{}\" (include)", i.name), c);
        }
    }
    for x in &t.exclusions {
        for c in x.elements.iter().flat_map(|e| e.key.columns()) {
            check(format!("exclusion constraint \"{}\"", x.name), c);
        }
        for c in &x.include {
            check(format!("exclusion constraint \"{}\" (include)", x.name), c);
        }
    }
}

/// A `COLLATE` only where there is something to collate: PostgreSQL refuses one on an integer
/// column or a full-text key ("collations are not supported by type ..").
fn collations(t: &Table, problems: &mut Problems) {
    for c in &t.columns {
        if c.collation.is_some() && c.ty.collatable() == Some(false) {
            problems.push(format!(
                "column {}.{} has a collation, but its type {} has none; remove the collation (collate) or give the column a text type",
                t.name,
                c.name,
                c.ty.display_name()
            ));
        }
    }
    for i in &t.indexes {
        for k in i.keys.iter().filter(|k| k.collation.is_some()) {
            let not_collatable = match &k.kind {
                IndexKeyKind::Column(name) => (t.columns.iter())
                    .find(|c| &c.name == name)
                    .filter(|c| c.ty.collatable() == Some(false))
                    .map(|c| format!("column {} is {}", c.name, c.ty.display_name())),
                IndexKeyKind::TsVector { .. } => Some("a full-text key is a tsvector".to_owned()),
                IndexKeyKind::Expression(_) => None,
            };
            if let Some(why) = not_collatable {
                problems.push(format!(
                    "index \"{}\" on {} collates a key that has no collation ({why}); remove the collation (collate) from the index",
                    i.name, t.name
                ));
            }
        }
    }
}

/// The storage parameters PostgreSQL takes for a table (heap), and for an index of each
/// built-in method: a misspelt one is refused here, not by the server mid-script.
const TABLE_STORAGE: &[&str] = &[
    "fillfactor",
    "toast_tuple_target",
    "parallel_workers",
    "autovacuum_enabled",
    "vacuum_index_cleanup",
    "vacuum_truncate",
    "autovacuum_vacuum_threshold",
    "autovacuum_vacuum_scale_factor",
    "autovacuum_vacuum_insert_threshold",
    "autovacuum_vacuum_insert_scale_factor",
    "autovacuum_analyze_threshold",
    "autovacuum_analyze_scale_factor",
    "autovacuum_vacuum_cost_delay",
    "autovacuum_vacuum_cost_limit",
    "autovacuum_freeze_min_age",
    "autovacuum_freeze_max_age",
    "autovacuum_freeze_table_age",
    "autovacuum_multixact_freeze_min_age",
    "autovacuum_multixact_freeze_max_age",
    "autovacuum_multixact_freeze_table_age",
    "log_autovacuum_min_duration",
    "user_catalog_table",
];

fn index_storage(method: &IndexMethod) -> Option<&'static [&'static str]> {
    Some(match method {
        IndexMethod::Btree => &["fillfactor", "deduplicate_items"],
        IndexMethod::Hash | IndexMethod::Spgist => &["fillfactor"],
        IndexMethod::Gist => &["fillfactor", "buffering"],
        IndexMethod::Gin => &["fastupdate", "gin_pending_list_limit"],
        IndexMethod::Brin => &["pages_per_range", "autosummarize"],
        // An extension's method has its own, which only the server knows.
        IndexMethod::Other(_) => return None,
    })
}

fn storage_parameters(t: &Table, problems: &mut Problems) {
    let mut check = |what: String, names: &StorageParameters, known: &[&str]| {
        for name in names.keys().filter(|n| !known.contains(&n.as_str())) {
            problems.push(format!(
                "{what} has storage parameter \"{name}\", which PostgreSQL does not take there; use one of: {}",
                known.join(", ")
            ));
        }
    };
    check(format!("table {}", t.name), &t.storage, TABLE_STORAGE);
    for i in &t.indexes {
        if let Some(known) = index_storage(&i.method) {
            let what = format!("{} index \"{}\" on {}", i.method.name(), i.name, t.name);
            check(what, &i.storage, known);
        }
    }
}

fn index_keys(t: &Table, problems: &mut Problems) {
    for i in t.indexes.iter().filter(|i| i.keys.is_empty()) {
        problems.push(format!(
            "index \"{}\" on {} has no key; give columns(..), expr or tsvector(..)",
            i.name, t.name
        ));
    }
}

fn foreign_keys(schema: &Schema, t: &Table, problems: &mut Problems) {
    for fk in &t.foreign_keys {
        let Some(target) = schema.table(&fk.references) else {
            problems.push(format!(
                "foreign key \"{}\" on {} references {}, which is not registered; add .entity::<..>() for it to the schema builder",
                fk.name, t.name, fk.references
            ));
            continue;
        };
        if target.unlogged && !t.unlogged {
            problems.push(format!(
                "foreign key \"{}\" on {} references {}, which is unlogged: PostgreSQL lets only an unlogged table reference an unlogged one; add #[pg(unlogged)] to {} or drop the key",
                fk.name, t.name, target.name, t.name
            ));
        }
        let names: Vec<&str> = target.columns.iter().map(|c| c.name.as_str()).collect();
        for c in &fk.referenced_columns {
            if !names.contains(&c.as_str()) {
                problems.push(format!(
                    "foreign key \"{}\" on {} references column {}.{c}, which does not exist (columns: {})",
                    fk.name,
                    t.name,
                    target.name,
                    names.join(", ")
                ));
            }
        }
        for (from, to) in fk.columns.iter().zip(&fk.referenced_columns) {
            let (Some(a), Some(b)) = (t.column(from), target.column(to)) else {
                continue;
            };
            if !comparable(&base_type(schema, &a.ty), &base_type(schema, &b.ty)) {
                problems.push(format!(
                    "foreign key \"{}\" on {}: column {from} is {} but {}.{to} is {}; PostgreSQL cannot compare them: give both one type",
                    fk.name,
                    t.name,
                    a.ty.display_name(),
                    target.name,
                    b.ty.display_name()
                ));
            }
        }
        if fk.columns.len() != fk.referenced_columns.len() {
            problems.push(format!(
                "foreign key \"{}\" on {} has {} columns but references {}",
                fk.name,
                t.name,
                fk.columns.len(),
                fk.referenced_columns.len()
            ));
        }
        let key: BTreeSet<&str> = fk.referenced_columns.iter().map(String::as_str).collect();
        let same =
            |cols: &[String]| cols.iter().map(String::as_str).collect::<BTreeSet<_>>() == key;
        let keys = (target.primary_key.iter())
            .map(|pk| (&pk.name, &pk.columns, pk.deferral))
            .chain((target.uniques.iter()).map(|u| (&u.name, &u.columns, u.deferral)))
            .filter(|(_, columns, _)| same(columns));
        let (immediate, deferrable): (Vec<_>, Vec<_>) =
            keys.partition(|(_, _, deferral)| deferral.is_immediate());
        let is_key = !immediate.is_empty()
            || (target.indexes.iter())
                .filter_map(|i| i.plain_unique_columns())
                .any(|cols| same(&cols));
        if let (false, Some((key, _, _))) = (is_key, deferrable.first()) {
            problems.push(format!(
                "foreign key \"{}\" on {} references {}({}), whose key {key} is deferrable: PostgreSQL refuses a foreign key to a deferrable key; make {key} not deferrable or reference another key",
                fk.name,
                t.name,
                target.name,
                fk.referenced_columns.join(", ")
            ));
        } else if !is_key {
            problems.push(format!(
                "foreign key \"{}\" on {} references {}({}), which is neither its primary key nor unique; mark it #[sea_orm(unique)] or add a unique constraint",
                fk.name,
                t.name,
                target.name,
                fk.referenced_columns.join(", ")
            ));
        }
    }
}

/// Whether a foreign key may join columns of these types: PostgreSQL needs an equality operator
/// between them. Types of one family (integers and numeric; text and character types) compare;
/// others must be the same type (typmods aside). Raw SQL types are the user's to judge.
/// The type a column's values have: a domain's base type (over domains), any other type itself.
fn base_type(schema: &Schema, ty: &ColumnType) -> ColumnType {
    let mut ty = ty.clone();
    // A chain of domains ends (PostgreSQL makes no cycle); the bound keeps a bad model finite.
    for _ in 0..=schema.domains.len() {
        let ColumnType::Domain(name) = &ty else { break };
        let Some(d) = schema.domain(name) else {
            return ColumnType::Raw(name.to_string());
        };
        let named = |q: &QualifiedName| crate::sql_ident::Qualified(q).to_string() == d.data_type;
        ty = match (schema.domains.iter()).find(|o| named(&o.name)) {
            Some(under) => ColumnType::Domain(under.name.clone()),
            None => match schema.enums.iter().find(|e| named(&e.name)) {
                Some(e) => ColumnType::Enum(e.name.clone()),
                None => ColumnType::Builtin(d.data_type.clone()),
            },
        };
    }
    ty
}

fn comparable(a: &ColumnType, b: &ColumnType) -> bool {
    match (a, b) {
        (ColumnType::Raw(_), _) | (_, ColumnType::Raw(_)) => true,
        (ColumnType::Enum(x), ColumnType::Enum(y)) => x == y,
        (ColumnType::Builtin(x), ColumnType::Builtin(y)) => comparable_builtin(x, y),
        _ => false,
    }
}

fn comparable_builtin(a: &str, b: &str) -> bool {
    match (a.strip_suffix("[]"), b.strip_suffix("[]")) {
        (Some(x), Some(y)) => return comparable_builtin(x, y),
        (None, None) => {}
        _ => return false,
    }
    let base = |s: &str| s.split('(').next().unwrap_or(s).trim().to_owned();
    let family = |s: &str| match base(s).as_str() {
        "smallint" | "integer" | "bigint" | "numeric" | "real" | "double precision" => {
            Some("number")
        }
        "text" | "character varying" | "character" => Some("text"),
        _ => None,
    };
    match (family(a), family(b)) {
        (Some(x), Some(y)) => x == y,
        _ => base(a) == base(b),
    }
}
