//! What only `build()` can know: names across tables, identifier lengths, foreign-key targets,
//! enum placement. Every problem is reported at once, naming the object and the fix.

use model_core::{
    Column, ColumnType, Identity, Index, IndexKey, IndexMethod, QualifiedName, Schema, Sequence,
    SequenceOwner, Table,
};

mod parent {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "app", table_name = "parent")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(column_type = "Text")]
        pub code: String,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

mod child {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "app", table_name = "child")]
    #[pg(index(name = "idx_shared", columns(parent_code)))]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub parent_id: i32,
        #[sea_orm(column_type = "Text")]
        #[pg(fk(name = "child_parent_code_fkey_with_a_name_much_longer_than_postgres_allows_it"))]
        pub parent_code: String,
        #[pg(fk(deferrable))]
        pub not_a_key: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::parent::Entity",
            from = "Column::ParentId",
            to = "super::parent::Column::Id"
        )]
        Parent,
        #[sea_orm(
            belongs_to = "super::parent::Entity",
            from = "Column::ParentCode",
            to = "super::parent::Column::Code"
        )]
        ParentByCode,
    }
    impl ActiveModelBehavior for ActiveModel {}
}

mod sibling {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "app", table_name = "sibling")]
    #[pg(timestamps)]
    #[pg(index(name = "idx_shared", columns(id)))]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[pg(default = "now()")]
        pub created_at: DateTimeWithTimeZone,
        pub updated_at: DateTimeWithTimeZone,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, PartialEq, Eq, sea_orm::EnumIter, sea_orm::DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "mood")]
pub enum Mood {
    #[sea_orm(string_value = "happy")]
    Happy,
}

mod in_a {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "a", table_name = "person")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub mood: super::Mood,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

mod in_b {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "b", table_name = "pet")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub mood: super::Mood,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

mod unlogged_parent {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "app", table_name = "unlogged_parent")]
    #[pg(unlogged)]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

mod logged_child {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "app", table_name = "logged_child")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub parent_id: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::unlogged_parent::Entity",
            from = "Column::ParentId",
            to = "super::unlogged_parent::Column::Id"
        )]
        Parent,
    }
    impl ActiveModelBehavior for ActiveModel {}
}

fn problems(result: Result<Schema, model_core::SchemaError>) -> Vec<String> {
    result.expect_err("the models are invalid").problems
}

fn has(problems: &[String], needle: &str) {
    assert!(
        problems.iter().any(|p| p.contains(needle)),
        "no problem mentions {needle:?}; problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_problem_at_once() {
    let p = problems(
        Schema::builder()
            .schema_comment("nowhere", "x")
            .entity::<child::Entity>()
            .entity::<sibling::Entity>()
            .build(),
    );
    has(
        &p,
        "foreign key \"child_parent_id_fkey\" on app.child references app.parent, which is not registered; add .entity::<..>() for it",
    );
    has(
        &p,
        "_with_a_name_much_longer_than_postgres_allows_it\" on app.child: the name is 70 bytes; PostgreSQL keeps 63 and would silently truncate it; choose a shorter name",
    );
    has(
        &p,
        "index on app.sibling and index on app.child are both named \"app.idx_shared\"",
    );
    has(
        &p,
        "#[pg(fk(..))] is on column not_a_key, which no belongs_to relation uses",
    );
    has(
        &p,
        "column created_at gets its default from #[pg(timestamps)]; remove its own default",
    );
    has(
        &p,
        "schema_comment names schema nowhere, which no registered entity uses",
    );
    assert_eq!(p.len(), 7, "{p:#?}");
    // Display lists them all.
    let shown = Schema::builder()
        .entity::<child::Entity>()
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        shown.starts_with("the models are not a valid schema ("),
        "{shown}"
    );
}

#[test]
fn foreign_key_must_reference_a_key() {
    let p = problems(
        Schema::builder()
            .entity::<parent::Entity>()
            .entity::<child::Entity>()
            .build(),
    );
    has(
        &p,
        "references app.parent(code), which is neither its primary key nor unique; mark it #[sea_orm(unique)] or add a unique constraint",
    );
}

#[test]
fn one_rust_enum_is_one_postgres_type() {
    let p = problems(
        Schema::builder()
            .entity::<in_a::Entity>()
            .entity::<in_b::Entity>()
            .build(),
    );
    has(
        &p,
        "enum type mood is used by a.person.mood (schema a) and by b.pet.mood (schema b)",
    );
    has(
        &p,
        "put #[pg(enum_schema = \"a\")] on the columns that use it",
    );
}

fn hand_built(index_column: &str) -> Table {
    let mut t = Table::new(QualifiedName::new("dataflow", "product"));
    for name in ["id", "status", "sku"] {
        t.columns.push(Column {
            nullable: false,
            ..Column::new(name, ColumnType::builtin("text"))
        });
    }
    t.indexes.push(Index {
        name: "idx_x".into(),
        unique: false,
        method: IndexMethod::Btree,
        keys: vec![IndexKey::column(index_column)],
        include: vec![],
        predicate: None,
        nulls_not_distinct: false,
        storage: Default::default(),
    });
    t
}

#[test]
fn index_on_a_column_that_does_not_exist() {
    let p = problems(Schema::builder().table(hand_built("stauts")).build());
    assert_eq!(
        p,
        [
            "index \"idx_x\" on dataflow.product names column \"stauts\", which does not exist (columns: id, status, sku)"
        ]
    );
    assert!(
        Schema::builder()
            .table(hand_built("status"))
            .build()
            .is_ok()
    );
}

#[test]
fn sequences_are_checked_before_anything_is_rendered() {
    let mut bad = Sequence::new(QualifiedName::new("dataflow", "invoice_no"));
    bad.start = 0;
    let mut narrow = Sequence::new(QualifiedName::new("dataflow", "ticket_no"));
    narrow.data_type = "integer".into();
    bad.owned_by = Some(SequenceOwner {
        table: QualifiedName::new("dataflow", "product"),
        column: "invoice".into(),
    });
    let clash = Sequence::new(QualifiedName::new("dataflow", "product"));
    let p = problems(
        Schema::builder()
            .table(hand_built("status"))
            .sequence(bad)
            .sequence(narrow)
            .sequence(clash)
            .build(),
    );
    assert_eq!(
        p,
        [
            "sequence dataflow.product and table dataflow.product are both named \"dataflow.product\"; tables, views, indexes, key constraints and sequences share one namespace per schema: rename one",
            "sequence dataflow.invoice_no: it starts at 0, outside 1..=9223372036854775807; set start between min and max",
            "sequence dataflow.invoice_no is owned by dataflow.product.invoice, which is not a column of a registered table",
            "sequence dataflow.ticket_no: min 1 and max 9223372036854775807 must be in order and fit integer",
        ]
    );
    let good = Sequence::new(QualifiedName::new("dataflow", "invoice_no"));
    let schema = Schema::builder()
        .table(hand_built("status"))
        .sequence(good)
        .build()
        .unwrap();
    assert_eq!(schema.sequences.len(), 1);
}

#[test]
fn names_postgresql_would_make_or_refuse_are_errors() {
    // A serial column's sequence is named <table>_<column>_seq by PostgreSQL, shortened when
    // longer than 63 bytes.
    let long = "a_table_name_long_enough_that_its_serial_sequence_overflows";
    let mut t = Table::new(QualifiedName::new("app", long));
    let mut id = hand_built("status").columns[0].clone();
    id.name = "identifier".into();
    id.ty = ColumnType::builtin("integer");
    id.identity = Identity::Serial;
    t.columns.push(id);
    // An enum named like a table: the table's row type has that name already.
    let mood = model_core::EnumType {
        name: QualifiedName::new("dataflow", "product"),
        values: vec!["ok".into()],
    };
    let p = problems(
        Schema::builder()
            .table(t)
            .table(hand_built("status"))
            .enum_type(mood)
            .build(),
    );
    assert_eq!(
        p,
        [
            format!(
                "the sequence PostgreSQL makes for app.{long}.identifier (\"{long}_identifier_seq\"): the name is 74 bytes; PostgreSQL keeps 63 and would silently truncate it; choose a shorter name"
            ),
            "enum type dataflow.product and table dataflow.product have one name, but a table's row type takes that name in the schema's types: rename the enum (#[sea_orm(enum_name = \"..\")]) or the table".to_owned(),
        ]
    );
}

mod broken_sql {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "app", table_name = "task")]
    #[pg(check(name = "task_escape_check", sql = "true) , CHECK (false"))]
    #[pg(index(
        name = "idx_task_open",
        columns(id),
        where = "done = false -- open only"
    ))]
    #[pg(index(name = "idx_task_title", expr = "lower(title"))]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub done: bool,
        #[sea_orm(column_type = "Text")]
        pub title: String,
        #[pg(default = "'todo")]
        #[sea_orm(column_type = "Text")]
        pub state: String,
        #[pg(sql_type = "numeric(12,")]
        pub amount: Decimal,
        #[pg(check = "due_date >")]
        pub due_date: Date,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

#[test]
fn raw_sql_is_parsed_by_postgresql_s_parser_at_build() {
    let p = problems(Schema::builder().entity::<broken_sql::Entity>().build());
    assert_eq!(
        p,
        [
            r#"column app.task.state, its default: PostgreSQL's parser says unterminated quoted string at character 1 of the expression "'todo"; write one SQL expression (a quoted literal is '..')"#,
            r#"column app.task.amount, its sql_type: PostgreSQL's parser finds the type "numeric(12," incomplete (syntax error at its end); write one SQL type name, such as "inet" or "text[]""#,
            r#"check "task_due_date_check" on app.task: PostgreSQL's parser finds the expression "due_date >" incomplete (syntax error at its end); write one SQL boolean expression"#,
            r#"check "task_escape_check" on app.task: the expression "true) , CHECK (false" is not one expression: it closes what it is written in, ends the statement or comments out what follows; write one SQL boolean expression"#,
            r#"index "idx_task_open" on app.task, its where predicate: the expression "done = false -- open only" is not one expression: it closes what it is written in, ends the statement or comments out what follows; write one SQL boolean expression"#,
            r#"index "idx_task_title" on app.task, its key expression: PostgreSQL's parser finds the expression "lower(title" incomplete (syntax error at its end); write one SQL expression"#,
        ]
    );
}

#[test]
fn policies_are_checked_at_build() {
    use model_core::{Policy, PolicyCommand};
    let mut t = hand_built("id");
    t.policies = vec![
        Policy::new("reads")
            .command(PolicyCommand::Select)
            .using("true")
            .with_check("true"),
        Policy::new("adds")
            .command(PolicyCommand::Insert)
            .using("true"),
        Policy::new("adds").using("sku = current_user) OR (true"),
        Policy {
            roles: vec!["b".into(), "a".into()],
            ..Policy::new("unsorted").using("price >")
        },
    ];
    let p = problems(Schema::builder().table(t.clone()).build());
    assert_eq!(
        p,
        [
            r#"policy "reads" on dataflow.product: a select policy has no WITH CHECK (it writes no row); say which rows it reaches with USING"#,
            r#"policy "adds" on dataflow.product: an insert policy has no USING (an INSERT reads no existing row); say which rows it may write with WITH CHECK"#,
            r#"policy "adds" on dataflow.product: two policies have this name; name each once"#,
            r#"policy "unsorted" on dataflow.product: roles ["b", "a"] are not sorted, each once, without public; build them with Policy::to"#,
            r#"policy "adds" on dataflow.product, its USING expression: PostgreSQL's parser says syntax error at character 21 of the expression "sku = current_user) OR (true"; write one SQL boolean expression over the row's columns"#,
            r#"policy "unsorted" on dataflow.product, its USING expression: PostgreSQL's parser finds the expression "price >" incomplete (syntax error at its end); write one SQL boolean expression over the row's columns"#,
        ]
    );
    t.policies = vec![
        Policy::new("ok")
            .to(["public", "b", "a", "b"])
            .using("true"),
    ];
    assert_eq!(t.policies[0].roles, ["a", "b"]);
    assert!(Schema::builder().table(t).build().is_ok());
}

#[test]
fn a_generated_expression_is_parsed_too() {
    let mut t = hand_built("id");
    t.columns[1].generated = Some("upper(sku) ||".into());
    let p = problems(Schema::builder().table(t.clone()).build());
    assert_eq!(
        p,
        [
            r#"column dataflow.product.status, its generated expression: PostgreSQL's parser finds the expression "upper(sku) ||" incomplete (syntax error at its end); write one SQL expression over the row's columns"#
        ]
    );
    t.columns[1].generated = Some("upper(sku) || '-x'".into());
    assert!(Schema::builder().table(t).build().is_ok());
}

#[test]
fn what_postgresql_refuses_is_refused_at_build() {
    use model_core::{EnumType, ForeignKey, ForeignKeyAction, PrimaryKey, Trigger};
    let mut parent = hand_built("id");
    parent.primary_key = Some(PrimaryKey {
        name: "product_pkey".into(),
        columns: vec!["id".into()],
        deferral: Default::default(),
        include: Vec::new(),
    });
    parent.comment = Some(String::new());
    parent.triggers.push(Trigger::before_update(
        "touch",
        QualifiedName::new("dataflow", "touch"),
    ));
    let mut child = Table::new(QualifiedName::new("dataflow", "line"));
    child.columns.push(Column {
        nullable: false,
        ..Column::new("product_id", ColumnType::builtin("integer"))
    });
    child.foreign_keys.push(ForeignKey {
        name: "line_product_id_fkey".into(),
        columns: vec!["product_id".into()],
        references: parent.name.clone(),
        referenced_columns: vec!["id".into()],
        on_delete: ForeignKeyAction::NoAction,
        on_update: ForeignKeyAction::NoAction,
        deferrable: false,
        initially_deferred: false,
        match_full: false,
        not_valid: false,
    });
    let p = problems(
        Schema::builder()
            .table(parent)
            .table(child)
            .enum_type(EnumType {
                name: QualifiedName::new("dataflow", "mood"),
                values: vec!["happy".into(), "".into(), "happy".into()],
            })
            .schema_comment("dataflow", "")
            .build(),
    );
    assert_eq!(
        p,
        [
            "enum type dataflow.mood: an empty label; PostgreSQL takes labels of 1 to 63 bytes: name the value",
            "enum type dataflow.mood: the label \"happy\" is there twice; PostgreSQL refuses that: remove one",
            "schema dataflow: the comment is empty, which PostgreSQL stores as no comment; write one or leave it out",
            "table dataflow.product: the comment is empty, which PostgreSQL stores as no comment; write one or leave it out",
            "trigger \"touch\" on dataflow.product: it executes function dataflow.touch(), which is not registered; add it with .function(..)",
            "foreign key \"line_product_id_fkey\" on dataflow.line: column product_id is integer but dataflow.product.id is text; PostgreSQL cannot compare them: give both one type",
        ]
    );
}

#[test]
fn a_logged_table_cannot_reference_an_unlogged_one() {
    let p = problems(
        Schema::builder()
            .entity::<unlogged_parent::Entity>()
            .entity::<logged_child::Entity>()
            .build(),
    );
    assert_eq!(
        p,
        [
            "foreign key \"logged_child_parent_id_fkey\" on app.logged_child references app.unlogged_parent, which is unlogged: PostgreSQL lets only an unlogged table reference an unlogged one; add #[pg(unlogged)] to app.logged_child or drop the key"
        ]
    );
    let parent = Schema::builder()
        .entity::<unlogged_parent::Entity>()
        .build()
        .unwrap();
    assert!(
        parent.tables[0].unlogged,
        "#[pg(unlogged)] reaches the model"
    );
}

#[test]
fn views_are_checked_before_anything_is_rendered() {
    use model_core::{CheckOption, View};
    let name = |n: &str| QualifiedName::new("dataflow", n);
    let p = problems(
        Schema::builder()
            .table(hand_built("status"))
            .view(View::new(name("bare"), "SELECT id FROM product"))
            .view(View::new(name("typo"), "SELECT id FROM dataflow.prodcut"))
            .view(View::new(
                name("broken"),
                "SELECT id FROM FROM dataflow.product",
            ))
            .view(View::new(
                name("two"),
                "SELECT 1; DROP TABLE dataflow.product",
            ))
            .view(
                View::materialized(name("stored"), "SELECT id FROM dataflow.product")
                    .check_option(CheckOption::Local),
            )
            .view(
                View::new(name("plain"), "SELECT id FROM dataflow.product").index(Index {
                    name: "plain_id".into(),
                    unique: false,
                    method: IndexMethod::Btree,
                    keys: vec![IndexKey::column("id")],
                    include: vec![],
                    predicate: None,
                    nulls_not_distinct: false,
                    storage: Default::default(),
                }),
            )
            .view(View::new(name("ping"), "SELECT * FROM dataflow.pong"))
            .view(View::new(name("pong"), "SELECT * FROM dataflow.ping"))
            .view(View::new(name("product"), "SELECT 1"))
            // A sequence of the models is declared: read, not refused.
            .sequence(model_core::Sequence::new(name("ticket_no")))
            .view(View::new(
                name("last_ticket"),
                "SELECT last_value FROM dataflow.ticket_no",
            ))
            .build(),
    );
    assert_eq!(
        p,
        [
            "view dataflow.bare: its query reads \"product\" without a schema; write dataflow.product (or pg_catalog.product): a view is bound to what its names meant when it was created, so the models name it whatever the search_path",
            "view dataflow.broken: PostgreSQL's parser says syntax error at character 16 of the query; write one SELECT (or VALUES)",
            "view dataflow.two: PostgreSQL's parser says syntax error at the end of the query: it is incomplete, or more than one statement; write one SELECT (or VALUES)",
            "view dataflow.product and table dataflow.product are both named \"dataflow.product\"; tables, views, indexes, key constraints and sequences share one namespace per schema: rename one",
            "view dataflow.plain: a plain view has no indexes (it stores no rows); index the tables it reads, or make it materialized",
            "materialized view dataflow.stored: security_barrier and check_option are options of plain views (a materialized view is not written through); drop them or make it a plain view",
            "view dataflow.typo: its query reads dataflow.prodcut, which no model declares; register it, or correct the name",
            "view dataflow.ping reads itself through the views it reads; a view can only read what exists before it",
            "view dataflow.pong reads itself through the views it reads; a view can only read what exists before it",
        ]
    );
}

#[test]
fn functions_are_checked_before_anything_is_rendered() {
    use model_core::{ArgMode, Function, Parallel};
    let name = |n: &str| QualifiedName::new("dataflow", n);
    let sql = |n: &str, body: &str| Function::new(name(n), "integer", body).language("sql");
    let p = problems(
        Schema::builder()
            .table(hand_built("status"))
            // Bodies PostgreSQL's parsers refuse; a sql body naming a table without a schema.
            .function(sql("broken", "SELECT 1 FROM FROM t"))
            .function(Function::new(
                name("no_end"),
                "integer",
                "BEGIN\n  RETURN 1;\n",
            ))
            .function(sql("bare", "SELECT count(*)::integer FROM product"))
            .function(
                sql("pathed", "SELECT count(*)::integer FROM product")
                    .set("search_path", "dataflow"),
            )
            .function(sql("empty", "  "))
            // Declarations PostgreSQL refuses.
            .function(
                sql("defaults", "SELECT a + b")
                    .arg_default("a", "integer", "1")
                    .arg("b", "integer"),
            )
            .function(
                sql("variadic", "SELECT 1")
                    .argument(ArgMode::Variadic, "xs", "integer[]", None)
                    .arg("y", "integer"),
            )
            .function(
                sql("twice", "SELECT a")
                    .arg("a", "integer")
                    .arg("a", "text"),
            )
            .function(sql("bad_type", "SELECT 1").arg("a", "integer) RETURNS int AS $$x$$; --"))
            .function(
                Function::procedure(name("proc"), "BEGIN NULL; END;")
                    .stable()
                    .parallel(Parallel::Safe),
            )
            .function(
                Function::new(name("trig"), "trigger", "BEGIN RETURN NEW; END;")
                    .arg("a", "integer"),
            )
            .function(sql("once", "SELECT 1"))
            .function(sql("once", "SELECT 2"))
            // An overload is another function.
            .function(sql("once", "SELECT a").arg("a", "integer"))
            .function(Function::new(name("lang"), "integer", "x").language("Python 3"))
            .build(),
    );
    assert_eq!(
        p,
        [
            "function dataflow.once() is registered twice; register each function once (functions of one name need argument types that differ)",
            "function dataflow.bad_type(integer) RETURNS int AS $$x$$; --): the type of argument a: PostgreSQL's parser says syntax error at character 10 of the type \"integer) RETURNS int AS $$x$$; --\"",
            "function dataflow.bare(): its body reads \"product\" without a schema; write dataflow.product (or pg_catalog.product), or give the function .set(\"search_path\", \"dataflow\"): PostgreSQL checks a sql body when the function is created, with whatever search_path the script runs under",
            "function dataflow.broken(): PostgreSQL's parser says syntax error on line 1 of the body",
            "function dataflow.no_end(): PL/pgSQL's parser says syntax error at end of input",
            "function dataflow.defaults(integer, integer): argument b has no default but comes after one that has; give it a default or move it before",
            "function dataflow.empty(): its body is empty; write the statements it runs",
            "function dataflow.lang(): language \"Python 3\" is not a language's name; write sql or plpgsql (or another installed language, in lower case)",
            "procedure dataflow.proc(): a procedure takes no volatility (only functions do); remove it",
            "procedure dataflow.proc(): a procedure takes no PARALLEL (only functions do); remove it",
            "function dataflow.trig(integer): a trigger function declares no arguments; a trigger passes its own, read in the body as TG_ARGV",
            "function dataflow.twice(integer, text): two arguments are named a; name them apart",
            "function dataflow.variadic(integer[], integer): its VARIADIC argument is not the last input argument; move it last",
        ]
    );
}

#[test]
fn triggers_are_checked_before_anything_is_rendered() {
    use model_core::{Function, Trigger, View};
    let name = |n: &str| QualifiedName::new("dataflow", n);
    let product = || name("product");
    let p = problems(
        Schema::builder()
            .table(hand_built("status"))
            .view(View::new(
                name("listing"),
                "SELECT id FROM dataflow.product",
            ))
            .view(View::materialized(
                name("stored"),
                "SELECT id FROM dataflow.product",
            ))
            .function(Function::new(
                name("trig"),
                "trigger",
                "BEGIN RETURN NEW; END;",
            ))
            .function(Function::new(
                name("plain"),
                "integer",
                "BEGIN RETURN 1; END;",
            ))
            .trigger(product(), Trigger::after("no_event", name("trig")))
            .trigger(
                product(),
                Trigger::before("wrong_kind", name("plain")).on_insert(),
            )
            .trigger(
                product(),
                Trigger::before("unknown", name("nowhere")).on_insert(),
            )
            .trigger(
                product(),
                Trigger::instead_of("on_table", name("trig")).on_insert(),
            )
            .trigger(
                product(),
                Trigger::before("row_truncate", name("trig")).on_truncate(),
            )
            .trigger(
                product(),
                Trigger::after("missing_column", name("trig")).on_update_of(&["stauts"]),
            )
            .trigger(
                product(),
                Trigger::before("before_transition", name("trig"))
                    .on_insert()
                    .on_delete()
                    .new_table("added"),
            )
            .trigger(
                product(),
                Trigger::after("old_on_insert", name("trig"))
                    .on_insert()
                    .old_table("gone"),
            )
            .trigger(
                product(),
                Trigger::after("escaping", name("trig"))
                    .on_update()
                    .when("true) EXECUTE FUNCTION dataflow.plain(); --"),
            )
            .trigger(
                name("listing"),
                Trigger::before("view_row", name("trig")).on_insert(),
            )
            .trigger(
                name("listing"),
                Trigger::instead_of("instead_when", name("trig"))
                    .on_insert()
                    .when("NEW.id > 0"),
            )
            .trigger(
                name("stored"),
                Trigger::after("matview", name("trig")).on_insert(),
            )
            .trigger(
                name("absent"),
                Trigger::after("nowhere", name("trig")).on_insert(),
            )
            .build(),
    );
    assert_eq!(
        p,
        [
            "trigger \"nowhere\" is on dataflow.absent, which is neither a table nor a view of the models; register the entity or view, or name the one meant",
            "trigger \"no_event\" on dataflow.product: it fires on no event; add .on_insert(), .on_update(), .on_delete() or .on_truncate()",
            "trigger \"wrong_kind\" on dataflow.product: it executes function dataflow.plain(), which does not return trigger; declare it with Function::new(.., \"trigger\", ..)",
            "trigger \"unknown\" on dataflow.product: it executes function dataflow.nowhere(), which is not registered; add it with .function(..)",
            "trigger \"on_table\" on dataflow.product: INSTEAD OF triggers are for views; use Trigger::before or Trigger::after on a table",
            "trigger \"row_truncate\" on dataflow.product: TRUNCATE fires FOR EACH STATEMENT triggers only; add .for_each_statement() or drop .on_truncate()",
            "trigger \"missing_column\" on dataflow.product: UPDATE OF names column \"stauts\", which the table does not have",
            "trigger \"before_transition\" on dataflow.product: transition tables (old_table, new_table) are for AFTER triggers; use Trigger::after",
            "trigger \"before_transition\" on dataflow.product: a trigger with transition tables fires on one event; declare one trigger per event",
            "trigger \"old_on_insert\" on dataflow.product: old_table is for UPDATE and DELETE triggers; an insert has no old rows",
            "trigger \"view_row\" on dataflow.listing: a view's BEFORE and AFTER triggers are FOR EACH STATEMENT; add .for_each_statement(), or use Trigger::instead_of for rows",
            "trigger \"instead_when\" on dataflow.listing: INSTEAD OF triggers take no WHEN condition; test it in the function",
            "trigger \"matview\" on dataflow.stored: a materialized view has no triggers; put it on the tables the view reads",
            "trigger \"escaping\" on dataflow.product, its WHEN condition: the expression \"true) EXECUTE FUNCTION dataflow.plain(); --\" is not one expression: it closes what it is written in, ends the statement or comments out what follows; write one SQL boolean expression over OLD and NEW",
        ]
    );
}

#[test]
fn seed_rows_are_checked_before_anything_is_rendered() {
    use model_core::{PrimaryKey, Seed};
    use sea_orm::ActiveValue::Set;
    use sea_orm::Value;
    let name = |n: &str| QualifiedName::new("dataflow", n);
    let parent = |id: Option<i32>, code: &str| parent::ActiveModel {
        id: id.map_or(sea_orm::ActiveValue::NotSet, Set),
        code: Set(code.to_owned()),
    };
    let mut keyed = hand_built("sku");
    keyed.name = name("keyed");
    keyed.indexes.clear();
    keyed.primary_key = Some(PrimaryKey {
        name: "keyed_pkey".into(),
        columns: vec!["id".into()],
        deferral: Default::default(),
        include: Vec::new(),
    });
    let p = problems(
        Schema::builder()
            .entity::<parent::Entity>()
            .table(hand_built("sku"))
            .table(keyed.clone())
            .seed(Seed::rows([
                parent(Some(1), "a"),
                parent(None, "b"),
                parent(Some(1), "c"),
            ]))
            .seed(Seed::new(QualifiedName::new("app", "parent")).row([("id", Value::from(9))]))
            .seed(Seed::new(name("product")).row([("id", Value::from("x"))]))
            .seed(Seed::new(name("nowhere")).row([("id", Value::from(1))]))
            .seed(
                Seed::new(name("keyed"))
                    .key(&["sku"])
                    .row([("sku", Value::from("x"))]),
            )
            .build(),
    );
    assert_eq!(
        p,
        [
            "seed row 2 of app.parent does not set key column id (or sets it to NULL); a seed row needs its whole key (id) to be found again",
            "seed row 3 of app.parent has the key (1) of an earlier row; give each row its own",
            "app.parent has two seeds; declare all its rows in one Seed",
            "the seed rows of dataflow.product need a key to tell them apart, and the table has no primary key; name a unique key with .key(&[..])",
            "seed rows are declared for dataflow.nowhere, which is not a table of the models; register its entity (a view takes no seed rows)",
            "the seed key (sku) of dataflow.keyed is not the primary key, a UNIQUE constraint or a unique index (without WHERE) over exactly those columns, so ON CONFLICT cannot use it; declare such a key or name one",
        ]
    );
    let p = problems(
        Schema::builder()
            .table(keyed)
            .seed(
                Seed::new(name("keyed"))
                    .row([("id", Value::from("a")), ("colour", Value::from("red"))])
                    .row([("id", Value::from("b")), ("status", Value::String(None))])
                    .row([("id", Value::from("c")), ("id", Value::from("d"))]),
            )
            .seed(Seed::new(name("keyed")).row([("id", Value::from("e"))]))
            .build(),
    );
    assert_eq!(
        p,
        [
            "seed row 1 of dataflow.keyed sets column colour, which dataflow.keyed does not have; remove it or add the column",
            "seed row 2 of dataflow.keyed sets status to NULL, and the column is NOT NULL; give it a value, or leave it NotSet for its default",
            "seed row 3 of dataflow.keyed sets column id twice; set it once",
            "dataflow.keyed has two seeds; declare all its rows in one Seed",
        ]
    );
}

#[test]
fn seed_rows_pointing_at_each_other_in_a_cycle_are_refused() {
    use model_core::{ForeignKey, Seed};
    use sea_orm::Value;
    let name = |n: &str| QualifiedName::new("app", n);
    let pair = |me: &str, other: &str| {
        let mut t = id_and_other_id(name(me));
        t.foreign_keys.push(ForeignKey {
            name: format!("{me}_other_id_fkey"),
            columns: vec!["other_id".into()],
            references: name(other),
            referenced_columns: vec!["id".into()],
            on_delete: Default::default(),
            on_update: Default::default(),
            deferrable: false,
            initially_deferred: false,
            match_full: false,
            not_valid: false,
        });
        t
    };
    let row =
        |id: i32, other: Option<i32>| [("id", Value::from(id)), ("other_id", Value::from(other))];
    let p = problems(
        Schema::builder()
            .table(pair("a", "b"))
            .table(pair("b", "a"))
            .seed(Seed::new(name("a")).row(row(1, Some(1))))
            .seed(Seed::new(name("b")).row(row(1, Some(1))))
            .build(),
    );
    assert_eq!(
        p,
        [
            "the seed rows of app.a -> app.b point at each other's rows in a cycle, so none can be inserted first; leave one side's foreign key NotSet in the seed and set it in a migration of your own"
        ]
    );
    // With one side's key left NULL, the rows go in one order.
    Schema::builder()
        .table(pair("a", "b"))
        .table(pair("b", "a"))
        .seed(Seed::new(name("a")).row(row(1, None)))
        .seed(Seed::new(name("b")).row(row(1, Some(1))))
        .build()
        .unwrap();
}

#[test]
fn a_foreign_key_to_a_deferrable_key_and_an_unknown_covering_column_are_refused() {
    use model_core::{Deferral, ForeignKey};
    let name = |n: &str| QualifiedName::new("app", n);
    let table = |me: &str, deferral: Deferral, include: &str| {
        let mut t = id_and_other_id(name(me));
        let pk = t.primary_key.as_mut().unwrap();
        (pk.deferral, pk.include) = (deferral, vec![include.into()]);
        t
    };
    let mut child = table("child", Deferral::Immediate, "other_id");
    child.foreign_keys.push(ForeignKey {
        name: "child_other_id_fkey".into(),
        columns: vec!["other_id".into()],
        references: name("parent"),
        referenced_columns: vec!["id".into()],
        on_delete: Default::default(),
        on_update: Default::default(),
        deferrable: false,
        initially_deferred: false,
        match_full: true,
        not_valid: true,
    });
    let p = problems(
        Schema::builder()
            .table(table("parent", Deferral::Deferrable, "nope"))
            .table(child)
            .build(),
    );
    assert_eq!(
        p,
        [
            "foreign key \"child_other_id_fkey\" on app.child references app.parent(id), whose key parent_pkey is deferrable: PostgreSQL refuses a foreign key to a deferrable key; make parent_pkey not deferrable or reference another key",
            "primary key parent_pkey (include) on app.parent names column \"nope\", which does not exist (columns: id, other_id)",
        ]
    );
}

#[test]
fn a_collation_on_what_has_none_is_refused() {
    use model_core::{Index, IndexKey, IndexKeyKind, TsVectorColumn};
    let c = || Some(QualifiedName::new("pg_catalog", "C"));
    let mut t = id_and_other_id(QualifiedName::new("app", "word"));
    t.columns[1].collation = c();
    let collated = |mut key: IndexKey| {
        key.collation = c();
        key
    };
    let full_text = IndexKey {
        kind: IndexKeyKind::TsVector {
            language: "english".into(),
            columns: vec![TsVectorColumn {
                name: "other_id".into(),
                nullable: true,
            }],
        },
        ..IndexKey::column("x")
    };
    for (name, key) in [
        ("word_id", IndexKey::column("id")),
        ("word_search", full_text),
        (
            "word_expr",
            IndexKey {
                kind: IndexKeyKind::Expression("id::text".into()),
                ..IndexKey::column("x")
            },
        ),
    ] {
        t.indexes.push(Index {
            name: name.into(),
            unique: false,
            method: Default::default(),
            keys: vec![collated(key)],
            include: Vec::new(),
            predicate: None,
            nulls_not_distinct: false,
            storage: Default::default(),
        });
    }
    // An expression's type is PostgreSQL's to know: its collation is let through.
    assert_eq!(
        problems(Schema::builder().table(t).build()),
        [
            r#"column app.word.other_id has a collation, but its type integer has none; remove the collation (collate) or give the column a text type"#,
            r#"index "word_id" on app.word collates a key that has no collation (column id is integer); remove the collation (collate) from the index"#,
            r#"index "word_search" on app.word collates a key that has no collation (a full-text key is a tsvector); remove the collation (collate) from the index"#,
        ]
    );
}

#[test]
fn storage_parameters_postgresql_does_not_take_are_refused() {
    use model_core::{Index, IndexKey, IndexMethod};
    let mut t = id_and_other_id(QualifiedName::new("app", "bin"));
    t.storage = [("fillfator".to_owned(), "70".to_owned())].into();
    for (name, method, parameter) in [
        ("bin_gin", IndexMethod::Gin, "fillfactor"),
        ("bin_btree", IndexMethod::Btree, "fillfactor"),
        ("bin_bloom", IndexMethod::Other("bloom".into()), "length"),
    ] {
        t.indexes.push(Index {
            name: name.into(),
            unique: false,
            method,
            keys: vec![IndexKey::column("other_id")],
            include: Vec::new(),
            predicate: None,
            nulls_not_distinct: false,
            storage: [(parameter.to_owned(), "80".to_owned())].into(),
        });
    }
    // A btree index takes a fill factor; an extension's method is the server's to check.
    assert_eq!(
        problems(Schema::builder().table(t).build()),
        [
            r#"table app.bin has storage parameter "fillfator", which PostgreSQL does not take there; use one of: fillfactor, toast_tuple_target, parallel_workers, autovacuum_enabled, vacuum_index_cleanup, vacuum_truncate, autovacuum_vacuum_threshold, autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_threshold, autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_threshold, autovacuum_analyze_scale_factor, autovacuum_vacuum_cost_delay, autovacuum_vacuum_cost_limit, autovacuum_freeze_min_age, autovacuum_freeze_max_age, autovacuum_freeze_table_age, autovacuum_multixact_freeze_min_age, autovacuum_multixact_freeze_max_age, autovacuum_multixact_freeze_table_age, log_autovacuum_min_duration, user_catalog_table"#,
            r#"gin index "bin_gin" on app.bin has storage parameter "fillfactor", which PostgreSQL does not take there; use one of: fastupdate, gin_pending_list_limit"#,
        ]
    );
}

/// A table of two integer columns, `id` (its primary key, `<table>_pkey`) and `other_id`.
fn id_and_other_id(name: QualifiedName) -> Table {
    let mut t = Table::new(name);
    for c in ["id", "other_id"] {
        t.columns.push(Column {
            nullable: c != "id",
            ..Column::new(c, ColumnType::builtin("integer"))
        });
    }
    t.primary_key = Some(model_core::PrimaryKey {
        name: format!("{}_pkey", t.name.name),
        columns: vec!["id".into()],
        deferral: Default::default(),
        include: Vec::new(),
    });
    t
}

#[test]
fn identity_options_that_make_no_sequence_are_refused() {
    use model_core::IdentityOptions;
    let mut t = id_and_other_id(QualifiedName::new("app", "ticket"));
    t.columns[0].identity = Identity::GeneratedAlways;
    t.columns[0].identity_options = IdentityOptions {
        start: Some(0),
        increment: Some(0),
        ..Default::default()
    };
    t.columns[1].identity_options = IdentityOptions {
        cycle: true,
        ..Default::default()
    };
    let mut small = Column::new("seat", ColumnType::builtin("smallint"));
    small.nullable = false;
    small.identity = Identity::GeneratedByDefault;
    small.identity_options.max_value = Some(40_000);
    t.columns.push(small);
    let mut text = Column::new("code", ColumnType::builtin("text"));
    text.identity = Identity::GeneratedByDefault;
    t.columns.push(text);
    assert_eq!(
        problems(Schema::builder().table(t).build()),
        [
            "identity sequence of app.ticket.id: the increment is 0; use 1 or another non-zero step",
            "identity sequence of app.ticket.id: it starts at 0, outside -2147483648..=-1; set start between min and max",
            "app.ticket: column other_id has identity options (cycle) but is none; make it an identity column or drop them",
            "identity sequence of app.ticket.seat: min 1 and max 40000 must be in order and fit smallint",
            "app.ticket: column code is generated by default as identity but of type text; make it smallint, integer or bigint",
        ]
    );
}

mod identity_misuse {
    use model_core::PgTable;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
    #[sea_orm(schema_name = "app", table_name = "misnumbered")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        // The derive sees an i64; the type said here is text.
        #[sea_orm(column_type = "Text")]
        #[pg(identity)]
        pub code: i64,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

#[test]
fn an_identity_on_a_column_of_another_type_is_refused() {
    let p = problems(
        Schema::builder()
            .entity::<identity_misuse::Entity>()
            .build(),
    );
    has(&p, "column code is #[pg(identity)] but is text");
}

#[test]
fn exclusion_constraints_postgresql_would_refuse_are_refused() {
    use model_core::Exclusion;
    let mut t = id_and_other_id(QualifiedName::new("app", "slot"));
    t.exclusions
        .push(Exclusion::gist("slot_missing_excl", &[("during", "&&")]));
    t.exclusions.push(Exclusion::gist("slot_empty_excl", &[]));
    t.exclusions.push(Exclusion::gist(
        "slot_two_words_excl",
        &[("other_id", "= =")],
    ));
    t.exclusions
        .push(Exclusion::gist("slot_pkey", &[("other_id", "=")]));
    assert_eq!(
        problems(Schema::builder().table(t).build()),
        [
            r#"exclusion constraint on app.slot and primary key of app.slot are both named "app.slot_pkey"; tables, views, indexes, key constraints and sequences share one namespace per schema: rename one"#,
            "app.slot: two constraints are named slot_pkey; give one another name",
            r#"exclusion constraint "slot_missing_excl" on app.slot names column "during", which does not exist (columns: id, other_id)"#,
            r#"exclusion constraint "slot_empty_excl" on app.slot has no elements; give it a key and an operator (room WITH =)"#,
            r#"exclusion constraint "slot_two_words_excl" on app.slot has operator "= ="; an operator is one token: "=", "&&", or "OPERATOR(schema.op)""#,
        ]
    );
}

#[test]
fn domains_postgresql_would_refuse_are_refused() {
    use model_core::Domain;
    let name = |n: &str| QualifiedName::new("app", n);
    let mut t = id_and_other_id(name("slot"));
    t.columns
        .push(Column::new("code", ColumnType::Domain(name("code"))));
    t.columns
        .push(Column::new("amount", ColumnType::Domain(name("amount"))));
    let schema = Schema::builder()
        .table(t)
        .domain(
            Domain::new(name("amount"), "integer").collate(QualifiedName::new("pg_catalog", "C")),
        )
        .domain(
            Domain::new(name("slot"), "text")
                .check("slot_check", "VALUE <> ''")
                .check("slot_check", "VALUE <> 'x'"),
        )
        .domain(Domain::new(name("blank"), " "))
        .domain(Domain::new(name("twice"), "text"))
        .domain(Domain::new(name("twice"), "text"))
        .domain(Domain::new(name("broken"), "text").check("broken_check", "VALUE >"))
        .build();
    assert_eq!(
        problems(schema),
        [
            "domain app.slot is named like a table's or view's row type of the models, and they share one namespace of types per schema; rename the domain",
            "domain app.twice is registered twice; register each domain once",
            r#"domain app.amount has a collation, but its base type integer has none; remove the collation"#,
            r#"domain app.blank has no base type; give one, as in Domain::new(name, "text")"#,
            r#"domain app.slot has two checks named "slot_check"; give each its own name"#,
            r#"domain app.broken, its check "broken_check": PostgreSQL's parser finds the expression "VALUE >" incomplete (syntax error at its end); write one SQL boolean expression over VALUE"#,
            "column app.slot.code is of domain app.code, which no registered domain is; register it with Schema::builder().domain(Domain::new(..)), or name the one meant",
        ]
    );
}

#[test]
fn composite_types_postgresql_would_refuse_are_refused() {
    use model_core::{CompositeType, Domain};
    let name = |n: &str| QualifiedName::new("app", n);
    let schema = Schema::builder()
        .table(id_and_other_id(name("slot")))
        .domain(Domain::new(name("code"), "text"))
        .composite_type(CompositeType::new(name("slot")).attribute("a", "integer"))
        .composite_type(CompositeType::new(name("code")).attribute("a", "integer"))
        .composite_type(
            CompositeType::new(name("pair"))
                .attribute("a", "integer")
                .attribute("a", "text")
                .collated_attribute("n", "integer", QualifiedName::new("pg_catalog", "C"))
                .attribute("empty", "")
                .attribute("broken", "numeric(")
                .comment("two of one name"),
        )
        .composite_type(CompositeType::new(name("pair")))
        .build();
    assert_eq!(
        problems(schema),
        [
            r#"composite type app.slot and table app.slot are both named "app.slot"; tables, views, indexes, key constraints and sequences share one namespace per schema: rename one"#,
            "composite type app.code is named like a domain of the models, and they share one namespace of types per schema; rename the composite type",
            "composite type app.pair is registered twice; register each composite type once",
            r#"composite type app.pair has two attributes named "a"; give each its own name"#,
            r#"attribute "n" of composite type app.pair has a collation, but its type integer has none; remove the collation"#,
            r#"attribute "empty" of composite type app.pair has no type; give one, as in .attribute("empty", "text")"#,
            r#"attribute "broken" of composite type app.pair, its type: PostgreSQL's parser finds the type "numeric(" incomplete (syntax error at its end); write one SQL type name, such as "text" or "numeric(12,2)""#,
        ]
    );
}

#[test]
fn collations_postgresql_would_refuse_or_not_have_are_refused() {
    use model_core::{Collation, CompositeType, Domain};
    let name = |n: &str| QualifiedName::new("app", n);
    let mut slot = id_and_other_id(name("slot"));
    slot.columns.push({
        let mut c = Column::new("label", ColumnType::Builtin("text".into()));
        c.collation = Some(name("missing"));
        c
    });
    let schema = Schema::builder()
        .table(slot)
        .collation(Collation::icu(name("ci"), "und-u-ks-level2").nondeterministic())
        .collation(Collation::icu(name("ci"), "und"))
        .collation(Collation::icu(name("typed"), "de-DE").ctype("de_DE.utf8"))
        .collation(Collation::libc(name("loose"), "C").nondeterministic())
        .collation(Collation::libc(name("nowhere"), " "))
        .collation(Collation::libc(
            QualifiedName::new("pg_catalog", "mine"),
            "C",
        ))
        .domain(Domain::new(name("code"), "text").collate(name("gone")))
        .composite_type(CompositeType::new(name("pair")).collated_attribute(
            "a",
            "text",
            name("ci"),
        ))
        // One in a schema the models do not hold is the database's business.
        .composite_type(CompositeType::new(name("far")).collated_attribute(
            "a",
            "text",
            QualifiedName::new("elsewhere", "ci"),
        ))
        .build();
    assert_eq!(
        problems(schema),
        [
            "collation app.ci is registered twice; register each collation once",
            "collation app.loose is libc's and nondeterministic, which PostgreSQL only supports with ICU; declare it with Collation::icu or remove .nondeterministic()",
            r#"collation app.nowhere has no locale; give one, as in Collation::icu(name, "und-u-ks-level2") or Collation::libc(name, "C")"#,
            "collation app.typed is ICU's and has an LC_CTYPE, which only a libc collation has; remove .ctype(..)",
            "collation pg_catalog.mine is in pg_catalog, whose collations are PostgreSQL's own; declare it in a schema of the models",
            r#"column app.slot.label collates by app.missing, a collation in a schema of the models that they do not declare; register it with Schema::builder().collation(Collation::icu(..)) (or Collation::libc), or name one of PostgreSQL's own (collate = "C")"#,
            r#"domain app.code collates by app.gone, a collation in a schema of the models that they do not declare; register it with Schema::builder().collation(Collation::icu(..)) (or Collation::libc), or name one of PostgreSQL's own (collate = "C")"#,
        ]
    );
}

#[test]
fn grants_on_what_the_models_lack_or_of_privileges_it_lacks_are_refused() {
    use model_core::{Function, Grant, GrantOn, Privilege::*, Sequence};
    let name = |n: &str| QualifiedName::new("app", n);
    let schema = Schema::builder()
        .table(id_and_other_id(name("slot")))
        .sequence(Sequence::new(name("ticket")))
        .function(
            Function::new(name("twice"), "integer", "SELECT 2 * x")
                .language("sql")
                .arg("x", "integer"),
        )
        .grant(
            GrantOn::Schema("app".into()),
            Grant::new("clerk", &[Usage, Select]),
        )
        .grant(
            GrantOn::Schema("nowhere".into()),
            Grant::new("clerk", &[Usage]),
        )
        .grant(GrantOn::Table(name("slot")), Grant::new("clerk", &[]))
        .grant(GrantOn::Table(name("slot")), Grant::new(" ", &[Select]))
        .grant(
            GrantOn::Table(name("slot")),
            Grant::new("lead", &[Select, Insert]),
        )
        .grant(
            GrantOn::Table(name("slot")),
            Grant::new("lead", &[Insert]).with_grant_option(),
        )
        .grant(GrantOn::Table(name("gone")), Grant::new("clerk", &[Select]))
        .grant(
            GrantOn::Sequence(name("ticket")),
            Grant::new("clerk", &[Execute]),
        )
        .grant(
            GrantOn::Sequence(name("slot_id_seq")),
            Grant::new("clerk", &[Usage]),
        )
        .grant(
            GrantOn::Function(name("twice"), "bigint".into()),
            Grant::new("clerk", &[Execute]),
        )
        .grant(
            GrantOn::Function(name("thrice"), "".into()),
            Grant::new("clerk", &[Execute]),
        )
        .build();
    assert_eq!(
        problems(schema),
        [
            "the grant to clerk on schema app names SELECT, which a schema does not have; it takes USAGE, CREATE",
            "a grant on schema nowhere: no object of the models is in that schema",
            "a grant on table app.gone: no table or view of that name is registered",
            "a grant on table app.slot names no role; name one, or PUBLIC for every role",
            "the grant to clerk on table app.slot grants no privilege; name at least one",
            "lead is granted INSERT on table app.slot both with and without grant option; grant each privilege once",
            "a grant on sequence app.slot_id_seq: no sequence of that name is registered (a serial or identity column's own sequence is not an object of the models)",
            "the grant to clerk on sequence app.ticket names EXECUTE, which a sequence does not have; it takes SELECT, UPDATE, USAGE",
            "a grant on function app.thrice(): no function or procedure of that name is registered",
            "a grant on function app.twice(bigint): the registered ones of that name take (integer); name the input argument types as one of them",
        ]
    );
}

#[test]
fn partitioning_postgresql_would_refuse_is_refused() {
    use model_core::{Partition, PartitionBy, PartitionStrategy};
    let name = |n: &str| QualifiedName::new("app", n);
    // Keyed on `id` alone, by range of `other_id`, with bounds of every wrong shape.
    let mut ranged = id_and_other_id(name("ranged")).partitioned(
        PartitionBy::range(["other_id", "missing"]),
        vec![
            Partition::range(name("ranged_1"), ["1"], ["2"]),
            Partition::list(name("ranged_2"), ["3"]),
            Partition::default_for(name("ranged_3")),
            Partition::default_for(name("ranged_4")),
            Partition::range(name("ranged"), ["1", "2"], ["3", "4); DROP TABLE x; --"]),
        ],
    );
    ranged.unlogged = true;
    let mut hashed = id_and_other_id(name("hashed"));
    hashed.columns[1].generated = Some("id * 2".into());
    let hashed = hashed.partitioned(
        PartitionBy::hash(["id", "other_id"]),
        vec![
            Partition::hash(name("hashed_0"), 2, 2),
            Partition::default_for(name("hashed_1")),
        ],
    );
    let listed = id_and_other_id(name("listed")).partitioned(
        PartitionBy::expression(PartitionStrategy::List, "lower(id::text)"),
        vec![Partition::list(name("listed_0"), Vec::<String>::new())],
    );
    let unpartitioned =
        id_and_other_id(name("plain")).partitioned(PartitionBy::range(["id"]), vec![]);
    let unpartitioned = Table {
        partition_by: None,
        partitions: vec![Partition::default_for(name("plain_0"))],
        ..unpartitioned
    };
    let schema = Schema::builder()
        .table(ranged)
        .table(hashed)
        .table(listed)
        .table(unpartitioned)
        .build();
    let mut found = problems(schema);
    found.sort();
    assert_eq!(
        found,
        [
            "partition app.hashed_0 of app.hashed has modulus 2 and remainder 2; the modulus is positive and the remainder less than it",
            "partition app.hashed_1 of app.hashed is the default partition; a table partitioned by hash has none: give it modulus and remainder",
            "partition app.listed_0 of app.listed lists no values; give at least one",
            "partition app.ranged of app.ranged and table app.ranged are both named \"app.ranged\"; tables, views, indexes, key constraints and sequences share one namespace per schema: rename one",
            "partition app.ranged of app.ranged, its bound: the expression \"4); DROP TABLE x; --\" is not one expression: it closes what it is written in, ends the statement or comments out what follows; write one SQL literal per key element ('2026-01-01', 42, MINVALUE)",
            "partition app.ranged_1 of app.ranged has a range of 1 value(s) from and 1 to; the key has 2 element(s): give one value per element",
            "partition app.ranged_2 of app.ranged has a list bound, but app.ranged is partitioned by range; give it a bound of that kind",
            "primary key hashed_pkey on app.hashed leaves out the partition key's column(s) other_id; PostgreSQL enforces uniqueness per partition, so a key on a partitioned table holds the whole partition key: add them to it",
            "primary key listed_pkey on app.listed cannot be unique per partition: the table is partitioned by an expression; partition by columns, or drop the key",
            "primary key ranged_pkey on app.ranged leaves out the partition key's column(s) other_id, missing; PostgreSQL enforces uniqueness per partition, so a key on a partitioned table holds the whole partition key: add them to it",
            "table app.plain has partition app.plain_0 but is not partitioned; give it partition_by(range(..)), list(..) or hash(..)",
            "table app.ranged has 2 default partitions; it may have one",
            "table app.ranged is partitioned and has unlogged, which PostgreSQL does not take on a partitioned table",
            "the partition key of app.hashed names column other_id, which is generated, and PostgreSQL partitions by none; partition by the columns it is computed from",
            "the partition key of app.ranged names column missing, which the table does not have; name one of its columns",
        ]
    );
}
