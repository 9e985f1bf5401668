//! Row level security: a table's `ENABLE`/`FORCE ROW LEVEL SECURITY` and its policies
//! (`CREATE POLICY`), and the tenant isolation `#[pg(tenant)]` builds from them.

/// A row level security policy on a table (in [`super::Table::policies`]).
///
/// Which rows a command may see (`using`) and write (`with_check`) for the roles it names. A
/// table's policies apply only while its row level security is enabled; a permissive policy
/// adds rows (OR), a restrictive one takes them away (AND).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Policy {
    pub name: String,
    /// `AS RESTRICTIVE` instead of the default `AS PERMISSIVE`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub restrictive: bool,
    #[serde(default, skip_serializing_if = "PolicyCommand::is_all")]
    pub command: PolicyCommand,
    /// The roles it applies to, sorted, each once; empty for `PUBLIC` (every role).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// `USING (..)`: the rows existing rows must be to be seen, updated or deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    /// `WITH CHECK (..)`: the rows an insert or update may write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
}

/// The command a policy applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PolicyCommand {
    #[default]
    All,
    Select,
    Insert,
    Update,
    Delete,
}

impl PolicyCommand {
    pub const EVERY: [Self; 5] = [
        Self::All,
        Self::Select,
        Self::Insert,
        Self::Update,
        Self::Delete,
    ];

    fn is_all(&self) -> bool {
        *self == Self::All
    }

    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub fn sql(self) -> &'static str {
        match self {
            Self::All => "ALL",
            Self::Select => "SELECT",
            Self::Insert => "INSERT",
            Self::Update => "UPDATE",
            Self::Delete => "DELETE",
        }
    }

    /// The command named `name` (`"select"`, `"ALL"`, ...).
    pub fn parse(name: &str) -> Option<Self> {
        Self::EVERY
            .into_iter()
            .find(|c| c.sql().eq_ignore_ascii_case(name))
    }

    /// Whether a policy for this command may have a `USING` expression (an `INSERT` policy
    /// sees no existing row).
    pub fn takes_using(self) -> bool {
        self != Self::Insert
    }

    /// Whether a policy for this command may have a `WITH CHECK` expression (`SELECT` and
    /// `DELETE` write no row).
    pub fn takes_with_check(self) -> bool {
        !matches!(self, Self::Select | Self::Delete)
    }
}

impl Policy {
    /// A permissive policy for every command and role, limiting nothing until given `using`
    /// and `with_check`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            restrictive: false,
            command: PolicyCommand::All,
            roles: Vec::new(),
            using: None,
            with_check: None,
        }
    }

    /// `FOR command`.
    pub fn command(mut self, command: PolicyCommand) -> Self {
        self.command = command;
        self
    }

    /// `TO roles` (sorted, each once; `public` or none: every role).
    pub fn to<S: Into<String>>(mut self, roles: impl IntoIterator<Item = S>) -> Self {
        self.roles = normal_roles(roles.into_iter().map(Into::into));
        self
    }

    /// `USING (expr)`.
    pub fn using(mut self, expr: impl Into<String>) -> Self {
        self.using = Some(expr.into());
        self
    }

    /// `WITH CHECK (expr)`.
    pub fn with_check(mut self, expr: impl Into<String>) -> Self {
        self.with_check = Some(expr.into());
        self
    }

    /// `AS RESTRICTIVE`.
    pub fn restrictive(mut self) -> Self {
        self.restrictive = true;
        self
    }

    /// The SQL expressions it holds.
    pub fn expressions(&self) -> impl Iterator<Item = &str> {
        self.using
            .iter()
            .chain(&self.with_check)
            .map(String::as_str)
    }
}

/// Roles as a policy holds them: sorted, each once, `public` (PostgreSQL's word for every
/// role, in any case) left out.
pub fn normal_roles(roles: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = roles
        .into_iter()
        .filter(|r| !r.eq_ignore_ascii_case("public"))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `#[pg(tenant)]`: rows belong to one tenant each, and a session sees and writes only the rows
/// of the tenant its setting names. The column, its index, row level security (enabled and
/// forced) and the isolating policy are in the table like any other; this says where they came
/// from, for the run-time helpers and `ddl-gen import`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tenant {
    /// The column holding the row's tenant (`tenant_id`).
    pub column: String,
    /// The setting naming the session's tenant (`app.tenant_id`).
    pub setting: String,
}

impl Tenant {
    /// The setting a tenant key names unless told otherwise.
    pub const DEFAULT_SETTING: &'static str = "app.tenant_id";
    /// The column a tenant key names unless told otherwise.
    pub const DEFAULT_COLUMN: &'static str = "tenant_id";
    /// The name of the policy the tenant key makes.
    pub const POLICY: &'static str = "tenant_isolation";

    /// The session's tenant as a value of `sql_type`: the setting read without failing when it
    /// was never set, an empty one (what a setting set only for a finished transaction reads)
    /// as NULL, so a session that names no tenant sees no row and writes none.
    pub fn current(&self, sql_type: &str) -> String {
        format!(
            "NULLIF(current_setting({}, true), '')::{sql_type}",
            crate::sql_ident::literal(&self.setting)
        )
    }

    /// The condition a row of the session's tenant meets.
    pub fn condition(&self, sql_type: &str) -> String {
        format!(
            "{} = {}",
            crate::sql_ident::Ident(&self.column),
            self.current(sql_type)
        )
    }
}
