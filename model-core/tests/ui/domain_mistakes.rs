use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "letter")]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(domain = "post.counter", identity)]
    pub id: i32,
    #[pg(domain = "a.b.c")]
    pub three_parts: String,
    #[pg(domain = "post.")]
    pub no_name: String,
    #[pg(domain = "post.code", sql_type = "text")]
    pub typed_twice: String,
    #[pg(domain = "post.code", domain = "post.other")]
    pub twice: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn main() {}
