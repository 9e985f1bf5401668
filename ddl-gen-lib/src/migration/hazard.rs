//! What a step does to a live database besides its change: the locks it takes on tables that
//! exist (and may hold rows), the work it does over their rows, the data it deletes, and the
//! running code it breaks. The planner attaches them to each step as data; `migrate` prints
//! them, writes them at the top of the migration file and `migrate --check` reports them.
//!
//! A table the migration creates is empty and unused, so steps on it carry none.

use model_core::{ColumnType, QualifiedName};

/// One hazard of one step.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hazard {
    /// Takes ACCESS EXCLUSIVE on the table: every read and write of it waits until the step's
    /// transaction ends (briefly, unless the step also rewrites or scans it), and the step
    /// itself waits for every transaction using the table (bounded by the lock timeout).
    LocksTable(QualifiedName),
    /// Blocks writes to the table (a SHARE or SHARE ROW EXCLUSIVE lock) until the step's
    /// transaction ends; reads go on.
    BlocksWrites(QualifiedName),
    /// Rewrites every row of the table and rebuilds its indexes, under its lock.
    RewritesTable(QualifiedName),
    /// Reads every row of the table (to check or validate it).
    ScansTable(QualifiedName),
    /// Builds an index over every row of the table.
    BuildsIndex(QualifiedName),
    /// Deletes data: what it loses.
    DeletesData(String),
    /// Runs outside a transaction: alone, re-runnable (an interrupted run leaves what the next
    /// run cleans up first).
    NotTransactional,
    /// Code still running against the schema before the migration fails: what it used.
    BreaksRunningCode(String),
    /// Row level security or a policy changes: which rows roles see and write in the table.
    ChangesRowAccess(QualifiedName),
}

impl Hazard {
    /// A short tag, for the one-line lists of `migrate --check`.
    pub fn tag(&self) -> &'static str {
        match self {
            Self::LocksTable(_) => "locks-table",
            Self::BlocksWrites(_) => "blocks-writes",
            Self::RewritesTable(_) => "rewrites-table",
            Self::ScansTable(_) => "scans-table",
            Self::BuildsIndex(_) => "builds-index",
            Self::DeletesData(_) => "deletes-data",
            Self::NotTransactional => "not-transactional",
            Self::BreaksRunningCode(_) => "breaks-running-code",
            Self::ChangesRowAccess(_) => "changes-row-access",
        }
    }
}

impl std::fmt::Display for Hazard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::LocksTable(t) => {
                write!(f, "locks {t} against reads and writes (ACCESS EXCLUSIVE)")
            }
            Self::BlocksWrites(t) => write!(f, "blocks writes to {t}"),
            Self::RewritesTable(t) => write!(f, "rewrites every row of {t}"),
            Self::ScansTable(t) => write!(f, "reads every row of {t}"),
            Self::BuildsIndex(t) => write!(f, "builds an index over {t}"),
            Self::DeletesData(what) => write!(f, "deletes {what}"),
            Self::NotTransactional => write!(f, "runs outside a transaction (re-runnable)"),
            Self::BreaksRunningCode(what) => {
                write!(f, "breaks running code that still uses {what}")
            }
            Self::ChangesRowAccess(t) => {
                write!(f, "changes which rows of {t} each role sees and writes")
            }
        }
    }
}

/// A step's hazards as one line: `[tag, tag] what; what`.
pub fn line(hazards: &[Hazard]) -> String {
    let mut tags: Vec<&str> = hazards.iter().map(Hazard::tag).collect();
    tags.dedup();
    let texts: Vec<String> = hazards.iter().map(Hazard::to_string).collect();
    format!("[{}] {}", tags.join(", "), texts.join("; "))
}

/// Whether changing a column from `from` to `to` rewrites the table: not when the stored bytes
/// stay valid (a longer or unbounded `varchar`, `varchar` to `text`, a `numeric` with more
/// digits before the point and the same scale, or no bound at all).
pub fn type_change_rewrites(from: &ColumnType, to: &ColumnType) -> bool {
    let (ColumnType::Builtin(a), ColumnType::Builtin(b)) = (from, to) else {
        return true;
    };
    let bounded = |t: &str, name: &str| -> Option<Option<String>> {
        if t == name {
            return Some(None);
        }
        let inner = t.strip_prefix(name)?.strip_prefix('(')?.strip_suffix(')')?;
        Some(Some(inner.to_owned()))
    };
    if let (Some(x), Some(y)) = (
        bounded(a, "character varying"),
        bounded(b, "character varying"),
    ) {
        return match (x, y) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(n), Some(m)) => m.parse::<u32>().ok() < n.parse::<u32>().ok(),
        };
    }
    if b == "text" && bounded(a, "character varying").is_some() {
        return false;
    }
    if let (Some(x), Some(y)) = (bounded(a, "numeric"), bounded(b, "numeric")) {
        let ps = |s: &str| -> Option<(i32, i32)> {
            let (p, s) = s.split_once(',')?;
            Some((p.trim().parse().ok()?, s.trim().parse().ok()?))
        };
        return match (x, y) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(x), Some(y)) => match (ps(&x), ps(&y)) {
                (Some((p1, s1)), Some((p2, s2))) => !(s1 == s2 && p2 >= p1),
                _ => true,
            },
        };
    }
    a != b
}

/// Whether adding a column with this default (or identity, or generation expression) writes
/// every existing row: PostgreSQL stores a default once for all rows only when it is not
/// volatile. Any function call but the known stable ones (`now()` and its kin) counts as
/// volatile, since a function's volatility is the database's to say.
pub fn default_rewrites(default: Option<&str>) -> bool {
    const STABLE: &[&str] = &[
        "now",
        "statement_timestamp",
        "transaction_timestamp",
        "current_setting",
        "to_jsonb",
        "jsonb_build_object",
        "jsonb_build_array",
        "json_build_object",
        "array",
    ];
    let Some(text) = default else { return false };
    let mut rest = strip_literals(text).to_lowercase();
    while let Some(at) = rest.find('(') {
        let before = rest[..at].trim_end();
        let word_start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '"'))
            .map_or(0, |i| i + 1);
        let word = before[word_start..].rsplit('.').next().unwrap_or_default();
        let word = word.trim_matches('"');
        // A bare parenthesis, a type's modifier (`numeric(10,2)` in a cast) or a stable call.
        let is_type = before[..word_start].trim_end().ends_with("::");
        if !word.is_empty() && !is_type && !STABLE.contains(&word) {
            return true;
        }
        rest = rest[at + 1..].to_owned();
    }
    false
}

/// The text with its single-quoted literals emptied.
fn strip_literals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    for c in text.chars() {
        if c == '\'' {
            quoted = !quoted;
            out.push(c);
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(t: &str) -> ColumnType {
        ColumnType::Builtin(t.to_owned())
    }

    #[test]
    fn knows_which_type_changes_keep_the_stored_bytes() {
        let rewrites = |a: &str, c: &str| type_change_rewrites(&b(a), &b(c));
        assert!(!rewrites("character varying(10)", "character varying(20)"));
        assert!(!rewrites("character varying(10)", "character varying"));
        assert!(!rewrites("character varying(10)", "text"));
        assert!(!rewrites("numeric(10,2)", "numeric(12,2)"));
        assert!(!rewrites("numeric(10,2)", "numeric"));
        assert!(rewrites("character varying(20)", "character varying(10)"));
        assert!(rewrites("numeric(10,2)", "numeric(12,3)"));
        assert!(rewrites("integer", "bigint"));
        assert!(rewrites("text", "character varying(5)"));
    }

    #[test]
    fn knows_which_defaults_are_written_into_every_row() {
        assert!(!default_rewrites(None));
        assert!(!default_rewrites(Some("0")));
        assert!(!default_rewrites(Some("now()")));
        assert!(!default_rewrites(Some("'a(b)'::text")));
        assert!(!default_rewrites(Some("'0'::numeric(10,2)")));
        assert!(!default_rewrites(Some("(1 + 2)")));
        assert!(default_rewrites(Some("gen_random_uuid()")));
        assert!(default_rewrites(Some("nextval('s'::regclass)")));
        assert!(default_rewrites(Some("app.next_code()")));
        assert!(default_rewrites(Some("clock_timestamp()")));
    }
}
