//! r09: the price becomes required with a default (a guarded SET NOT NULL), and the name index
//! is replaced by a composite one.
use model_core::Schema;

pub use super::r05::BookStatus;

pub mod author {
    pub use super::super::r06::author::*;
}

pub mod tag {
    pub use super::super::r08::tag::*;
}

pub mod book {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "shop", table_name = "book")]
    #[pg(versioned)]
    #[pg(check(name = "book_price_nonnegative", sql = "price >= 0"))]
    #[pg(index(columns(author_id, name)))]
    pub struct Model {
        #[sea_orm(primary_key)]
        #[pg(serial)]
        pub id: i32,
        pub author_id: i32,
        #[sea_orm(column_type = "Text", renamed_from = "title")]
        pub name: String,
        #[sea_orm(column_type = "Decimal(Some((12, 2)))", default_value = 0)]
        pub price: Decimal,
        #[pg(default = "'draft'")]
        pub status: super::BookStatus,
        pub version: i32,
        #[pg(fk(deferrable))]
        pub tag_id: Option<i32>,
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
        #[sea_orm(
            belongs_to = "super::tag::Entity",
            from = "Column::TagId",
            to = "super::tag::Column::Id",
            on_delete = "SetNull"
        )]
        Tag,
    }
    impl ActiveModelBehavior for ActiveModel {}
}

pub fn schema() -> Schema {
    Schema::builder()
        .extension("pg_trgm")
        .schema_comment("shop", "Books and their authors")
        .entity::<author::Entity>()
        .entity::<tag::Entity>()
        .entity::<book::Entity>()
        .build()
        .unwrap()
}

pub const INSERT: &str = "
    INSERT INTO shop.author (name, bio) VALUES ('author r09', 'last bio');
    INSERT INTO shop.book (author_id, name) SELECT id, 'T r09' FROM shop.author WHERE name = 'author r09';";
