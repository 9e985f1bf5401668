use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(table_name = "reading")]
#[pg(partition_by(range(at, nowhere)))]
#[pg(partition(name = "reading_a", values("1")))]
#[pg(partition(name = "reading_b", from("1"), to("2")))]
#[pg(partition(name = "reading_b", default))]
#[pg(partition(name = "reading_c", from("1")))]
#[pg(partition(from("1"), to("2", "3")))]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

mod unpartitioned {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(table_name = "plain")]
    #[pg(partition(name = "plain_0", default))]
    #[pg(partition_by(tree(id)))]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn main() {}
