//! Collations: `CREATE COLLATION` with its provider, locale and determinism. PostgreSQL alters
//! none of those in place; a migration drops one and creates it again.

use std::fmt::Write;

use model_core::{Collation, CollationProvider, QualifiedName};

use super::ident::{Qualified, literal, qualified};

/// `CREATE COLLATION name (provider = .., locale = ..[, deterministic = false])`, or for a libc
/// collation whose `LC_CTYPE` differs, `lc_collate = .., lc_ctype = ..`.
pub fn create_collation(c: &Collation) -> String {
    create(c, "")
}

/// `CREATE COLLATION IF NOT EXISTS` (the re-runnable script).
pub fn create_collation_guarded(c: &Collation) -> String {
    create(c, " IF NOT EXISTS")
}

fn create(c: &Collation, guard: &str) -> String {
    format!(
        "CREATE COLLATION{guard} {} ({})",
        Qualified(&c.name),
        collation_options(c)
    )
}

/// What `CREATE COLLATION` says in parentheses: `provider = icu, locale = '..'[, ..]`.
pub fn collation_options(c: &Collation) -> String {
    let mut s = format!("provider = {}, ", c.provider.as_sql());
    match (&c.ctype, c.provider) {
        (Some(ctype), CollationProvider::Libc) => {
            let _ = write!(
                s,
                "lc_collate = {}, lc_ctype = {}",
                literal(&c.locale),
                literal(ctype)
            );
        }
        _ => {
            let _ = write!(s, "locale = {}", literal(&c.locale));
        }
    }
    if !c.deterministic {
        s.push_str(", deterministic = false");
    }
    s
}

pub fn drop_collation(name: &QualifiedName) -> String {
    format!("DROP COLLATION {}", qualified(name))
}
