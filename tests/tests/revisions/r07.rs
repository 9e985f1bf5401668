//! r07: books are versioned (column, default, trigger, function), the price is checked, and an
//! author with books can no longer be deleted (foreign key action cascade -> restrict).
use model_core::Schema;

pub use super::r05::BookStatus;

pub mod author {
    pub use super::super::r06::author::*;
}

pub mod book {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "shop", table_name = "book")]
    #[pg(versioned)]
    #[pg(check(name = "book_price_nonnegative", sql = "price >= 0"))]
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
        #[pg(default = "'draft'")]
        pub status: super::BookStatus,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::author::Entity",
            from = "Column::AuthorId",
            to = "super::author::Column::Id",
            on_delete = "Restrict"
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
    INSERT INTO shop.author (name) VALUES ('author r07');
    INSERT INTO shop.book (author_id, name, price) SELECT id, 'T r07', 7 FROM shop.author WHERE name = 'author r07';";
