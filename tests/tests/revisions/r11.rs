//! r11: tags go (a table, its foreign key and column, the extension; data loss), and authors
//! lose their timestamps (trigger and function dropped, the columns stay without defaults).
use model_core::Schema;

pub use super::r10::BookStatus;

pub mod author {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(
        schema_name = "shop",
        table_name = "author",
        comment = "People who write"
    )]
    #[pg(soft_delete)]
    #[pg(unique(columns(name), where = "deleted_at IS NULL"))]
    pub struct Model {
        #[sea_orm(primary_key)]
        #[pg(serial)]
        pub id: i32,
        #[sea_orm(column_type = "Text")]
        pub name: String,
        pub deleted_at: Option<DateTimeWithTimeZone>,
        pub created_at: DateTimeWithTimeZone,
        pub updated_at: DateTimeWithTimeZone,
    }
    super::super::no_relations!();
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
    INSERT INTO shop.author (name, created_at, updated_at) VALUES ('author r11', now(), now());
    INSERT INTO shop.book (author_id, name, price, status)
        SELECT id, 'T r11', 12, 'draft' FROM shop.author WHERE name = 'author r11';";
