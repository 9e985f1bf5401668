use std::fmt;

/// Everything wrong with a set of models, found at `build()`: every problem at once, each naming
/// the object, what is wrong, and what to do.
#[derive(Clone, PartialEq, Eq)]
pub struct SchemaError {
    pub problems: Vec<String>,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(
            f,
            "the models are not a valid schema ({n} problem{}):",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            writeln!(f, "  - {p}")?;
        }
        Ok(())
    }
}

/// Reads like `Display`, so `schema().expect("valid schema")` shows the list, not a struct dump.
impl fmt::Debug for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for SchemaError {}

/// Collects problems while building; turns into `Err` when any were found.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<String>);

impl Problems {
    pub fn push(&mut self, problem: impl Into<String>) {
        self.0.push(problem.into());
    }

    /// How many problems were found so far.
    #[cfg_attr(not(feature = "sql-check"), allow(dead_code))]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn finish<T>(self, value: T) -> Result<T, SchemaError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(SchemaError { problems: self.0 })
        }
    }
}
