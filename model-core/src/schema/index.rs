/// A secondary index (not the primary key's, nor a UNIQUE constraint's).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Index {
    pub name: String,
    pub unique: bool,
    pub method: IndexMethod,
    pub keys: Vec<IndexKey>,
    /// Covering columns (`INCLUDE (..)`).
    pub include: Vec<String>,
    /// Partial index predicate, raw SQL.
    pub predicate: Option<String>,
    pub nulls_not_distinct: bool,
    /// Storage parameters, `WITH (fillfactor = 70, ..)`. See [`super::Table::storage`].
    #[serde(default, skip_serializing_if = "super::StorageParameters::is_empty")]
    pub storage: super::StorageParameters,
}

impl Index {
    /// The columns of a unique index on plain columns without a predicate: what can serve as a
    /// key (a foreign key's target, an ON CONFLICT arbiter); `None` for any other index.
    pub fn plain_unique_columns(&self) -> Option<Vec<String>> {
        let plain = self.unique
            && self.predicate.is_none()
            && (self.keys.iter()).all(|k| matches!(k.kind, IndexKeyKind::Column(_)));
        plain.then(|| {
            (self.keys.iter())
                .flat_map(|k| k.columns())
                .map(str::to_owned)
                .collect()
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum IndexMethod {
    #[default]
    Btree,
    Gin,
    Gist,
    Brin,
    Hash,
    Spgist,
    /// Another access method (an extension's, such as `bloom`), as read from a database.
    Other(String),
}

impl IndexMethod {
    /// The methods `#[pg(index(using = ".."))]` accepts.
    pub const BUILT_IN: [IndexMethod; 6] = [
        Self::Btree,
        Self::Gin,
        Self::Gist,
        Self::Brin,
        Self::Hash,
        Self::Spgist,
    ];

    pub fn name(&self) -> &str {
        match self {
            Self::Btree => "btree",
            Self::Gin => "gin",
            Self::Gist => "gist",
            Self::Brin => "brin",
            Self::Hash => "hash",
            Self::Spgist => "spgist",
            Self::Other(name) => name,
        }
    }

    /// The method called `name` (`pg_am.amname`); unknown names are kept as [`Self::Other`].
    pub fn from_name(name: &str) -> Self {
        Self::BUILT_IN
            .into_iter()
            .find(|m| m.name() == name)
            .unwrap_or_else(|| Self::Other(name.to_owned()))
    }
}

/// One key of an index: what is indexed, with its operator class and order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexKey {
    pub kind: IndexKeyKind,
    pub opclass: Option<String>,
    pub descending: bool,
    /// `NULLS FIRST` or `NULLS LAST`; `None` for the direction's default (PostgreSQL sorts NULLs
    /// last ascending, first descending). See [`IndexKey::nulls_first`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nulls: Option<NullsOrder>,
    /// `COLLATE ..`: the key's collation, where it is not what it indexes (the column's, or the
    /// expression's). See [`super::Column::collation`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<super::QualifiedName>,
}

/// Where an index key sorts its NULLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NullsOrder {
    First,
    Last,
}

impl NullsOrder {
    /// `First` for `true`, `Last` for `false`.
    pub fn from_first(first: bool) -> Self {
        if first { Self::First } else { Self::Last }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum IndexKeyKind {
    Column(String),
    /// The user's raw SQL expression.
    Expression(String),
    /// Full-text key over text columns: `to_tsvector(language, a || ' ' || COALESCE(b, ''))`.
    TsVector {
        language: String,
        columns: Vec<TsVectorColumn>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TsVectorColumn {
    pub name: String,
    pub nullable: bool,
}

impl IndexKey {
    pub fn column(name: impl Into<String>) -> Self {
        Self {
            kind: IndexKeyKind::Column(name.into()),
            opclass: None,
            descending: false,
            nulls: None,
            collation: None,
        }
    }

    /// A key on a raw SQL expression.
    pub fn expression(sql: impl Into<String>) -> Self {
        Self {
            kind: IndexKeyKind::Expression(sql.into()),
            ..Self::column("")
        }
    }

    /// Whether the key sorts NULLs first: as said, or the direction's default.
    pub fn nulls_first(&self) -> bool {
        self.nulls
            .map_or(self.descending, |n| n == NullsOrder::First)
    }

    /// Whether the key's NULL order is not its direction's default, so DDL must say it.
    pub fn says_nulls(&self) -> bool {
        self.nulls_first() != self.descending
    }

    /// Columns this key reads, where the model knows them (not inside raw expressions).
    pub fn columns(&self) -> Vec<&str> {
        match &self.kind {
            IndexKeyKind::Column(c) => vec![c.as_str()],
            IndexKeyKind::Expression(_) => vec![],
            IndexKeyKind::TsVector { columns, .. } => {
                columns.iter().map(|c| c.name.as_str()).collect()
            }
        }
    }
}
