//! r08: an extension, a new table with a UNIQUE constraint and a trigram index, and a
//! deferrable foreign key to it.
use model_core::Schema;

pub use super::r05::BookStatus;

pub mod author {
    pub use super::super::r06::author::*;
}

pub mod tag {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "shop", table_name = "tag")]
    pub struct Model {
        #[sea_orm(primary_key)]
        #[pg(serial)]
        pub id: i32,
        #[sea_orm(column_type = "Text", unique)]
        #[pg(index(name = "idx_tag_label_trgm", using = "gin", opclass = "gin_trgm_ops"))]
        pub label: String,
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
    INSERT INTO shop.tag (label) VALUES ('poetry'), ('prose');
    INSERT INTO shop.author (name) VALUES ('author r08');
    INSERT INTO shop.book (author_id, name, price, tag_id)
        SELECT a.id, 'T r08', 8, t.id FROM shop.author a, shop.tag t WHERE a.name = 'author r08' AND t.label = 'poetry';
    -- r09 makes the price required: without this, its guard stops the migration (tested apart).
    UPDATE shop.book SET price = 0 WHERE price IS NULL;";
