//! Row level security: `ALTER TABLE .. ENABLE/FORCE ROW LEVEL SECURITY`, `CREATE POLICY` and
//! `DROP POLICY`.

use std::fmt::Write;

use model_core::{Policy, QualifiedName, Table};

use super::ident::{dollar_tag, ident, literal, qualified};

/// `CREATE POLICY name ON table [AS RESTRICTIVE] [FOR command] [TO roles] [USING (..)]
/// [WITH CHECK (..)]`, no semicolon. Guarded, a `DO` block that creates it unless a policy of
/// that name is on the table.
pub fn create_policy(on: &QualifiedName, p: &Policy, guarded: bool) -> String {
    if !guarded {
        return statement(on, p, "\n    ");
    }
    let body = format!(
        " BEGIN\n    IF NOT EXISTS (SELECT FROM pg_policy WHERE polrelid = {}::regclass AND polname = {}) THEN\n        {};\n    END IF;\nEND ",
        literal(&qualified(on)),
        literal(&p.name),
        statement(on, p, "\n            ")
    );
    let tag = dollar_tag("ddl", &body);
    format!("DO {tag}{body}{tag}")
}

/// The `CREATE POLICY` statement, its `USING` and `WITH CHECK` each after `indent`.
fn statement(on: &QualifiedName, p: &Policy, indent: &str) -> String {
    let mut out = format!("CREATE POLICY {} ON {}", ident(&p.name), qualified(on));
    if p.restrictive {
        out.push_str(" AS RESTRICTIVE");
    }
    if p.command != model_core::PolicyCommand::All {
        let _ = write!(out, " FOR {}", p.command.sql());
    }
    if !p.roles.is_empty() {
        let roles: Vec<String> = p.roles.iter().map(|r| ident(r)).collect();
        let _ = write!(out, " TO {}", roles.join(", "));
    }
    if let Some(using) = &p.using {
        let _ = write!(out, "{indent}USING ({using})");
    }
    if let Some(check) = &p.with_check {
        let _ = write!(out, "{indent}WITH CHECK ({check})");
    }
    out
}

/// `DROP POLICY name ON table`, no semicolon.
pub fn drop_policy(on: &QualifiedName, name: &str) -> String {
    format!("DROP POLICY {} ON {}", ident(name), qualified(on))
}

/// The statements (no semicolons) that take `t`'s row level security from `before` to
/// `after`, each `(enabled, forced)`.
pub fn set_row_security(
    t: &QualifiedName,
    before: (bool, bool),
    after: (bool, bool),
) -> Vec<String> {
    let mut out = Vec::new();
    let table = qualified(t);
    if before.0 != after.0 {
        let to = if after.0 { "ENABLE" } else { "DISABLE" };
        out.push(format!("ALTER TABLE {table} {to} ROW LEVEL SECURITY"));
    }
    if before.1 != after.1 {
        let to = if after.1 { "FORCE" } else { "NO FORCE" };
        out.push(format!("ALTER TABLE {table} {to} ROW LEVEL SECURITY"));
    }
    out
}

/// `t`'s row level security as `(enabled, forced)`.
pub fn row_security_of(t: &Table) -> (bool, bool) {
    (t.row_security, t.force_row_security)
}
