use model_core::PgTable;
use sea_orm::entity::prelude::*;

mod missing {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(table_name = "note")]
    #[pg(tenant)]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub org_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

mod optional {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(table_name = "note")]
    #[pg(tenant(column = "org_id", setting = "tenant"))]
    #[pg(policy(name = "tenant_isolation", using = "true"))]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub org_id: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

mod not_declared {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(table_name = "note")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    pub fn setting() -> &'static str {
        use model_core::TenantScoped;
        Entity::tenant_setting()
    }
}

fn main() {}
