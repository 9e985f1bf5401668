//! Triggers: a function run by PostgreSQL before, after or instead of rows written to a table or
//! view (`CREATE TRIGGER`).

use super::QualifiedName;

/// A trigger on a table (in [`super::Table::triggers`]) or a view (in
/// [`super::View::triggers`]).
///
/// Declared with [`crate::SchemaBuilder::trigger`]; the `timestamps` and `versioned` keys make
/// `BEFORE UPDATE .. FOR EACH ROW` ones of their own. State files written before triggers had
/// more than a name and a function read as those: the fields after `function` default to
/// `BEFORE UPDATE .. FOR EACH ROW`, and are written only when they say something else.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Trigger {
    pub name: String,
    /// The function it executes, which returns `trigger`.
    pub function: QualifiedName,
    #[serde(default, skip_serializing_if = "TriggerTiming::is_before")]
    pub timing: TriggerTiming,
    /// What fires it: each event once, in PostgreSQL's order (`INSERT`, `DELETE`, `UPDATE`,
    /// `TRUNCATE`).
    #[serde(default = "update_only", skip_serializing_if = "is_update_only")]
    pub events: Vec<TriggerEvent>,
    /// `UPDATE OF these columns`: an update fires it only when it sets one of them. Empty: any
    /// update.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub update_of: Vec<String>,
    /// `FOR EACH STATEMENT` instead of `FOR EACH ROW`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_each_statement: bool,
    /// `WHEN (condition)`, naming `OLD` and `NEW`: as written in the models, or as PostgreSQL
    /// prints it when read from a database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// `REFERENCING OLD TABLE AS name`: the rows before the statement, a relation the function
    /// reads (an `AFTER` trigger's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_table: Option<String>,
    /// `REFERENCING NEW TABLE AS name`: the rows after the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_table: Option<String>,
    /// The arguments passed to the function (`TG_ARGV`): strings, as PostgreSQL keeps them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The whole `CREATE TRIGGER` as PostgreSQL prints it (`pg_get_triggerdef`), for triggers
    /// read back from a database: two databases are compared by it, as PostgreSQL wrote both.
    /// `None` for triggers of the models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

/// When a trigger's function runs, relative to the rows written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TriggerTiming {
    #[default]
    Before,
    After,
    /// Instead of the write, on a view (`FOR EACH ROW` only).
    InsteadOf,
}

impl TriggerTiming {
    fn is_before(&self) -> bool {
        *self == Self::Before
    }

    /// `BEFORE`, `AFTER` or `INSTEAD OF`.
    pub fn sql(self) -> &'static str {
        match self {
            Self::Before => "BEFORE",
            Self::After => "AFTER",
            Self::InsteadOf => "INSTEAD OF",
        }
    }
}

/// A statement that fires a trigger. Ordered as PostgreSQL prints them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum TriggerEvent {
    Insert,
    Delete,
    Update,
    Truncate,
}

impl TriggerEvent {
    pub fn sql(self) -> &'static str {
        match self {
            Self::Insert => "INSERT",
            Self::Delete => "DELETE",
            Self::Update => "UPDATE",
            Self::Truncate => "TRUNCATE",
        }
    }
}

fn update_only() -> Vec<TriggerEvent> {
    vec![TriggerEvent::Update]
}

fn is_update_only(events: &[TriggerEvent]) -> bool {
    events == [TriggerEvent::Update]
}

impl Trigger {
    /// The generated kind: `BEFORE UPDATE .. FOR EACH ROW EXECUTE FUNCTION function()`.
    pub fn before_update(name: impl Into<String>, function: QualifiedName) -> Self {
        Self::new(name, TriggerTiming::Before, function)
    }

    /// `BEFORE .. FOR EACH ROW EXECUTE FUNCTION function()`, its events still to be said
    /// (`.on_insert()`, `.on_update()`, ..).
    pub fn before(name: impl Into<String>, function: QualifiedName) -> Self {
        Self::new(name, TriggerTiming::Before, function).events_cleared()
    }

    /// `AFTER .. FOR EACH ROW EXECUTE FUNCTION function()`, its events still to be said.
    pub fn after(name: impl Into<String>, function: QualifiedName) -> Self {
        Self::new(name, TriggerTiming::After, function).events_cleared()
    }

    /// `INSTEAD OF .. FOR EACH ROW EXECUTE FUNCTION function()` (on a view), its events still
    /// to be said.
    pub fn instead_of(name: impl Into<String>, function: QualifiedName) -> Self {
        Self::new(name, TriggerTiming::InsteadOf, function).events_cleared()
    }

    fn new(name: impl Into<String>, timing: TriggerTiming, function: QualifiedName) -> Self {
        Self {
            name: name.into(),
            function,
            timing,
            events: update_only(),
            update_of: Vec::new(),
            for_each_statement: false,
            when: None,
            old_table: None,
            new_table: None,
            args: Vec::new(),
            comment: None,
            definition: None,
        }
    }

    fn events_cleared(mut self) -> Self {
        self.events.clear();
        self
    }

    fn event(mut self, event: TriggerEvent) -> Self {
        if let Err(at) = self.events.binary_search(&event) {
            self.events.insert(at, event);
        }
        self
    }

    pub fn on_insert(self) -> Self {
        self.event(TriggerEvent::Insert)
    }

    pub fn on_update(self) -> Self {
        self.event(TriggerEvent::Update)
    }

    /// `UPDATE OF columns`: fired by an update that sets one of them.
    pub fn on_update_of(mut self, columns: &[&str]) -> Self {
        self.update_of
            .extend(columns.iter().map(|c| (*c).to_owned()));
        self.event(TriggerEvent::Update)
    }

    pub fn on_delete(self) -> Self {
        self.event(TriggerEvent::Delete)
    }

    /// `TRUNCATE` (a `FOR EACH STATEMENT` trigger's).
    pub fn on_truncate(self) -> Self {
        self.event(TriggerEvent::Truncate)
    }

    /// `FOR EACH STATEMENT`: once per statement, whatever rows it writes.
    pub fn for_each_statement(mut self) -> Self {
        self.for_each_statement = true;
        self
    }

    /// `WHEN (condition)`: the function runs only for rows where it holds.
    pub fn when(mut self, condition: impl Into<String>) -> Self {
        self.when = Some(condition.into().trim().to_owned());
        self
    }

    /// `REFERENCING OLD TABLE AS name`.
    pub fn old_table(mut self, name: impl Into<String>) -> Self {
        self.old_table = Some(name.into());
        self
    }

    /// `REFERENCING NEW TABLE AS name`.
    pub fn new_table(mut self, name: impl Into<String>) -> Self {
        self.new_table = Some(name.into());
        self
    }

    /// One more argument for the function, read in its body as `TG_ARGV[i]`.
    pub fn arg(mut self, value: impl Into<String>) -> Self {
        self.args.push(value.into());
        self
    }

    pub fn comment(mut self, text: impl Into<String>) -> Self {
        self.comment = Some(text.into());
        self
    }

    /// Whether this is the kind `timestamps` and `versioned` make.
    pub fn is_before_update_row(&self) -> bool {
        self.timing == TriggerTiming::Before
            && is_update_only(&self.events)
            && self.update_of.is_empty()
            && !self.for_each_statement
            && self.when.is_none()
            && self.old_table.is_none()
            && self.new_table.is_none()
            && self.args.is_empty()
    }
}
