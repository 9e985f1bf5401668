pub use sea_orm_migration::prelude::*;

mod m20261121_053614_initial_dataflow;
mod m20261122_171759_catalog_search;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_053614_initial_dataflow::Migration),
            Box::new(m20261122_171759_catalog_search::Migration),
        ]
    }
}
