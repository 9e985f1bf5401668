//! r02: books get a price (a column added) and an index on the title; authors a table comment.
use model_core::Schema;

pub mod author {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(
        schema_name = "shop",
        table_name = "author",
        comment = "People who write"
    )]
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
        #[pg(index)]
        pub title: String,
        #[sea_orm(column_type = "Decimal(Some((10, 2)))")]
        pub price: Option<Decimal>,
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
    INSERT INTO shop.author (name, bio) VALUES ('author r02', NULL);
    INSERT INTO shop.book (author_id, title, price) SELECT id, 'T r02', 12.50 FROM shop.author WHERE name = 'author r02';";
