//! r12: views over the books: a join that leaves soft-deleted authors out, a view of that view,
//! and a materialized view with a unique index (so it refreshes concurrently).
use model_core::{CheckOption, Index, IndexKey, QualifiedName, Schema, View};

fn shop(name: &str) -> QualifiedName {
    QualifiedName::new("shop", name)
}

/// r11's models and the views.
pub fn builder() -> model_core::SchemaBuilder {
    Schema::builder()
        .schema_comment("shop", "Books and their authors")
        .entity::<super::r11::author::Entity>()
        .entity::<super::r11::book::Entity>()
        .view(View::new(
            shop("book_prices"),
            "SELECT b.id, b.name, b.price, a.name AS author
               FROM shop.book b JOIN shop.author a ON a.id = b.author_id
              WHERE a.deleted_at IS NULL",
        ))
        .view(
            View::new(
                shop("cheap_books"),
                "SELECT id, name, price FROM shop.book_prices WHERE price < 10",
            )
            .check_option(CheckOption::Cascaded),
        )
        .view(
            View::materialized(
                shop("price_stats"),
                "SELECT author_id, count(*) AS books, max(price) AS top_price
                   FROM shop.book GROUP BY author_id",
            )
            .index(Index {
                name: "price_stats_author".into(),
                unique: true,
                method: Default::default(),
                keys: vec![IndexKey::column("author_id")],
                include: vec![],
                predicate: None,
                nulls_not_distinct: false,
                storage: Default::default(),
            })
            .comment("Refreshed by the nightly job"),
        )
}

pub fn schema() -> Schema {
    builder().build().unwrap()
}

pub const INSERT: &str = "
    INSERT INTO shop.author (name, created_at, updated_at) VALUES ('author r12', now(), now());
    INSERT INTO shop.book (author_id, name, price, status)
        SELECT id, 'T r12', 7.25, 'published' FROM shop.author WHERE name = 'author r12';
    REFRESH MATERIALIZED VIEW shop.price_stats;";
