//! PostgreSQL DDL from the schema model: the create script (plain or re-runnable) and its
//! reverse. The only place in the project that writes DDL text.

pub mod alter;
mod collation;
mod composite;
mod create;
mod domain;
mod drop;
mod grant;
mod ident;
mod order;
mod partition;
mod policy;
pub mod routine;
mod seed;
mod sequence;
mod trigger;
mod view;

pub use collation::{collation_options, create_collation, drop_collation};
pub use composite::{
    add_attribute, alter_attribute, attribute, create_composite, drop_attribute, drop_composite,
};
pub use create::{
    column_type, create_script, exclusion_elements, index_definition, index_definition_on,
    index_keys,
};
pub use domain::{
    add_domain_check, create_domain, domain_default, domain_not_null, drop_domain,
    drop_domain_check,
};
pub use drop::drop_script;
pub use grant::{grant, grant_privileges, grant_summary, grant_target, revoke_privileges};
pub use ident::{Qualified, ident, literal, qualified};
pub use order::{Part, ScriptOrder, script_order};
pub use partition::{
    Bound, PartitionClause, PartitionKeyText, attach_partition, create_partition,
    create_standalone_partition, detach_partition,
};
pub use policy::{create_policy, drop_policy, row_security_of, set_row_security};
pub use routine::{create_function, function_body};
pub use seed::{delete_seed_row, insert_seed_rows, key_condition, update_seed_row};
pub use sequence::{
    alter_sequence, create_sequence, drop_sequence, move_past_rows, sequence_options,
    sequence_owned_by,
};
pub use trigger::{create_trigger, drop_trigger};
pub use view::{create_view, drop_view, view_statement};

/// How the create script is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CreateOptions {
    /// Every statement guarded so the script can run twice on one database and change nothing
    /// the second time.
    pub if_not_exists: bool,
}
