use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "account")]
#[pg(row_security, policy(name = "read", command = "selct", using = "true"))]
#[pg(policy(name = "add", command = "insert", using = "true", with_check = "true"))]
#[pg(policy(name = "gone", command = "delete", with_check = "true"))]
#[pg(policy(name = "add", using = "true"))]
#[pg(policy(using = "true"))]
#[pg(policy(name = "nobody", roles(), using = "true"))]
#[pg(row_security(loose))]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn main() {}
