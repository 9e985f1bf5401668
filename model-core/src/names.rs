//! Default names, as PostgreSQL itself would choose them, so generated and hand-written DDL give
//! the same catalog. PostgreSQL truncates long names silently; we refuse them instead
//! (see [`MAX_IDENTIFIER_BYTES`]).

/// PostgreSQL's `NAMEDATALEN - 1`.
pub const MAX_IDENTIFIER_BYTES: usize = 63;

/// The comment every new database's `public` schema carries (`initdb` sets it; databases are
/// copied from its templates).
pub const PUBLIC_SCHEMA_COMMENT: &str = "standard public schema";

pub fn primary_key(table: &str) -> String {
    format!("{table}_pkey")
}

pub fn unique(table: &str, columns: &[&str]) -> String {
    format!("{table}_{}_key", columns.join("_"))
}

pub fn foreign_key(table: &str, columns: &[&str]) -> String {
    format!("{table}_{}_fkey", columns.join("_"))
}

pub fn column_check(table: &str, column: &str) -> String {
    format!("{table}_{column}_check")
}

/// `idx_<table>_<col>_<col>`: the house convention for indexes PostgreSQL would otherwise name
/// `<table>_<col>_idx`.
pub fn index(table: &str, columns: &[&str]) -> String {
    format!("idx_{table}_{}", columns.join("_"))
}

/// The sequence behind a serial or identity column.
pub fn sequence(table: &str, column: &str) -> String {
    format!("{table}_{column}_seq")
}

pub fn touch_trigger(table: &str, column: &str) -> String {
    format!("update_{table}_{column}")
}

pub fn touch_function(column: &str) -> String {
    format!("update_{column}_column")
}

pub fn version_trigger(table: &str, column: &str) -> String {
    format!("increment_{table}_{column}")
}

pub fn version_function(column: &str) -> String {
    format!("increment_{column}_column")
}

/// The comment on the shared function of the `timestamps` key.
pub fn touch_function_comment(column: &str) -> String {
    format!(
        "Sets NEW.{column} to the current timestamp; used by the update_<table>_{column} triggers"
    )
}

/// The comment on the shared function of the `versioned` key.
pub fn version_function_comment(column: &str) -> String {
    format!(
        "Sets NEW.{column} to OLD.{column} + 1; used by the increment_<table>_{column} triggers"
    )
}

/// The schema of an entity without `schema_name`.
pub const DEFAULT_SCHEMA: &str = "public";

/// PostgreSQL's name for an exclusion constraint on `columns`: `<table>_<col>_<col>_excl`.
pub fn exclusion(table: &str, columns: &[&str]) -> String {
    format!("{table}_{}_excl", columns.join("_"))
}
