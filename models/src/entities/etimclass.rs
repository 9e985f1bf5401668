use model_core::PgTable;
use sea_orm::entity::prelude::*;

/// Bulk-loaded reference data: no `timestamps` trigger. `class_code` is a UNIQUE constraint
/// because foreign keys, this table's own among them, point at it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "etimclass",
    comment = "ETIM classification classes, multi-language, parent-child"
)]
#[pg(index(
    name = "idx_etimclass_description_fts",
    tsvector(language = "english", columns(description_en))
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text", unique)]
    pub class_code: String,
    #[sea_orm(column_type = "Text")]
    pub description_en: String,
    #[sea_orm(column_type = "Text")]
    pub description_de: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_fr: Option<String>,
    #[sea_orm(column_type = "Text")]
    #[pg(index(name = "idx_etimclass_group"))]
    pub group_code: Option<String>,
    #[sea_orm(column_type = "Text")]
    #[pg(index(name = "idx_etimclass_parent"))]
    pub parent_class_code: Option<String>,
    #[sea_orm(
        self_ref,
        relation_enum = "ParentClass",
        from = "parent_class_code",
        to = "class_code",
        on_update = "Cascade",
        on_delete = "SetNull"
    )]
    pub parent_class: HasOne<Entity>,
    #[sea_orm(column_type = "Text", default_value = "9.0")]
    pub etim_version: String,
    #[pg(default = "CURRENT_TIMESTAMP")]
    pub created_at: DateTimeWithTimeZone,
    #[pg(default = "CURRENT_TIMESTAMP")]
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
