//! r03: the title becomes the name (renamed_from keeps its values), the price widens, and the
//! index follows the column's new name.
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
        #[sea_orm(column_type = "Text", renamed_from = "title")]
        #[pg(index)]
        pub name: String,
        #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
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
    INSERT INTO shop.author (name, bio) VALUES ('author r03', 'b');
    INSERT INTO shop.book (author_id, name, price) SELECT id, 'T r03', 1234567890.12 FROM shop.author WHERE name = 'author r03';";
