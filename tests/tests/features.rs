//! One snapshot per feature, from small test-only models (`fixtures/`), kept in `snapshots/` at
#![allow(clippy::duplicated_attributes)]
//! the workspace root. Every snapshot is also applied to a fresh database: the output is not only
//! stable but valid, and the re-runnable variant applies twice.

mod fixtures;

use ddl_gen::render::{CreateOptions, create_script, drop_script};
use model_core::{Schema, SchemaBuilder};
use pg_harness::{assert_same_catalog, server};

use fixtures::*;

/// A fresh database `label` holding `schema`, made by its create script (`what`, for messages).
fn built_in(label: &str, schema: &Schema, what: &str) -> pg_harness::Database {
    let db = server().fresh_database(label);
    db.apply_ok(&create_script(schema, CreateOptions::default()), what);
    db
}

/// Snapshots the create script of `builder` under `name`, and applies it (plain, re-runnable
/// twice, then the drop script) to fresh databases.
fn check_feature(name: &str, builder: SchemaBuilder, schemas: &[&str]) -> Schema {
    let schema = builder.build().unwrap_or_else(|e| panic!("{name}: {e}"));
    let script = create_script(&schema, CreateOptions::default());
    insta::with_settings!({ snapshot_path => "../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, script);
    });
    let pg = server();
    let db = pg.fresh_database(name);
    db.apply_ok(&script, name);
    let created = db.fingerprint(schemas);
    assert!(
        !created.is_empty(),
        "{name}: nothing was created in {schemas:?}"
    );

    let rerun = pg.fresh_database(&format!("{name}_rerun"));
    let guarded = create_script(
        &schema,
        CreateOptions {
            if_not_exists: true,
        },
    );
    rerun.apply_ok(&guarded, &format!("{name} --if-not-exists (first run)"));
    rerun.apply_ok(&guarded, &format!("{name} --if-not-exists (second run)"));
    assert_same_catalog(
        "plain",
        &created,
        "re-runnable, twice",
        &rerun.fingerprint(schemas),
    );

    db.apply_ok(&drop_script(&schema), &format!("{name} --drop"));
    // Extensions are database-wide and kept by --drop (they may serve others); nothing else is.
    let kept_extension = |l: &str| {
        schema
            .extensions
            .iter()
            .any(|e| l.starts_with(&format!("extension {} ", e.name)))
    };
    let left: Vec<String> = db
        .fingerprint(schemas)
        .into_iter()
        .filter(|l| !l.starts_with("schema public") && !kept_extension(l))
        .collect();
    assert_eq!(
        left,
        Vec::<String>::new(),
        "{name}: --drop left objects behind"
    );
    schema
}

#[test]
fn keys_serial_identity_composite_unique() {
    let schema = check_feature(
        "keys",
        Schema::builder()
            .entity::<keys::serial_key::Entity>()
            .entity::<keys::big_serial_key::Entity>()
            .entity::<keys::identity_key::Entity>()
            .entity::<keys::composite_key::Entity>()
            .entity::<keys::unlogged_cache::Entity>(),
        &["keys"],
    );
    let t = &schema.tables[0];
    assert_eq!(t.name.name, "big_serial_key");
}

#[test]
fn behaviours_soft_delete_versioned_timestamps() {
    let schema = check_feature(
        "behaviours",
        Schema::builder()
            .entity::<behaviours::document::Entity>()
            .entity::<behaviours::ledger::Entity>(),
        &["app"],
    );
    let ledger = schema
        .tables
        .iter()
        .find(|t| t.name.name == "ledger")
        .unwrap();
    assert_eq!(
        ledger.soft_delete.as_ref().map(|s| s.column.as_str()),
        Some("removed_at")
    );
    assert_eq!(ledger.version_column.as_deref(), Some("revision"));
    let names: Vec<&str> = schema
        .functions
        .iter()
        .map(|f| f.name.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "increment_revision_column",
            "increment_version_column",
            "update_modified_at_column",
            "update_updated_at_column"
        ]
    );
}

#[test]
fn versioned_and_timestamps_triggers_fire() {
    let schema = Schema::builder()
        .entity::<behaviours::ledger::Entity>()
        .build()
        .unwrap();
    let db = built_in("ledger_triggers", &schema, "ledger");
    db.query("INSERT INTO app.ledger (modified_at) VALUES ('2000-01-01')");
    db.query("UPDATE app.ledger SET removed_at = now()");
    db.query("UPDATE app.ledger SET removed_at = NULL");
    assert_eq!(
        db.query("SELECT revision, modified_at > '2001-01-01' FROM app.ledger"),
        "3|t\n"
    );
}

#[test]
fn indexes_every_key() {
    check_feature(
        "indexes",
        Schema::builder()
            .extension("pg_trgm")
            .entity::<indexes::article::Entity>(),
        &["search"],
    );
}

#[test]
fn constraints_checks_uniques_foreign_keys() {
    check_feature(
        "constraints",
        Schema::builder()
            .entity::<constraints::invoice::Entity>()
            .entity::<constraints::account::Entity>(),
        &["billing"],
    );
}

#[test]
fn constraint_options_include_deferral_not_valid_match_full() {
    let schema = check_feature(
        "constraint_options",
        constraint_options::builder(),
        &["ledger"],
    );
    let table = |name: &str| {
        schema
            .table(&model_core::QualifiedName::new("ledger", name))
            .unwrap()
    };
    let pk = table("account").primary_key.clone().unwrap();
    assert_eq!(
        (pk.name.as_str(), pk.include),
        ("account_key", vec!["currency".to_owned()])
    );
    // Rows the NOT VALID constraints found are kept; a row written after them is checked.
    let db = server().fresh_database("constraint_options_rows");
    let script = create_script(&schema, CreateOptions::default());
    db.apply_ok(&script, "constraint_options");
    let catalog = db.query(
        "SELECT conname || ' ' || convalidated FROM pg_constraint c
           JOIN pg_namespace n ON n.oid = c.connamespace
          WHERE n.nspname = 'ledger' AND contype IN ('c', 'f') ORDER BY 1",
    );
    assert_eq!(
        catalog,
        "account_holder_named true\naccount_iban_format false\nposting_account_fk true\nposting_amount_nonzero false\nposting_counter_id_fkey false\n"
    );
    // MATCH FULL: a key half NULL is refused, all NULL passes.
    db.apply_ok(
        "INSERT INTO ledger.account VALUES (1, 'EUR', 'DE89', 'Ann', 1, 1);
         INSERT INTO ledger.posting (id, account_id, currency, amount) VALUES (1, NULL, NULL, 5)",
        "rows",
    );
    let out = db.apply(
        "INSERT INTO ledger.posting (id, account_id, currency, amount) VALUES (2, 1, NULL, 5)",
    );
    assert!(
        pg_harness::stderr(&out).contains("posting_account_fk"),
        "{}",
        pg_harness::stderr(&out)
    );
    // The deferrable unique key is checked at commit: two accounts swap their slots.
    db.apply_ok(
        "INSERT INTO ledger.account VALUES (2, 'EUR', 'FR76', 'Bo', 1, 2);
         BEGIN;
         UPDATE ledger.account SET slot = 2 WHERE id = 1;
         UPDATE ledger.account SET slot = 1 WHERE id = 2;
         COMMIT;",
        "swap",
    );
}

#[test]
fn collations_of_columns_and_index_keys() {
    let schema = check_feature("collations", collations::builder(), &["lexicon"]);
    let db = built_in("collations_rows", &schema, "collations");
    db.apply_ok(
        "INSERT INTO lexicon.word (spelling, sort_key, code) VALUES
             ('apple', 'apple', 'apple'), ('Banana', 'Banana', 'Banana'), ('cherry', 'cherry', 'cherry')",
        "rows",
    );
    // "C" sorts by byte (upper case first), ICU's root collation by letter.
    assert_eq!(
        db.query("SELECT string_agg(spelling, ' ' ORDER BY spelling) FROM lexicon.word"),
        "Banana apple cherry\n"
    );
    assert_eq!(
        db.query("SELECT string_agg(sort_key, ' ' ORDER BY sort_key) FROM lexicon.word"),
        "apple Banana cherry\n"
    );
    // Each index key is collated as declared, and only there.
    let keys = db.query(
        "SELECT c.relname || ' ' || array_to_string(ARRAY(
                    SELECT COALESCE(co.collname, '-') FROM unnest(i.indcollation) k(coll)
                      LEFT JOIN pg_collation co ON co.oid = k.coll), ',')
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE c.relnamespace = 'lexicon'::regnamespace AND NOT i.indisprimary ORDER BY 1",
    );
    assert_eq!(
        keys,
        "idx_word_code C\nidx_word_label POSIX\nidx_word_sort_key und-x-icu\nword_spelling_icu und-x-icu\nword_spelling_lower C\n"
    );
}

#[test]
fn collations_of_the_models_sort_and_compare_as_declared() {
    let schema = check_feature(
        "collation_objects",
        collation_objects::builder(),
        &["people"],
    );
    let db = built_in("collation_object_rows", &schema, "collation_objects");
    db.apply_ok(
        "INSERT INTO people.person (email, surname, handle) VALUES
             ('Ada@Example.org', 'Goethe', 'ada'), ('bo@example.org', 'Göbel', 'Bo'),
             ('cy@example.org', 'Gott', NULL)",
        "rows",
    );
    // The unique email is unique whatever the case; the domain's column compares so too.
    let out =
        db.apply("INSERT INTO people.person (email, surname) VALUES ('ada@EXAMPLE.org', 'x');");
    assert!(
        pg_harness::stderr(&out).contains("person_email_key"),
        "{}",
        pg_harness::stderr(&out)
    );
    assert_eq!(
        db.query("SELECT surname FROM people.person WHERE handle = 'ADA'"),
        "Goethe\n"
    );
    // The phone book sorts "ö" as "oe": Göbel before Goethe; byte order puts it after Gott.
    assert_eq!(
        db.query("SELECT string_agg(surname, ' ' ORDER BY surname) FROM people.person"),
        "Göbel Goethe Gott\n"
    );
    assert_eq!(
        db.query(
            "SELECT string_agg(surname, ' ' ORDER BY surname COLLATE people.bytes) FROM people.person"
        ),
        "Goethe Gott Göbel\n"
    );
    // The domain's check still holds under its collation.
    let out = db.apply("UPDATE people.person SET handle = 'a b' WHERE id = 1;");
    assert!(pg_harness::stderr(&out).contains("handle_has_no_space"));
    // Each collation is made as declared.
    assert_eq!(
        db.query(
            "SELECT format('%s %s %s %s %s', collname, collprovider,
                           coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale',
                                    collcollate), coalesce(collctype, '-'), collisdeterministic)
               FROM pg_collation c WHERE collnamespace = 'people'::regnamespace ORDER BY collname"
        ),
        "bytes c C POSIX t\ncase_insensitive i und-u-ks-level2 - f\ngerman_phonebook i de-u-co-phonebk - t\n"
    );
}

#[test]
fn grants_let_each_role_do_what_it_was_granted_and_no_more() {
    server()
        .fresh_database("grant_roles")
        .apply_ok(grants::ROLES, "the grants' roles");
    let schema = check_feature("grants", grants::builder(), &["hr"]);
    let db = built_in("grant_rows", &schema, "grants");
    db.apply_ok(
        "INSERT INTO hr.employee (name, pay) VALUES ('Ada', 7000)",
        "a row",
    );
    let as_role = |role: &str, sql: &str| db.apply(&format!("SET ROLE {role};\n{sql};"));
    let allowed = |role: &str, sql: &str| {
        let out = as_role(role, sql);
        assert!(
            out.status.success(),
            "{role}: {sql}: {}",
            pg_harness::stderr(&out)
        );
    };
    let denied = |role: &str, sql: &str| {
        let out = as_role(role, sql);
        assert!(
            pg_harness::stderr(&out).contains("permission denied"),
            "{role} was let {sql}: {}",
            pg_harness::stderr(&out)
        );
    };
    allowed("grant_reader", "SELECT * FROM hr.directory");
    allowed("grant_reader", "SELECT hr.band(100)");
    denied("grant_reader", "SELECT * FROM hr.employee");
    denied("grant_reader", "SELECT nextval('hr.badge_no')");
    allowed(
        "grant_clerk",
        "INSERT INTO hr.employee (name, pay) VALUES ('Bo', 10)",
    );
    allowed(
        "grant_clerk",
        "UPDATE hr.employee SET pay = 20 WHERE name = 'Bo'",
    );
    allowed("grant_clerk", "SELECT nextval('hr.badge_no')");
    denied("grant_clerk", "DELETE FROM hr.employee");
    denied("grant_clerk", "SELECT * FROM hr.directory");
    // The lead may read and pass that on, and nothing else.
    allowed(
        "\"grant Lead\"",
        "GRANT SELECT ON hr.employee TO grant_reader",
    );
    allowed("grant_reader", "SELECT * FROM hr.employee");
    let out = as_role(
        "\"grant Lead\"",
        "GRANT INSERT ON hr.employee TO grant_reader",
    );
    assert!(pg_harness::stderr(&out).contains("no privileges were granted"));
    denied(
        "grant_reader",
        "INSERT INTO hr.employee (name, pay) VALUES ('Cy', 1)",
    );
    assert_eq!(
        db.query(
            "SELECT relname || ' ' || replace(array_to_string(relacl, ','), current_user, 'owner')
               FROM pg_class WHERE relnamespace = 'hr'::regnamespace AND relacl IS NOT NULL ORDER BY 1"
        ),
        "badge_no owner=rwU/owner,grant_clerk=U/owner\n\
         directory owner=arwdDxt/owner,grant_reader=r/owner\n\
         employee owner=arwdDxt/owner,\"grant Lead\"=r*/owner,grant_clerk=arw/owner,grant_reader=r/\"grant Lead\"\n"
    );
}

#[test]
fn storage_parameters_of_tables_and_indexes() {
    let schema = check_feature("storage", storage::builder(), &["stock"]);
    let db = built_in("storage_options", &schema, "storage");
    assert_eq!(
        db.query(
            "SELECT relname || ' ' || array_to_string(reloptions, ',') FROM pg_class
              WHERE relnamespace = 'stock'::regnamespace AND reloptions IS NOT NULL ORDER BY 1"
        ),
        "bin autovacuum_enabled=true,autovacuum_vacuum_scale_factor=0.05,fillfactor=70,log_autovacuum_min_duration=-1\n\
         idx_bin_code fillfactor=90\n\
         idx_bin_code_shelf deduplicate_items=false,fillfactor=80\n\
         idx_bin_stocked_at pages_per_range=32\n\
         idx_bin_tags fastupdate=false\n"
    );
}

#[test]
fn identity_columns_with_sequence_options() {
    let schema = check_feature("identity", identity::builder(), &["tally"]);
    let db = built_in("identity_rows", &schema, "identity");
    db.apply_ok(
        "INSERT INTO tally.ticket (label) VALUES ('a'), ('b'), ('c'), ('d'), ('e');
         INSERT INTO tally.counter (name) VALUES ('x'), ('y');
         INSERT INTO tally.counter (name, seat) VALUES ('z', 7);",
        "rows",
    );
    // Always: the key counts from 1000 by 10; the countdown runs -1, -2, -3 and cycles.
    assert_eq!(
        db.query("SELECT string_agg(id || ':' || countdown, ' ' ORDER BY id) FROM tally.ticket"),
        "1000:-1 1010:-2 1020:-3 1030:-1 1040:-2\n"
    );
    assert_eq!(
        db.query("SELECT string_agg(name || ':' || seat, ' ' ORDER BY name) FROM tally.counter"),
        "x:1 y:2 z:7\n"
    );
    // GENERATED ALWAYS refuses a value it did not give; BY DEFAULT took one above.
    let out = db.apply("INSERT INTO tally.ticket (id, label) VALUES (1, 'f');");
    assert!(
        pg_harness::stderr(&out).contains("cannot insert a non-DEFAULT value into column \"id\""),
        "{}",
        pg_harness::stderr(&out)
    );
    assert_eq!(
        db.query(
            "SELECT string_agg(format('%s %s %s %s..%s cache %s cycle %s', seqrelid::regclass, seqstart,
                                      seqincrement, seqmin, seqmax, seqcache, seqcycle), E'\\n'
                              ORDER BY seqrelid::regclass::text)
               FROM pg_sequence WHERE seqrelid::regclass::text LIKE 'tally.%'"
        ),
        "tally.counter_seat_seq 1 1 1..500 cache 1 cycle f\n\
         tally.ticket_countdown_seq -1 -1 -3..-1 cache 1 cycle t\n\
         tally.ticket_id_seq 1000 10 1..9223372036854775807 cache 20 cycle f\n"
    );
}

#[test]
fn exclusion_constraints_refuse_what_they_exclude() {
    let schema = check_feature("exclusions", exclusions::builder(), &["booking"]);
    let db = built_in("exclusion_rows", &schema, "exclusions");
    // btree_gist's documentation: a cage holds one kind of animal.
    db.apply_ok(
        "INSERT INTO booking.zoo (id, cage, animal) VALUES (1, 123, 'zebra'), (2, 123, 'zebra')",
        "zebras",
    );
    let out = db.apply("INSERT INTO booking.zoo (id, cage, animal) VALUES (3, 123, 'lion');");
    assert!(
        pg_harness::stderr(&out).contains(
            "conflicting key value violates exclusion constraint \"zoo_cage_animal_excl\""
        ),
        "{}",
        pg_harness::stderr(&out)
    );
    db.apply_ok(
        "INSERT INTO booking.reservation VALUES
             (1, 7, 'Ada', '2026-01-01 10:00Z', '2026-01-01 12:00Z', false),
             (2, 7, 'Bo', '2026-01-01 11:00Z', '2026-01-01 13:00Z', true),
             (3, 8, 'Cy', '2026-01-01 11:00Z', '2026-01-01 13:00Z', false)",
        "bookings: a cancelled one and another room overlap",
    );
    let out = db.apply(
        "INSERT INTO booking.reservation VALUES (4, 7, 'Di', '2026-01-01 11:30Z', '2026-01-01 11:45Z', false);",
    );
    assert!(
        pg_harness::stderr(&out).contains("reservation_no_overlap"),
        "{}",
        pg_harness::stderr(&out)
    );
    // Deferrable: an overlap inside the transaction, mended before it ends.
    db.apply_ok(
        "BEGIN;
         SET CONSTRAINTS booking.reservation_no_overlap DEFERRED;
         INSERT INTO booking.reservation VALUES (5, 8, 'Ed', '2026-01-01 12:00Z', '2026-01-01 14:00Z', false);
         UPDATE booking.reservation SET starts_at = '2026-01-01 13:00Z' WHERE id = 5;
         COMMIT;",
        "deferred",
    );
}

#[test]
fn domains_check_default_and_refuse_for_their_columns() {
    let schema = check_feature("domains", domains::builder(), &["post"]);
    let db = built_in("domain_rows", &schema, "domains");
    db.apply_ok(
        "INSERT INTO post.us_snail_addy VALUES (1, '1 Main St', '12345-6789', 'USA', '{02134}');
         INSERT INTO post.parcel (id, address_id) VALUES (1, 1);",
        "rows the domains accept",
    );
    // The domain's default fills the columns of it that have none of their own.
    assert_eq!(
        db.query("SELECT postage::text FROM post.parcel WHERE id = 1"),
        "0.00\n"
    );
    for (bad, constraint) in [
        (
            "INSERT INTO post.us_snail_addy VALUES (2, 'x', '1234', 'USA', NULL)",
            "us_postal_code_check",
        ),
        (
            "INSERT INTO post.us_snail_addy VALUES (3, 'x', '12345', 'usa', NULL)",
            "three \"capitals\"",
        ),
        (
            "INSERT INTO post.us_snail_addy VALUES (4, 'x', '12345', 'USA', '{1}')",
            "us_postal_code_check",
        ),
        (
            "INSERT INTO post.parcel VALUES (2, 1, -1, NULL)",
            "money_amount_not_negative",
        ),
        (
            "INSERT INTO post.parcel VALUES (3, 1, NULL, NULL)",
            "domain post.money_amount does not allow null values",
        ),
    ] {
        let out = db.apply(&format!("{bad};"));
        assert!(
            pg_harness::stderr(&out).contains(constraint),
            "{bad}: {}",
            pg_harness::stderr(&out)
        );
    }
    // Collated "C" by the domain: upper case sorts first.
    assert_eq!(
        db.query(
            "SELECT string_agg(c, ' ' ORDER BY c) FROM (VALUES ('ABC'::post.\"Country Code\"), ('ABD'), ('ABc')) v(c)"
        ),
        "ABC ABD ABc\n"
    );
}

#[test]
fn composite_types_hold_rows_of_their_attributes() {
    let schema = check_feature("composites", composites::builder(), &["stock"]);
    let db = built_in("composite_rows", &schema, "composites");
    // PostgreSQL's documentation: a row of inventory_item, and its fields read back.
    db.apply_ok(
        "INSERT INTO stock.on_hand VALUES (1, ROW('fuzzy dice', 42, 1.99, true), 1000, ARRAY[ROW(1, -1)::stock.complex])",
        "the documentation's row",
    );
    assert_eq!(
        db.query(
            "SELECT (item).name, (item).price, (item).\"select\", readings[1].i FROM stock.on_hand"
        ),
        "fuzzy dice|1.99|t|-1\n"
    );
    // The price attribute is of a domain: its check holds inside the row.
    let out = db.apply("INSERT INTO stock.on_hand VALUES (2, ROW('free', 1, 0, false), 1, NULL);");
    assert!(
        pg_harness::stderr(&out).contains("violates check constraint \"price_positive\""),
        "{}",
        pg_harness::stderr(&out)
    );
    // The name attribute is collated "C": upper case first.
    assert_eq!(
        db.query(
            "SELECT string_agg((i).name, ' ' ORDER BY (i).name) FROM (VALUES (ROW('b', 1, 1, true)::stock.inventory_item), (ROW('B', 1, 1, true)::stock.inventory_item), (ROW('a', 1, 1, true)::stock.inventory_item)) v(i)"
        ),
        "B a b\n"
    );
}

#[test]
fn deferrable_foreign_key_is_checked_at_commit() {
    let schema = Schema::builder()
        .entity::<constraints::invoice::Entity>()
        .entity::<constraints::account::Entity>()
        .build()
        .unwrap();
    let db = built_in("deferred", &schema, "constraints");
    // The invoice goes in before its account, inside one transaction: allowed by INITIALLY DEFERRED.
    db.apply_ok(
        "BEGIN;
         INSERT INTO billing.invoice (id, account_id) VALUES (1, 7);
         INSERT INTO billing.account (id, region, code, balance, credit_limit) VALUES (7, 'eu', 'ABC', 0, 1);
         COMMIT;",
        "deferred insert",
    );
    let out = db.apply("INSERT INTO billing.invoice (id, account_id) VALUES (2, 99);");
    assert!(
        pg_harness::stderr(&out).contains("invoice_account_fk"),
        "{}",
        pg_harness::stderr(&out)
    );
}

#[test]
fn cycle_closed_by_alter_table() {
    let schema = check_feature(
        "cycle",
        Schema::builder()
            .entity::<cycle::badge::Entity>()
            .entity::<cycle::employee::Entity>()
            .entity::<cycle::department::Entity>(),
        &["org"],
    );
    let guarded = create_script(
        &schema,
        CreateOptions {
            if_not_exists: true,
        },
    );
    insta::with_settings!({ snapshot_path => "../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("cycle_if_not_exists", guarded);
        insta::assert_snapshot!("cycle_drop", drop_script(&schema));
    });
}

#[test]
fn registration_order_does_not_change_the_output() {
    let render = |b: SchemaBuilder| create_script(&b.build().unwrap(), CreateOptions::default());
    let a = render(
        Schema::builder()
            .entity::<cycle::badge::Entity>()
            .entity::<cycle::employee::Entity>()
            .entity::<cycle::department::Entity>(),
    );
    let b = render(
        Schema::builder()
            .entity::<cycle::department::Entity>()
            .entity::<cycle::employee::Entity>()
            .entity::<cycle::badge::Entity>(),
    );
    assert_eq!(a, b);
    let employee = a.find("CREATE TABLE org.employee").unwrap();
    let badge = a.find("CREATE TABLE org.badge").unwrap();
    assert!(
        employee < badge,
        "a table comes after the tables it references"
    );
}

#[test]
fn enums_in_own_and_shared_schema() {
    check_feature(
        "enums",
        Schema::builder()
            .entity::<enums::purchase::Entity>()
            .entity::<enums::refund::Entity>(),
        &["shop", "returns", "common"],
    );
}

#[test]
fn types_defaults_comments_public_schema() {
    check_feature(
        "types",
        Schema::builder()
            .entity::<types::measurement::Entity>()
            .entity::<types::parcel::Entity>(),
        &["public"],
    );
}

#[test]
fn generated_columns_are_computed_by_the_database() {
    let db = pg_harness::server().fresh_database("feature_generated");
    let schema = Schema::builder()
        .entity::<types::parcel::Entity>()
        .build()
        .unwrap();
    let parcel = &schema.tables[0];
    assert_eq!(
        parcel.column("label_shout").unwrap().generated.as_deref(),
        Some("upper(label)")
    );
    db.apply_ok(
        &ddl_gen::render::create_script(&schema, Default::default()),
        "parcel",
    );
    db.apply_ok(
        "INSERT INTO parcel (id, weight_kg, label) VALUES (1, 1.23456, 'fragile')",
        "a row",
    );
    assert_eq!(
        db.query("SELECT weight_grams || ' ' || label_shout FROM parcel"),
        "1234.6 FRAGILE\n"
    );
    // Written to: refused, as PostgreSQL refuses it.
    let out = db.apply("UPDATE parcel SET label_shout = 'x'");
    assert!(!out.status.success());
    assert!(
        pg_harness::stderr(&out).contains("can only be updated to DEFAULT"),
        "{}",
        pg_harness::stderr(&out)
    );
}

fn views_builder() -> SchemaBuilder {
    Schema::builder()
        .entity::<views::item::Entity>()
        .view(views::cheap_names())
        .entity::<views::totals::Entity>()
        .entity::<views::listing::Entity>()
        .view(views::cheap())
}

#[test]
fn views_plain_materialized_and_of_views() {
    let schema = check_feature("views", views_builder(), &["shop"]);
    let names: Vec<String> = schema.views.iter().map(|v| v.name.to_string()).collect();
    assert_eq!(
        names,
        [
            "shop.Cheap Names",
            "shop.category_totals",
            "shop.cheap_item",
            "shop.item_listing"
        ]
    );
    assert_eq!(
        schema.views[0].reads,
        [model_core::QualifiedName::new("shop", "cheap_item")]
    );
}

#[test]
fn views_answer_queries_and_check_what_is_written() {
    let schema = views_builder().build().unwrap();
    let db = built_in("feature_views_rows", &schema, "views");
    db.apply_ok(
        "INSERT INTO shop.item VALUES (1, 'pen', 'office', 2.50, false), \
         (2, 'desk', 'office', 120, false), (3, 'mug', 'kitchen', 6, true)",
        "rows",
    );
    assert_eq!(
        db.query("SELECT string_agg(name, ',' ORDER BY id) FROM shop.item_listing"),
        "pen,desk\n"
    );
    assert_eq!(
        db.query("SELECT string_agg(name, ',') FROM shop.\"Cheap Names\""),
        "mug,pen\n"
    );
    // Written through the view: a row the view would not show is refused.
    db.apply_ok(
        "INSERT INTO shop.cheap_item VALUES (4, 'clip', 'office', 1, false)",
        "a cheap row",
    );
    let out = db.apply("INSERT INTO shop.cheap_item VALUES (5, 'lamp', 'office', 40, false)");
    assert!(
        pg_harness::stderr(&out).contains("violates check option"),
        "{}",
        pg_harness::stderr(&out)
    );
    // Stored when created (empty then); the unique index lets it refresh concurrently.
    assert_eq!(db.query("SELECT count(*) FROM shop.category_totals"), "0\n");
    db.apply_ok(
        "REFRESH MATERIALIZED VIEW shop.category_totals; \
         REFRESH MATERIALIZED VIEW CONCURRENTLY shop.category_totals",
        "refresh",
    );
    assert_eq!(
        db.query(
            "SELECT items || ' ' || value FROM shop.category_totals WHERE category = 'office'"
        ),
        "3 123.50\n"
    );

    // The entities declared as views are read through SeaORM like tables.
    use sea_orm::{EntityTrait, QueryOrder};
    pg_harness::runtime().block_on(async {
        let conn = sea_orm::Database::connect(&db.url).await.unwrap();
        let shown: Vec<(i32, String)> = views::listing::Entity::find()
            .order_by_asc(views::listing::Column::Id)
            .all(&conn)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        assert_eq!(
            shown,
            [(1, "pen".into()), (2, "desk".into()), (4, "clip".into())]
        );
        let kitchen = views::totals::Entity::find_by_id("kitchen".to_owned())
            .one(&conn)
            .await
            .unwrap()
            .expect("a row for kitchen");
        assert_eq!(
            (kitchen.items, kitchen.value.to_string()),
            (1, "6.00".into())
        );
    });
}

#[test]
fn functions_and_procedures_of_every_signature() {
    let schema = check_feature("functions", functions::builder(), &["shop"]);
    let names: Vec<String> = (schema.functions.iter())
        .map(|f| format!("{} {}({})", f.kind(), f.name, f.identity_args()))
        .collect();
    assert_eq!(
        names,
        [
            "function shop.add_em(integer, integer)",
            "function shop.add_em(numeric, numeric)",
            "procedure shop.count_items(numeric, bigint)",
            "procedure shop.discontinue(integer)",
            "function shop.item_count()",
            "function shop.items_in(text)",
            "function shop.mleast(numeric[])",
            "function shop.price_list(numeric)",
            "function shop.price_of(integer)",
            "function shop.sum_n_product(integer, integer)",
        ]
    );
    // Found by PostgreSQL's parser: what the sql bodies read, along the search_path too.
    let reads = |name: &str| -> Vec<String> {
        let f = schema
            .functions
            .iter()
            .find(|f| f.name.name == name)
            .unwrap();
        f.reads.iter().map(|q| q.to_string()).collect()
    };
    assert_eq!(reads("items_in"), ["shop.item"]);
    assert_eq!(reads("price_list"), ["shop.item"]);
    assert_eq!(reads("add_em"), Vec::<String>::new());
}

#[test]
fn functions_and_procedures_answer_calls() {
    let schema = functions::builder().build().unwrap();
    let db = built_in("feature_functions_calls", &schema, "functions");
    db.apply_ok(
        "INSERT INTO shop.item VALUES (1, 'pen', 'office', 2.50, false), \
         (2, 'desk', 'office', 120, false), (3, 'mug', 'kitchen', 6, false)",
        "rows",
    );
    let q = |sql: &str| db.query(sql);
    assert_eq!(q("SELECT shop.add_em(1)"), "2\n");
    assert_eq!(q("SELECT shop.add_em(1, 2)"), "3\n");
    assert_eq!(q("SELECT shop.add_em(1.5, 2)"), "3.5\n");
    assert_eq!(q("SELECT shop.add_em(NULL) IS NULL"), "t\n");
    assert_eq!(
        q("SELECT sum || ' ' || product FROM shop.sum_n_product(3, 4)"),
        "7 12\n"
    );
    assert_eq!(q("SELECT shop.mleast(10, -1, 5.5)"), "-1\n");
    assert_eq!(
        q("SELECT string_agg(name, ',') FROM shop.items_in('office')"),
        "pen,desk\n"
    );
    assert_eq!(
        q("SELECT string_agg(name, ',') FROM shop.price_list()"),
        "pen,mug\n"
    );
    assert_eq!(
        q("SELECT string_agg(name, ',') FROM shop.cheap_list"),
        "pen,mug\n"
    );
    assert_eq!(q("SELECT shop.price_of(2)"), "120.00\n");
    let missing = db.apply("SELECT shop.price_of(9)");
    assert!(
        pg_harness::stderr(&missing).contains("no item 9 ($$ is not a price)"),
        "{}",
        pg_harness::stderr(&missing)
    );
    // The default and the check call functions the script made first.
    db.apply_ok("INSERT INTO shop.tally DEFAULT VALUES", "a tally");
    assert_eq!(q("SELECT items FROM shop.tally"), "3\n");
    let out = db.apply("INSERT INTO shop.tally (items) VALUES (2000000)");
    assert!(
        pg_harness::stderr(&out).contains("tally_small"),
        "{}",
        pg_harness::stderr(&out)
    );
    // Procedures, one with an INOUT argument.
    db.apply_ok("CALL shop.discontinue(1)", "call");
    assert_eq!(q("SELECT discontinued FROM shop.item WHERE id = 1"), "t\n");
    assert_eq!(q("CALL shop.count_items(5)"), "2\n");
}

#[test]
fn triggers_of_every_kind_on_tables_and_views() {
    let schema = check_feature("triggers", triggers::builder(), &["shop"]);
    let item = schema.table(&model_core::QualifiedName::new("shop", "item"));
    assert_eq!(item.map(|t| t.triggers.len()), Some(5));
}

#[test]
fn triggers_fire() {
    let schema = triggers::builder().build().unwrap();
    let db = built_in("feature_triggers_fire", &schema, "triggers");
    let q = |sql: &str| db.query(sql);
    db.apply_ok(
        "INSERT INTO shop.item VALUES (1, '  pen ', 'office', 2.50, false), (2, 'desk', 'office', 120, false)",
        "rows",
    );
    // BEFORE INSERT, with its arguments; AFTER INSERT FOR EACH STATEMENT with its new rows.
    assert_eq!(q("SELECT name FROM shop.item WHERE id = 1"), "pen\n");
    assert_eq!(
        q("SELECT what || ' ' || rows FROM shop.audit"),
        "INSERT item 2\n"
    );
    let empty = db.apply("INSERT INTO shop.item VALUES (3, ' ', 'office', 1, false)");
    assert!(
        pg_harness::stderr(&empty).contains("item it's $$ named: a name is needed"),
        "{}",
        pg_harness::stderr(&empty)
    );
    // AFTER UPDATE OF price, WHEN the price changed.
    db.apply_ok("UPDATE shop.item SET price = 3 WHERE id = 1", "a new price");
    db.apply_ok(
        "UPDATE shop.item SET price = 3 WHERE id = 1",
        "the same price",
    );
    db.apply_ok(
        "UPDATE shop.item SET category = 'desk' WHERE id = 2",
        "no price",
    );
    assert_eq!(
        q("SELECT item_id || ' ' || old_price || ' ' || new_price FROM shop.price_history"),
        "1 2.50 3.00\n"
    );
    // INSTEAD OF on the view writes through; its statement trigger notes the insert.
    db.apply_ok(
        "INSERT INTO shop.item_names VALUES (7, 'lamp')",
        "through the view",
    );
    db.apply_ok(
        "UPDATE shop.item_names SET name = 'big lamp' WHERE id = 7",
        "rename",
    );
    assert_eq!(q("SELECT name FROM shop.item WHERE id = 7"), "big lamp\n");
    assert_eq!(
        q("SELECT count(*) FROM shop.audit WHERE what = 'AFTER INSERT item_names'"),
        "1\n"
    );
    db.apply_ok("DELETE FROM shop.item_names WHERE id = 7", "delete through");
    assert_eq!(
        q("SELECT what || ' ' || rows FROM shop.audit ORDER BY id DESC LIMIT 1"),
        "DELETE item 1\n"
    );
    // BEFORE TRUNCATE refuses.
    let truncate = db.apply("TRUNCATE shop.item");
    assert!(
        pg_harness::stderr(&truncate).contains("items are never truncated"),
        "{}",
        pg_harness::stderr(&truncate)
    );
}

#[test]
fn quoting_only_where_needed() {
    check_feature(
        "quoting",
        Schema::builder()
            .schema_comment("Sales", "Orders' home")
            .entity::<quoting::order::Entity>(),
        &["Sales"],
    );
}

#[test]
fn dataflow_full_script() {
    let schema = models::schema();
    insta::with_settings!({ snapshot_path => "../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("dataflow", create_script(&schema, CreateOptions::default()));
        insta::assert_snapshot!("dataflow_drop", drop_script(&schema));
    });
}

#[test]
fn seed_rows_with_their_keys_foreign_keys_and_escapes() {
    let schema = check_feature("seeds", seeds::builder(), &["shop"]);
    let keys: Vec<(String, Vec<String>)> = (schema.seeds.iter())
        .map(|s| (s.table.name.clone(), s.key.clone()))
        .collect();
    assert_eq!(
        keys,
        [
            ("brand".to_owned(), vec!["code".to_owned()]),
            ("game".to_owned(), vec!["id".to_owned()]),
            ("platform".to_owned(), vec!["id".to_owned()]),
        ]
    );
}

#[test]
fn seed_rows_fill_a_fresh_database_once() {
    let db = server().fresh_database("feature_seeds_fill");
    let schema = seeds::builder().build().unwrap();
    let script = create_script(&schema, CreateOptions::default());
    db.apply_ok(&script, "seeds");
    let q = |sql: &str| db.query(sql);
    assert_eq!(
        q(
            "SELECT id || ' ' || name || ' ' || slug || ' ' || sort || ' ' || coalesce(launched::text, '-') FROM shop.platform ORDER BY id"
        ),
        "1 Steam steam 1 2003-09-12\n2 GOG gog 0 -\n3 Itch's \\ \"io\"\nstore $$ — ✓ itch 0 -\n"
    );
    assert_eq!(
        q(
            "SELECT string_agg(g.title || '@' || p.slug || ':' || g.status, ',' ORDER BY g.id) FROM shop.game g JOIN shop.platform p ON p.id = g.platform_id"
        ),
        "Portal@steam:released,Celeste@itch:released,Next@gog:announced\n"
    );
    // The identity column's sequence moved past the seeded keys: the application's next row
    // takes 4, not 1 (which would fail on the primary key).
    assert_eq!(
        q("INSERT INTO shop.platform (name, slug) VALUES ('Epic', 'epic') RETURNING id"),
        "4\n"
    );
    // The brands' keys were left to their identity column, told apart by code.
    assert_eq!(
        q("SELECT string_agg(id || code, ',' ORDER BY id) FROM shop.brand"),
        "1acme,2globex\n"
    );

    // Run again over edited rows: DO NOTHING keeps a platform as the database has it,
    // DO UPDATE puts a brand's declared columns back (and leaves the undeclared `note`).
    db.apply_ok(
        "UPDATE shop.platform SET name = 'Steam (edited)' WHERE id = 1; UPDATE shop.brand SET name = 'ACME Corp', note = 'kept' WHERE code = 'acme'; DELETE FROM shop.game WHERE id = 12",
        "edits",
    );
    db.apply_ok(
        &create_script(
            &schema,
            CreateOptions {
                if_not_exists: true,
            },
        ),
        "the re-runnable script over the seeded database",
    );
    assert_eq!(
        q("SELECT name FROM shop.platform WHERE id = 1"),
        "Steam (edited)\n"
    );
    assert_eq!(
        q("SELECT name || ' ' || note FROM shop.brand WHERE code = 'acme'"),
        "Acme kept\n"
    );
    assert_eq!(
        q("SELECT count(*) FROM shop.game"),
        "3\n",
        "the deleted row is back"
    );
    assert_eq!(q("SELECT count(*) FROM shop.platform"), "4\n");
    // The sequence never goes back.
    assert_eq!(
        q("INSERT INTO shop.platform (name, slug) VALUES ('Uplay', 'uplay') RETURNING id"),
        "5\n"
    );
}

#[test]
fn row_level_security_policies_and_tenants() {
    let pg = server();
    pg.fresh_database("rls_roles")
        .apply_ok(security::ROLES, "the policies' roles");
    let schema = check_feature("row_security", security::builder(), &["rls"]);
    let table = |name: &str| {
        schema
            .table(&model_core::QualifiedName::new("rls", name))
            .unwrap()
    };
    assert!(table("accounts").row_security && !table("accounts").force_row_security);
    assert_eq!(table("passwd").policies.len(), 4);
    // The tenant key: the column filled from the setting, an index, row security forced.
    let orders = table("orders");
    assert!(orders.row_security && orders.force_row_security);
    assert_eq!(
        orders.column("tenant_id").unwrap().default.as_deref(),
        Some("NULLIF(current_setting('app.tenant_id', true), '')::bigint")
    );
    assert_eq!(orders.indexes[0].name, "idx_orders_tenant_id");
    // An index already leads with notes' tenant column: no second one.
    assert_eq!(table("notes").indexes.len(), 1);
}

#[test]
fn partitions_hold_the_rows_their_bounds_say() {
    let schema = check_feature(
        "partitions",
        partitions::builder(),
        &["metrics", "metrics_archive"],
    );
    let db = built_in("partition_rows", &schema, "partitions");
    db.apply_ok(
        "INSERT INTO metrics.measurement (city_id, logdate, peaktemp) VALUES
             (1, '2006-02-14', 3), (1, '2006-03-01', 9), (2, '2006-03-31', 12), (1, '2007-01-01', 1);
         INSERT INTO metrics.customer VALUES (1, 'eu', 'Ada'), (2, 'us', 'Bo'), (3, 'jp', 'Cy');
         INSERT INTO metrics.session (started_at) SELECT now() FROM generate_series(1, 20);
         INSERT INTO metrics.event VALUES (1, 'Click'), (2, 'VIEW'), (3, NULL)",
        "rows",
    );
    // Each row is in the partition its key falls in; what none holds goes to the default.
    assert_eq!(
        db.query(
            "SELECT string_agg(format('%s %s', logdate, tableoid::regclass), ', ' ORDER BY logdate)
               FROM metrics.measurement"
        ),
        "2006-02-14 metrics_archive.measurement_y2006m02, 2006-03-01 metrics.measurement_y2006m03, \
         2006-03-31 metrics.measurement_y2006m03, 2007-01-01 metrics.measurement_rest\n"
    );
    assert_eq!(
        db.query(
            "SELECT string_agg(format('%s %s', region, tableoid::regclass), ', ' ORDER BY id)
               FROM metrics.customer"
        ),
        "eu metrics.customer_europe, us metrics.customer_america, jp metrics.customer_other\n"
    );
    assert_eq!(
        db.query(
            "SELECT string_agg(format('%s %s', id, tableoid::regclass), ', ' ORDER BY id)
               FROM metrics.event"
        ),
        "1 metrics.event_click, 2 metrics.event_view, 3 metrics.event_view\n"
    );
    // Hashing spreads the sessions over both partitions.
    assert_eq!(
        db.query("SELECT count(DISTINCT tableoid) || ' ' || count(*) FROM metrics.session"),
        "2 20\n"
    );
    // The parent's key, check and default hold in every partition; a key no partition takes
    // is refused.
    let refused = |sql: &str, message: &str| {
        let out = db.apply(sql);
        assert!(
            pg_harness::stderr(&out).contains(message),
            "{sql}: {}",
            pg_harness::stderr(&out)
        );
    };
    refused(
        "INSERT INTO metrics.measurement (city_id, logdate) VALUES (1, '2006-03-01');",
        "measurement_y2006m03_pkey",
    );
    refused(
        "INSERT INTO metrics_archive.measurement_y2006m02 (city_id, logdate, unitsales)
             VALUES (5, '2006-02-02', -1);",
        "measurement_sales_positive",
    );
    refused(
        "INSERT INTO metrics.event VALUES (4, 'scroll');",
        "no partition of relation \"event\" found for row",
    );
    assert_eq!(
        db.query("SELECT unitsales FROM metrics_archive.measurement_y2006m02"),
        "0\n"
    );
    // The index on the parent is on each partition too.
    assert_eq!(
        db.query(
            "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent
              WHERE c.relname = 'idx_measurement_logdate'"
        ),
        "3\n"
    );
}
