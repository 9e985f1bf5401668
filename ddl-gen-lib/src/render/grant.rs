//! Grants: `GRANT .. ON .. TO ..` and the `REVOKE`s a migration takes privileges back with.

use model_core::{Grant, GrantOn, PUBLIC, Privilege};

use super::ident::{Ident, Qualified};

/// What `GRANT .. ON` names: `SCHEMA s`, `TABLE s.t` (a view too), `SEQUENCE s.q`,
/// `ROUTINE s.f(integer, text)` (a function or a procedure).
pub fn grant_target(on: &GrantOn) -> String {
    match on {
        GrantOn::Schema(s) => format!("SCHEMA {}", Ident(s)),
        GrantOn::Table(q) => format!("TABLE {}", Qualified(q)),
        GrantOn::Sequence(q) => format!("SEQUENCE {}", Qualified(q)),
        GrantOn::Function(q, args) => format!("ROUTINE {}({args})", Qualified(q)),
    }
}

/// The role as `GRANT` names it: `PUBLIC` is a keyword, any other role an identifier.
fn role(name: &str) -> String {
    match name {
        PUBLIC => PUBLIC.to_owned(),
        _ => Ident(name).to_string(),
    }
}

fn privileges(list: &[Privilege]) -> String {
    let words: Vec<&str> = list.iter().map(|p| p.as_sql()).collect();
    words.join(", ")
}

/// `GRANT privileges ON target TO role [WITH GRANT OPTION]`.
pub fn grant(on: &GrantOn, g: &Grant) -> String {
    grant_privileges(on, &g.role, &g.privileges, g.with_grant_option)
}

pub fn grant_privileges(on: &GrantOn, to: &str, list: &[Privilege], option: bool) -> String {
    format!(
        "GRANT {} ON {} TO {}{}",
        privileges(list),
        grant_target(on),
        role(to),
        if option { " WITH GRANT OPTION" } else { "" }
    )
}

/// `REVOKE privileges ON target FROM role`, or with `option_only`, `REVOKE GRANT OPTION FOR`
/// (the privileges stay).
pub fn revoke_privileges(
    on: &GrantOn,
    from: &str,
    list: &[Privilege],
    option_only: bool,
) -> String {
    format!(
        "REVOKE {}{} ON {} FROM {}",
        if option_only { "GRANT OPTION FOR " } else { "" },
        privileges(list),
        grant_target(on),
        role(from)
    )
}

/// A grant as `verify` prints it: `reader SELECT, INSERT`, `lead SELECT WITH GRANT OPTION`.
pub fn grant_summary(g: &Grant) -> String {
    format!(
        "{} {}{}",
        role(&g.role),
        privileges(&g.privileges),
        if g.with_grant_option {
            " WITH GRANT OPTION"
        } else {
            ""
        }
    )
}
