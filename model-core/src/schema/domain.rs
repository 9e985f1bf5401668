use super::QualifiedName;

/// A domain (`CREATE DOMAIN`): a base type with a default, `NOT NULL` and checks of its own,
/// usable as a column's type ([`super::ColumnType::Domain`]). Every column of the domain gets
/// its checks; a change of them is one `ALTER DOMAIN`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Domain {
    pub name: QualifiedName,
    /// The base type, as PostgreSQL's `format_type()` spells it (`text`, `numeric(12,2)`,
    /// `shop.mood`, `integer[]`).
    pub data_type: String,
    /// `COLLATE ..`, where it is not the base type's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<QualifiedName>,
    /// Raw SQL default expression, used where a column of the domain has none of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// `NOT NULL`: no column of the domain holds NULL.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_null: bool,
    /// `CONSTRAINT name CHECK (expr)`, over `VALUE`; sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<DomainCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A check of a domain: a boolean expression over `VALUE`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DomainCheck {
    pub name: String,
    pub expr: String,
}

impl Domain {
    /// A domain over `data_type` (spelled as `format_type()` spells it: `text`,
    /// `character varying(80)`, `numeric(12,2)`) with nothing else said.
    pub fn new(name: QualifiedName, data_type: impl Into<String>) -> Self {
        Self {
            name,
            data_type: data_type.into(),
            collation: None,
            default: None,
            not_null: false,
            checks: Vec::new(),
            comment: None,
        }
    }

    /// `CONSTRAINT name CHECK (expr)`: `expr` is a boolean SQL expression over `VALUE`
    /// (`VALUE ~ '^[^@]+@[^@]+$'`).
    pub fn check(mut self, name: impl Into<String>, expr: impl Into<String>) -> Self {
        let check = DomainCheck {
            name: name.into(),
            expr: expr.into(),
        };
        let at = self.checks.partition_point(|c| c.name <= check.name);
        self.checks.insert(at, check);
        self
    }

    /// `DEFAULT expr`, a raw SQL expression.
    pub fn default(mut self, expr: impl Into<String>) -> Self {
        self.default = Some(expr.into());
        self
    }

    /// `NOT NULL`.
    pub fn not_null(mut self) -> Self {
        self.not_null = true;
        self
    }

    /// `COLLATE collation` (`QualifiedName::new("pg_catalog", "C")`).
    pub fn collate(mut self, collation: QualifiedName) -> Self {
        self.collation = Some(collation);
        self
    }

    /// `COMMENT ON DOMAIN`.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// The check named `name`.
    pub fn check_named(&self, name: &str) -> Option<&DomainCheck> {
        self.checks.iter().find(|c| c.name == name)
    }
}
