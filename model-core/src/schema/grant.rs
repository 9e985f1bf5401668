use std::fmt;

use super::QualifiedName;

/// Privileges granted to one role on one object (`GRANT .. ON .. TO role`), beyond what
/// PostgreSQL gives by default (the owner everything, `PUBLIC` `EXECUTE` on a function).
/// Roles are the cluster's, not the schema's: `verify` names one the server lacks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Grant {
    /// The role, as PostgreSQL names it, or `PUBLIC` (every role).
    pub role: String,
    /// Sorted, each once.
    pub privileges: Vec<Privilege>,
    /// `WITH GRANT OPTION`: the role may grant these privileges on.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_grant_option: bool,
}

/// One privilege of `GRANT`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Privilege {
    Select,
    Insert,
    Update,
    Delete,
    Truncate,
    References,
    Trigger,
    /// On a schema (find objects in it) or a sequence (`nextval`, `currval`).
    Usage,
    /// On a schema: create objects in it.
    Create,
    /// On a function or procedure.
    Execute,
}

impl Privilege {
    /// As `GRANT` spells it.
    pub fn as_sql(self) -> &'static str {
        match self {
            Self::Select => "SELECT",
            Self::Insert => "INSERT",
            Self::Update => "UPDATE",
            Self::Delete => "DELETE",
            Self::Truncate => "TRUNCATE",
            Self::References => "REFERENCES",
            Self::Trigger => "TRIGGER",
            Self::Usage => "USAGE",
            Self::Create => "CREATE",
            Self::Execute => "EXECUTE",
        }
    }

    /// The privilege `aclexplode()` names `privilege_type`.
    pub fn from_sql(word: &str) -> Option<Self> {
        Some(match word {
            "SELECT" => Self::Select,
            "INSERT" => Self::Insert,
            "UPDATE" => Self::Update,
            "DELETE" => Self::Delete,
            "TRUNCATE" => Self::Truncate,
            "REFERENCES" => Self::References,
            "TRIGGER" => Self::Trigger,
            "USAGE" => Self::Usage,
            "CREATE" => Self::Create,
            "EXECUTE" => Self::Execute,
            _ => return None,
        })
    }
}

impl fmt::Display for Privilege {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_sql())
    }
}

/// `PUBLIC`: every role, present and future.
pub const PUBLIC: &str = "PUBLIC";

impl Grant {
    /// `privileges` granted to `role` (a role name, or [`PUBLIC`]).
    pub fn new(role: impl Into<String>, privileges: &[Privilege]) -> Self {
        let mut privileges = privileges.to_vec();
        privileges.sort();
        privileges.dedup();
        let role = role.into();
        Self {
            role: if role.eq_ignore_ascii_case(PUBLIC) {
                PUBLIC.to_owned()
            } else {
                role
            },
            privileges,
            with_grant_option: false,
        }
    }

    /// `WITH GRANT OPTION`.
    pub fn with_grant_option(mut self) -> Self {
        self.with_grant_option = true;
        self
    }

    /// Whether the role is `PUBLIC`.
    pub fn is_public(&self) -> bool {
        self.role == PUBLIC
    }
}

/// What a grant is on, as [`crate::SchemaBuilder::grant`] names it.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum GrantOn {
    Schema(String),
    /// A table, a view or a materialized view.
    Table(QualifiedName),
    /// A sequence of the models (`Schema::sequences`).
    Sequence(QualifiedName),
    /// A function or procedure, by name and input argument types as
    /// [`super::Function::identity_args`] spells them (`integer, text`; `""` for none).
    Function(QualifiedName, String),
}

impl GrantOn {
    /// The privileges `GRANT` takes on this kind of object.
    pub fn privileges(&self) -> &'static [Privilege] {
        use Privilege::*;
        match self {
            Self::Schema(_) => &[Usage, Create],
            Self::Table(_) => &[
                Select, Insert, Update, Delete, Truncate, References, Trigger,
            ],
            Self::Sequence(_) => &[Select, Update, Usage],
            Self::Function(..) => &[Execute],
        }
    }
}

impl fmt::Display for GrantOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Schema(s) => write!(f, "schema {s}"),
            Self::Table(t) => write!(f, "table {t}"),
            Self::Sequence(s) => write!(f, "sequence {s}"),
            Self::Function(name, args) => write!(f, "function {name}({args})"),
        }
    }
}

/// The grants on one object, as [`super::Schema::grants`] holds them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ObjectGrants {
    pub on: GrantOn,
    /// As [`normal_grants`] leaves them.
    pub grants: Vec<Grant>,
}

impl super::Schema {
    /// Whether the models hold the object `on` names (a grant on anything else is refused).
    pub fn holds(&self, on: &GrantOn) -> bool {
        match on {
            GrantOn::Schema(s) => self.namespaces.iter().any(|n| &n.name == s),
            GrantOn::Table(q) => self.table(q).is_some() || self.view(q).is_some(),
            GrantOn::Sequence(q) => self.sequences.iter().any(|s| &s.name == q),
            GrantOn::Function(q, args) => {
                (self.functions.iter()).any(|f| &f.name == q && f.identity_args() == *args)
            }
        }
    }
}

/// Grants as an object holds them: sorted by role, then without grant option first; one
/// entry per role and option, its privileges merged.
pub fn normal_grants(grants: impl IntoIterator<Item = Grant>) -> Vec<Grant> {
    let mut out: Vec<Grant> = Vec::new();
    for g in grants {
        match (out.iter_mut())
            .find(|o| o.role == g.role && o.with_grant_option == g.with_grant_option)
        {
            Some(o) => {
                o.privileges.extend(g.privileges);
                o.privileges.sort();
                o.privileges.dedup();
            }
            None => out.push(g),
        }
    }
    out.sort_by(|a, b| (&a.role, a.with_grant_option).cmp(&(&b.role, b.with_grant_option)));
    out
}
