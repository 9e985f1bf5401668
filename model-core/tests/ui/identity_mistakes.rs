use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "ticket")]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial, identity)]
    pub id: i32,
    #[pg(identity(always, start = 99999999999999999999))]
    pub big: i64,
    #[pg(identity(never))]
    pub odd: i64,
    #[pg(identity)]
    pub maybe: Option<i32>,
    #[pg(identity = "always")]
    pub said: i32,
    #[pg(identity, default = "0")]
    pub both: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn main() {}
