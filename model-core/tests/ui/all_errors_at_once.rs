use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "item")]
#[pg(soft_delete, versioned)]
#[pg(index(columns(nmae)))]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[pg(colour = "red")]
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn main() {}
