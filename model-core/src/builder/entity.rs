//! Reading one SeaORM entity: what SeaORM exposes at run time, plus the derive's extras.

use sea_orm::sea_query::{PostgresQueryBuilder, QueryBuilder, TableRef};
use sea_orm::{
    ColumnTrait, IdenStatic, Iterable, PrimaryKeyToColumn, PrimaryKeyTrait, RelationTrait,
};

use crate::PgTable;
use crate::extras::TableExtras;
use crate::schema::{ForeignKeyAction, QualifiedName};

/// An entity as read, before names are resolved and checked.
#[derive(Debug)]
pub(crate) struct EntityInput {
    pub name: QualifiedName,
    pub comment: Option<String>,
    pub columns: Vec<ColumnInput>,
    pub primary_key: Vec<String>,
    pub auto_increment: bool,
    pub relations: Vec<RelationInput>,
    pub extras: &'static TableExtras,
}

#[derive(Debug)]
pub(crate) struct ColumnInput {
    pub name: String,
    pub ty: sea_orm::ColumnType,
    pub nullable: bool,
    pub unique: bool,
    /// SeaORM's `default_value` / `default_expr`, rendered to SQL by sea-query.
    pub default: Option<String>,
}

/// A `belongs_to` relation: the foreign key SeaORM would create.
#[derive(Debug)]
pub(crate) struct RelationInput {
    pub columns: Vec<String>,
    pub target: QualifiedName,
    pub target_columns: Vec<String>,
    pub on_delete: ForeignKeyAction,
    pub on_update: ForeignKeyAction,
}

/// An entity without `schema_name` lives in `public`.
use crate::names::DEFAULT_SCHEMA;

impl EntityInput {
    pub fn read<E: PgTable>() -> Self {
        let entity = E::default();
        let name = QualifiedName::new(
            entity.schema_name().unwrap_or(DEFAULT_SCHEMA),
            entity.table_name(),
        );
        let columns = E::Column::iter()
            .map(|column| {
                let def = column.def();
                ColumnInput {
                    name: column.as_str().to_owned(),
                    ty: def.get_column_type().clone(),
                    nullable: def.is_null(),
                    unique: def.is_unique(),
                    default: def.get_column_default().map(|expr| {
                        let mut sql = String::new();
                        PostgresQueryBuilder.prepare_expr(expr, &mut sql);
                        sql
                    }),
                }
            })
            .collect();
        let primary_key = E::PrimaryKey::iter()
            .map(|pk| pk.into_column().as_str().to_owned())
            .collect();
        let relations = E::Relation::iter()
            .map(|r| r.def())
            .filter(|def| !def.is_owner && !def.skip_fk)
            .map(|def| RelationInput {
                columns: def.from_col.iter().map(|c| c.to_string()).collect(),
                target: table_ref_name(&def.to_tbl),
                target_columns: def.to_col.iter().map(|c| c.to_string()).collect(),
                on_delete: def.on_delete.map(action).unwrap_or_default(),
                on_update: def.on_update.map(action).unwrap_or_default(),
            })
            .collect();
        Self {
            name,
            comment: entity.comment().map(str::to_owned),
            columns,
            primary_key,
            auto_increment: E::PrimaryKey::auto_increment(),
            relations,
            extras: E::pg_extras(),
        }
    }
}

fn table_ref_name(table: &TableRef) -> QualifiedName {
    match table {
        TableRef::Table(name, _) => {
            let schema = name.0.as_ref().map(|s| s.1.to_string());
            QualifiedName::new(
                schema.as_deref().unwrap_or(DEFAULT_SCHEMA),
                name.1.to_string(),
            )
        }
        // SeaORM builds relation targets from entities, which are always tables.
        other => QualifiedName::new(DEFAULT_SCHEMA, format!("{other:?}")),
    }
}

fn action(a: sea_orm::sea_query::ForeignKeyAction) -> ForeignKeyAction {
    use sea_orm::sea_query::ForeignKeyAction as A;
    match a {
        A::Restrict => ForeignKeyAction::Restrict,
        A::Cascade => ForeignKeyAction::Cascade,
        A::SetNull => ForeignKeyAction::SetNull,
        A::NoAction => ForeignKeyAction::NoAction,
        A::SetDefault => ForeignKeyAction::SetDefault,
        _ => ForeignKeyAction::NoAction,
    }
}
