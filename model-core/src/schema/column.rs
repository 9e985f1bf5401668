use super::{Identity, IdentityOptions, QualifiedName};

/// A table column.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Column {
    pub name: String,
    pub ty: ColumnType,
    pub nullable: bool,
    /// Raw SQL default expression (never set together with a serial or identity).
    pub default: Option<String>,
    pub identity: Identity,
    /// The options of an identity column's sequence that are not PostgreSQL's defaults for the
    /// column's type (empty for every other column).
    #[serde(default, skip_serializing_if = "IdentityOptions::is_default")]
    pub identity_options: IdentityOptions,
    pub comment: Option<String>,
    /// The column's previous name (SeaORM's `renamed_from`), for migrations.
    pub renamed_from: Option<String>,
    /// `GENERATED ALWAYS AS (<expr>) STORED`: the value is computed from the row, never written.
    /// Exclusive with `default` and `identity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// `COLLATE ..`: the column's collation, where it is not its type's (`pg_catalog."C"`,
    /// `pg_catalog."und-x-icu"`, a collation of the models' own). `None`: the type's, which for
    /// text is the database's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<QualifiedName>,
}

impl Column {
    /// A nullable column of type `ty` with nothing else said (no default, identity, comment,
    /// generation or collation): set the fields that differ.
    pub fn new(name: impl Into<String>, ty: ColumnType) -> Self {
        Self {
            name: name.into(),
            ty,
            nullable: true,
            default: None,
            identity: Identity::None,
            identity_options: IdentityOptions::default(),
            comment: None,
            renamed_from: None,
            generated: None,
            collation: None,
        }
    }

    /// The column's collation as a person reads it: `"C"`, `shop.german`, or `the type's`.
    pub fn collation_description(&self) -> String {
        (self.collation.as_ref()).map_or_else(
            || "the type's".to_owned(),
            |n| crate::sql_ident::Collation(n).to_string(),
        )
    }
}

/// A column's type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ColumnType {
    /// A built-in type, spelled as PostgreSQL's `format_type()` spells it:
    /// `integer`, `text`, `numeric(12,2)`, `timestamp with time zone`, `integer[]`.
    Builtin(String),
    /// A user-defined enum type.
    Enum(QualifiedName),
    /// A domain of the models (`Schema::domains`).
    Domain(QualifiedName),
    /// The user's raw SQL type (`#[pg(sql_type = "..")]`), rendered as written.
    Raw(String),
}

impl ColumnType {
    pub fn builtin(name: &str) -> Self {
        Self::Builtin(name.to_owned())
    }

    /// The type as PostgreSQL would show it (for messages).
    pub fn display_name(&self) -> String {
        match self {
            Self::Builtin(s) | Self::Raw(s) => s.clone(),
            Self::Enum(q) | Self::Domain(q) => q.to_string(),
        }
    }

    /// Whether values of the type have a collation (`COLLATE` applies): the character types
    /// and arrays of them. `None` for a raw SQL type, which only PostgreSQL can tell.
    pub fn collatable(&self) -> Option<bool> {
        match self {
            Self::Builtin(s) => {
                let element = s.trim_end_matches("[]");
                Some(
                    ["text", "name", "citext"].contains(&element)
                        || element.starts_with("character"),
                )
            }
            Self::Enum(_) => Some(false),
            // The domain's base type says; the column's COLLATE overrides the domain's.
            Self::Raw(_) | Self::Domain(_) => None,
        }
    }

    /// The integer width, for serial/identity checks: 2, 4 or 8 bytes.
    pub fn integer_width(&self) -> Option<u8> {
        match self {
            Self::Builtin(s) => match s.as_str() {
                "smallint" => Some(2),
                "integer" => Some(4),
                "bigint" => Some(8),
                _ => None,
            },
            _ => None,
        }
    }
}
