//! A scripted history of one small schema, revision by revision, for the migration tests. Each
//! revision is a set of entities, the rows a test inserts while it is current, and what its
//! migration must keep.
#![allow(dead_code)]

use model_core::Schema;

/// `Relation`-less entity boilerplate.
macro_rules! no_relations {
    () => {
        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}
        impl ActiveModelBehavior for ActiveModel {}
    };
}
pub(crate) use no_relations;

pub mod r01;
pub mod r02;
pub mod r03;
pub mod r04;
pub mod r05;
pub mod r06;
pub mod r07;
pub mod r08;
pub mod r09;
pub mod r10;
pub mod r11;
pub mod r12;
pub mod r13;
pub mod r14;
pub mod r15;

pub struct Revision {
    pub name: &'static str,
    pub schema: fn() -> Schema,
    /// Rows inserted while this revision is the database's schema (before the next migration).
    pub insert: &'static str,
    /// Whether its migration loses data (needs --allow-destructive).
    pub destructive: bool,
}

pub const ALL: &[Revision] = &[
    Revision {
        name: "authors_and_books",
        schema: r01::schema,
        insert: r01::INSERT,
        destructive: false,
    },
    Revision {
        name: "book_price_and_title_index",
        schema: r02::schema,
        insert: r02::INSERT,
        destructive: false,
    },
    Revision {
        name: "rename_title_widen_price",
        schema: r03::schema,
        insert: r03::INSERT,
        destructive: false,
    },
    Revision {
        name: "book_status_enum",
        schema: r04::schema,
        insert: r04::INSERT,
        destructive: false,
    },
    Revision {
        name: "archived_status",
        schema: r05::schema,
        insert: r05::INSERT,
        destructive: false,
    },
    Revision {
        name: "author_timestamps_soft_delete",
        schema: r06::schema,
        insert: r06::INSERT,
        destructive: false,
    },
    Revision {
        name: "book_versioned_checked_restrict",
        schema: r07::schema,
        insert: r07::INSERT,
        destructive: false,
    },
    Revision {
        name: "tags",
        schema: r08::schema,
        insert: r08::INSERT,
        destructive: false,
    },
    Revision {
        name: "price_required",
        schema: r09::schema,
        insert: r09::INSERT,
        destructive: false,
    },
    Revision {
        name: "drop_bio_reorder_status",
        schema: r10::schema,
        insert: r10::INSERT,
        destructive: true,
    },
    Revision {
        name: "drop_tags_and_timestamps",
        schema: r11::schema,
        insert: r11::INSERT,
        destructive: true,
    },
    Revision {
        name: "book_views",
        schema: r12::schema,
        insert: r12::INSERT,
        destructive: false,
    },
    Revision {
        name: "widen_price_under_views",
        schema: r13::schema,
        insert: "",
        destructive: false,
    },
    Revision {
        name: "genres_seeded",
        schema: r14::schema,
        insert: r14::INSERT,
        destructive: false,
    },
    Revision {
        name: "genres_changed",
        schema: r15::schema,
        insert: "",
        destructive: true,
    },
];
