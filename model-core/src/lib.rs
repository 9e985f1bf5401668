//! The runtime crate of the schema tool: the typed PostgreSQL schema model, and the builder that
//! reads SeaORM 2 entities plus their `#[derive(PgTable)]` extras into it, with validation.
//!
//! ```ignore
//! let schema = model_core::Schema::builder()
//!     .extension("pg_trgm")
//!     .entity::<product::Entity>()
//!     .build()?;
//! ```

mod builder;
mod connect;
mod entity_columns;
mod error;
pub mod extras;
pub mod names;
pub mod schema;
mod soft_delete;
pub mod sql_ident;
#[cfg(feature = "sql-check")]
pub mod sql_syntax;
pub mod sql_text;
pub mod tenant;
mod validate;
mod versioned;

pub use builder::SchemaBuilder;
#[cfg(feature = "sql-check")]
pub use builder::function_reads;
pub use connect::{connect_options, search_path};
pub use error::SchemaError;
pub use schema::*;
pub use soft_delete::{KeyOf, SoftDelete, SoftDeleteModel};
pub use tenant::TenantScoped;
pub use versioned::{Versioned, VersionedActiveModel, VersionedError};

/// `#[derive(PgTable)]`: reads `#[pg(...)]` (and the SeaORM attributes SeaORM keeps private) on a
/// SeaORM `Model` and implements [`PgTable`] for the `Entity` beside it.
pub use model_macros::PgTable;

/// A SeaORM entity with the PostgreSQL extras of its model. Implemented by `#[derive(PgTable)]`.
pub trait PgTable: sea_orm::EntityTrait {
    fn pg_extras() -> &'static extras::TableExtras;
}

#[doc(hidden)]
pub mod __private {
    pub use sea_orm;
}
