//! `CREATE TRIGGER` and `DROP TRIGGER`, on a table or a view.

use std::fmt::Write;

use model_core::{QualifiedName, Trigger};

use super::ident::{ident, literal, qualified};

/// `CREATE [OR REPLACE] TRIGGER name timing events ON relation [REFERENCING ..] FOR EACH ..
/// [WHEN (..)] EXECUTE FUNCTION f(args)`, no semicolon. A trigger read back from a database is
/// written as PostgreSQL printed it.
pub fn create_trigger(on: &QualifiedName, tr: &Trigger, or_replace: bool) -> String {
    let or_replace = if or_replace { "OR REPLACE " } else { "" };
    if let Some(definition) = &tr.definition {
        // As PostgreSQL printed it: `CREATE TRIGGER ...` (or `CREATE CONSTRAINT TRIGGER ...`).
        return definition.replacen("CREATE ", &format!("CREATE {or_replace}"), 1);
    }
    let mut out = format!(
        "CREATE {or_replace}TRIGGER {} {} ",
        ident(&tr.name),
        tr.timing.sql()
    );
    for (i, event) in tr.events.iter().enumerate() {
        if i > 0 {
            out.push_str(" OR ");
        }
        out.push_str(event.sql());
        if *event == model_core::TriggerEvent::Update && !tr.update_of.is_empty() {
            let columns: Vec<String> = tr.update_of.iter().map(|c| ident(c)).collect();
            let _ = write!(out, " OF {}", columns.join(", "));
        }
    }
    let _ = write!(out, " ON {}\n    ", qualified(on));
    if tr.old_table.is_some() || tr.new_table.is_some() {
        out.push_str("REFERENCING");
        if let Some(old) = &tr.old_table {
            let _ = write!(out, " OLD TABLE AS {}", ident(old));
        }
        if let Some(new) = &tr.new_table {
            let _ = write!(out, " NEW TABLE AS {}", ident(new));
        }
        out.push_str("\n    ");
    }
    out.push_str(if tr.for_each_statement {
        "FOR EACH STATEMENT"
    } else {
        "FOR EACH ROW"
    });
    if let Some(when) = &tr.when {
        let _ = write!(out, " WHEN ({when})");
    }
    let args: Vec<String> = tr.args.iter().map(|a| literal(a)).collect();
    let _ = write!(
        out,
        " EXECUTE FUNCTION {}({})",
        qualified(&tr.function),
        args.join(", ")
    );
    out
}

/// `DROP TRIGGER name ON relation`, no semicolon.
pub fn drop_trigger(on: &QualifiedName, name: &str) -> String {
    format!("DROP TRIGGER {} ON {}", ident(name), qualified(on))
}
