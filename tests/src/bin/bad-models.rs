//! A generator binary over invalid models, for the CLI tests: a foreign key to an entity that is
//! not registered, an index name over 63 bytes, and a check that does not parse.

mod widget {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "shop", table_name = "widget")]
    #[pg(index(
        name = "idx_widget_an_index_name_that_is_far_too_long_for_postgresql_to_keep",
        columns(owner_id)
    ))]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[pg(check = "owner_id >")]
        pub owner_id: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::owner::Entity",
            from = "Column::OwnerId",
            to = "super::owner::Column::Id"
        )]
        Owner,
    }
    impl ActiveModelBehavior for ActiveModel {}
}

mod owner {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "shop", table_name = "owner")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

fn main() -> std::process::ExitCode {
    // `owner` is deliberately not registered.
    ddl_gen::cli::run(
        model_core::Schema::builder()
            .entity::<widget::Entity>()
            .build(),
    )
}
