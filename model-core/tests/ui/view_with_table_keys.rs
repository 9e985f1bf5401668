// A view's entity: what only a table has is refused, each under its key.
use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "recent")]
#[pg(view = "SELECT id, name FROM public.item", soft_delete)]
#[pg(check_option = "everywhere", index(columns(name)))]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[pg(default = "'x'")]
    pub name: String,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

mod stored {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel, PgTable)]
    #[sea_orm(table_name = "totals")]
    #[pg(materialized_view = 42, security_barrier)]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn main() {}
