//! The `timestamps` and `versioned` keys recognised in a database: a table whose trigger,
//! shared function and columns are exactly what the key would make gets the key, and none of
//! those objects is written out on its own.

use model_core::{Column, FunctionBody, Schema, Table, names};

use crate::render::{function_body, ident, qualified};

/// What one table's triggers say.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Behaviours {
    /// `timestamps(created = .., updated = ..)`: database column names.
    pub timestamps: Option<(String, String)>,
    /// `versioned(column = ..)`: the database column name.
    pub versioned: Option<String>,
}

impl Behaviours {
    /// Whether the trigger named `name` is one the keys make.
    pub fn made_trigger(&self, table: &str, name: &str) -> bool {
        self.timestamps
            .as_ref()
            .is_some_and(|(_, u)| names::touch_trigger(table, u) == name)
            || self
                .versioned
                .as_ref()
                .is_some_and(|v| names::version_trigger(table, v) == name)
    }
}

/// The keys `table` (of `schema`) can declare instead of its triggers.
pub fn recognise(schema: &Schema, table: &Table) -> Behaviours {
    let t = &table.name.name;
    let mut found = Behaviours::default();
    for trigger in &table.triggers {
        let Some(definition) = &trigger.definition else {
            continue;
        };
        if trigger.function.schema != table.name.schema {
            continue;
        }
        let expected = format!(
            "CREATE TRIGGER {} BEFORE UPDATE ON {} FOR EACH ROW EXECUTE FUNCTION {}()",
            ident(&trigger.name),
            qualified(&table.name),
            qualified(&trigger.function)
        );
        if *definition != expected {
            continue;
        }
        let function = schema.functions.iter().find(|f| f.name == trigger.function);
        let source = match function.map(|f| (&f.body, &f.comment)) {
            Some((FunctionBody::Source(source), comment)) => (source, comment.as_deref()),
            _ => continue,
        };
        let shared = |body: FunctionBody, comment: String| {
            *source.0 == function_body(&body) && source.1 == Some(comment.as_str())
        };
        for column in &table.columns {
            let c = column.name.as_str();
            if trigger.name == names::touch_trigger(t, c)
                && trigger.function.name == names::touch_function(c)
                && is_managed_timestamp(column)
                && shared(
                    FunctionBody::TouchTimestamp {
                        column: c.to_owned(),
                    },
                    names::touch_function_comment(c),
                )
                && found.timestamps.is_none()
                && let Some(created) = created_column(table, c)
            {
                found.timestamps = Some((created.to_owned(), c.to_owned()));
            }
            if trigger.name == names::version_trigger(t, c)
                && trigger.function.name == names::version_function(c)
                && column.default.as_deref() == Some("1")
                && !column.nullable
                && column.ty.integer_width().is_some_and(|w| w >= 4)
                && column.generated.is_none()
                && shared(
                    FunctionBody::IncrementVersion {
                        column: c.to_owned(),
                    },
                    names::version_function_comment(c),
                )
                && found.versioned.is_none()
            {
                found.versioned = Some(c.to_owned());
            }
        }
    }
    found
}

/// A `NOT NULL DEFAULT CURRENT_TIMESTAMP` timestamp column, as `timestamps` makes them.
fn is_managed_timestamp(column: &Column) -> bool {
    matches!(
        column.ty.display_name().as_str(),
        "timestamp with time zone" | "timestamp without time zone"
    ) && !column.nullable
        && column.default.as_deref() == Some("CURRENT_TIMESTAMP")
        && column.generated.is_none()
}

/// The creation-time column beside `updated`: `created_at` when it is one, else the first
/// other column made as `timestamps` makes them.
fn created_column<'t>(table: &'t Table, updated: &str) -> Option<&'t str> {
    let candidates = || {
        table
            .columns
            .iter()
            .filter(|c| c.name != updated && is_managed_timestamp(c))
    };
    candidates()
        .find(|c| c.name == "created_at")
        .or_else(|| candidates().next())
        .map(|c| c.name.as_str())
}
