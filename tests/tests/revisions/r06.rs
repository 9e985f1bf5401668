//! r06: authors get timestamps (columns, defaults, trigger, function) and soft delete, with
//! names unique among live authors.
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
    #[pg(timestamps, soft_delete)]
    #[pg(unique(columns(name), where = "deleted_at IS NULL"))]
    pub struct Model {
        #[sea_orm(primary_key)]
        #[pg(serial)]
        pub id: i32,
        #[sea_orm(column_type = "Text")]
        pub name: String,
        #[sea_orm(column_type = "Text")]
        pub bio: Option<String>,
        pub deleted_at: Option<DateTimeWithTimeZone>,
        pub created_at: DateTimeWithTimeZone,
        pub updated_at: DateTimeWithTimeZone,
    }
    super::super::no_relations!();
}

pub mod book {
    pub use super::super::r05::book::*;
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
    INSERT INTO shop.author (name, deleted_at) VALUES ('author r06', now());
    INSERT INTO shop.book (author_id, name) SELECT id, 'T r06' FROM shop.author WHERE name = 'author r06';";
