use model_core::PgTable;
use sea_orm::entity::prelude::*;

mod deferred_index {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(table_name = "slot")]
    #[pg(unique(columns(code), r#where = "code <> ''", deferrable))]
    #[pg(primary_key(include(nope)))]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub code: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

mod unknown_keys {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(table_name = "loose")]
    #[pg(primary_key(deferrable, clustered))]
    #[pg(check(name = "loose_code", sql = "code <> ''", not_valid = "yes"))]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[pg(fk(match_partial))]
        pub code: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn main() {}
