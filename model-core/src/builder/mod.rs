//! `Schema::builder()`: registered entities (and hand-built tables) in, a validated [`Schema`] out.

mod column_type;
mod entity;
mod routine;
mod seed;
mod table;
mod view;

use std::collections::BTreeMap;

use crate::error::{Problems, SchemaError};
use crate::schema::{
    Collation, CompositeType, Domain, EnumType, Extension, Function, Grant, GrantOn, Namespace,
    ObjectGrants, QualifiedName, Schema, Seed, Sequence, Table, Trigger, View,
};
use crate::{PgTable, validate};

use entity::EntityInput;
#[cfg(feature = "sql-check")]
pub use routine::relations_read as function_reads;

/// Assembles a [`Schema`]. Registration order does not matter.
#[derive(Debug, Default)]
pub struct SchemaBuilder {
    extensions: Vec<String>,
    schema_comments: Vec<(String, String)>,
    entities: Vec<EntityInput>,
    tables: Vec<Table>,
    enums: Vec<EnumType>,
    collations: Vec<Collation>,
    grants: Vec<(GrantOn, Grant)>,
    domains: Vec<Domain>,
    composites: Vec<CompositeType>,
    functions: Vec<Function>,
    sequences: Vec<Sequence>,
    views: Vec<View>,
    triggers: Vec<(QualifiedName, Trigger)>,
    seeds: Vec<Seed>,
}

impl SchemaBuilder {
    /// `CREATE EXTENSION IF NOT EXISTS <name>`, before anything that may use it.
    pub fn extension(mut self, name: &str) -> Self {
        self.extensions.push(name.to_owned());
        self
    }

    /// `COMMENT ON SCHEMA <schema> IS '<comment>'`.
    pub fn schema_comment(mut self, schema: &str, comment: &str) -> Self {
        self.schema_comments
            .push((schema.to_owned(), comment.to_owned()));
        self
    }

    /// Registers a SeaORM entity whose model derives `PgTable`.
    pub fn entity<E: PgTable>(mut self) -> Self {
        self.entities.push(EntityInput::read::<E>());
        self
    }

    /// Registers a table assembled by hand, for tools that build schemas without entities.
    /// Its trigger functions must be registered with [`Self::function`].
    pub fn table(mut self, table: Table) -> Self {
        self.tables.push(table);
        self
    }

    /// Registers a function or procedure ([`Function::new`], [`Function::procedure`]); also the
    /// trigger functions of hand-built tables. The script creates it after the schema, the
    /// types its arguments use and, for a `LANGUAGE sql` body, the tables and views the body
    /// reads; and before the defaults, checks, views and triggers that call it.
    pub fn function(mut self, function: Function) -> Self {
        self.functions.push(function);
        self
    }

    /// Registers a sequence of its own, for columns whose default reads it
    /// (`#[pg(default = "nextval('shop.invoice_no')")]`).
    pub fn sequence(mut self, sequence: Sequence) -> Self {
        self.sequences.push(sequence);
        self
    }

    /// Registers a view or materialized view ([`View::new`], [`View::materialized`]). Its query
    /// names what it reads with their schema (`shop.orders`, not `orders`); it is created after
    /// them, and dropped and re-created around a change of a column it reads.
    pub fn view(mut self, view: View) -> Self {
        self.views.push(view);
        self
    }

    /// Registers a trigger on the table or view named `on` ([`Trigger::before`],
    /// [`Trigger::after`], [`Trigger::instead_of`]). It is created after the table or view and
    /// the function it executes, which returns `trigger` and is registered with
    /// [`Self::function`].
    pub fn trigger(mut self, on: QualifiedName, trigger: Trigger) -> Self {
        self.triggers.push((on, trigger));
        self
    }

    /// Registers the seed rows of a table ([`Seed::rows`] of `ActiveModel`s): inserted by the
    /// create script after everything else (`ON CONFLICT (key) DO NOTHING`, or `DO UPDATE`),
    /// and by migrations when rows are added, changed or removed. One seed per table.
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seeds.push(seed);
        self
    }

    /// Registers a domain ([`Domain::new`]): a base type with a default, NOT NULL and checks of
    /// its own, the type of the columns that say `#[pg(domain = "schema.name")]` (or, in a
    /// hand-built table, [`crate::ColumnType::Domain`]). The script creates it after its schema,
    /// the types and extensions its base type comes from and the functions its checks call.
    pub fn domain(mut self, domain: Domain) -> Self {
        self.domains.push(domain);
        self
    }

    /// Grants `grant` (privileges to a role, [`Grant::new`]) on a schema, table or view,
    /// sequence, or function of the models ([`GrantOn`]), beyond what PostgreSQL gives by
    /// default. The script grants after the object exists; `verify` names a role the server
    /// lacks.
    pub fn grant(mut self, on: GrantOn, grant: Grant) -> Self {
        self.grants.push((on, grant));
        self
    }

    /// Registers a collation ([`Collation::icu`], [`Collation::libc`]), one columns, domains,
    /// composite attributes and index keys name with `collate(schema = "..", name = "..")`.
    /// The script creates it after its schema and before anything that sorts by it.
    pub fn collation(mut self, collation: Collation) -> Self {
        self.collations.push(collation);
        self
    }

    /// Registers a composite type ([`CompositeType::new`] with its attributes in order), the
    /// type of the columns that say `#[pg(sql_type = "schema.name")]` (or an array of it). The
    /// script creates it after its schema and the types its attributes use.
    pub fn composite_type(mut self, composite: CompositeType) -> Self {
        self.composites.push(composite);
        self
    }

    /// Registers an enum type, for hand-built tables.
    pub fn enum_type(mut self, enum_type: EnumType) -> Self {
        self.enums.push(enum_type);
        self
    }

    /// Validates everything registered and returns the schema, or every problem found.
    pub fn build(self) -> Result<Schema, SchemaError> {
        let mut problems = Problems::default();
        let mut enums = EnumRegistry::default();
        for e in self.enums {
            enums.add(e, None, &mut problems);
        }
        let mut functions = FunctionMap::new();
        for f in self.functions {
            let kind = f.kind();
            match functions.entry((f.name.clone(), f.identity_args())) {
                std::collections::btree_map::Entry::Occupied(e) => problems.push(format!(
                    "{kind} {}({}) is registered twice; register each function once (functions of one name need argument types that differ)",
                    e.key().0,
                    e.key().1
                )),
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(f);
                }
            }
        }
        let mut tables = self.tables;
        let mut views = self.views;
        for input in &self.entities {
            if let Some(table) = table::build(input, &mut enums, &mut functions, &mut problems) {
                match &input.extras.view {
                    Some(spec) => views.push(view::of_entity(spec, table)),
                    None => tables.push(table),
                }
            }
        }
        tables.sort_by(|a, b| a.name.cmp(&b.name));

        let mut namespaces: BTreeMap<String, Option<String>> = BTreeMap::new();
        for t in &tables {
            namespaces.entry(t.name.schema.clone()).or_default();
            for p in &t.partitions {
                namespaces.entry(p.name.schema.clone()).or_default();
            }
        }
        for e in enums.types.values() {
            namespaces.entry(e.name.schema.clone()).or_default();
        }
        let mut collations = self.collations;
        collations.sort_by(|a, b| a.name.cmp(&b.name));
        for c in &collations {
            namespaces.entry(c.name.schema.clone()).or_default();
        }
        let mut domains = self.domains;
        domains.sort_by(|a, b| a.name.cmp(&b.name));
        for d in &domains {
            namespaces.entry(d.name.schema.clone()).or_default();
        }
        let mut composites = self.composites;
        composites.sort_by(|a, b| a.name.cmp(&b.name));
        for c in &composites {
            namespaces.entry(c.name.schema.clone()).or_default();
        }
        let mut sequences = self.sequences;
        sequences.sort_by(|a, b| a.name.cmp(&b.name));
        for s in &sequences {
            namespaces.entry(s.name.schema.clone()).or_default();
        }
        views.sort_by(|a, b| a.name.cmp(&b.name));
        for v in &mut views {
            namespaces.entry(v.name.schema.clone()).or_default();
            v.reads = view::reads(v, &mut problems);
        }
        for (on, trigger) in self.triggers {
            if let Ok(t) = tables.binary_search_by(|t| t.name.cmp(&on)) {
                tables[t].triggers.push(trigger);
            } else if let Ok(v) = views.binary_search_by(|v| v.name.cmp(&on)) {
                views[v].triggers.push(trigger);
            } else {
                problems.push(format!(
                    "trigger \"{}\" is on {on}, which is neither a table nor a view of the models; register the entity or view, or name the one meant",
                    trigger.name
                ));
            }
        }
        let mut seeds: Vec<Seed> = Vec::new();
        let mut seeded = std::collections::BTreeSet::new();
        for seed in self.seeds {
            if !seeded.insert(seed.table.clone()) {
                problems.push(format!(
                    "{} has two seeds; declare all its rows in one Seed",
                    seed.table
                ));
            } else if let Some(seed) = seed::resolve(seed, &tables, &mut problems) {
                seeds.push(seed);
            }
        }
        seeds.sort_by(|a, b| a.table.cmp(&b.table));
        seed::cycles(&seeds, &tables, &mut problems);
        // A function alone in its schema still needs the schema made (and kept).
        let declared = |q: &QualifiedName| {
            tables.binary_search_by(|t| t.name.cmp(q)).is_ok()
                || views.binary_search_by(|v| v.name.cmp(q)).is_ok()
        };
        for f in functions.values_mut() {
            namespaces.entry(f.name.schema.clone()).or_default();
            f.reads = routine::reads(f, &declared, &mut problems);
        }
        for (schema, comment) in self.schema_comments {
            match namespaces.get_mut(&schema) {
                Some(slot @ None) => *slot = Some(comment),
                Some(Some(_)) => problems.push(format!(
                    "schema {schema} has two comments; call .schema_comment(\"{schema}\", ..) once"
                )),
                None => problems.push(format!(
                    "schema_comment names schema {schema}, which no registered entity uses"
                )),
            }
        }

        let mut extensions: Vec<Extension> = self
            .extensions
            .into_iter()
            .map(|name| Extension {
                name,
                version: None,
            })
            .collect();
        extensions.sort_by(|a, b| a.name.cmp(&b.name));
        extensions.dedup();

        let mut grants: BTreeMap<GrantOn, Vec<Grant>> = BTreeMap::new();
        for (on, grant) in self.grants {
            grants.entry(on).or_default().push(grant);
        }
        let grants = (grants.into_iter())
            .map(|(on, grants)| ObjectGrants {
                on,
                grants: crate::schema::normal_grants(grants),
            })
            .collect();

        let schema = Schema {
            namespaces: namespaces
                .into_iter()
                .map(|(name, comment)| Namespace { name, comment })
                .collect(),
            extensions,
            enums: enums.types.into_values().collect(),
            collations,
            domains,
            composites,
            functions: functions.into_values().collect::<Vec<Function>>(),
            sequences,
            tables,
            views,
            seeds,
            grants,
        };
        validate::schema(&schema, &mut problems);
        problems.finish(schema)
    }
}

/// Functions by name and input argument types: PostgreSQL's identity of a function.
pub(crate) type FunctionMap = BTreeMap<(QualifiedName, String), Function>;

/// Enum types met while reading columns: one Rust enum is one PostgreSQL type.
#[derive(Debug, Default)]
pub(crate) struct EnumRegistry {
    types: BTreeMap<QualifiedName, EnumType>,
    /// type name -> (schema it resolved to, whether `enum_schema` said so, where it was met)
    placed: BTreeMap<String, (String, bool, String)>,
}

impl EnumRegistry {
    /// `site` is where the type was met and whether its schema was implicit (`None` for
    /// hand-registered types).
    pub fn add(&mut self, e: EnumType, site: Option<(&str, bool)>, problems: &mut Problems) {
        let (where_, explicit) = site.unwrap_or(("Schema::builder().enum_type", true));
        match self.placed.get(&e.name.name) {
            Some((schema, was_explicit, first))
                if *schema != e.name.schema && !(explicit && *was_explicit) =>
            {
                problems.push(format!(
                    "enum type {} is used by {first} (schema {schema}) and by {where_} (schema {}): one Rust enum is one PostgreSQL type; put #[pg(enum_schema = \"{schema}\")] on the columns that use it",
                    e.name.name, e.name.schema
                ));
            }
            None => {
                self.placed.insert(
                    e.name.name.clone(),
                    (e.name.schema.clone(), explicit, where_.to_owned()),
                );
            }
            _ => {}
        }
        match self.types.get(&e.name) {
            Some(existing) if existing.values != e.values => problems.push(format!(
                "enum type {} is declared with values [{}] and, at {where_}, [{}]; an enum type has one list of values",
                e.name,
                existing.values.join(", "),
                e.values.join(", ")
            )),
            Some(_) => {}
            None => {
                self.types.insert(e.name.clone(), e);
            }
        }
    }
}
