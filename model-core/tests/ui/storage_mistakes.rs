use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "bin")]
#[pg(with(fillfactor = 70, fillfactor = 80))]
#[pg(index(columns(code), with(fillfactor = -true)))]
#[pg(index(columns(code), with))]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[pg(index(with(fillfactor = "")))]
    pub code: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn main() {}
