//! Identifiers and literals as PostgreSQL reads them (model-core's, which the builder writes
//! SQL with too).

pub use model_core::sql_ident::*;
