//! r01: a schema with a comment, authors and their books.
use model_core::Schema;

pub mod author {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "shop", table_name = "author")]
    pub struct Model {
        #[sea_orm(primary_key)]
        #[pg(serial)]
        pub id: i32,
        #[sea_orm(column_type = "Text")]
        pub name: String,
        #[sea_orm(column_type = "Text")]
        pub bio: Option<String>,
    }
    super::super::no_relations!();
}

pub mod book {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "shop", table_name = "book")]
    pub struct Model {
        #[sea_orm(primary_key)]
        #[pg(serial)]
        pub id: i32,
        pub author_id: i32,
        #[sea_orm(column_type = "Text")]
        pub title: String,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::author::Entity",
            from = "Column::AuthorId",
            to = "super::author::Column::Id",
            on_delete = "Cascade"
        )]
        Author,
    }
    impl ActiveModelBehavior for ActiveModel {}
}

pub fn schema() -> Schema {
    Schema::builder()
        .schema_comment("shop", "Books and their authors")
        .entity::<author::Entity>()
        .entity::<book::Entity>()
        .build()
        .unwrap()
}

pub const INSERT: &str = "
    INSERT INTO shop.author (name, bio) VALUES ('author r01', 'wrote r01');
    INSERT INTO shop.book (author_id, title) SELECT id, 'T r01' FROM shop.author WHERE name = 'author r01';";
