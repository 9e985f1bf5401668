use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "item")]
#[pg(index(name = "", columns(price)))]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[pg(check = "")]
    pub price: i32,
    #[pg(default = "  ")]
    pub stock: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn main() {}
