//! `inspect` and `diff` on databases built from scripts nobody wrote for this tool: a database
//! read back, rendered and applied to a fresh database gives the same catalog, and what the
//! model cannot hold is named, never dropped in silence. Each case is one of the wrong results
//! found on public schemas (issue: one comparison engine).

use ddl_gen::compare::compare;
use ddl_gen::inspect::{Sides, diff, inspect_script, read_database};
use ddl_gen::migration::{Action, plan};
use model_core::Schema;
use pg_harness::{Database, assert_same_catalog, server, sql_dir};

const WAIT: std::time::Duration = ddl_gen::introspect::DEFAULT_LOCK_TIMEOUT;
const HISTORY: &str = ddl_gen::history::DEFAULT_TABLE;

use pg_harness::runtime;

/// Applies `sql` to a fresh database, inspects it, applies the inspection to another fresh
/// database, and checks both catalogs are the same in `schemas` and `diff` finds nothing.
/// Returns the two databases and the inspected script.
fn round_trip(label: &str, sql: &str, schemas: &[&str]) -> (Database, Database, String) {
    let pg = server();
    let original = pg.fresh_database(label);
    original.apply_ok(sql, label);
    let rt = runtime();
    let reading = rt
        .block_on(read_database(&original.url, &[], WAIT))
        .unwrap();
    let script = inspect_script(&reading);
    let rebuilt = pg.fresh_database(&format!("{label}_rebuilt"));
    rebuilt.apply_ok(&script, &format!("inspection of {label}"));
    assert_same_catalog(
        label,
        &original.fingerprint(schemas),
        "rebuilt from its inspection",
        &rebuilt.fingerprint(schemas),
    );
    let report = rt
        .block_on(diff(&original.url, &rebuilt.url, &[], WAIT, HISTORY))
        .unwrap();
    assert_eq!(
        report.differences,
        vec![],
        "{label}: diff after a round trip"
    );
    (original, rebuilt, script)
}

#[test]
fn generated_column_stays_generated() {
    let (_, rebuilt, script) = round_trip(
        "generated",
        "CREATE TABLE public.item (price numeric NOT NULL, qty integer NOT NULL,
                                   total numeric GENERATED ALWAYS AS (price * qty) STORED)",
        &["public"],
    );
    assert!(
        script.contains("GENERATED ALWAYS AS ((price * (qty)::numeric)) STORED"),
        "{script}"
    );
    rebuilt.query("INSERT INTO public.item (price, qty) VALUES (2.5, 4)");
    assert_eq!(rebuilt.query("SELECT total FROM public.item"), "10.0\n");
}

#[test]
fn no_inherit_check_keeps_its_form() {
    let (_, _, script) = round_trip(
        "noinherit",
        "CREATE TABLE public.t (a integer, CONSTRAINT t_a_check CHECK (a > 0) NO INHERIT)",
        &["public"],
    );
    assert!(
        script.contains("CONSTRAINT t_a_check CHECK ((a > 0)) NO INHERIT"),
        "{script}"
    );
}

#[test]
fn foreign_key_to_a_unique_index_comes_after_the_index() {
    let sql = "CREATE TABLE public.code (id integer PRIMARY KEY, code text NOT NULL);
               CREATE UNIQUE INDEX code_code_idx ON public.code (code);
               CREATE TABLE public.use (code text REFERENCES public.code (code))";
    let (original, _, _) = round_trip("fk_index", sql, &["public"]);

    // The planner orders it the same way: a migration from nothing builds the index first.
    let rt = runtime();
    let schema = rt
        .block_on(read_database(&original.url, &["public".into()], WAIT))
        .unwrap()
        .schema;
    let steps = plan(&empty(), &schema, &[]).unwrap();
    let at = |needle: &str| {
        steps
            .iter()
            .position(|s| s.summary.contains(needle))
            .unwrap_or_else(|| panic!("no step {needle}: {steps:#?}"))
    };
    assert!(at("index code_code_idx") < at("foreign key use_code_fkey"));
}

#[test]
fn columns_are_named_by_number_across_dropped_columns_and_schemas() {
    // Keys and indexes name their columns by number; dropped columns leave gaps in the
    // numbers, and a foreign key may reference a table in a schema that is not read.
    let sql = "CREATE SCHEMA other;
               CREATE TABLE other.account (gone integer, code text, region text,
                                           UNIQUE (region, code));
               ALTER TABLE other.account DROP COLUMN gone;
               CREATE TABLE public.entry (gone_a integer, gone_b integer, id integer,
                                          region text, code text, note text, at date);
               ALTER TABLE public.entry DROP COLUMN gone_a, DROP COLUMN gone_b;
               ALTER TABLE public.entry ADD PRIMARY KEY (id),
                   ADD FOREIGN KEY (region, code) REFERENCES other.account (region, code);
               CREATE INDEX entry_note_at ON public.entry (note DESC, lower(code), at)
                   INCLUDE (region);
               CREATE INDEX entry_code ON public.entry USING hash (code)";
    let pg = server();
    let db = pg.fresh_database("by_number");
    db.apply_ok(sql, "by_number");
    let rt = runtime();
    let reading = rt
        .block_on(read_database(&db.url, &["public".into()], WAIT))
        .unwrap();
    let entry = &reading.schema.tables[0];
    assert_eq!(entry.primary_key.as_ref().unwrap().columns, ["id"]);
    let fk = &entry.foreign_keys[0];
    assert_eq!(
        (fk.columns.as_slice(), fk.references.to_string().as_str()),
        (
            &["region".to_owned(), "code".to_owned()][..],
            "other.account"
        )
    );
    assert_eq!(fk.referenced_columns, ["region", "code"]);
    let index = |name: &str| entry.indexes.iter().find(|i| i.name == name).unwrap();
    let keys = ddl_gen::render::index_keys(index("entry_note_at"));
    assert_eq!(keys, "(note DESC, (lower(code)), at)");
    assert_eq!(index("entry_note_at").include, ["region"]);
    assert_eq!(ddl_gen::render::index_keys(index("entry_code")), "(code)");
}

#[test]
fn unique_constraint_on_the_primary_key_columns_is_kept() {
    let sql = "CREATE TABLE public.t (cc integer, CONSTRAINT t_pkey PRIMARY KEY (cc));
               ALTER TABLE public.t ADD CONSTRAINT t_cc_key UNIQUE (cc)";
    let (_, rebuilt, _) = round_trip("pk_unique", sql, &["public"]);
    assert_eq!(
        rebuilt.query(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'public.t'::regclass ORDER BY 1"
        ),
        "t_cc_key\nt_pkey\n"
    );
}

#[test]
fn deferrable_keys_stay_deferrable() {
    let (_, rebuilt, _) = round_trip(
        "deferrable",
        "CREATE TABLE public.t (a integer, b integer,
             CONSTRAINT t_pkey PRIMARY KEY (a) DEFERRABLE INITIALLY DEFERRED,
             CONSTRAINT t_b_key UNIQUE (b) DEFERRABLE)",
        &["public"],
    );
    assert_eq!(
        rebuilt.query(
            "SELECT conname, condeferrable, condeferred FROM pg_constraint
              WHERE conrelid = 'public.t'::regclass ORDER BY 1"
        ),
        "t_b_key|t|f\nt_pkey|t|t\n"
    );
}

#[test]
fn sequences_of_their_own_are_carried_over() {
    // A default reading a sequence no serial owns, one owned by a column that is not a serial,
    // and their options.
    let (original, rebuilt, script) = round_trip(
        "sequences",
        "CREATE SEQUENCE public.invoice_no AS integer START 1000 INCREMENT 5 MAXVALUE 99999 CACHE 10 CYCLE;
         COMMENT ON SEQUENCE public.invoice_no IS 'shared by invoices and credit notes';
         CREATE TABLE public.invoice (no integer NOT NULL DEFAULT nextval('public.invoice_no'), note text);
         CREATE SEQUENCE public.legacy_id_seq;
         CREATE TABLE public.legacy (id bigint DEFAULT 7);
         ALTER SEQUENCE public.legacy_id_seq OWNED BY public.legacy.id",
        &["public"],
    );
    assert!(
        script.contains("CREATE SEQUENCE public.invoice_no AS integer INCREMENT BY 5 MINVALUE 1 MAXVALUE 99999 START WITH 1000 CACHE 10 CYCLE;"),
        "{script}"
    );
    rebuilt.query("INSERT INTO public.invoice (note) VALUES ('first')");
    assert_eq!(rebuilt.query("SELECT no FROM public.invoice"), "1000\n");
    // A migration from nothing creates each sequence before the table whose default reads it,
    // and sets an owner once its column exists; going back drops them after the tables.
    let schema = runtime()
        .block_on(read_database(&original.url, &["public".into()], WAIT))
        .unwrap()
        .schema;
    let up = plan(&empty(), &schema, &[]).unwrap();
    let down = plan(&schema, &empty(), &[]).unwrap();
    let at = |steps: &[ddl_gen::migration::Step], summary: &str| {
        steps
            .iter()
            .position(|s| s.summary == summary)
            .unwrap_or_else(|| panic!("no step {summary:?} in {steps:#?}"))
    };
    assert!(at(&up, "create sequence public.invoice_no") < at(&up, "create table public.invoice"));
    assert!(
        at(&up, "create table public.legacy")
            < at(&up, "set the owner of sequence public.legacy_id_seq")
    );
    assert!(at(&down, "drop table public.invoice") < at(&down, "drop sequence public.invoice_no"));
    // Owned: dropping the column takes the sequence with it, as in the original.
    rebuilt.query("ALTER TABLE public.legacy DROP COLUMN id");
    assert_eq!(
        rebuilt.query("SELECT count(*) FROM pg_class WHERE relname = 'legacy_id_seq'"),
        "0\n"
    );
}

#[test]
fn extensions_are_compared_both_ways_and_by_version() {
    let pg = server();
    let (a, b) = (pg.fresh_database("ext_a"), pg.fresh_database("ext_b"));
    a.apply_ok("CREATE EXTENSION pg_trgm VERSION '1.5'", "old pg_trgm");
    let rt = runtime();
    let lines = |from: &Database, to: &Database| -> Vec<String> {
        rt.block_on(diff(&from.url, &to.url, &[], WAIT, HISTORY))
            .unwrap()
            .differences
            .iter()
            .map(|d| d.to_string())
            .collect()
    };
    assert_eq!(lines(&a, &b), ["extension pg_trgm only in from"]);
    assert_eq!(lines(&b, &a), ["extension pg_trgm only in to"]);
    b.apply_ok("CREATE EXTENSION pg_trgm VERSION '1.6'", "new pg_trgm");
    assert_eq!(
        lines(&a, &b),
        ["extension pg_trgm: version 1.5 in from, 1.6 in to"]
    );
}

#[test]
fn a_changed_constraint_is_named_with_its_table() {
    let pg = server();
    let (a, b) = (pg.fresh_database("label_a"), pg.fresh_database("label_b"));
    let table = |bound: u8| {
        format!(
            "CREATE TABLE public.one (x integer CONSTRAINT positive CHECK (x > {bound}));
             CREATE TABLE public.two (x integer CONSTRAINT positive CHECK (x > 0))"
        )
    };
    a.apply_ok(&table(0), "a");
    b.apply_ok(&table(1), "b");
    let report = runtime()
        .block_on(diff(&a.url, &b.url, &[], WAIT, HISTORY))
        .unwrap();
    let lines: Vec<String> = report.differences.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines,
        ["check positive on public.one: CHECK ((x > 0)) in from, CHECK ((x > 1)) in to"]
    );
}

#[test]
fn what_the_model_cannot_hold_is_named_on_its_side() {
    // One object of every kind the model does not hold yet (tests/sql/not_held.sql).
    let pg = server();
    let odd = pg.fresh_database("odd");
    odd.apply_ok(
        &std::fs::read_to_string(sql_dir().join("not_held.sql")).unwrap(),
        "not_held.sql",
    );
    let rt = runtime();
    let reading = rt.block_on(read_database(&odd.url, &[], WAIT)).unwrap();
    let names: Vec<String> = reading.not_held.iter().map(|n| n.to_string()).collect();
    for expected in [
        "sequence name or options (not those serial makes) odd.serial_opts_id_seq (owned by odd.serial_opts.id)",
        "comment on sequence odd.serial_opts_id_seq",
        "identity sequence name or type (not the column's) odd.ticket_numbers (owned by odd.identity_opts.id)",
        "partition partitioned in turn odd.measure_2027 of odd.measure",
        "index of a partition (not its parent's) odd.measure_2026_v",
        "inheritance odd.child_t of odd.parent_t",
        "grants on column odd.base.label",
        "privilege taken back from the default EXECUTE on function odd.add(integer, integer) for PUBLIC",
        "storage parameters on the TOAST table of odd.base (autovacuum_enabled=false)",
        "storage parameters on odd.totals (fillfactor=50)",
        "domain check NOT VALID (values there before it not checked) positive_small on odd.positive",
        "comment on attribute odd.pair.a",
        "range type odd.span",
        "column storage or compression odd.base.big",
        "exclusion constraint storage parameters booking_during_excl on odd.booking",
        "comment on index odd.base_pkey",
        "comment on enum type odd.mood",
        "trigger enable state base_touch on odd.base",
        "rule base_no_delete on odd.scratch",
        "statistics odd.base_stats",
        "column statistics target odd.base.amount",
        "default privileges in schema odd",
        "extension schema citext in schema odd",
    ] {
        assert!(
            names.contains(&expected.to_owned()),
            "not named: {expected}\nnamed: {names:#?}"
        );
    }
    // Nothing else: each name above is one object of the script.
    assert_eq!(names.len(), 23, "{names:#?}");
    // A partitioned table and its partition are held: read, not named.
    let measure = (reading.schema.tables.iter())
        .find(|t| t.name.name == "measure")
        .unwrap();
    assert_eq!(
        measure.partition_by,
        Some(model_core::PartitionBy::range(["at"]))
    );
    assert_eq!(
        measure.partitions,
        [model_core::Partition::range(
            model_core::QualifiedName::new("odd", "measure_2026"),
            ["'2026-01-01'"],
            ["'2027-01-01'"]
        )]
    );
    // Row level security and its policy are held: read, not named.
    let tenant_rows = (reading.schema.tables.iter())
        .find(|t| t.name.name == "tenant_rows")
        .unwrap();
    assert!(tenant_rows.row_security && !tenant_rows.force_row_security);
    // A grant on a table is read.
    assert_eq!(
        reading.schema.grants,
        [model_core::ObjectGrants {
            on: model_core::GrantOn::Table(model_core::QualifiedName::new("odd", "base")),
            grants: vec![model_core::Grant::new(
                "PUBLIC",
                &[model_core::Privilege::Select]
            )],
        }]
    );
    // A collation is read.
    assert_eq!(
        reading.schema.collations,
        [model_core::Collation::icu(
            model_core::QualifiedName::new("odd", "german"),
            "de-DE"
        )]
    );
    assert_eq!(tenant_rows.policies.len(), 1);
    assert_eq!(
        tenant_rows.policies[0].using.as_deref(),
        Some("(tenant = CURRENT_USER)")
    );
    // So are a NOT VALID check and a foreign key MATCH FULL.
    let table = |name: &str| {
        (reading.schema.tables.iter())
            .find(|t| t.name.name == name)
            .unwrap()
    };
    assert!(table("base").checks[0].not_valid);
    assert!(table("line").foreign_keys[0].match_full);
    // And index keys' NULLS FIRST/LAST.
    let nulls_first = (table("base").indexes.iter())
        .find(|i| i.name == "base_label_nulls_first")
        .unwrap();
    assert!(nulls_first.keys[0].nulls_first() && !nulls_first.keys[0].descending);
    // And collations, of columns and of index keys, and the table's storage parameters.
    let base = table("base");
    assert_eq!(
        base.storage,
        [("fillfactor".to_owned(), "70".to_owned())].into()
    );
    let label = base.columns.iter().find(|c| c.name == "label").unwrap();
    assert_eq!(label.collation_description(), "\"C\"");
    let collated = (base.indexes.iter())
        .find(|i| i.name == "base_label_collated")
        .unwrap();
    assert_eq!(
        collated.keys[0].collation,
        Some(model_core::QualifiedName::new("pg_catalog", "POSIX"))
    );
    // And the domain, its check (the NOT VALID one too) read as held.
    let positive = &reading.schema.domains[0];
    assert_eq!(positive.name.to_string(), "odd.positive");
    assert_eq!(positive.data_type, "integer");
    let checks: Vec<(&str, &str)> = (positive.checks.iter())
        .map(|c| (c.name.as_str(), c.expr.as_str()))
        .collect();
    assert_eq!(
        checks,
        [
            ("positive_check", "(VALUE > 0)"),
            ("positive_small", "(VALUE < 1000000)")
        ]
    );
    // And the composite type.
    assert_eq!(
        reading.schema.composites,
        [
            model_core::CompositeType::new(model_core::QualifiedName::new("odd", "pair"))
                .attribute("a", "integer")
                .attribute("b", "integer")
        ]
    );
    // The views, functions and procedures are held: read, not named.
    assert_eq!(reading.schema.views.len(), 2);
    let functions: Vec<String> = (reading.schema.functions.iter())
        .map(|f| format!("{} {}({})", f.kind(), f.name, f.identity_args()))
        .collect();
    assert_eq!(
        functions,
        [
            "function odd.add(integer, integer)",
            "procedure odd.noop()",
            "function odd.touch()"
        ]
    );

    // The inspection carries over what it holds, and lists the rest at its end.
    let script = inspect_script(&reading);
    assert!(script.contains("-- Not carried over: the database holds 23 object(s)"));
    assert!(script.contains("--   range type odd.span\n"));
    let rebuilt = pg.fresh_database("odd_rebuilt");
    rebuilt.apply_ok(&script, "inspection of not_held.sql");
    let report = rt
        .block_on(diff(&odd.url, &rebuilt.url, &[], WAIT, HISTORY))
        .unwrap();
    assert_eq!(report.differences, vec![]);
    // ... and the comparison says, on the side that has them, what it could not compare.
    assert_eq!(report.not_compared.len(), 23);
    assert!(report.not_compared.iter().all(|(_, s)| *s == Sides::From));
    assert!(
        report
            .not_compared_lines()
            .contains(&"not compared: range type odd.span (only in from)".to_owned())
    );
}

#[test]
fn a_created_table_and_its_parts_are_one_change() {
    // The comparison reports a new table once, not once per column.
    let models = models::schema();
    let nothing = empty();
    let changes = compare(&nothing, &models, &[]);
    let tables = changes
        .iter()
        .filter(|c| matches!(c.object, ddl_gen::compare::ObjectId::Table(_)))
        .count();
    assert_eq!(tables, 21);
    assert!(
        !changes
            .iter()
            .any(|c| matches!(c.object, ddl_gen::compare::ObjectId::Column(..)))
    );
    // A plan from nothing creates both tables of every foreign key before the key.
    let steps = plan(&empty(), &models, &[]).unwrap();
    let at = |summary: &str| {
        steps
            .iter()
            .position(|s| s.summary == summary)
            .unwrap_or_else(|| panic!("no step {summary:?}"))
    };
    let mut keys = 0;
    for t in &models.tables {
        for fk in &t.foreign_keys {
            let add = at(&format!("add foreign key {} on {}", fk.name, t.name));
            assert!(at(&format!("create table {}", t.name)) < add);
            assert!(at(&format!("create table {}", fk.references)) < add);
            assert!(matches!(steps[add].action, Action::Builder(_)));
            keys += 1;
        }
    }
    assert_eq!(keys, 22);
}

fn empty() -> Schema {
    Schema::empty()
}
