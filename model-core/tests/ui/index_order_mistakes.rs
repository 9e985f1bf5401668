use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "slot")]
#[pg(index(columns(desc(desc(code)))))]
#[pg(index(columns(nulls_first(nulls_last(code)))))]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[pg(index(nulls_first, nulls_last))]
    pub code: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn main() {}
