//! A view's query, read by PostgreSQL's parser: what it reads, for the dependency graph.

use crate::error::Problems;
use crate::extras::ViewSpec;
use crate::schema::{QualifiedName, Table, View};

/// The view an entity with `#[pg(view = "..")]` declares: its name and comment are the
/// entity's, its indexes (a materialized view's) those its keys make. The rest of what was
/// read as a table (the primary key SeaORM needs, relations) is SeaORM's alone.
pub(super) fn of_entity(spec: &ViewSpec, read_as_table: Table) -> View {
    View {
        name: read_as_table.name,
        query: View::bare(spec.query).to_owned(),
        materialized: spec.materialized,
        security_barrier: spec.security_barrier,
        check_option: spec.check_option,
        indexes: read_as_table.indexes,
        triggers: Vec::new(),
        comment: read_as_table.comment,
        reads: Vec::new(),
    }
}

/// The relations `v`'s query reads, qualified; a query that does not parse, or names a
/// relation without its schema, is a problem.
#[cfg(feature = "sql-check")]
pub(super) fn reads(v: &View, problems: &mut Problems) -> Vec<QualifiedName> {
    let kind = v.kind().to_lowercase();
    match crate::sql_syntax::view_query(&v.query) {
        Ok(relations) => {
            let mut out = Vec::new();
            for (schema, name) in relations {
                match schema {
                    Some(schema) => out.push(QualifiedName::new(schema, name)),
                    None => problems.push(format!(
                        "{kind} {}: its query reads {name:?} without a schema; write {}.{name} (or pg_catalog.{name}): a view is bound to what its names meant when it was created, so the models name it whatever the search_path",
                        v.name, v.name.schema
                    )),
                }
            }
            out
        }
        Err(e) => {
            problems.push(format!(
                "{kind} {}: {e}; write one SELECT (or VALUES)",
                v.name
            ));
            Vec::new()
        }
    }
}

/// Without PostgreSQL's parser, nothing is known of what a view reads: the script lists views
/// after everything else, by name.
#[cfg(not(feature = "sql-check"))]
pub(super) fn reads(_: &View, _: &mut Problems) -> Vec<QualifiedName> {
    Vec::new()
}
