use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "booking")]
#[pg(exclude)]
#[pg(exclude(using = "gist"))]
#[pg(exclude(on(room = "=", hall = "=")))]
#[pg(exclude(expr(sql = "tstzrange(a, b)", with = "&&")))]
#[pg(exclude(using = "rtree", on(room = "= =")))]
#[pg(exclude(expr(sql = "lower(name)")))]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub room: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn main() {}
