//! The project's SeaORM migrations, in the layout `sea-orm-cli migrate` expects.
//!
//! `ddl-gen migrate <name>` will write the files here (issue #4); until then the list is empty.

pub use sea_orm_migration::prelude::*;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }
}
