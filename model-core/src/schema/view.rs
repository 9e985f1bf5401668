use super::{Index, QualifiedName, Trigger};

/// A view or materialized view: a named query (`CREATE [MATERIALIZED] VIEW name AS query`).
///
/// Declared with [`crate::SchemaBuilder::view`] (or `#[pg(view = "..")]` on a SeaORM entity, so
/// that the view is queried through SeaORM like a table). The query is the user's SQL, kept as
/// written; names in it are schema-qualified, so the view is the same whatever `search_path`
/// the script runs with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct View {
    pub name: QualifiedName,
    /// The `SELECT` (or `VALUES`, or `WITH .. SELECT`): as written in the models, or as
    /// `pg_get_viewdef` prints it when read from a database.
    pub query: String,
    /// `CREATE MATERIALIZED VIEW`: the rows are stored, and `REFRESH MATERIALIZED VIEW` reads
    /// the query again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub materialized: bool,
    /// `WITH (security_barrier)`: conditions of the query are applied before a caller's
    /// (plain views only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub security_barrier: bool,
    /// `WITH [LOCAL | CASCADED] CHECK OPTION` (plain views only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_option: Option<CheckOption>,
    /// A materialized view's indexes (a unique one over plain columns allows
    /// `REFRESH MATERIALIZED VIEW CONCURRENTLY`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// Triggers on the view: `INSTEAD OF .. FOR EACH ROW` ones make it writable; `BEFORE` and
    /// `AFTER` ones are `FOR EACH STATEMENT` (plain views only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<Trigger>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The tables and views the query reads, qualified, sorted, each once: found in the query by
    /// PostgreSQL's parser when the schema is built or read, for the dependency graph (a view
    /// is created after what it reads, and dropped and re-created around a change of it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reads: Vec<QualifiedName>,
}

/// What `WITH .. CHECK OPTION` checks rows written through the view against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CheckOption {
    /// This view's own condition only.
    Local,
    /// This view's condition and those of the views it reads.
    Cascaded,
}

impl CheckOption {
    /// The word in `WITH .. CHECK OPTION` and in `reloptions` (`check_option=cascaded`).
    pub fn word(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Cascaded => "cascaded",
        }
    }
}

impl View {
    /// A plain view of `query` (kept without the white space around it and a final `;`, as a
    /// query read from a `.sql` file may end).
    pub fn new(name: QualifiedName, query: impl Into<String>) -> Self {
        Self {
            name,
            query: Self::bare(&query.into()).to_owned(),
            materialized: false,
            security_barrier: false,
            check_option: None,
            indexes: Vec::new(),
            triggers: Vec::new(),
            comment: None,
            reads: Vec::new(),
        }
    }

    /// A materialized view of `query`.
    pub fn materialized(name: QualifiedName, query: impl Into<String>) -> Self {
        Self {
            materialized: true,
            ..Self::new(name, query)
        }
    }

    /// `WITH (security_barrier)`.
    pub fn security_barrier(mut self) -> Self {
        self.security_barrier = true;
        self
    }

    /// `WITH [LOCAL | CASCADED] CHECK OPTION`.
    pub fn check_option(mut self, option: CheckOption) -> Self {
        self.check_option = Some(option);
        self
    }

    /// An index on a materialized view.
    pub fn index(mut self, index: Index) -> Self {
        self.indexes.push(index);
        self
    }

    /// `COMMENT ON [MATERIALIZED] VIEW`.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// `query` without the white space around it and the `;` that may end it.
    pub fn bare(query: &str) -> &str {
        query.trim().trim_end_matches(';').trim_end()
    }

    /// `VIEW` or `MATERIALIZED VIEW`, as SQL names the kind.
    pub fn kind(&self) -> &'static str {
        if self.materialized {
            "MATERIALIZED VIEW"
        } else {
            "VIEW"
        }
    }

    /// Whether the query names `column` as a word (in any case), or selects `*`: a change of
    /// that column of a table it reads changes what the view is bound to.
    pub fn may_read_column(&self, column: &str) -> bool {
        self.query.contains('*') || crate::sql_text::names_word(&self.query, column)
    }
}
