//! Composite types: `CREATE TYPE .. AS (..)`, and the `ALTER TYPE` statements a migration adds,
//! drops and retypes their attributes with.

use std::fmt::Write;

use model_core::sql_ident::Collation;
use model_core::{Attribute, CompositeType, QualifiedName};

use super::ident::{Ident, Qualified, qualified};

/// `name type [COLLATE ..]`, as `CREATE TYPE` and `ADD ATTRIBUTE` write an attribute.
pub fn attribute(a: &Attribute) -> String {
    let mut s = format!("{} {}", Ident(&a.name), a.data_type);
    if let Some(c) = &a.collation {
        let _ = write!(s, " COLLATE {}", Collation(c));
    }
    s
}

/// `CREATE TYPE name AS (attribute type [COLLATE ..], ..)`.
pub fn create_composite(c: &CompositeType) -> String {
    let attributes: Vec<String> = c.attributes.iter().map(attribute).collect();
    format!(
        "CREATE TYPE {} AS ({})",
        Qualified(&c.name),
        attributes.join(", ")
    )
}

/// `CREATE TYPE .. AS (..)`, made only where no type of its name exists (the re-runnable
/// script).
pub fn create_composite_guarded(c: &CompositeType) -> String {
    super::create::guard_type(&c.name, &create_composite(c))
}

pub fn drop_composite(name: &QualifiedName) -> String {
    format!("DROP TYPE {}", qualified(name))
}

/// `ADD ATTRIBUTE`: it goes last; the columns of the type hold NULL in it.
pub fn add_attribute(name: &QualifiedName, a: &Attribute) -> String {
    format!(
        "ALTER TYPE {} ADD ATTRIBUTE {}",
        Qualified(name),
        attribute(a)
    )
}

/// `DROP ATTRIBUTE`: the columns of the type lose what it held.
pub fn drop_attribute(name: &QualifiedName, attribute: &str) -> String {
    format!(
        "ALTER TYPE {} DROP ATTRIBUTE {}",
        Qualified(name),
        Ident(attribute)
    )
}

/// `ALTER ATTRIBUTE .. TYPE .. [COLLATE ..]`, for a type no column uses (PostgreSQL refuses it
/// otherwise).
pub fn alter_attribute(name: &QualifiedName, a: &Attribute) -> String {
    let mut s = format!(
        "ALTER TYPE {} ALTER ATTRIBUTE {} TYPE {}",
        Qualified(name),
        Ident(&a.name),
        a.data_type
    );
    if let Some(c) = &a.collation {
        let _ = write!(s, " COLLATE {}", Collation(c));
    }
    s
}
