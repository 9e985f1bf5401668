use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "word")]
#[pg(index(columns(code), collate(schema = "shop")))]
#[pg(index(columns(code), collate(name = "C", locale = "de")))]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[pg(collate = "C", collate = "POSIX")]
    pub code: String,
    #[pg(collate)]
    pub label: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn main() {}
