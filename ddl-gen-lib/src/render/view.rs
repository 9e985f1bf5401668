//! Views and materialized views: `CREATE [MATERIALIZED] VIEW`, with a materialized view's
//! indexes, and `DROP`.

use std::fmt::Write;

use model_core::View;

use super::create::index_definition_on;
use super::ident::qualified;

/// `CREATE VIEW` (or `CREATE MATERIALIZED VIEW` and its indexes) and its triggers, each statement ended by `;`
/// and a line break. Guarded, a plain view is `CREATE OR REPLACE` (the same query again changes
/// nothing) and a materialized view and its indexes `IF NOT EXISTS`.
pub fn create_view(v: &View, guarded: bool) -> String {
    let mut out = view_statement(v, guarded);
    out.push_str(";\n");
    for i in &v.indexes {
        let _ = writeln!(out, "CREATE {};", index_definition_on(&v.name, i, guarded));
    }
    for tr in &v.triggers {
        let _ = writeln!(out, "{};", super::create_trigger(&v.name, tr, guarded));
    }
    out
}

/// The `CREATE [MATERIALIZED] VIEW` statement alone (no indexes, no semicolon).
pub fn view_statement(v: &View, guarded: bool) -> String {
    let mut out = String::with_capacity(v.query.len() + 128);
    let name = qualified(&v.name);
    if v.materialized {
        let guard = if guarded { "IF NOT EXISTS " } else { "" };
        let _ = write!(
            out,
            "CREATE MATERIALIZED VIEW {guard}{name} AS\n{}",
            v.query
        );
    } else {
        let or_replace = if guarded { "OR REPLACE " } else { "" };
        let barrier = if v.security_barrier {
            " WITH (security_barrier)"
        } else {
            ""
        };
        let _ = write!(
            out,
            "CREATE {or_replace}VIEW {name}{barrier} AS\n{}",
            v.query
        );
        if let Some(option) = v.check_option {
            let _ = write!(
                out,
                "\n    WITH {} CHECK OPTION",
                option.word().to_uppercase()
            );
        }
    }
    out
}

/// `DROP [MATERIALIZED] VIEW name` (its indexes go with it), no semicolon.
pub fn drop_view(v: &View) -> String {
    format!("DROP {} {}", v.kind(), qualified(&v.name))
}
