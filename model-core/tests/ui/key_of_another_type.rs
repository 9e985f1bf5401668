use model_core::{PgTable, SoftDelete};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "document")]
#[pg(soft_delete)]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

async fn restore(db: &DatabaseConnection) -> Result<bool, DbErr> {
    // The key is a UUID: an integer is a compile error, not a failed query.
    Entity::restore_by_id(db, 7).await
}

fn main() {
    let _ = restore;
}
