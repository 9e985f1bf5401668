//! r10: the author's bio is dropped (data loss: needs --allow-destructive), and the enum's values
//! are reordered (the type is recreated, its column and default cast through text).
use model_core::Schema;
use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "book_status")]
pub enum BookStatus {
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "archived")]
    Archived,
}

pub mod author {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(
        schema_name = "shop",
        table_name = "author",
        comment = "People who write"
    )]
    #[pg(timestamps, soft_delete)]
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
    INSERT INTO shop.author (name) VALUES ('author r10');
    INSERT INTO shop.book (author_id, name, status) SELECT id, 'T r10', 'published' FROM shop.author WHERE name = 'author r10';";
