//! r14: a lookup table of genres with seed rows (explicit keys into its identity column): the
//! migration creates the table and inserts them; the application's next genre takes the key
//! after them.
use model_core::{Schema, Seed};
use sea_orm::ActiveValue::Set;

pub mod genre {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "shop", table_name = "genre")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(column_type = "Text")]
        pub name: String,
    }
    super::super::no_relations!();
}

pub fn genre(id: i32, name: &str) -> genre::ActiveModel {
    genre::ActiveModel {
        id: Set(id),
        name: Set(name.to_owned()),
    }
}

/// r13's models and `genres`.
pub fn with_genres(genres: Seed) -> Schema {
    let schema = super::r12::builder()
        .entity::<genre::Entity>()
        .seed(genres)
        .build()
        .unwrap();
    super::r13::widen_price(schema)
}

pub fn schema() -> Schema {
    with_genres(Seed::rows([
        genre(1, "Fiction"),
        genre(2, "Poetry"),
        genre(3, "Essays"),
    ]))
}

pub const INSERT: &str = "INSERT INTO shop.genre (name) VALUES ('theirs');";
