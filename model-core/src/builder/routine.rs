//! A function's declaration and body, read by PostgreSQL's parsers: whether they parse, and
//! what a `LANGUAGE sql` body reads, for the dependency graph.

use crate::error::Problems;
use crate::schema::{Function, QualifiedName};
#[cfg(feature = "sql-check")]
use crate::schema::{FunctionBody, Returns};

/// The relations `f`'s body reads (for a `sql` body), qualified, where the models declare them;
/// a declaration or body that does not parse, or a `sql` body naming a relation without a
/// schema and without a `search_path` to find it in, is a problem. `declared` says whether the
/// models declare a table or view of that name.
#[cfg(feature = "sql-check")]
pub(super) fn reads(
    f: &Function,
    declared: &dyn Fn(&QualifiedName) -> bool,
    problems: &mut Problems,
) -> Vec<QualifiedName> {
    let FunctionBody::Source(body) = &f.body else {
        return Vec::new();
    };
    let what = format!("{} {}({})", f.kind(), f.name, f.identity_args());
    // A language that is no name is refused on its own (validate.rs).
    let word = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
    if !f.language.chars().all(word) || !pieces_parse(f, &what, problems) {
        return Vec::new();
    }
    let relations = match crate::sql_syntax::routine(&declaration(f), &f.language, body) {
        Ok(relations) => relations,
        Err(e) => {
            problems.push(format!("{what}: {e}"));
            return Vec::new();
        }
    };
    if f.search_path().is_none()
        && let Some((_, name)) = relations.iter().find(|(schema, _)| schema.is_none())
    {
        problems.push(format!(
            "{what}: its body reads {name:?} without a schema; write {}.{name} (or pg_catalog.{name}), or give the function .set(\"search_path\", \"{}\"): PostgreSQL checks a sql body when the function is created, with whatever search_path the script runs under",
            f.name.schema, f.name.schema
        ));
    }
    resolve(f, relations, declared)
}

/// What the `LANGUAGE sql` body of `f` (read back from a database) reads, among the relations
/// `declared` says exist: for the order of a script that makes it again. A name without a
/// schema is looked up along the function's `search_path`, or else its own schema and
/// `public`. Empty for other languages, and for a body the parser refuses.
#[cfg(feature = "sql-check")]
pub fn relations_read(
    f: &Function,
    declared: &dyn Fn(&QualifiedName) -> bool,
) -> Vec<QualifiedName> {
    match (&f.body, f.language.as_str()) {
        (FunctionBody::Source(body), "sql") => match crate::sql_syntax::parse(body) {
            Ok(tree) => resolve(f, crate::sql_syntax::relations(&tree), declared),
            Err(_) => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// `relations` qualified (a name without a schema along `f`'s search path), those `declared`
/// only, sorted, each once.
#[cfg(feature = "sql-check")]
fn resolve(
    f: &Function,
    relations: Vec<crate::sql_syntax::RelationName>,
    declared: &dyn Fn(&QualifiedName) -> bool,
) -> Vec<QualifiedName> {
    let path = (f.search_path()).unwrap_or_else(|| vec![f.name.schema.clone(), "public".into()]);
    let mut out: Vec<QualifiedName> = (relations.into_iter())
        .filter_map(|(schema, name)| match schema {
            Some(schema) => Some(QualifiedName::new(schema, name)),
            // A relation the models do not declare there (`pg_class`) is none of the graph's
            // business.
            None => (path.iter())
                .map(|s| QualifiedName::new(s, &name))
                .find(|q| declared(q)),
        })
        .filter(|q| declared(q))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether each type and default of `f` parses alone, each refused one a problem: said so, the
/// declaration's own error would only point into text the user never wrote whole.
#[cfg(feature = "sql-check")]
fn pieces_parse(f: &Function, what: &str, problems: &mut Problems) -> bool {
    use crate::sql_syntax::{Fragment, check_fragment};

    let before = problems.len();
    let mut check = |kind: Fragment, text: &str, piece: String| {
        if let Err(e) = check_fragment(kind, text) {
            problems.push(format!("{what}: {piece}: {e}"));
        }
    };
    for (i, a) in f.args.iter().enumerate() {
        let arg = a.name.clone().unwrap_or_else(|| format!("#{}", i + 1));
        check(
            Fragment::Type,
            &a.sql_type,
            format!("the type of argument {arg}"),
        );
        if let Some(d) = &a.default {
            check(
                Fragment::Default,
                d,
                format!("the default of argument {arg}"),
            );
        }
    }
    match &f.returns {
        Some(Returns::Type(t) | Returns::SetOf(t)) => {
            check(Fragment::Type, t, "its return type".to_owned())
        }
        Some(Returns::Table(columns)) => {
            for (name, t) in columns {
                check(Fragment::Type, t, format!("the type of column {name}"));
            }
        }
        None => {}
    }
    problems.len() == before
}

/// Without PostgreSQL's parser nothing is known of what a body reads: the script creates
/// functions early, by name.
#[cfg(not(feature = "sql-check"))]
pub(super) fn reads(
    _: &Function,
    _: &dyn Fn(&QualifiedName) -> bool,
    _: &mut Problems,
) -> Vec<QualifiedName> {
    Vec::new()
}

/// What comes between `CREATE` and `LANGUAGE`, every name quoted: enough for the parser to see
/// each part where the renderer puts it.
#[cfg(feature = "sql-check")]
fn declaration(f: &Function) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let args: Vec<String> = (f.args.iter())
        .map(|a| {
            let mut out = String::new();
            if let Some(mode) = a.mode.keyword() {
                out.push_str(mode);
                out.push(' ');
            }
            if let Some(name) = &a.name {
                out.push_str(&quote(name));
                out.push(' ');
            }
            out.push_str(&a.sql_type);
            if let Some(d) = &a.default {
                out.push_str(" DEFAULT ");
                out.push_str(d);
            }
            out
        })
        .collect();
    let returns = match &f.returns {
        None => String::new(),
        Some(Returns::Type(t)) => format!(" RETURNS {t}"),
        Some(Returns::SetOf(t)) => format!(" RETURNS SETOF {t}"),
        Some(Returns::Table(columns)) => {
            let columns: Vec<String> = (columns.iter())
                .map(|(n, t)| format!("{} {t}", quote(n)))
                .collect();
            format!(" RETURNS TABLE ({})", columns.join(", "))
        }
    };
    let settings: String = (f.settings.iter())
        .map(|s| format!(" SET {} = {}", quote(&s.name), s.value))
        .collect();
    format!(
        "{} {}.{}({}){returns}{settings}",
        f.kind().to_uppercase(),
        quote(&f.name.schema),
        quote(&f.name.name),
        args.join(", ")
    )
}
