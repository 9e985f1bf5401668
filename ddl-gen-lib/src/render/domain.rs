//! Domains: `CREATE DOMAIN` with its collation, default, `NOT NULL` and named checks, and the
//! `ALTER DOMAIN` statements a migration changes one with.

use std::fmt::Write;

use model_core::{Domain, DomainCheck, QualifiedName};

use super::ident::{Ident, Qualified, qualified};

/// `CREATE DOMAIN name AS type [COLLATE ..] [DEFAULT ..] [NOT NULL] [CONSTRAINT c CHECK (..)]..`.
pub fn create_domain(d: &Domain) -> String {
    let mut s = format!("CREATE DOMAIN {} AS {}", Qualified(&d.name), d.data_type);
    if let Some(c) = &d.collation {
        let _ = write!(s, " COLLATE {}", model_core::sql_ident::Collation(c));
    }
    if let Some(default) = &d.default {
        let _ = write!(s, " DEFAULT {default}");
    }
    if d.not_null {
        s.push_str(" NOT NULL");
    }
    for c in &d.checks {
        let _ = write!(s, " {}", check_clause(c));
    }
    s
}

/// `CREATE DOMAIN`, made only where no type of its name exists (the re-runnable script).
pub fn create_domain_guarded(d: &Domain) -> String {
    super::create::guard_type(&d.name, &create_domain(d))
}

fn check_clause(c: &DomainCheck) -> String {
    format!("CONSTRAINT {} CHECK ({})", Ident(&c.name), c.expr)
}

pub fn drop_domain(name: &QualifiedName) -> String {
    format!("DROP DOMAIN {}", qualified(name))
}

/// `SET DEFAULT ..` or `DROP DEFAULT`: columns of the domain get it on their next insert.
pub fn domain_default(d: &Domain) -> String {
    match &d.default {
        Some(expr) => format!("ALTER DOMAIN {} SET DEFAULT {expr}", Qualified(&d.name)),
        None => format!("ALTER DOMAIN {} DROP DEFAULT", Qualified(&d.name)),
    }
}

/// `SET NOT NULL` (which reads every column of the domain) or `DROP NOT NULL`.
pub fn domain_not_null(d: &Domain) -> String {
    let change = if d.not_null { "SET" } else { "DROP" };
    format!("ALTER DOMAIN {} {change} NOT NULL", Qualified(&d.name))
}

/// `ADD CONSTRAINT c CHECK (..)`: checks every value the domain's columns hold.
pub fn add_domain_check(name: &QualifiedName, c: &DomainCheck) -> String {
    format!("ALTER DOMAIN {} ADD {}", Qualified(name), check_clause(c))
}

pub fn drop_domain_check(name: &QualifiedName, check: &str) -> String {
    format!(
        "ALTER DOMAIN {} DROP CONSTRAINT {}",
        Qualified(name),
        Ident(check)
    )
}
