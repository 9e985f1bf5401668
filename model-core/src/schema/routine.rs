use super::QualifiedName;

/// A trigger function the generator owns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Function {
    pub name: QualifiedName,
    pub body: FunctionBody,
    pub comment: Option<String>,
}

/// What a generated trigger function does; the renderer writes the PL/pgSQL.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FunctionBody {
    /// `NEW.<column> = CURRENT_TIMESTAMP` (the `timestamps` updated column).
    TouchTimestamp { column: String },
    /// `NEW.<column> = OLD.<column> + 1` (the `versioned` column).
    IncrementVersion { column: String },
    /// A PL/pgSQL body as read back from a database (`pg_proc.prosrc`).
    Source(String),
}

/// A `BEFORE UPDATE .. FOR EACH ROW` trigger executing one of the generated functions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Trigger {
    pub name: String,
    pub function: QualifiedName,
    /// The whole `CREATE TRIGGER` as PostgreSQL prints it (`pg_get_triggerdef`), for triggers
    /// read back from a database, whatever their timing and events; `None` for the generated
    /// `BEFORE UPDATE .. FOR EACH ROW` ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

impl Trigger {
    /// The generated kind: `BEFORE UPDATE .. FOR EACH ROW EXECUTE FUNCTION function()`.
    pub fn before_update(name: impl Into<String>, function: QualifiedName) -> Self {
        Self {
            name: name.into(),
            function,
            definition: None,
        }
    }
}
