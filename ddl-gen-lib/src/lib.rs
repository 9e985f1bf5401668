//! PostgreSQL DDL from a [`model_core::Schema`]: rendering ([`render`]) and the command line
//! ([`cli`]). See ARCHITECTURE.md for how the pieces fit.

pub mod baseline;
pub mod cli;
pub mod compare;
pub mod connect;
pub mod graph;
pub mod history;
pub mod import;
pub mod inspect;
pub mod introspect;
pub mod migration;
pub mod normal_form;
pub mod rehearse;
pub mod render;
pub mod verify;
