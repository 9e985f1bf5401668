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
}
