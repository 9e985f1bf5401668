use std::fmt;

use super::QualifiedName;

/// `PARTITION BY RANGE|LIST|HASH (..)`: a partitioned table keeps no rows of its own; each row
/// goes to the partition whose bound holds its key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PartitionBy {
    pub strategy: PartitionStrategy,
    /// The key, in order: columns and expressions.
    pub key: Vec<PartitionKey>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PartitionStrategy {
    Range,
    List,
    Hash,
}

/// One element of a partition key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartitionKey {
    /// A column of the table, by name.
    Column(String),
    /// An expression over the row (`lower(region)`), raw SQL.
    Expression(String),
}

/// A partition of a partitioned table: a table of its own whose columns, keys, constraints,
/// indexes and triggers are its parent's; what the model holds of it is its name, its bound and
/// its comment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Partition {
    pub name: QualifiedName,
    pub bound: PartitionBound,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// What rows a partition holds, its `FOR VALUES ..` or `DEFAULT`. Values are SQL literals, one
/// per key element (`'2026-01-01'`, `42`, `NULL`), or `MINVALUE`/`MAXVALUE` in a range.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartitionBound {
    /// `FROM (..) TO (..)`: from the first (included) up to the second (excluded).
    Range { from: Vec<String>, to: Vec<String> },
    /// `IN (..)`: keys equal to one of the values.
    List(Vec<String>),
    /// `WITH (MODULUS m, REMAINDER r)`: keys whose hash leaves `remainder` divided by `modulus`.
    Hash { modulus: u32, remainder: u32 },
    /// `DEFAULT`: the rows no other partition holds (range and list only).
    Default,
}

impl PartitionStrategy {
    /// As `PARTITION BY` says it.
    pub fn as_sql(self) -> &'static str {
        match self {
            Self::Range => "RANGE",
            Self::List => "LIST",
            Self::Hash => "HASH",
        }
    }

    /// From `RANGE`, `LIST` or `HASH`, any case.
    pub fn from_sql(word: &str) -> Option<Self> {
        match word.to_ascii_uppercase().as_str() {
            "RANGE" => Some(Self::Range),
            "LIST" => Some(Self::List),
            "HASH" => Some(Self::Hash),
            _ => None,
        }
    }
}

impl fmt::Display for PartitionStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_sql())
    }
}

impl PartitionBy {
    /// `PARTITION BY RANGE (columns..)`.
    pub fn range<S: Into<String>>(columns: impl IntoIterator<Item = S>) -> Self {
        Self::of(PartitionStrategy::Range, columns)
    }

    /// `PARTITION BY LIST (column)`.
    pub fn list(column: impl Into<String>) -> Self {
        Self::of(PartitionStrategy::List, [column])
    }

    /// `PARTITION BY HASH (columns..)`.
    pub fn hash<S: Into<String>>(columns: impl IntoIterator<Item = S>) -> Self {
        Self::of(PartitionStrategy::Hash, columns)
    }

    /// Partitioned by `strategy` over `columns`.
    pub fn of<S: Into<String>>(
        strategy: PartitionStrategy,
        columns: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            strategy,
            key: columns
                .into_iter()
                .map(|c| PartitionKey::Column(c.into()))
                .collect(),
        }
    }

    /// Partitioned by `strategy` over the one expression `sql`.
    pub fn expression(strategy: PartitionStrategy, sql: impl Into<String>) -> Self {
        Self {
            strategy,
            key: vec![PartitionKey::Expression(sql.into())],
        }
    }

    /// The columns the key names (an expression's are not known without parsing it).
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.key.iter().filter_map(|k| match k {
            PartitionKey::Column(c) => Some(c.as_str()),
            PartitionKey::Expression(_) => None,
        })
    }
}

impl Partition {
    fn new(name: QualifiedName, bound: PartitionBound) -> Self {
        Self {
            name,
            bound,
            comment: None,
        }
    }

    /// `FOR VALUES FROM (from..) TO (to..)`, one literal per key element.
    pub fn range<S: Into<String>, T: Into<String>>(
        name: QualifiedName,
        from: impl IntoIterator<Item = S>,
        to: impl IntoIterator<Item = T>,
    ) -> Self {
        let from = from.into_iter().map(Into::into).collect();
        let to = to.into_iter().map(Into::into).collect();
        Self::new(name, PartitionBound::Range { from, to })
    }

    /// `FOR VALUES IN (values..)`.
    pub fn list<S: Into<String>>(name: QualifiedName, values: impl IntoIterator<Item = S>) -> Self {
        let values = values.into_iter().map(Into::into).collect();
        Self::new(name, PartitionBound::List(values))
    }

    /// `FOR VALUES WITH (MODULUS modulus, REMAINDER remainder)`.
    pub fn hash(name: QualifiedName, modulus: u32, remainder: u32) -> Self {
        Self::new(name, PartitionBound::Hash { modulus, remainder })
    }

    /// `DEFAULT`: the rows no other partition holds.
    pub fn default_for(name: QualifiedName) -> Self {
        Self::new(name, PartitionBound::Default)
    }

    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }
}

impl PartitionBound {
    /// The strategy the bound is for; `None` for `DEFAULT`, which range and list both take.
    pub fn strategy(&self) -> Option<PartitionStrategy> {
        match self {
            Self::Range { .. } => Some(PartitionStrategy::Range),
            Self::List(_) => Some(PartitionStrategy::List),
            Self::Hash { .. } => Some(PartitionStrategy::Hash),
            Self::Default => None,
        }
    }
}
