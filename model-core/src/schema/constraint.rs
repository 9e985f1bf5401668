use super::QualifiedName;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PrimaryKey {
    pub name: String,
    pub columns: Vec<String>,
    /// `DEFERRABLE [INITIALLY DEFERRED]`: uniqueness checked at commit (or at `SET CONSTRAINTS`).
    #[serde(default, skip_serializing_if = "Deferral::is_immediate")]
    pub deferral: Deferral,
    /// Columns stored in the key's index but not part of the key (`INCLUDE (..)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UniqueConstraint {
    pub name: String,
    pub columns: Vec<String>,
    pub nulls_not_distinct: bool,
    #[serde(default, skip_serializing_if = "Deferral::is_immediate")]
    pub deferral: Deferral,
    /// Columns stored in the constraint's index but not part of the key (`INCLUDE (..)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
}

/// When a key or foreign key is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Deferral {
    /// `NOT DEFERRABLE`, PostgreSQL's default: checked after each statement.
    #[default]
    Immediate,
    /// `DEFERRABLE INITIALLY IMMEDIATE`.
    Deferrable,
    /// `DEFERRABLE INITIALLY DEFERRED`.
    InitiallyDeferred,
}

impl Deferral {
    pub fn new(deferrable: bool, initially_deferred: bool) -> Self {
        match (deferrable, initially_deferred) {
            (false, _) => Self::Immediate,
            (true, false) => Self::Deferrable,
            (true, true) => Self::InitiallyDeferred,
        }
    }

    pub fn is_immediate(&self) -> bool {
        *self == Self::Immediate
    }

    /// As DDL after the constraint: empty, ` DEFERRABLE` or ` DEFERRABLE INITIALLY DEFERRED`.
    pub fn sql(self) -> &'static str {
        match self {
            Self::Immediate => "",
            Self::Deferrable => " DEFERRABLE",
            Self::InitiallyDeferred => " DEFERRABLE INITIALLY DEFERRED",
        }
    }

    /// As a person reads it.
    pub fn description(self) -> &'static str {
        match self {
            Self::Immediate => "not deferrable",
            Self::Deferrable => "deferrable",
            Self::InitiallyDeferred => "deferrable initially deferred",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub references: QualifiedName,
    pub referenced_columns: Vec<String>,
    pub on_delete: ForeignKeyAction,
    pub on_update: ForeignKeyAction,
    pub deferrable: bool,
    pub initially_deferred: bool,
    /// `MATCH FULL`: a row whose key columns are all NULL is not checked, one with only some
    /// NULL is refused (PostgreSQL's default, `MATCH SIMPLE`, lets any NULL pass).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub match_full: bool,
    /// `NOT VALID`: rows written from the constraint's creation on are checked; the rows it
    /// found are not (see [`Check::not_valid`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
}

impl ForeignKey {
    pub fn deferral(&self) -> Deferral {
        Deferral::new(self.deferrable, self.initially_deferred)
    }
}

/// `ON DELETE` / `ON UPDATE` actions. `NoAction` is PostgreSQL's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ForeignKeyAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl ForeignKeyAction {
    pub fn sql(self) -> &'static str {
        match self {
            Self::NoAction => "NO ACTION",
            Self::Restrict => "RESTRICT",
            Self::Cascade => "CASCADE",
            Self::SetNull => "SET NULL",
            Self::SetDefault => "SET DEFAULT",
        }
    }
}

/// A CHECK constraint: a name and the user's raw boolean expression.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Check {
    pub name: String,
    pub expr: String,
    /// `NO INHERIT`: not passed on to child tables.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_inherit: bool,
    /// `NOT VALID`: PostgreSQL checks the rows written after the constraint was added, not
    /// those it found (`convalidated` false). The create script adds such a constraint with
    /// `ALTER TABLE .. ADD .. NOT VALID` after its table, so a fresh database holds it as a
    /// migrated one does; dropping the flag in the models makes a migration `VALIDATE` it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
}

impl Check {
    pub fn new(name: impl Into<String>, expr: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            expr: expr.into(),
            no_inherit: false,
            not_valid: false,
        }
    }
}

/// An exclusion constraint: no two rows for which every element's operator says true
/// (`EXCLUDE USING gist (room WITH =, during WITH &&)`: no two bookings of a room overlap).
/// PostgreSQL enforces it with an index of the same name, built by `method`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Exclusion {
    pub name: String,
    pub method: super::IndexMethod,
    pub elements: Vec<ExclusionElement>,
    /// Covering columns (`INCLUDE (..)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// `WHERE (..)`: only rows that match are compared, raw SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    #[serde(default, skip_serializing_if = "Deferral::is_immediate")]
    pub deferral: Deferral,
}

/// One element of an exclusion constraint: a key (a column or an expression, with its
/// operator class, order and collation) and the operator that compares it between two rows
/// (`=`, `&&`, or `OPERATOR(schema.op)` for one outside `pg_catalog`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExclusionElement {
    pub key: super::IndexKey,
    pub operator: String,
}

impl Exclusion {
    /// A GiST exclusion constraint of `elements`: (column, operator) pairs.
    pub fn gist(name: impl Into<String>, elements: &[(&str, &str)]) -> Self {
        Self {
            name: name.into(),
            method: super::IndexMethod::Gist,
            elements: (elements.iter())
                .map(|(column, operator)| ExclusionElement {
                    key: super::IndexKey::column(*column),
                    operator: (*operator).to_owned(),
                })
                .collect(),
            include: Vec::new(),
            predicate: None,
            deferral: Deferral::Immediate,
        }
    }
}
