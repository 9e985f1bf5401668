//! Sequences of their own: `CREATE SEQUENCE` with every option spelled out (so a database read
//! back renders to the same sequence), and the `OWNED BY` that follows the tables.

use model_core::{QualifiedName, Sequence};

use super::ident::{ident, literal, qualified};

/// `AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE .. START WITH 1 CACHE 1 NO CYCLE`.
pub fn sequence_options(s: &Sequence) -> String {
    format!(
        "AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {} {}",
        s.data_type,
        s.increment,
        s.min_value,
        s.max_value,
        s.start,
        s.cache,
        if s.cycle { "CYCLE" } else { "NO CYCLE" }
    )
}

pub fn create_sequence(s: &Sequence, if_not_exists: bool) -> String {
    format!(
        "CREATE SEQUENCE {}{} {}",
        if if_not_exists { "IF NOT EXISTS " } else { "" },
        qualified(&s.name),
        sequence_options(s)
    )
}

/// `OWNED BY table.column`, or `OWNED BY NONE`.
pub fn sequence_owned_by(s: &Sequence) -> String {
    let owner = s.owned_by.as_ref().map_or_else(
        || "NONE".to_owned(),
        |o| format!("{}.{}", qualified(&o.table), ident(&o.column)),
    );
    format!("ALTER SEQUENCE {} OWNED BY {owner}", qualified(&s.name))
}

pub fn alter_sequence(s: &Sequence) -> String {
    format!(
        "ALTER SEQUENCE {} {}",
        qualified(&s.name),
        sequence_options(s)
    )
}

/// `IF EXISTS`: a sequence owned by a column goes with it, and that column may be dropped first.
pub fn drop_sequence(name: &QualifiedName) -> String {
    format!("DROP SEQUENCE IF EXISTS {}", qualified(name))
}

/// Moves the sequence of serial or identity column `column` past the values the table's rows
/// hold (the highest for an ascending sequence, the lowest for a descending one), where they
/// hold values it has not handed out yet: never back, never beyond its bounds. For rows given
/// their values (seed rows), and for a column that becomes serial or identity over rows.
pub fn move_past_rows(table: &QualifiedName, column: &str) -> String {
    let sequence = format!(
        "pg_get_serial_sequence({}, {})",
        literal(&qualified(table)),
        literal(column)
    );
    let c = ident(column);
    format!(
        "SELECT setval(q.seqrelid::regclass, x.m) FROM pg_sequence AS q, LATERAL (SELECT CASE WHEN q.seqincrement > 0 THEN max({c}) ELSE min({c}) END AS m FROM {}) AS x WHERE q.seqrelid = {sequence}::regclass AND x.m BETWEEN q.seqmin AND q.seqmax AND (x.m - coalesce(pg_sequence_last_value(q.seqrelid::regclass)::numeric + q.seqincrement, q.seqstart)) * sign(q.seqincrement) >= 0",
        qualified(table)
    )
}
