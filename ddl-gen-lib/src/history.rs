//! sea-orm-migration's history table (`seaql_migrations` unless a crate names another): the
//! migration tool's bookkeeping, not the schema's, so `verify` and `diff` set it aside and say
//! so instead of reporting it as an extra table.

use model_core::{QualifiedName, Schema};

/// sea-orm-migration's default name for its history table.
pub const DEFAULT_TABLE: &str = "seaql_migrations";

/// Where a migration that runs in parts (see `ddl-gen migrate`) records the parts done.
pub const PARTS_TABLE: &str = "ddl_gen_parts";

/// Takes the history table `name` and the parts table (in any schema read) out of `schema`,
/// unless `models` declare a table of that name; returns the tables it took out.
pub fn set_aside(schema: &mut Schema, name: &str, models: Option<&Schema>) -> Vec<QualifiedName> {
    let mut taken = Vec::new();
    schema.tables.retain(|t| {
        let history = (t.name.name == name || t.name.name == PARTS_TABLE)
            && models.is_none_or(|m| m.table(&t.name).is_none());
        if history {
            taken.push(t.name.clone());
        }
        !history
    });
    taken
}
