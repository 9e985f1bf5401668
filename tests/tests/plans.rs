//! Migration plans applied to a real PostgreSQL: the changes the dependency graph must order
//! (found by randomized schemas), each applied over rows, up and back down, and the result
//! compared catalog to catalog with a database built from the target schema directly.

use ddl_gen::migration::{Rename, Step, Unsupported, plan, plan_online, renames};
use ddl_gen::render::{CreateOptions, create_script};
use model_core::{
    Column, ColumnType, EnumType, ForeignKey, ForeignKeyAction, Identity, IdentityOptions, Index,
    IndexKey, IndexMethod, QualifiedName, Schema, Seed, Table,
};
use pg_harness::tables::{app_table, btree_index, column, foreign_key, unique_key};
use pg_harness::{Database, assert_same_catalog, server};

fn table(name: &str, columns: Vec<Column>) -> Table {
    app_table(name, columns)
}

fn build(tables: Vec<Table>, enums: Vec<EnumType>) -> Schema {
    let mut b = Schema::builder();
    for t in tables {
        b = b.table(t);
    }
    for e in enums {
        b = b.enum_type(e);
    }
    b.build().unwrap_or_else(|e| panic!("{e}"))
}

/// The plan from `from` to `to` as one transaction of SQL.
fn script(steps: &[Step]) -> String {
    let body: Vec<String> = steps.iter().map(|s| s.action.sql()).collect();
    format!("BEGIN;\n{};\nCOMMIT;\n", body.join(";\n"))
}

/// Builds `from`, inserts `rows`, migrates to `to` and back, checking each catalog against a
/// database built from that schema directly: with the plain plan (one transaction), then with
/// the plan `ddl-gen migrate` writes (`plan_online`, as `migration::script` writes it).
/// Returns the database the online plans migrated.
fn up_and_down(label: &str, from: &Schema, to: &Schema, rows: &str) -> Database {
    let plain = up_and_down_with(label, from, to, rows, false);
    server().drop_database(plain);
    up_and_down_with(&format!("{label}_online"), from, to, rows, true)
}

fn up_and_down_with(label: &str, from: &Schema, to: &Schema, rows: &str, online: bool) -> Database {
    let (planner, script): (Planner, fn(&[Step]) -> String) = if online {
        (plan_online, ddl_gen::migration::script)
    } else {
        (plan, script)
    };
    let forward = renames(from, to);
    let backward: Vec<Rename> = forward
        .iter()
        .map(|(t, old, new)| (t.clone(), new.clone(), old.clone()))
        .collect();
    let pg = server();
    let db = pg.fresh_database(label);
    db.apply_ok(
        &create_script(from, CreateOptions::default()),
        "the first schema",
    );
    db.apply_ok(rows, "rows");
    let expected = |schema: &Schema, what: &str| {
        let fresh = pg.fresh_database(&format!("{label}_{what}"));
        fresh.apply_ok(&create_script(schema, CreateOptions::default()), what);
        fresh.fingerprint(&["app"])
    };
    let up = planner(from, to, &forward).unwrap_or_else(|e| panic!("{}", e.0));
    db.apply_ok(&script(&up), &format!("{label}: up\n{}", script(&up)));
    assert_same_catalog(
        "expected",
        &expected(to, "to"),
        "migrated up",
        &db.fingerprint(&["app"]),
    );
    let down = planner(to, from, &backward).unwrap_or_else(|e| panic!("{}", e.0));
    db.apply_ok(&script(&down), &format!("{label}: down\n{}", script(&down)));
    assert_same_catalog(
        "expected",
        &expected(from, "from"),
        "migrated down",
        &db.fingerprint(&["app"]),
    );
    db
}

/// Each step's summary, then its SQL in brackets.
fn with_sql(steps: &[Step]) -> Vec<String> {
    (steps.iter())
        .map(|s| format!("{} [{}]", s.summary, s.action.sql()))
        .collect()
}

type Planner = fn(&Schema, &Schema, &[Rename]) -> Result<Vec<Step>, Unsupported>;

fn mood(values: &[&str]) -> EnumType {
    EnumType {
        name: QualifiedName::new("app", "mood"),
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

#[test]
fn widening_a_serial_key_keeps_it_serial() {
    let key = |ty: &str| {
        let mut id = column("id", ColumnType::builtin(ty));
        id.identity = Identity::Serial;
        build(
            vec![table(
                "item",
                vec![id, column("name", ColumnType::builtin("text"))],
            )],
            vec![],
        )
    };
    let db = up_and_down(
        "serial_widen",
        &key("integer"),
        &key("bigint"),
        "INSERT INTO app.item (name) VALUES ('a'), ('b')",
    );
    assert_eq!(db.query("SELECT count(*) FROM app.item"), "2\n");
    // And up once more, past what an integer sequence can give.
    db.apply_ok(
        &script(&plan(&key("integer"), &key("bigint"), &[]).unwrap()),
        "up again",
    );
    db.query("SELECT setval('app.item_id_seq', 3000000000)");
    db.query("INSERT INTO app.item (name) VALUES ('c')");
    assert_eq!(db.query("SELECT max(id) FROM app.item"), "3000000001\n");
}

#[test]
fn an_enum_recreated_while_a_table_using_it_is_dropped() {
    let with_mood = |values: &[&str], tables: &[&str]| {
        let tables = tables
            .iter()
            .map(|name| {
                table(
                    name,
                    vec![
                        column("id", ColumnType::builtin("integer")),
                        column("m", ColumnType::Enum(QualifiedName::new("app", "mood"))),
                    ],
                )
            })
            .collect();
        build(tables, vec![mood(values)])
    };
    // 'meh' goes away (the type is recreated) while `old_note`, which uses the type, is dropped;
    // down brings both back.
    up_and_down(
        "enum_drop",
        &with_mood(&["fine", "meh"], &["note", "old_note"]),
        &with_mood(&["fine", "great"], &["note"]),
        "INSERT INTO app.note VALUES (1, 'fine'); INSERT INTO app.old_note VALUES (1, 'meh')",
    );
}

#[test]
fn a_unique_key_under_a_foreign_key_is_replaced() {
    let schema = |unique: &[&str]| {
        let mut code = table(
            "code",
            vec![
                column("id", ColumnType::builtin("integer")),
                column("code", ColumnType::builtin("text")),
                column("version", ColumnType::builtin("integer")),
            ],
        );
        code.uniques.push(unique_key("code_code_key", unique));
        // A plain index the key does not need, so the table has more than the key to keep.
        code.indexes.push(btree_index(
            "idx_code_version",
            vec![IndexKey::column("version")],
        ));
        let mut usage = table(
            "usage",
            vec![
                column("id", ColumnType::builtin("integer")),
                column("code", ColumnType::builtin("text")),
            ],
        );
        usage.foreign_keys.push(ForeignKey {
            on_delete: ForeignKeyAction::Cascade,
            ..foreign_key(
                "usage_code_fkey",
                &["code"],
                QualifiedName::new("app", "code"),
                &["code"],
            )
        });
        build(vec![code, usage], vec![])
    };
    // The foreign key stays as it is; the UNIQUE it needs is replaced (NULLS NOT DISTINCT), so
    // the key is dropped first and added back after.
    let mut nnd = schema(&["code"]);
    nnd.tables[0].uniques[0].nulls_not_distinct = true;
    up_and_down(
        "unique_under_fk",
        &schema(&["code"]),
        &nnd,
        "INSERT INTO app.code VALUES (1, 'a', 1); INSERT INTO app.usage VALUES (1, 'a')",
    );
}

#[test]
fn an_enum_recreated_under_a_check_and_a_partial_index_that_name_its_values() {
    let schema = |values: &[&str]| {
        let mut note = table(
            "note",
            vec![
                column("id", ColumnType::builtin("integer")),
                column("m", ColumnType::Enum(QualifiedName::new("app", "mood"))),
            ],
        );
        note.checks
            .push(model_core::Check::new("note_not_awful", "m <> 'awful'"));
        note.indexes.push(Index {
            name: "idx_note_fine".into(),
            unique: false,
            method: IndexMethod::Btree,
            keys: vec![IndexKey::column("id")],
            include: vec![],
            predicate: Some("m = 'fine'".into()),
            nulls_not_distinct: false,
            storage: Default::default(),
        });
        build(vec![note], vec![mood(values)])
    };
    // 'meh' goes (the type is recreated); the check and the predicate still name kept values.
    let db = up_and_down(
        "enum_bound",
        &schema(&["fine", "meh", "awful"]),
        &schema(&["fine", "awful", "great"]),
        "INSERT INTO app.note VALUES (1, 'fine')",
    );
    assert_eq!(db.query("SELECT m FROM app.note"), "fine\n");
}

#[test]
fn a_dollar_tag_in_a_label_does_not_end_the_guard_early() {
    let hostile = mood(&["$ddl$", "x$ddl1$y", "%s"]);
    let mut t = table(
        "feeling",
        vec![
            column("id", ColumnType::builtin("integer")),
            column("mood", ColumnType::Enum(hostile.name.clone())),
        ],
    );
    t.uniques.push(unique_key("feeling $ddl$ key", &["mood"]));
    let schema = build(vec![t], vec![hostile]);
    let guarded = create_script(
        &schema,
        CreateOptions {
            if_not_exists: true,
        },
    );
    let db = server().fresh_database("dollar_tags");
    db.apply_ok(&guarded, "the guarded script");
    db.apply_ok(&guarded, "the guarded script, twice");
    assert_eq!(
        db.query("SELECT string_agg(enumlabel, ' ' ORDER BY enumsortorder) FROM pg_enum"),
        "$ddl$ x$ddl1$y %s\n"
    );
}

#[test]
fn a_percent_sign_in_a_name_stays_in_the_not_null_guard_s_message() {
    let with = |nullable: bool| {
        let mut c = column("50% done", ColumnType::builtin("text"));
        c.nullable = nullable;
        build(
            vec![table(
                "task%s",
                vec![column("id", ColumnType::builtin("integer")), c],
            )],
            vec![],
        )
    };
    let db = server().fresh_database("percent_guard");
    db.apply_ok(
        &create_script(&with(true), CreateOptions::default()),
        "optional",
    );
    db.apply_ok(
        r#"INSERT INTO app."task%s" (id) VALUES (1), (2)"#,
        "two rows without a value",
    );
    let up = plan(&with(true), &with(false), &[]).unwrap();
    let out = db.apply(&script(&up));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(r#"cannot make app.task%s.50% done NOT NULL: 2 rows hold NULL"#),
        "{err}"
    );
}

#[test]
fn a_new_column_s_default_may_be_a_value_added_in_the_same_migration() {
    // PostgreSQL refuses a value in the transaction that added it ("unsafe use of new value"):
    // a default set to one makes the planner recreate the type. On a new column, and on a new
    // table.
    let with = |values: &[&str], new: bool| {
        let mut columns = vec![
            column("id", ColumnType::builtin("integer")),
            column("mood", ColumnType::Enum(mood(&[]).name)),
        ];
        let mut tables = vec![];
        if new {
            let mut feeling = column("feeling", ColumnType::Enum(mood(&[]).name));
            feeling.default = Some("'elated'::app.mood".into());
            columns.push(feeling.clone());
            tables.push(table(
                "diary",
                vec![column("id", ColumnType::builtin("integer")), feeling],
            ));
        }
        tables.push(table("person", columns));
        build(tables, vec![mood(values)])
    };
    up_and_down(
        "enum_value_default",
        &with(&["happy", "sad"], false),
        &with(&["happy", "sad", "elated"], true),
        "INSERT INTO app.person VALUES (1, 'happy'), (2, 'sad'), (3, NULL)",
    );
}

#[test]
fn a_partial_index_may_use_a_value_added_in_the_same_migration() {
    let with = |values: &[&str], index: bool| {
        let mut t = table(
            "person",
            vec![
                column("id", ColumnType::builtin("integer")),
                column("mood", ColumnType::Enum(mood(&[]).name)),
            ],
        );
        if index {
            t.indexes.push(Index {
                name: "idx_person_elated".into(),
                unique: false,
                method: IndexMethod::Btree,
                keys: vec![IndexKey::column("id")],
                include: vec![],
                predicate: Some("mood = 'elated'".into()),
                nulls_not_distinct: false,
                storage: Default::default(),
            });
            t.checks.push(model_core::Check::new(
                "person_not_elated_check",
                "mood <> 'elated' OR id > 0",
            ));
        }
        build(vec![t], vec![mood(values)])
    };
    up_and_down(
        "enum_value_used",
        &with(&["happy", "sad"], false),
        &with(&["happy", "sad", "elated"], true),
        "INSERT INTO app.person VALUES (1, 'happy'), (2, 'sad'), (3, NULL)",
    );
}

#[test]
fn removing_public_s_comment_leaves_it_as_a_fresh_database_has_it() {
    let with = |comment: Option<&str>, keep_public: bool| {
        let mut b = Schema::builder();
        if keep_public {
            let mut t = table("note", vec![column("id", ColumnType::builtin("integer"))]);
            t.name = QualifiedName::new("public", "note");
            b = b.table(t);
        }
        b = b.table(table(
            "other",
            vec![column("id", ColumnType::builtin("integer"))],
        ));
        if let Some(c) = comment {
            b = b.schema_comment("public", c);
        }
        b.build().unwrap()
    };
    let pg = server();
    for (label, to) in [
        ("public_comment_removed", with(None, true)),
        ("public_schema_left", with(None, false)),
    ] {
        let from = with(Some("our tables"), true);
        let db = pg.fresh_database(label);
        db.apply_ok(&create_script(&from, CreateOptions::default()), "first");
        db.apply_ok(&script(&plan(&from, &to, &[]).unwrap()), "up");
        let fresh = pg.fresh_database(&format!("{label}_fresh"));
        fresh.apply_ok(&create_script(&to, CreateOptions::default()), "fresh");
        assert_same_catalog(
            "fresh",
            &fresh.fingerprint(&["public", "app"]),
            "migrated",
            &db.fingerprint(&["public", "app"]),
        );
    }
}

#[test]
fn recreating_an_enum_converts_its_array_columns_too() {
    let with = |values: &[&str]| {
        build(
            vec![table(
                "person",
                vec![
                    column("id", ColumnType::builtin("integer")),
                    column("moods", ColumnType::Raw("app.mood[]".into())),
                ],
            )],
            vec![mood(values)],
        )
    };
    let db = up_and_down(
        "enum_array",
        &with(&["happy", "sad", "bored"]),
        &with(&["sad", "happy", "bored", "elated"]),
        "INSERT INTO app.person VALUES (1, '{happy,sad}'), (2, NULL), (3, '{}')",
    );
    assert_eq!(
        db.query("SELECT moods::text FROM app.person ORDER BY id"),
        "{happy,sad}\n\n{}\n"
    );
}

#[test]
fn a_schema_that_keeps_only_a_function_is_kept() {
    use model_core::{Function, FunctionBody};
    let touch = Function::generated_trigger(
        QualifiedName::new("util", "touch"),
        FunctionBody::TouchTimestamp {
            column: "updated_at".into(),
        },
    );
    let with = |table_in_util: bool| {
        let mut b = Schema::builder().function(touch.clone());
        b = b.table(table(
            "other",
            vec![column("id", ColumnType::builtin("integer"))],
        ));
        if table_in_util {
            let mut t = table("note", vec![column("id", ColumnType::builtin("integer"))]);
            t.name = QualifiedName::new("util", "note");
            b = b.table(t);
        }
        b.build().unwrap()
    };
    assert!(with(false).namespaces.iter().any(|n| n.name == "util"));
    let pg = server();
    let db = pg.fresh_database("function_schema");
    db.apply_ok(
        &create_script(&with(false), CreateOptions::default()),
        "a function alone in its schema",
    );
    let db = pg.fresh_database("function_schema_up");
    db.apply_ok(
        &create_script(&with(true), CreateOptions::default()),
        "first",
    );
    db.apply_ok(
        &script(&plan(&with(true), &with(false), &[]).unwrap()),
        "the table leaves",
    );
}

#[test]
fn a_renamed_column_s_old_name_may_be_taken_by_a_new_column() {
    let before = build(
        vec![table(
            "item",
            vec![
                column("id", ColumnType::builtin("integer")),
                column("label", ColumnType::builtin("text")),
            ],
        )],
        vec![],
    );
    let mut renamed = column("title", ColumnType::builtin("text"));
    renamed.renamed_from = Some("label".into());
    let after = build(
        vec![table(
            "item",
            vec![
                column("id", ColumnType::builtin("integer")),
                renamed,
                column("label", ColumnType::builtin("integer")),
            ],
        )],
        vec![],
    );
    let forward = ddl_gen::migration::renames(&before, &after);
    let pg = server();
    let db = pg.fresh_database("rename_reuse");
    db.apply_ok(&create_script(&before, CreateOptions::default()), "before");
    db.apply_ok("INSERT INTO app.item VALUES (1, 'kept')", "a row");
    db.apply_ok(&script(&plan(&before, &after, &forward).unwrap()), "up");
    assert_eq!(db.query("SELECT title, label FROM app.item"), "kept|\n");
}

#[test]
fn a_widened_column_s_checks_and_expression_indexes_read_as_a_fresh_create() {
    use model_core::{IndexKeyKind, TsVectorColumn};
    let with = |ty: &str| {
        let mut t = table(
            "doc",
            vec![
                column("id", ColumnType::builtin("integer")),
                column("title", ColumnType::builtin(ty)),
            ],
        );
        t.checks.push(model_core::Check::new(
            "doc_title_check",
            "length(title) < 1000",
        ));
        t.indexes.push(Index {
            name: "idx_doc_search".into(),
            unique: false,
            method: IndexMethod::Gin,
            keys: vec![IndexKey {
                kind: IndexKeyKind::TsVector {
                    language: "english".into(),
                    columns: vec![TsVectorColumn {
                        name: "title".into(),
                        nullable: true,
                    }],
                },
                opclass: None,
                descending: false,
                nulls: None,
                collation: None,
            }],
            include: vec![],
            predicate: None,
            nulls_not_distinct: false,
            storage: Default::default(),
        });
        t.indexes.push(Index {
            name: "idx_doc_lower".into(),
            unique: false,
            method: IndexMethod::Btree,
            keys: vec![IndexKey {
                kind: IndexKeyKind::Expression("lower(title)".into()),
                opclass: None,
                descending: false,
                nulls: None,
                collation: None,
            }],
            include: vec![],
            predicate: Some("title <> ''".into()),
            nulls_not_distinct: false,
            storage: Default::default(),
        });
        build(vec![t], vec![])
    };
    up_and_down(
        "widen_rebuild",
        &with("character varying(40)"),
        &with("text"),
        "INSERT INTO app.doc VALUES (1, 'a title'), (2, NULL)",
    );
}

#[test]
fn an_index_changed_on_a_table_with_a_renamed_column_is_dropped_and_built_again() {
    // Online, a changed index is built beside the old one; with a column renamed, the old one
    // needs the old name and the new one the new name, so it is dropped and built again.
    let schema = |renamed: bool| {
        let mut x = column(
            if renamed { "x2" } else { "x" },
            ColumnType::builtin("text"),
        );
        if renamed {
            x.renamed_from = Some("x".into());
        }
        let mut item = table(
            "item",
            vec![
                column("id", ColumnType::builtin("integer")),
                x,
                column("y", ColumnType::builtin("text")),
            ],
        );
        let keys = if renamed {
            vec![IndexKey::column("x2"), IndexKey::column("y")]
        } else {
            vec![IndexKey::column("x")]
        };
        item.indexes.push(btree_index("idx_item", keys));
        build(vec![item], vec![])
    };
    let db = up_and_down(
        "index_renamed_column",
        &schema(false),
        &schema(true),
        "INSERT INTO app.item VALUES (1, 'kept', 'y')",
    );
    assert_eq!(db.query("SELECT x FROM app.item"), "kept\n");
}

#[test]
fn a_table_made_unlogged_and_back_keeps_its_rows() {
    let schema = |unlogged: bool| {
        let mut t = table(
            "cache",
            vec![
                column("id", ColumnType::builtin("integer")),
                column("value", ColumnType::builtin("text")),
            ],
        );
        t.unlogged = unlogged;
        build(vec![t], vec![])
    };
    let db = up_and_down(
        "unlogged",
        &schema(false),
        &schema(true),
        "INSERT INTO app.cache VALUES (1, 'kept')",
    );
    assert_eq!(db.query("SELECT value FROM app.cache"), "kept\n");
    // Read back and compared: verify sees which it is.
    let differences = |models: &Schema| -> Vec<String> {
        let report = pg_harness::runtime()
            .block_on(ddl_gen::verify::verify(&db.url, models))
            .unwrap();
        report.differences.into_iter().map(|d| d.text).collect()
    };
    assert_eq!(differences(&schema(false)), Vec::<String>::new());
    assert_eq!(
        differences(&schema(true)),
        ["table app.cache: UNLOGGED in models, logged in database"]
    );
}

#[test]
fn a_parent_and_its_child_switch_between_logged_and_unlogged_in_an_order_postgres_takes() {
    // No logged table may reference an unlogged one: to unlogged, the child goes first; back
    // to logged, the parent does.
    let schema = |unlogged: bool| {
        let mut parent = table("parent", vec![column("id", ColumnType::builtin("integer"))]);
        let mut child = table(
            "child",
            vec![
                column("id", ColumnType::builtin("integer")),
                column("parent_id", ColumnType::builtin("integer")),
            ],
        );
        child.foreign_keys.push(foreign_key(
            "child_parent_id_fkey",
            &["parent_id"],
            QualifiedName::new("app", "parent"),
            &["id"],
        ));
        parent.unlogged = unlogged;
        child.unlogged = unlogged;
        build(vec![parent, child], vec![])
    };
    let db = up_and_down(
        "unlogged_pair",
        &schema(false),
        &schema(true),
        "INSERT INTO app.parent VALUES (1); INSERT INTO app.child VALUES (1, 1)",
    );
    assert_eq!(db.query("SELECT count(*) FROM app.child"), "1\n");
}

/// `app.item (id, name, price numeric(price_type))` with `views`.
fn item_with_views(price_type: &str, views: Vec<model_core::View>) -> Schema {
    let mut b = Schema::builder().table(item(price_type));
    for v in views {
        b = b.view(v);
    }
    b.build().unwrap_or_else(|e| panic!("{e}"))
}

fn app(name: &str) -> QualifiedName {
    QualifiedName::new("app", name)
}

/// A plain view, a view of it, and a materialized view with a unique index; `query` is the
/// plain view's.
fn three_views(query: &str, index_keys: &[&str]) -> Vec<model_core::View> {
    let keys = index_keys
        .iter()
        .map(|k| IndexKey::column(k.to_string()))
        .collect();
    vec![
        model_core::View::new(app("cheap"), query),
        model_core::View::new(app("cheap_names"), "SELECT name FROM app.cheap"),
        model_core::View::materialized(app("price_list"), "SELECT id, name, price FROM app.item")
            .index(Index {
                unique: true,
                ..btree_index("price_list_key", keys)
            })
            .comment("for the printer"),
    ]
}

/// `app.item (id integer, name text, price <price_type>)`, keyed by `id`: the table [`ITEMS`] fills.
fn item(price_type: &str) -> Table {
    table(
        "item",
        vec![
            column("id", ColumnType::builtin("integer")),
            column("name", ColumnType::builtin("text")),
            column("price", ColumnType::builtin(price_type)),
        ],
    )
}

const ITEMS: &str = "INSERT INTO app.item VALUES (1, 'pen', 2.5), (2, 'desk', 120)";

#[test]
fn views_are_created_changed_and_dropped_up_and_down() {
    let none = item_with_views("numeric(10,2)", vec![]);
    let first = item_with_views(
        "numeric(10,2)",
        three_views("SELECT id, name FROM app.item WHERE price < 10", &["id"]),
    );
    // The plain view's query changes (so its dependent view is made again around it); the
    // materialized view's index changes alone (its rows stay).
    let second = item_with_views(
        "numeric(10,2)",
        three_views(
            "SELECT id, name, price FROM app.item WHERE price < 20",
            &["id", "name"],
        ),
    );
    up_and_down("views_created", &none, &first, ITEMS);
    let db = up_and_down("views_changed", &first, &second, ITEMS);
    assert_eq!(db.query("SELECT count(*) FROM app.cheap"), "1\n");
    up_and_down("views_dropped", &second, &none, ITEMS);

    let steps = plan(&first, &second, &[]).unwrap();
    let summaries: Vec<&str> = steps.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "drop view app.cheap_names",
            "drop view app.cheap",
            "drop index price_list_key on view app.price_list",
            "create index price_list_key on view app.price_list",
            "create view app.cheap",
            "create view app.cheap_names",
        ]
    );
}

#[test]
fn a_column_a_view_reads_changes_type_under_it() {
    let views = || {
        three_views(
            "SELECT id, name, price FROM app.item WHERE price < 10",
            &["id"],
        )
    };
    let narrow = item_with_views("numeric(10,2)", views());
    let wide = item_with_views("numeric(12,3)", views());
    let db = up_and_down("views_retyped", &narrow, &wide, ITEMS);
    assert_eq!(db.query("SELECT count(*) FROM app.item"), "2\n");
    let steps = plan(&narrow, &wide, &[]).unwrap();
    let summaries: Vec<&str> = steps.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "drop view app.price_list",
            "drop view app.cheap_names",
            "drop view app.cheap",
            "change type of app.item.price from numeric(10,2) to numeric(12,3)",
            "create view app.cheap",
            "create view app.price_list",
            "create index price_list_key on view app.price_list",
            "create view app.cheap_names",
            "comment on view app.price_list",
        ]
    );
    // A column no view names changes alone.
    let other = |ty: &str| {
        let mut s = item_with_views("numeric(10,2)", views());
        s.tables[0]
            .columns
            .push(column("note", ColumnType::builtin(ty)));
        s
    };
    let steps = plan(&other("varchar(10)"), &other("varchar(20)"), &[]).unwrap();
    let summaries: Vec<&str> = steps.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["change type of app.item.note from varchar(10) to varchar(20)"]
    );
}

/// `app.item` with a trigger executing `app.stamp()`, and `functions` and `views`.
fn item_with_functions(
    functions: Vec<model_core::Function>,
    views: Vec<model_core::View>,
    qty: bool,
) -> Schema {
    let mut item = item("numeric(10,2)");
    if qty {
        item.columns
            .push(column("qty", ColumnType::builtin("integer")));
    }
    item.triggers.push(model_core::Trigger::before_update(
        "stamp_item",
        app("stamp"),
    ));
    let mut b = Schema::builder().table(item);
    for f in functions {
        b = b.function(f);
    }
    for v in views {
        b = b.view(v);
    }
    b.build().unwrap_or_else(|e| panic!("{e}"))
}

fn stamp(body: &str) -> model_core::Function {
    model_core::Function::new(app("stamp"), "trigger", body)
}

#[test]
fn functions_are_created_replaced_rebuilt_and_dropped_up_and_down() {
    use model_core::Function;
    let upper = "BEGIN NEW.name = upper(NEW.name); RETURN NEW; END;";
    let lower = "BEGIN NEW.name = lower(NEW.name); RETURN NEW; END;";
    let none = item_with_functions(vec![stamp(upper)], vec![], false);
    let cheap = || model_core::View::new(app("cheap"), "SELECT * FROM app.cheaper_than(10)");
    let first = item_with_functions(
        vec![
            stamp(upper),
            Function::new(
                app("cheaper_than"),
                "",
                "SELECT * FROM app.item WHERE price < max",
            )
            .returns_set_of("app.item")
            .language("sql")
            .arg("max", "numeric")
            .stable(),
            Function::new(app("total"), "numeric", "SELECT sum(price) FROM app.item")
                .language("sql")
                .comment("all of it"),
            Function::procedure(
                app("reprice"),
                "BEGIN UPDATE app.item SET price = price * f; END;",
            )
            .arg("f", "numeric"),
        ],
        vec![cheap()],
        false,
    );
    // The trigger's function and `total` change their bodies, `reprice` gains a default and
    // SECURITY DEFINER: replaced in place. `cheaper_than` returns other rows: dropped and made
    // again, with the view that calls it.
    let second = item_with_functions(
        vec![
            stamp(lower),
            Function::new(
                app("cheaper_than"),
                "",
                "SELECT id, name FROM app.item WHERE price < max",
            )
            .returns_table(&[("id", "integer"), ("name", "text")])
            .language("sql")
            .arg("max", "numeric")
            .stable(),
            Function::new(
                app("total"),
                "numeric",
                "SELECT sum(price * 2) FROM app.item",
            )
            .language("sql"),
            Function::procedure(
                app("reprice"),
                "BEGIN UPDATE app.item SET price = price * f; END;",
            )
            .arg_default("f", "numeric", "1.1")
            .security_definer(),
        ],
        vec![cheap()],
        false,
    );
    let rows = "INSERT INTO app.item VALUES (1, 'pen', 2.5), (2, 'desk', 120)";
    up_and_down("functions_created", &none, &first, rows);
    let db = up_and_down("functions_changed", &first, &second, rows);
    // Migrated back down: the first versions answer again.
    assert_eq!(
        db.query("SELECT string_agg(name, ',') FROM app.cheap"),
        "pen\n"
    );
    db.apply_ok(
        "UPDATE app.item SET name = 'Pen' WHERE id = 1",
        "fires the trigger",
    );
    assert_eq!(db.query("SELECT name FROM app.item WHERE id = 1"), "PEN\n");
    up_and_down("functions_dropped", &second, &none, rows);

    let steps = plan(&first, &second, &[]).unwrap();
    let summaries: Vec<&str> = steps.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "drop view app.cheap",
            "drop function app.cheaper_than(numeric)",
            "create function app.cheaper_than(numeric)",
            "replace function app.reprice(numeric)",
            "replace function app.stamp()",
            "replace function app.total()",
            "create view app.cheap",
            "comment on function app.total()",
        ]
    );
}

#[test]
fn a_sql_function_is_replaced_after_the_column_its_body_reads_is_added() {
    use model_core::Function;
    let total = |body: &str| Function::new(app("total"), "numeric", body).language("sql");
    let stamp = || stamp("BEGIN RETURN NEW; END;");
    let before = item_with_functions(
        vec![stamp(), total("SELECT sum(price) FROM app.item")],
        vec![],
        false,
    );
    let after = item_with_functions(
        vec![stamp(), total("SELECT sum(price * qty) FROM app.item")],
        vec![],
        true,
    );
    let rows = "INSERT INTO app.item VALUES (1, 'pen', 2.5)";
    up_and_down("function_reads_new_column", &before, &after, rows);
    let steps = plan(&before, &after, &[]).unwrap();
    let summaries: Vec<&str> = steps.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["add column app.item.qty", "replace function app.total()"]
    );
}

#[test]
fn a_function_a_check_calls_is_not_dropped_under_it() {
    use model_core::{Check, Function};
    let with = |arg: &str| {
        let mut item = table(
            "item",
            vec![column("price", ColumnType::builtin("integer"))],
        );
        item.checks.push(Check {
            name: "price_ok".into(),
            expr: "app.positive(price)".into(),
            no_inherit: false,
            not_valid: false,
        });
        Schema::builder()
            .table(item)
            .function(
                Function::new(app("positive"), "boolean", "SELECT $1 > 0")
                    .language("sql")
                    .arg(arg, "integer")
                    .immutable(),
            )
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // The check is created after the function it calls.
    up_and_down(
        "function_under_check",
        &Schema::empty(),
        &with("x"),
        "SELECT 1",
    );
    // Its argument's new name is one PostgreSQL cannot give in place.
    let refused = plan(&with("x"), &with("value"), &[]).unwrap_err();
    assert_eq!(
        refused.0,
        "function app.positive(integer) changes its arguments, so PostgreSQL must drop it and create it again, but check price_ok on app.item calls it; declare the new version under a new name, move the callers to it, and drop the old one in a later migration"
    );
}

/// `app.item (id, name, price numeric(price_type))` and a view of its names, with `triggers`
/// on the item and `view_triggers` on the view, and the trigger functions they execute.
fn item_with_triggers(
    price_type: &str,
    triggers: Vec<model_core::Trigger>,
    view_triggers: Vec<model_core::Trigger>,
) -> Schema {
    use model_core::Function;
    let mut b = Schema::builder()
        .table(item(price_type))
        .view(model_core::View::new(
            app("names"),
            "SELECT id, name FROM app.item",
        ));
    if !triggers.is_empty() || !view_triggers.is_empty() {
        b = b
            .function(Function::new(
                app("tidy"),
                "trigger",
                "BEGIN NEW.name = trim(NEW.name) || coalesce(TG_ARGV[0], ''); RETURN NEW; END;",
            ))
            .function(Function::new(
                app("note"),
                "trigger",
                "BEGIN RAISE NOTICE '% on %', TG_OP, TG_TABLE_NAME; RETURN NULL; END;",
            ))
            .function(Function::new(
                app("write_name"),
                "trigger",
                "BEGIN UPDATE app.item SET name = NEW.name WHERE id = OLD.id; RETURN NEW; END;",
            ));
    }
    for t in triggers {
        b = b.trigger(app("item"), t);
    }
    for t in view_triggers {
        b = b.trigger(app("names"), t);
    }
    b.build().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn triggers_are_created_changed_and_dropped_up_and_down() {
    use model_core::Trigger;
    let none = item_with_triggers("numeric(10,2)", vec![], vec![]);
    let price_changed = || {
        Trigger::after("price_changed", app("note"))
            .on_update_of(&["price"])
            .when("OLD.price IS DISTINCT FROM NEW.price")
    };
    let first = item_with_triggers(
        "numeric(10,2)",
        vec![
            price_changed().comment("tells"),
            Trigger::before("tidy", app("tidy")).on_insert().arg("!"),
            Trigger::after("counted", app("note"))
                .on_delete()
                .old_table("gone")
                .for_each_statement(),
        ],
        vec![
            Trigger::instead_of("write", app("write_name"))
                .on_update()
                .comment("through"),
        ],
    );
    // A comment changes alone; an argument and the events change; one trigger goes, one comes;
    // the view's trigger changes its comment, and it gains a statement trigger.
    let second = item_with_triggers(
        "numeric(10,2)",
        vec![
            price_changed().comment("says"),
            Trigger::before("tidy", app("tidy"))
                .on_insert()
                .on_update_of(&["name"])
                .arg("?"),
            Trigger::before("no_truncate", app("note"))
                .on_truncate()
                .for_each_statement(),
        ],
        vec![
            Trigger::instead_of("write", app("write_name"))
                .on_update()
                .comment("writes through"),
            Trigger::after("noted", app("note"))
                .on_update()
                .for_each_statement(),
        ],
    );
    up_and_down("triggers_created", &none, &first, ITEMS);
    let db = up_and_down("triggers_changed", &first, &second, ITEMS);
    db.apply_ok(
        "INSERT INTO app.item VALUES (3, ' lamp ', 9); UPDATE app.names SET name = 'Pen' WHERE id = 1",
        "fires the triggers of the first schema",
    );
    assert_eq!(
        db.query("SELECT string_agg(name, ',' ORDER BY id) FROM app.item"),
        "Pen,desk!,lamp!\n"
    );
    up_and_down("triggers_dropped", &second, &none, ITEMS);

    let steps = plan(&first, &second, &[]).unwrap();
    let summaries: Vec<&str> = steps.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "drop trigger counted on app.item",
            "drop trigger tidy on app.item",
            "create trigger no_truncate on app.item",
            "create trigger tidy on app.item",
            "create trigger noted on app.names",
            "comment on trigger price_changed on app.item",
            "comment on trigger write on app.names",
        ]
    );
}

#[test]
fn a_column_a_trigger_names_changes_type_under_it() {
    use model_core::Trigger;
    let triggers = || {
        vec![
            Trigger::after("price_changed", app("note"))
                .on_update()
                .when("OLD.price IS DISTINCT FROM NEW.price"),
            Trigger::after("price_set", app("note")).on_update_of(&["price"]),
        ]
    };
    let narrow = item_with_triggers("numeric(10,2)", triggers(), vec![]);
    let wide = item_with_triggers("numeric(12,3)", triggers(), vec![]);
    up_and_down("triggers_retyped", &narrow, &wide, ITEMS);
    let steps = plan(&narrow, &wide, &[]).unwrap();
    let summaries: Vec<&str> = steps.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "drop trigger price_changed on app.item",
            "drop trigger price_set on app.item",
            "change type of app.item.price from numeric(10,2) to numeric(12,3)",
            "create trigger price_changed on app.item",
            "create trigger price_set on app.item",
        ]
    );
}

/// Two lookup tables with seed rows, in two versions: `kind`'s key is an identity column
/// GENERATED ALWAYS (its rows set it), `item` rows point at kinds. The second version adds a
/// column the changed rows set, changes rows, removes a kind and the item on it, adds both.
fn seeded(version: u8) -> Schema {
    use sea_orm::Value;
    let app = |n: &str| QualifiedName::new("app", n);
    let mut kind = table(
        "kind",
        vec![
            column("id", ColumnType::builtin("integer")),
            column("name", ColumnType::builtin("text")),
        ],
    );
    kind.columns[0].identity = Identity::GeneratedAlways;
    if version == 2 {
        kind.columns
            .push(column("rank", ColumnType::builtin("integer")));
    }
    let mut item = table(
        "item",
        vec![
            column("id", ColumnType::builtin("integer")),
            column("kind_id", ColumnType::builtin("integer")),
            column("label", ColumnType::builtin("text")),
        ],
    );
    item.foreign_keys = vec![foreign_key(
        "item_kind_id_fkey",
        &["kind_id"],
        app("kind"),
        &["id"],
    )];
    let row = |id: i32, name: &str| [("id", Value::from(id)), ("name", Value::from(name))];
    let item_row = |id: i32, kind: i32, label: &str| {
        [
            ("id", Value::from(id)),
            ("kind_id", Value::from(kind)),
            ("label", Value::from(label)),
        ]
    };
    let (kinds, items) = match version {
        1 => (
            Seed::new(app("kind"))
                .row(row(1, "tool"))
                .row(row(2, "toy")),
            Seed::new(app("item"))
                .row(item_row(1, 1, "hammer"))
                .row(item_row(2, 2, "kite")),
        ),
        _ => (
            Seed::new(app("kind"))
                .row([
                    ("id", Value::from(1)),
                    ("name", Value::from("tools")),
                    ("rank", Value::from(1)),
                ])
                .row(row(3, "food")),
            Seed::new(app("item"))
                .row(item_row(1, 1, "hammer"))
                .row(item_row(3, 3, "apple")),
        ),
    };
    Schema::builder()
        .table(kind)
        .table(item)
        .seed(kinds)
        .seed(items)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn seed_rows_are_inserted_changed_and_deleted_up_and_down() {
    let (empty, first, second) = (Schema::empty(), seeded(1), seeded(2));
    let rows = |db: &Database| {
        db.query(
            "SELECT string_agg(k.id || ':' || k.name || ':' || coalesce(to_jsonb(k) ->> 'rank', '-'), ',' ORDER BY k.id) FROM app.kind k
             UNION ALL SELECT string_agg(i.id || ':' || i.kind_id || ':' || i.label, ',' ORDER BY i.id) FROM app.item i",
        )
    };
    for (label, from, to) in [
        ("seeds_made", &empty, &first),
        ("seeds_changed", &first, &second),
    ] {
        let db = up_and_down(label, from, to, "");
        // Up again over the application's own row, which the migrations leave alone.
        let up = plan_online(from, to, &[]).unwrap();
        db.apply_ok(&ddl_gen::migration::script(&up), "up again");
        if label == "seeds_changed" {
            db.apply_ok(
                "INSERT INTO app.kind (name) VALUES ('theirs')",
                "the application's row",
            );
            assert_eq!(
                rows(&db),
                "1:tools:1,3:food:-,4:theirs:-\n1:1:hammer,3:3:apple\n"
            );
            let down = plan_online(to, from, &[]).unwrap();
            db.apply_ok(&ddl_gen::migration::script(&down), "down");
            assert_eq!(
                rows(&db),
                "1:tool:-,2:toy:-,4:theirs:-\n1:1:hammer,2:2:kite\n"
            );
        } else {
            // The identity's sequence moved past the seeded keys.
            db.apply_ok(
                "INSERT INTO app.kind (name) VALUES ('theirs')",
                "the application's row",
            );
            assert_eq!(
                rows(&db),
                "1:tool:-,2:toy:-,3:theirs:-\n1:1:hammer,2:2:kite\n"
            );
        }
        // The rehearsal compares the seed rows too, up, down and up again.
        let passed = pg_harness::runtime()
            .block_on(ddl_gen::rehearse::rehearse(
                &db.url,
                from,
                to,
                &plan_online(from, to, &[]).unwrap(),
                &plan_online(to, from, &[]).unwrap(),
            ))
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(passed.len(), 3, "{passed:?}");
    }

    let steps = plan(&first, &second, &[]).unwrap();
    let summaries = with_sql(&steps);
    assert_eq!(
        summaries,
        [
            "add column app.kind.rank [ALTER TABLE app.kind ADD COLUMN rank integer]",
            "delete seed row (2) of app.item [DELETE FROM app.item WHERE id = 2]",
            "update seed row (1) of app.kind [UPDATE app.kind SET name = 'tools', rank = 1 WHERE id = 1]",
            "delete seed row (2) of app.kind [DELETE FROM app.kind WHERE id = 2]",
            "insert seed row (3) of app.kind [INSERT INTO app.kind (id, name) OVERRIDING SYSTEM VALUE VALUES\n    (3, 'food')\nON CONFLICT (id) DO NOTHING;\nSELECT setval(q.seqrelid::regclass, x.m) FROM pg_sequence AS q, LATERAL (SELECT CASE WHEN q.seqincrement > 0 THEN max(id) ELSE min(id) END AS m FROM app.kind) AS x WHERE q.seqrelid = pg_get_serial_sequence('app.kind', 'id')::regclass AND x.m BETWEEN q.seqmin AND q.seqmax AND (x.m - coalesce(pg_sequence_last_value(q.seqrelid::regclass)::numeric + q.seqincrement, q.seqstart)) * sign(q.seqincrement) >= 0;]",
            "insert seed row (3) of app.item [INSERT INTO app.item (id, kind_id, label) VALUES\n    (3, 3, 'apple')\nON CONFLICT (id) DO NOTHING;]",
        ]
    );
    let deletes: Vec<&Step> = steps
        .iter()
        .filter(|s| s.summary.starts_with("delete"))
        .collect();
    assert!(
        deletes.iter().all(|s| s.loses.is_some()),
        "removing a seed row deletes data: {deletes:#?}"
    );
}

/// `app.item` (`id, name, price`) with row level security `(enabled, forced)` and `policies`.
fn item_with_policies(
    price_type: &str,
    security: (bool, bool),
    policies: Vec<model_core::Policy>,
) -> Schema {
    let mut item = item(price_type);
    (item.row_security, item.force_row_security) = security;
    item.policies = policies;
    build(vec![item], vec![])
}

#[test]
fn row_security_and_policies_are_made_changed_and_dropped_up_and_down() {
    use model_core::{Policy, PolicyCommand};
    server().fresh_database("plans_roles").apply_ok(
        "DO $$ BEGIN CREATE ROLE rls_admin NOLOGIN;
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
        "the policies' role",
    );
    let none = item_with_policies("numeric(10,2)", (false, false), vec![]);
    let first = item_with_policies(
        "numeric(10,2)",
        (true, false),
        vec![
            Policy::new("named").using("name = current_user"),
            Policy::new("admin")
                .to(["rls_admin"])
                .using("true")
                .with_check("true"),
        ],
    );
    let second = item_with_policies(
        "numeric(10,2)",
        (true, true),
        vec![
            Policy::new("named")
                .command(PolicyCommand::Select)
                .using("name = current_user OR price < 10"),
            Policy::new("cheap").restrictive().using("price < 1000"),
        ],
    );
    up_and_down("rls_made", &none, &first, ITEMS);
    up_and_down("rls_changed", &first, &second, ITEMS);
    let steps = plan(&first, &second, &[]).unwrap();
    let summaries = with_sql(&steps);
    assert_eq!(
        summaries,
        [
            "drop policy admin on app.item [DROP POLICY admin ON app.item]",
            "drop policy named on app.item [DROP POLICY named ON app.item]",
            "row level security of table app.item: enabled and forced [ALTER TABLE app.item FORCE ROW LEVEL SECURITY]",
            "create policy cheap on app.item [CREATE POLICY cheap ON app.item AS RESTRICTIVE\n    USING (price < 1000)]",
            "create policy named on app.item [CREATE POLICY named ON app.item FOR SELECT\n    USING (name = current_user OR price < 10)]",
        ]
    );
    // Each says it changes who sees which rows.
    assert!(
        steps
            .iter()
            .all(|s| s.hazards.iter().any(|h| h.tag() == "changes-row-access")),
        "{steps:#?}"
    );
    // Switched off, back down to none.
    let down = plan(&first, &none, &[]).unwrap();
    let summaries: Vec<&str> = down.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "drop policy admin on app.item",
            "drop policy named on app.item",
            "row level security of table app.item: disabled",
        ]
    );
}

#[test]
fn a_column_a_policy_names_changes_type_under_it() {
    use model_core::Policy;
    let policies = || vec![Policy::new("cheap").using("price < 1000")];
    let narrow = item_with_policies("numeric(10,2)", (true, false), policies());
    let wide = item_with_policies("numeric(12,3)", (true, false), policies());
    up_and_down("policies_retyped", &narrow, &wide, ITEMS);
    let steps = plan(&narrow, &wide, &[]).unwrap();
    let summaries: Vec<&str> = steps.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "drop policy cheap on app.item",
            "change type of app.item.price from numeric(10,2) to numeric(12,3)",
            "create policy cheap on app.item",
        ]
    );
}

/// `app.item` and `app.line`, with the constraint options of `version`: 0 none, 1 a primary key
/// covering `name`, a deferrable unique key covering `price`, a NOT VALID check and a NOT VALID
/// composite foreign key MATCH FULL; 2 the same validated, the foreign key MATCH SIMPLE, the
/// unique key plain, the primary key covering nothing.
fn item_with_constraint_options(version: u8) -> Schema {
    use model_core::{Check, Deferral};
    let mut item = item("numeric(10,2)");
    let mut line = table(
        "line",
        vec![
            column("id", ColumnType::builtin("integer")),
            column("item_id", ColumnType::builtin("integer")),
            column("item_name", ColumnType::builtin("text")),
        ],
    );
    item.uniques
        .push(unique_key("item_id_name_key", &["id", "name"]));
    if version > 0 {
        let first = version == 1;
        let mut by_name = unique_key("item_name_key", &["name"]);
        if first {
            item.primary_key.as_mut().unwrap().include = vec!["name".into()];
            (by_name.deferral, by_name.include) = (Deferral::Deferrable, vec!["price".into()]);
        }
        item.uniques.push(by_name);
        let mut check = Check::new("item_price_positive", "price > 0");
        check.not_valid = first;
        item.checks.push(check);
        let mut fk = foreign_key(
            "line_item_fk",
            &["item_id", "item_name"],
            QualifiedName::new("app", "item"),
            &["id", "name"],
        );
        (fk.match_full, fk.not_valid) = (first, first);
        line.foreign_keys.push(fk);
    }
    build(vec![item, line], vec![])
}

#[test]
fn constraint_options_are_added_validated_changed_and_dropped_up_and_down() {
    let [none, first, second] = [0, 1, 2].map(item_with_constraint_options);
    // NOT VALID keeps the rows that break it: a negative price, a line whose key is half NULL.
    let breaking = "INSERT INTO app.item VALUES (1, 'pen', -1);
                    INSERT INTO app.line VALUES (1, 1, NULL)";
    up_and_down("constraint_options_made", &none, &first, breaking);
    // With their tables, too.
    up_and_down(
        "constraint_options_tables",
        &build(vec![], vec![]),
        &first,
        "",
    );
    up_and_down("constraint_options_changed", &first, &second, ITEMS);
    // Made valid without being dropped: VALIDATE for the check; the key changes MATCH, so it is
    // made again.
    let steps = plan(&first, &second, &[]).unwrap();
    let summaries = with_sql(&steps);
    assert!(
        summaries.contains(
            &"validate item_price_positive on app.item [ALTER TABLE app.item VALIDATE CONSTRAINT item_price_positive]".to_owned()
        ),
        "{summaries:#?}"
    );
    assert!(
        !summaries
            .iter()
            .any(|s| s.contains("DROP CONSTRAINT item_price_positive")),
        "{summaries:#?}"
    );
    // Adding the NOT VALID ones scans nothing.
    let made = plan(&none, &first, &[]).unwrap();
    let adds: Vec<&Step> = (made.iter())
        .filter(|s| s.summary.ends_with("NOT VALID"))
        .collect();
    assert_eq!(adds.len(), 2, "{made:#?}");
    assert!(
        adds.iter()
            .all(|s| !s.hazards.iter().any(|h| h.tag() == "scans-table")),
        "{adds:#?}"
    );
    // Validating rows that break the check fails the migration, which changes nothing.
    let db = server().fresh_database("constraint_options_refused");
    db.apply_ok(&create_script(&none, CreateOptions::default()), "none");
    db.apply_ok(breaking, "rows");
    db.apply_ok(&script(&made), "none to first");
    let before = db.fingerprint(&["app"]);
    let out = db.apply(&script(&steps));
    assert!(
        pg_harness::stderr(&out).contains("item_price_positive"),
        "{}",
        pg_harness::stderr(&out)
    );
    assert_same_catalog(
        "before",
        &before,
        "after the refused migration",
        &db.fingerprint(&["app"]),
    );
}

#[test]
fn an_index_s_nulls_order_is_changed_up_and_down() {
    use model_core::NullsOrder;
    let item_with = |nulls: Option<NullsOrder>, descending: bool| {
        let mut item = item("numeric(10,2)");
        let mut key = IndexKey::column("price");
        (key.nulls, key.descending) = (nulls, descending);
        item.indexes.push(btree_index("item_price", vec![key]));
        build(vec![item], vec![])
    };
    let plain = item_with(None, false);
    let first = item_with(Some(NullsOrder::First), false);
    let desc_last = item_with(Some(NullsOrder::Last), true);
    up_and_down("nulls_first", &plain, &first, ITEMS);
    up_and_down("nulls_desc_last", &first, &desc_last, ITEMS);
    // Saying the direction's default is saying nothing: no step.
    assert_eq!(
        plan(&plain, &item_with(Some(NullsOrder::Last), false), &[]).unwrap(),
        []
    );
}

#[test]
fn collations_of_columns_and_index_keys_are_changed_up_and_down() {
    let c = |name: &str| Some(QualifiedName::new("pg_catalog", name));
    let item_with = |column: Option<QualifiedName>, key: Option<QualifiedName>| {
        let mut item = item("numeric(10,2)");
        item.columns[1].collation = column;
        let mut name_key = IndexKey::column("name");
        name_key.collation = key;
        item.indexes.push(btree_index("item_name", vec![name_key]));
        let mut price_key = IndexKey::column("price");
        price_key.descending = true;
        item.indexes
            .push(btree_index("item_price", vec![price_key]));
        build(vec![item], vec![])
    };
    let plain = item_with(None, None);
    let collated = item_with(c("C"), c("POSIX"));
    let icu = item_with(c("und-x-icu"), None);
    up_and_down("collations_added", &plain, &collated, ITEMS);
    up_and_down("collations_changed", &collated, &icu, ITEMS);

    let steps = plan(&plain, &collated, &[]).unwrap();
    assert_eq!(
        with_sql(&steps),
        [
            "drop index item_name on app.item [DROP INDEX app.item_name]",
            r#"change collation of app.item.name from the type's to "C" [ALTER TABLE app.item ALTER COLUMN name TYPE text COLLATE "C" USING name::text]"#,
            r#"create index item_name on app.item [CREATE INDEX item_name ON app.item (name COLLATE "POSIX")]"#,
        ]
    );
    // The column is indexed: its new collation rebuilds the index (no rewrite of the rows).
    let tags: Vec<&str> = steps[1].hazards.iter().map(|h| h.tag()).collect();
    assert_eq!(tags, ["locks-table", "builds-index"]);
    // A collation change on a column no index reads rebuilds nothing.
    let unindexed = |collation| {
        let mut item = item("numeric(10,2)");
        item.columns[1].collation = collation;
        build(vec![item], vec![])
    };
    let steps = plan(&unindexed(None), &unindexed(c("C")), &[]).unwrap();
    let tags: Vec<&str> = steps[0].hazards.iter().map(|h| h.tag()).collect();
    assert_eq!(tags, ["locks-table"]);
}

#[test]
fn an_enum_column_renamed_while_its_type_changes() {
    let item_with = |values: &[&str], name: &str| {
        let mut c = column(name, ColumnType::Enum(QualifiedName::new("app", "mood")));
        if name != "mood" {
            c.renamed_from = Some("mood".into());
        }
        let id = column("id", ColumnType::builtin("integer"));
        build(vec![table("item", vec![id, c])], vec![mood(values)])
    };
    // A value added (in place), then the type recreated (a value removed, the order changed):
    // the rename is the same column, bound to neither side of the type's change.
    up_and_down(
        "enum_value_added_column_renamed",
        &item_with(&["ok", "meh"], "mood"),
        &item_with(&["ok", "meh", "great"], "feeling"),
        "INSERT INTO app.item VALUES (1, 'meh')",
    );
    up_and_down(
        "enum_recreated_column_renamed",
        &item_with(&["ok", "meh", "great"], "mood"),
        &item_with(&["great", "ok"], "feeling"),
        "INSERT INTO app.item VALUES (1, 'ok')",
    );
}

#[test]
fn storage_parameters_are_set_changed_and_reset_up_and_down() {
    let params = |pairs: &[(&str, &str)]| -> model_core::StorageParameters {
        (pairs.iter())
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    };
    let item_with = |table: &[(&str, &str)], index: &[(&str, &str)]| {
        let mut item = item("numeric(10,2)");
        item.storage = params(table);
        let mut i = btree_index("item_price", vec![IndexKey::column("price")]);
        i.storage = params(index);
        item.indexes.push(i);
        build(vec![item], vec![])
    };
    let plain = item_with(&[], &[]);
    let set = item_with(
        &[("fillfactor", "70"), ("autovacuum_enabled", "false")],
        &[("fillfactor", "80")],
    );
    let changed = item_with(&[("fillfactor", "90")], &[("deduplicate_items", "off")]);
    up_and_down("storage_set", &plain, &set, ITEMS);
    up_and_down("storage_changed", &set, &changed, ITEMS);
    // In place: nothing rebuilt, nothing locked against reads and writes.
    let steps = plan_online(&set, &changed, &[]).unwrap();
    assert_eq!(
        with_sql(&steps),
        [
            "set storage parameters of table app.item [ALTER TABLE app.item SET (fillfactor = 90);\nALTER TABLE app.item RESET (autovacuum_enabled)]",
            "set storage parameters of index item_price on app.item [ALTER INDEX app.item_price SET (deduplicate_items = off);\nALTER INDEX app.item_price RESET (fillfactor)]",
        ]
    );
    assert!(steps.iter().all(|s| s.hazards.is_empty()), "{steps:#?}");
}

/// `app.ticket (id integer, seq_no integer, name text)`, numbered as `id` and `seq_no` say.
fn ticket(
    id: Identity,
    seq_no: Identity,
    options: IdentityOptions,
    seq_no_default: Option<&str>,
) -> Schema {
    let mut key = column("id", ColumnType::builtin("integer"));
    key.identity = id;
    let mut number = column("seq_no", ColumnType::builtin("integer"));
    number.identity = seq_no;
    number.identity_options = options;
    number.nullable = seq_no == Identity::None && seq_no_default.is_none();
    number.default = seq_no_default.map(str::to_owned);
    let name = column("name", ColumnType::builtin("text"));
    build(vec![table("ticket", vec![key, number, name])], vec![])
}

const TICKETS: &str = "INSERT INTO app.ticket (id, seq_no, name) OVERRIDING SYSTEM VALUE VALUES (1, 41, 'a'), (2, 42, 'b')";

#[test]
fn identity_and_serial_come_go_and_change_up_and_down() {
    use Identity::{GeneratedAlways as Always, GeneratedByDefault as ByDefault, None, Serial};
    let plain = IdentityOptions::default();
    let counted = IdentityOptions {
        start: Some(100),
        increment: Some(5),
        max_value: Some(1_000_000),
        cycle: true,
        ..Default::default()
    };
    let nothing = ticket(None, None, plain, Option::None);
    let defaulted = ticket(None, None, plain, Some("0"));
    let by_default = ticket(ByDefault, ByDefault, plain, Option::None);
    let always = ticket(Serial, Always, counted, Option::None);
    up_and_down("identity_added", &nothing, &by_default, TICKETS);
    up_and_down("identity_over_a_default", &defaulted, &by_default, TICKETS);
    up_and_down("identity_changed", &by_default, &always, TICKETS);
    up_and_down("serial_and_identity_added", &defaulted, &always, TICKETS);

    let steps = plan(&defaulted, &by_default, &[]).unwrap();
    assert_eq!(
        with_sql(&steps),
        [
            "number app.ticket.id as generated by default as identity (was none) [ALTER TABLE app.ticket ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY]",
            "move the sequence of app.ticket.id past its rows [SELECT setval(q.seqrelid::regclass, x.m) FROM pg_sequence AS q, LATERAL (SELECT CASE WHEN q.seqincrement > 0 THEN max(id) ELSE min(id) END AS m FROM app.ticket) AS x WHERE q.seqrelid = pg_get_serial_sequence('app.ticket', 'id')::regclass AND x.m BETWEEN q.seqmin AND q.seqmax AND (x.m - coalesce(pg_sequence_last_value(q.seqrelid::regclass)::numeric + q.seqincrement, q.seqstart)) * sign(q.seqincrement) >= 0]",
            "drop default of app.ticket.seq_no before it is numbered anew [ALTER TABLE app.ticket ALTER COLUMN seq_no DROP DEFAULT]",
            "number app.ticket.seq_no as generated by default as identity (was none) [ALTER TABLE app.ticket ALTER COLUMN seq_no ADD GENERATED BY DEFAULT AS IDENTITY]",
            "move the sequence of app.ticket.seq_no past its rows [SELECT setval(q.seqrelid::regclass, x.m) FROM pg_sequence AS q, LATERAL (SELECT CASE WHEN q.seqincrement > 0 THEN max(seq_no) ELSE min(seq_no) END AS m FROM app.ticket) AS x WHERE q.seqrelid = pg_get_serial_sequence('app.ticket', 'seq_no')::regclass AND x.m BETWEEN q.seqmin AND q.seqmax AND (x.m - coalesce(pg_sequence_last_value(q.seqrelid::regclass)::numeric + q.seqincrement, q.seqstart)) * sign(q.seqincrement) >= 0]",
        ]
    );
    let steps = plan(&by_default, &always, &[]).unwrap();
    assert_eq!(
        with_sql(&steps)[..2],
        [
            "number app.ticket.id as serial (was generated by default as identity) [ALTER TABLE app.ticket ALTER COLUMN id DROP IDENTITY;\nCREATE SEQUENCE app.ticket_id_seq AS integer OWNED BY app.ticket.id;\nALTER TABLE app.ticket ALTER COLUMN id SET DEFAULT nextval('app.ticket_id_seq'::regclass)]",
            "move the sequence of app.ticket.id past its rows [SELECT setval(q.seqrelid::regclass, x.m) FROM pg_sequence AS q, LATERAL (SELECT CASE WHEN q.seqincrement > 0 THEN max(id) ELSE min(id) END AS m FROM app.ticket) AS x WHERE q.seqrelid = pg_get_serial_sequence('app.ticket', 'id')::regclass AND x.m BETWEEN q.seqmin AND q.seqmax AND (x.m - coalesce(pg_sequence_last_value(q.seqrelid::regclass)::numeric + q.seqincrement, q.seqstart)) * sign(q.seqincrement) >= 0]",
        ]
    );
    assert_eq!(
        with_sql(&steps)[2],
        "change the identity of app.ticket.seq_no [ALTER TABLE app.ticket ALTER COLUMN seq_no SET GENERATED ALWAYS SET START WITH 100 SET INCREMENT BY 5 SET MAXVALUE 1000000 SET CYCLE]"
    );
    let tags: Vec<&str> = steps[2].hazards.iter().map(|h| h.tag()).collect();
    assert_eq!(tags, ["locks-table", "breaks-running-code"]);

    // The rows keep their numbers, and the next row is numbered past them.
    let pg = server();
    let db = pg.fresh_database("identity_numbers_past_rows");
    db.apply_ok(&create_script(&defaulted, CreateOptions::default()), "from");
    db.apply_ok(TICKETS, "rows");
    db.apply_ok(&script(&plan(&defaulted, &always, &[]).unwrap()), "up");
    db.apply_ok("INSERT INTO app.ticket (name) VALUES ('c')", "a new row");
    assert_eq!(
        db.query("SELECT string_agg(id || ':' || seq_no, ' ' ORDER BY id) FROM app.ticket"),
        "1:41 2:42 3:100\n"
    );
}

#[test]
fn a_renamed_serial_or_identity_column_s_sequence_takes_its_new_name() {
    let ticket = |key_name: &str, number_name: &str| {
        let mut key = column(key_name, ColumnType::builtin("integer"));
        key.identity = Identity::Serial;
        let mut number = column(number_name, ColumnType::builtin("bigint"));
        number.identity = Identity::GeneratedAlways;
        number.nullable = false;
        if key_name != "id" {
            key.renamed_from = Some("id".into());
            number.renamed_from = Some("seq_no".into());
        }
        let name = column("name", ColumnType::builtin("text"));
        build(vec![table("ticket", vec![key, number, name])], vec![])
    };
    // The catalogs compared name the sequences: a fresh database names them for the columns.
    let db = up_and_down(
        "sequences_follow_renames",
        &ticket("id", "seq_no"),
        &ticket("key", "number"),
        "INSERT INTO app.ticket (name) VALUES ('a'), ('b')",
    );
    db.apply_ok("INSERT INTO app.ticket (name) VALUES ('c')", "a row after");
    assert_eq!(
        db.query("SELECT string_agg(id || ':' || seq_no, ' ' ORDER BY id) FROM app.ticket"),
        "1:1 2:2 3:3\n"
    );
}

#[test]
fn exclusion_constraints_are_added_changed_and_dropped_up_and_down() {
    let with = |exclusion: Option<model_core::Exclusion>| {
        let mut item = item("numeric(10,2)");
        item.columns
            .push(column("during", ColumnType::builtin("tstzrange")));
        item.exclusions.extend(exclusion);
        build(vec![item], vec![])
    };
    let plain = with(None);
    let apart = with(Some(model_core::Exclusion::gist(
        "item_during_excl",
        &[("during", "&&")],
    )));
    let mut priced = model_core::Exclusion::gist("item_during_excl", &[("during", "&&")]);
    priced.predicate = Some("price > 0".into());
    priced.deferral = model_core::Deferral::InitiallyDeferred;
    let priced = with(Some(priced));
    let rows = "INSERT INTO app.item VALUES
        (1, 'pen', 2.5, '[2026-01-01, 2026-01-02)'), (2, 'desk', 120, '[2026-01-02, 2026-01-03)')";
    up_and_down("exclusion_added", &plain, &apart, rows);
    up_and_down("exclusion_changed", &apart, &priced, rows);
    let steps = plan_online(&plain, &apart, &[]).unwrap();
    assert_eq!(
        with_sql(&steps),
        [
            "create exclusion constraint item_during_excl on app.item [ALTER TABLE app.item ADD CONSTRAINT item_during_excl EXCLUDE USING gist (during WITH &&)]"
        ]
    );
    let tags: Vec<&str> = steps[0].hazards.iter().map(|h| h.tag()).collect();
    assert_eq!(tags, ["locks-table", "scans-table", "builds-index"]);
    // Over rows it excludes, the migration fails whole.
    let db = server().fresh_database("exclusion_over_overlaps");
    db.apply_ok(&create_script(&plain, CreateOptions::default()), "plain");
    db.apply_ok(
        "INSERT INTO app.item VALUES (1, 'pen', 2.5, '[2026-01-01, 2026-01-03)'), (2, 'desk', 120, '[2026-01-02, 2026-01-04)')",
        "overlapping rows",
    );
    let out = db.apply(&script(&plan(&plain, &apart, &[]).unwrap()));
    assert!(
        pg_harness::stderr(&out)
            .contains("could not create exclusion constraint \"item_during_excl\""),
        "{}",
        pg_harness::stderr(&out)
    );
}

/// `app.item` whose price is of domain `app.price` (`numeric(10,2)`), as `domain` says; or a
/// plain `numeric(10,2)` without one.
fn item_with_domain(domain: Option<model_core::Domain>) -> Schema {
    let mut item = item("numeric(10,2)");
    let mut b = Schema::builder();
    if let Some(d) = domain {
        item.columns[2].ty = ColumnType::Domain(d.name.clone());
        b = b.domain(d);
    }
    b.table(item).build().unwrap_or_else(|e| panic!("{e}"))
}

fn price_domain() -> model_core::Domain {
    model_core::Domain::new(app("price"), "numeric(10,2)")
}

#[test]
fn domains_are_created_changed_and_dropped_up_and_down() {
    let plain = item_with_domain(None);
    let checked = item_with_domain(Some(
        price_domain()
            .check("price_positive", "VALUE > 0")
            .comment("what a thing costs"),
    ));
    let changed = item_with_domain(Some(
        price_domain()
            .default("1")
            .not_null()
            .check("price_positive", "VALUE >= 0")
            .check("price_below_1000", "VALUE < 1000")
            .comment("what a thing costs, in euros"),
    ));
    up_and_down("domain_added", &plain, &checked, ITEMS);
    up_and_down("domain_changed", &checked, &changed, ITEMS);
    up_and_down("domain_added_whole", &plain, &changed, ITEMS);
    let steps = plan_online(&checked, &changed, &[]).unwrap();
    assert_eq!(
        with_sql(&steps),
        [
            "drop check price_positive of domain app.price [ALTER DOMAIN app.price DROP CONSTRAINT price_positive]",
            "set the default of domain app.price [ALTER DOMAIN app.price SET DEFAULT 1]",
            "set NOT NULL on domain app.price [ALTER DOMAIN app.price SET NOT NULL]",
            "add check price_below_1000 to domain app.price [ALTER DOMAIN app.price ADD CONSTRAINT price_below_1000 CHECK (VALUE < 1000)]",
            "add check price_positive to domain app.price [ALTER DOMAIN app.price ADD CONSTRAINT price_positive CHECK (VALUE >= 0)]",
            "comment on domain app.price [COMMENT ON DOMAIN app.price IS 'what a thing costs, in euros']",
        ]
    );
    let tags = |s: &Step| s.hazards.iter().map(|h| h.tag()).collect::<Vec<_>>();
    assert_eq!(tags(&steps[0]), Vec::<&str>::new());
    assert_eq!(tags(&steps[2]), ["blocks-writes", "scans-table"]);
    assert_eq!(tags(&steps[3]), ["blocks-writes", "scans-table"]);

    // A check the rows break fails the migration whole.
    let cheap = item_with_domain(Some(price_domain().check("price_cheap", "VALUE < 100")));
    let db = server().fresh_database("domain_check_over_rows");
    db.apply_ok(&create_script(&plain, CreateOptions::default()), "plain");
    db.apply_ok(ITEMS, "rows");
    let out = db.apply(&script(&plan(&plain, &cheap, &[]).unwrap()));
    assert!(
        pg_harness::stderr(&out).contains("violates check constraint \"price_cheap\""),
        "{}",
        pg_harness::stderr(&out)
    );
    assert_eq!(
        db.query("SELECT count(*) FROM pg_type WHERE typname = 'price'"),
        "0\n"
    );

    // What PostgreSQL cannot alter is refused, with the way round.
    let widened = item_with_domain(Some(model_core::Domain::new(app("price"), "numeric(12,2)")));
    let refused = plan(&item_with_domain(Some(price_domain())), &widened, &[]).unwrap_err();
    assert_eq!(
        refused.0,
        "domain app.price changes its base type, which PostgreSQL cannot alter; declare a domain under a new name, move the columns to it, and drop the old one in a later migration"
    );
    let with_array = |d: model_core::Domain| {
        let mut item = item("numeric(10,2)");
        item.columns
            .push(column("history", ColumnType::Raw("app.price[]".into())));
        Schema::builder()
            .domain(d)
            .table(item)
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let refused = plan(
        &with_array(price_domain()),
        &with_array(price_domain().not_null()),
        &[],
    )
    .unwrap_err();
    assert_eq!(
        refused.0,
        "domain app.price gets a new check or NOT NULL, which PostgreSQL cannot add while column app.item.history holds an array of the domain; make that column an array of the base type (numeric(10,2)[]) in one migration, and change the domain in the next"
    );
    // Dropping one is not refused (only its way back, above).
    let (strict, loose) = (
        with_array(price_domain().not_null()),
        with_array(price_domain()),
    );
    let db = server().fresh_database("domain_with_array_loses_not_null");
    db.apply_ok(&create_script(&strict, CreateOptions::default()), "strict");
    db.apply_ok(&script(&plan(&strict, &loose, &[]).unwrap()), "up");
    db.apply_ok(
        "INSERT INTO app.item VALUES (1, NULL, NULL, '{NULL}')",
        "nulls",
    );
}

/// `app.item` with a column `dims` of composite type `app.dims` (when there is one and
/// `used`), and the type as `composite` says.
/// The items and a view of the cheap ones (of `query`), with `grants` on them.
fn item_with_grants(query: &str, grants: &[(&str, model_core::Grant)]) -> Schema {
    let mut b = Schema::builder()
        .table(item("numeric(10,2)"))
        .view(model_core::View::new(app("cheap"), query));
    for (on, g) in grants {
        b = b.grant(model_core::GrantOn::Table(app(on)), g.clone());
    }
    b.build().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn grants_are_given_changed_taken_back_and_kept_by_a_view_made_again() {
    use model_core::{Grant, Privilege::*};
    server().fresh_database("plan_grant_roles").apply_ok(
        "DO $$ BEGIN CREATE ROLE grant_reader NOLOGIN;
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
         DO $$ BEGIN CREATE ROLE grant_clerk NOLOGIN;
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;",
        "roles",
    );
    let cheap = "SELECT id, name FROM app.item WHERE price < 10";
    let plain = item_with_grants(cheap, &[]);
    let granted = item_with_grants(
        cheap,
        &[
            (
                "item",
                Grant::new("grant_clerk", &[Select, Insert]).with_grant_option(),
            ),
            ("item", Grant::new("grant_reader", &[Select])),
            ("cheap", Grant::new("grant_reader", &[Select])),
        ],
    );
    let changed = item_with_grants(
        cheap,
        &[
            ("item", Grant::new("grant_clerk", &[Select, Insert, Update])),
            ("cheap", Grant::new("grant_reader", &[Select])),
            ("cheap", Grant::new("PUBLIC", &[Select])),
        ],
    );
    up_and_down("grants_added", &plain, &granted, ITEMS);
    up_and_down("grants_changed", &granted, &changed, ITEMS);
    assert_eq!(
        with_sql(&plan(&granted, &changed, &[]).unwrap()),
        [
            "revoke the grant option for SELECT, INSERT on table app.item from grant_clerk [REVOKE GRANT OPTION FOR SELECT, INSERT ON TABLE app.item FROM grant_clerk]",
            "revoke SELECT on table app.item from grant_reader [REVOKE SELECT ON TABLE app.item FROM grant_reader]",
            "grant SELECT on table app.cheap to PUBLIC [GRANT SELECT ON TABLE app.cheap TO PUBLIC]",
            "grant UPDATE on table app.item to grant_clerk [GRANT UPDATE ON TABLE app.item TO grant_clerk]",
        ]
    );
    // A view made again (its query changes) is granted again.
    let recheaped = item_with_grants(
        "SELECT id, name FROM app.item WHERE price < 20",
        &[("cheap", Grant::new("grant_reader", &[Select]))],
    );
    let before = item_with_grants(cheap, &[("cheap", Grant::new("grant_reader", &[Select]))]);
    up_and_down("grants_of_a_view_made_again", &before, &recheaped, ITEMS);
    // A view dropped takes its grants along: nothing is revoked on it first (the table's,
    // which stays, are revoked).
    let without_view = Schema::builder()
        .table(item("numeric(10,2)"))
        .build()
        .unwrap();
    assert_eq!(
        with_sql(&plan(&granted, &without_view, &[]).unwrap()),
        [
            "revoke SELECT, INSERT on table app.item from grant_clerk [REVOKE SELECT, INSERT ON TABLE app.item FROM grant_clerk]",
            "revoke SELECT on table app.item from grant_reader [REVOKE SELECT ON TABLE app.item FROM grant_reader]",
            "drop view app.cheap [DROP VIEW app.cheap]",
        ]
    );
}

/// The items, with collation `collation` registered; `used`: the name column and an index key
/// on it collate by it.
fn item_with_collation(collation: Option<model_core::Collation>, used: bool) -> Schema {
    let mut item = item("numeric(10,2)");
    let mut b = Schema::builder();
    if let Some(c) = collation {
        if used {
            item.columns[1].collation = Some(c.name.clone());
            let mut key = IndexKey::column("name");
            key.collation = Some(c.name.clone());
            item.indexes.push(btree_index("item_name", vec![key]));
        }
        b = b.collation(c);
    }
    b.table(item).build().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn collations_of_the_models_are_created_made_again_and_dropped_up_and_down() {
    let folded = || {
        model_core::Collation::icu(app("folded"), "und-u-ks-level2")
            .nondeterministic()
            .comment("case-blind")
    };
    let plain = item_with_collation(None, false);
    let used = item_with_collation(Some(folded()), true);
    up_and_down("collation_added", &plain, &used, ITEMS);
    assert_eq!(
        with_sql(&plan(&plain, &used, &[]).unwrap()),
        [
            "create collation app.folded [CREATE COLLATION app.folded (provider = icu, locale = 'und-u-ks-level2', deterministic = false)]",
            "change collation of app.item.name from the type's to app.folded [ALTER TABLE app.item ALTER COLUMN name TYPE text COLLATE app.folded USING name::text]",
            "create index item_name on app.item [CREATE INDEX item_name ON app.item (name COLLATE app.folded)]",
            "comment on collation app.folded [COMMENT ON COLLATION app.folded IS 'case-blind']",
        ]
    );
    // Down, the collation goes once nothing sorts by it.
    let down = with_sql(&plan(&used, &plain, &[]).unwrap());
    assert_eq!(
        down.last().map(String::as_str),
        Some("drop collation app.folded [DROP COLLATION app.folded]")
    );

    // Made again where nothing sorts by it: PostgreSQL alters no option of a collation.
    let unused = |c| item_with_collation(Some(c), false);
    let bytes = model_core::Collation::libc(app("folded"), "C").ctype("POSIX");
    up_and_down(
        "collation_made_again",
        &unused(folded()),
        &unused(bytes),
        ITEMS,
    );
    // A comment alone is a comment.
    assert_eq!(
        with_sql(
            &plan(
                &used,
                &item_with_collation(Some(folded().comment("blind")), true),
                &[]
            )
            .unwrap()
        ),
        ["comment on collation app.folded [COMMENT ON COLLATION app.folded IS 'blind']"]
    );
    // Refused where something sorts by it, with the way round.
    let deterministic = model_core::Collation::icu(app("folded"), "und-u-ks-level2");
    let refused = plan(&used, &item_with_collation(Some(deterministic), true), &[]).unwrap_err();
    assert_eq!(
        refused.0,
        "collation app.folded changes (provider = icu, locale = 'und-u-ks-level2', deterministic = false) to (provider = icu, locale = 'und-u-ks-level2'), which PostgreSQL cannot do in place, and it cannot drop a collation column app.item.name collates by (1 more use it); declare a collation under a new name, move what collates by this one to it, and drop this one in a later migration"
    );
}

fn item_with_composite(composite: Option<model_core::CompositeType>, used: bool) -> Schema {
    let mut item = item("numeric(10,2)");
    let mut b = Schema::builder();
    if let Some(c) = composite {
        if used {
            item.columns
                .push(column("dims", ColumnType::Raw("app.dims".into())));
        }
        b = b.composite_type(c);
    }
    b.table(item).build().unwrap_or_else(|e| panic!("{e}"))
}

fn dims() -> model_core::CompositeType {
    model_core::CompositeType::new(app("dims"))
        .attribute("width", "integer")
        .attribute("height", "integer")
}

#[test]
fn composite_types_are_created_changed_and_dropped_up_and_down() {
    let plain = item_with_composite(None, false);
    let used = item_with_composite(Some(dims().comment("how big")), true);
    let grown = item_with_composite(
        Some(
            model_core::CompositeType::new(app("dims"))
                .attribute("width", "integer")
                .attribute("depth", "integer")
                .collated_attribute("unit", "text", QualifiedName::new("pg_catalog", "C")),
        ),
        true,
    );
    let rows = "INSERT INTO app.item VALUES (1, 'pen', 2.5, ROW(1, 2)), (2, 'desk', 120, NULL)";
    up_and_down("composite_added", &plain, &used, ITEMS);
    up_and_down("composite_changed", &used, &grown, rows);
    let steps = plan(&used, &grown, &[]).unwrap();
    assert_eq!(
        with_sql(&steps),
        [
            "drop attribute height of composite type app.dims [ALTER TYPE app.dims DROP ATTRIBUTE height]",
            "add attribute depth to composite type app.dims [ALTER TYPE app.dims ADD ATTRIBUTE depth integer]",
            "add attribute unit to composite type app.dims [ALTER TYPE app.dims ADD ATTRIBUTE unit text COLLATE \"C\"]",
            "comment on composite type app.dims [COMMENT ON TYPE app.dims IS NULL]",
        ]
    );
    assert_eq!(
        steps[0].loses.as_deref(),
        Some("the values of attribute height in column app.item.dims")
    );
    // The rows keep what they held of the attributes kept.
    let db = server().fresh_database("composite_rows_kept");
    db.apply_ok(&create_script(&used, CreateOptions::default()), "used");
    db.apply_ok(rows, "rows");
    db.apply_ok(&script(&steps), "up");
    assert_eq!(
        db.query("SELECT id, dims FROM app.item ORDER BY id"),
        "1|(1,,)\n2|\n"
    );

    // Retyped where no column uses it; refused where one does, and when the order changes.
    let unused = |c: model_core::CompositeType| item_with_composite(Some(c), false);
    let wide = model_core::CompositeType::new(app("dims"))
        .attribute("width", "bigint")
        .attribute("height", "integer");
    up_and_down(
        "composite_retyped",
        &unused(dims()),
        &unused(wide.clone()),
        ITEMS,
    );
    let refused = plan(&used, &item_with_composite(Some(wide), true), &[]).unwrap_err();
    assert_eq!(
        refused.0,
        "attribute width of composite type app.dims changes its type or collation, which PostgreSQL refuses while column app.item.dims is of the type (\"cannot alter type .. because column .. uses it\"); add an attribute under a new name and drop the old one, or declare a type under a new name"
    );
    let swapped = model_core::CompositeType::new(app("dims"))
        .attribute("height", "integer")
        .attribute("width", "integer");
    let refused = plan(&unused(dims()), &unused(swapped), &[]).unwrap_err();
    assert_eq!(
        refused.0,
        "composite type app.dims changes the order of its attributes ((width, height) to (height, width)), which PostgreSQL cannot do in place: it adds an attribute last and never moves one; keep the attributes in their order and add new ones at the end, or declare a type under a new name"
    );
}

/// `app.reading (at date, id integer, v integer)` partitioned by range of `at`, keyed on
/// `(at, id)`, with a partition per year of `years` (each up to the next year, or two where
/// `wide`), a default partition if `rest`, and an index on `v` if `indexed`.
fn readings(years: &[(i32, bool)], rest: bool, indexed: bool) -> Schema {
    use model_core::Partition;
    let mut partitions: Vec<Partition> = (years.iter())
        .map(|&(year, wide)| {
            let to = year + if wide { 2 } else { 1 };
            Partition::range(
                app(&format!("reading_{year}")),
                [format!("'{year}-01-01'")],
                [format!("'{to}-01-01'")],
            )
        })
        .collect();
    if rest {
        partitions.push(Partition::default_for(app("reading_rest")).comment("the others"));
    }
    readings_in(partitions, indexed)
}

/// `app.reading` (see [`readings`]) with `partitions`.
fn readings_in(partitions: Vec<model_core::Partition>, indexed: bool) -> Schema {
    use model_core::PartitionBy;
    let mut t = table(
        "reading",
        vec![
            column("at", ColumnType::builtin("date")),
            column("id", ColumnType::builtin("integer")),
            column("v", ColumnType::builtin("integer")),
        ],
    );
    t.columns[1].nullable = false;
    t.primary_key.as_mut().unwrap().columns = vec!["at".into(), "id".into()];
    t = t.partitioned(PartitionBy::range(["at"]), partitions);
    if indexed {
        t.indexes
            .push(btree_index("reading_v", vec![IndexKey::column("v")]));
    }
    build(vec![t], vec![])
}

const READINGS: &str = "INSERT INTO app.reading VALUES ('2025-03-01', 1, 10), ('2026-07-01', 2, 20), ('2026-12-31', 3, 30)";

#[test]
fn partitions_are_attached_moved_and_dropped_up_and_down() {
    let first = readings(&[(2025, false), (2026, false)], false, false);
    let second = readings(&[(2025, false), (2026, true), (2028, false)], true, true);
    up_and_down("partitions", &first, &second, READINGS);
    // Plain: the moved bound detaches and attaches again, rows kept; then the new partitions.
    let steps = plan(&first, &second, &[]).unwrap();
    assert_eq!(
        with_sql(&steps),
        [
            "partitions of table app.reading detached and attached again: app.reading_2026 FOR VALUES FROM ('2026-01-01') TO ('2028-01-01') [ALTER TABLE app.reading DETACH PARTITION app.reading_2026;\nALTER TABLE app.reading ATTACH PARTITION app.reading_2026 FOR VALUES FROM ('2026-01-01') TO ('2028-01-01')]",
            "create partition app.reading_2028 of app.reading [CREATE TABLE app.reading_2028 PARTITION OF app.reading FOR VALUES FROM ('2028-01-01') TO ('2029-01-01')]",
            "create partition app.reading_rest of app.reading [CREATE TABLE app.reading_rest PARTITION OF app.reading DEFAULT]",
            "create index reading_v on app.reading [CREATE INDEX reading_v ON app.reading (v)]",
            "comment on partition app.reading_rest of app.reading [COMMENT ON TABLE app.reading_rest IS 'the others']",
        ]
    );
    let tags = |s: &Step| s.hazards.iter().map(|h| h.tag()).collect::<Vec<_>>();
    assert_eq!(tags(&steps[0]), ["locks-table", "scans-table"]);
    assert_eq!(tags(&steps[1]), ["locks-table"]);
    // Live: a new partition is made beside the table and attached (no ACCESS EXCLUSIVE lock
    // on the parent); PostgreSQL builds no index of a partitioned table CONCURRENTLY.
    let online = plan_online(&first, &second, &[]).unwrap();
    assert_eq!(
        with_sql(&online)[1..3],
        [
            "create partition app.reading_2028 of app.reading, attached [CREATE TABLE app.reading_2028 (LIKE app.reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED);\nALTER TABLE app.reading ATTACH PARTITION app.reading_2028 FOR VALUES FROM ('2028-01-01') TO ('2029-01-01')]",
            "create partition app.reading_rest of app.reading, attached [CREATE TABLE app.reading_rest (LIKE app.reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED);\nALTER TABLE app.reading ATTACH PARTITION app.reading_rest DEFAULT]",
        ]
    );
    assert!(tags(&online[1]).is_empty(), "{online:#?}");
    assert!(
        online
            .iter()
            .all(|s| s.runs == ddl_gen::migration::Runs::InTransaction),
        "{online:#?}"
    );
    // Beside a default partition, a new one checks the default's rows under its lock.
    let third = readings(
        &[(2025, false), (2026, true), (2028, false), (2029, false)],
        true,
        true,
    );
    up_and_down("partitions_beside_default", &second, &third, READINGS);
    let steps = plan(&second, &third, &[]).unwrap();
    assert_eq!(
        steps[0].hazards,
        [
            ddl_gen::migration::Hazard::LocksTable(app("reading")),
            ddl_gen::migration::Hazard::LocksTable(app("reading_rest")),
            ddl_gen::migration::Hazard::ScansTable(app("reading_rest")),
        ]
    );
    // Two partitions trade a range (no row in it): both detached, then both attached; a
    // partition dropped gives its range to a new one.
    let bounds = |cut: &str, last: &str| {
        readings_in(
            vec![
                model_core::Partition::range(app("reading_early"), ["'2025-01-01'"], [cut]),
                model_core::Partition::range(app("reading_late"), [cut], ["'2027-01-01'"]),
                model_core::Partition::range(app(last), ["'2027-01-01'"], ["'2028-01-01'"]),
            ],
            false,
        )
    };
    let (before, after) = (
        bounds("'2026-06-01'", "reading_2027"),
        bounds("'2026-03-01'", "reading_2027b"),
    );
    up_and_down("partitions_trade", &before, &after, READINGS);
    assert_eq!(
        with_sql(&plan(&before, &after, &[]).unwrap()),
        [
            "drop partition app.reading_2027 of app.reading [DROP TABLE app.reading_2027]",
            "partitions of table app.reading detached and attached again: app.reading_early FOR VALUES FROM ('2025-01-01') TO ('2026-03-01'); app.reading_late FOR VALUES FROM ('2026-03-01') TO ('2027-01-01') [ALTER TABLE app.reading DETACH PARTITION app.reading_early;\nALTER TABLE app.reading DETACH PARTITION app.reading_late;\nALTER TABLE app.reading ATTACH PARTITION app.reading_early FOR VALUES FROM ('2025-01-01') TO ('2026-03-01');\nALTER TABLE app.reading ATTACH PARTITION app.reading_late FOR VALUES FROM ('2026-03-01') TO ('2027-01-01')]",
            "create partition app.reading_2027b of app.reading [CREATE TABLE app.reading_2027b PARTITION OF app.reading FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')]",
        ]
    );
    // Dropped: with its rows.
    let fewer = readings(&[(2026, false)], false, false);
    let steps = plan(&first, &fewer, &[]).unwrap();
    assert_eq!(
        with_sql(&steps),
        ["drop partition app.reading_2025 of app.reading [DROP TABLE app.reading_2025]"]
    );
    assert_eq!(steps[0].loses.as_deref(), Some("every row in it"));
    // A table's partitioning cannot change in place: refused, with the way round.
    let mut plain = readings(&[], false, false);
    plain.tables[0].partition_by = None;
    let refused = plan(&first, &plain, &[]).unwrap_err();
    assert_eq!(
        refused.0,
        "table app.reading is partitioned by RANGE (at) and would be not partitioned, which PostgreSQL cannot change in place; create the table under a new name as the models want it, copy the rows over, and drop the old one (or rename the two) in a hand-written migration"
    );
}

#[test]
fn a_column_the_table_is_partitioned_by_is_not_retyped() {
    let first = readings(&[(2025, false)], true, false);
    let mut wider = first.clone();
    wider.tables[0].columns[0].ty = ColumnType::builtin("timestamp with time zone");
    assert_eq!(
        plan(&first, &wider, &[]).unwrap_err().0,
        "column app.reading.at changes type or collation, and app.reading is partitioned by it, which PostgreSQL refuses; create the table under a new name as the models want it, copy the rows over, and drop the old one (or rename the two) in a hand-written migration"
    );
    // Another column changes type as on any table, in every partition.
    let mut wider = first.clone();
    wider.tables[0].columns[2].ty = ColumnType::builtin("bigint");
    up_and_down("partitioned_retyped", &first, &wider, READINGS);
}
