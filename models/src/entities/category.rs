use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "category",
    comment = "Product categories; hierarchical via parent_id, addressed by slug"
)]
#[pg(timestamps)]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    #[pg(index(unique))]
    pub slug: String,
    #[pg(index(name = "idx_category_parent"))]
    pub parent_id: Option<i32>,
    #[sea_orm(
        self_ref,
        relation_enum = "Parent",
        from = "parent_id",
        to = "id",
        on_delete = "SetNull"
    )]
    pub parent: HasOne<Entity>,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
