//! Random valid schemas, and random changes to them, for the property tests: seeded and
//! reproducible (the same seed gives the same schema on every machine).
//!
//! What a schema may hold: 1 to 3 schemas, enums with hostile labels, domains with a default,
//! a check and a comment (columns of them and arrays of them), 1 to 7 tables named with
//! reserved words, capitals, spaces, quotes, `%` and `$`; keys that are serial, identity, UUID or
//! composite; columns of eighteen types with defaults and hostile comments; UNIQUE constraints
//! (some NULLS NOT DISTINCT), checks, generated columns, self- and cyclic foreign keys (some
//! deferrable), btree, unique, partial, expression, descending and GIN indexes, timestamp
//! triggers, and triggers of every kind a table takes (timing, events, `UPDATE OF`, level, `WHEN`,
//! transition tables, hostile arguments and names).

use model_core::{
    Check, Column, ColumnType, Deferral, Domain, EnumType, ForeignKey, ForeignKeyAction, Function,
    FunctionBody, Identity, IdentityOptions, Index, IndexKey, IndexKeyKind, IndexMethod,
    NullsOrder, PrimaryKey, QualifiedName, Schema, Sequence, Table, Trigger, TsVectorColumn,
    UniqueConstraint,
};

use crate::rng::Rng;

const SCHEMAS: [&str; 4] = ["app", "Sales", "select", "s p"];
const TABLES: [&str; 10] = [
    "order",
    "user",
    "Item",
    "line item",
    "t%1",
    "a\"b",
    "plain",
    "x$y",
    "café",
    "group",
];
const COLUMNS: [&str; 10] = [
    "name", "Value", "from", "50% done", "a\"q", "note", "é", "when", "x$y", "select",
];
const LABELS: [&str; 8] = [
    "new",
    "it's",
    "$ddl$",
    "with space",
    "%s",
    "Ünï",
    "a\"b",
    "--x",
];
const TRIGGERS: [&str; 4] = ["on change", "Audit", "a\"b", "50% $$"];
const COMMENTS: [&str; 6] = [
    "plain words",
    "it's quoted",
    "line one\nline two",
    "$$ dollars $$",
    "-- not a comment",
    "back\\slash and \"quotes\"",
];

/// A type and a default for it (raw SQL, as a user would write it).
const TYPES: [(&str, &str); 18] = [
    ("integer", "0"),
    ("bigint", "1"),
    ("smallint", "2"),
    ("text", "'it''s'"),
    ("character varying(40)", "'x'"),
    ("numeric(12,2)", "0.5"),
    ("boolean", "false"),
    ("timestamp with time zone", "now()"),
    ("date", "CURRENT_DATE"),
    ("jsonb", "'{}'::jsonb"),
    ("uuid", "gen_random_uuid()"),
    ("bytea", "'\\x00'::bytea"),
    ("text[]", "'{}'::text[]"),
    ("integer[]", "'{1,2}'::integer[]"),
    ("double precision", "1.5"),
    ("inet", "'127.0.0.1'::inet"),
    ("interval", "'1 day'::interval"),
    ("time without time zone", "'12:00'::time"),
];

/// A random valid schema (by construction; `build()` is the judge).
pub fn schema(seed: u64) -> Schema {
    let mut g = Generator::new(seed);
    g.generate();
    g.build()
}

/// A random change of `from` (1 to 3 edits), still valid, and the seed's own.
pub fn changed(from: &Schema, seed: u64) -> Schema {
    let mut g = Generator::from_schema(from, seed ^ 0x9E37_79B9_7F4A_7C15);
    let edits = 1 + g.rng.below(3);
    for _ in 0..edits {
        g.edit();
    }
    g.build()
}

/// The schema's tables in a shuffled order, for the registration-order property.
pub fn reordered(schema: &Schema, seed: u64) -> Schema {
    let mut rng = Rng::new(seed ^ 0x5851_F42D_4C95_7F2D);
    let mut tables = schema.tables.clone();
    rng.shuffle(&mut tables);
    let mut enums = schema.enums.clone();
    rng.shuffle(&mut enums);
    let mut b = Schema::builder();
    for t in tables {
        b = b.table(t);
    }
    for e in enums {
        b = b.enum_type(e);
    }
    let mut domains = schema.domains.clone();
    rng.shuffle(&mut domains);
    for d in domains {
        b = b.domain(d);
    }
    for f in &schema.functions {
        b = b.function(f.clone());
    }
    for q in &schema.sequences {
        b = b.sequence(q.clone());
    }
    for n in &schema.namespaces {
        if let Some(c) = &n.comment {
            b = b.schema_comment(&n.name, c);
        }
    }
    b.build().unwrap_or_else(|e| panic!("reordered: {e}"))
}

/// The schemas a schema's objects live in.
pub fn schema_names(schema: &Schema) -> Vec<String> {
    let mut names: Vec<String> = schema.namespaces.iter().map(|n| n.name.clone()).collect();
    names.sort();
    names.dedup();
    names
}

struct Generator {
    rng: Rng,
    schemas: Vec<String>,
    enums: Vec<EnumType>,
    domains: Vec<Domain>,
    tables: Vec<Table>,
    functions: Vec<Function>,
    sequences: Vec<Sequence>,
    comments: Vec<(String, String)>,
    counter: usize,
    /// Table names S1 had: a dropped table is not made again under its name in one change (the
    /// planner would see one table whose key changed kind, which it refuses by design).
    used_names: Vec<String>,
}

impl Generator {
    fn new(seed: u64) -> Self {
        Self {
            rng: Rng::new(seed),
            schemas: Vec::new(),
            enums: Vec::new(),
            domains: Vec::new(),
            tables: Vec::new(),
            functions: Vec::new(),
            sequences: Vec::new(),
            comments: Vec::new(),
            counter: 0,
            used_names: Vec::new(),
        }
    }

    fn from_schema(s: &Schema, seed: u64) -> Self {
        let mut g = Self::new(seed);
        g.schemas = schema_names(s);
        g.enums = s.enums.clone();
        g.domains = s.domains.clone();
        g.tables = s.tables.clone();
        g.functions = s.functions.clone();
        g.sequences = s.sequences.clone();
        g.comments = s
            .namespaces
            .iter()
            .filter_map(|n| n.comment.clone().map(|c| (n.name.clone(), c)))
            .collect();
        g.counter = 1000;
        g.used_names = s.tables.iter().map(|t| t.name.name.clone()).collect();
        g
    }

    fn build(self) -> Schema {
        let used = |schema: &str| {
            self.tables.iter().any(|t| t.name.schema == schema)
                || self.enums.iter().any(|e| e.name.schema == schema)
                || self.domains.iter().any(|d| d.name.schema == schema)
        };
        let comments: Vec<(String, String)> = self
            .comments
            .iter()
            .filter(|(n, _)| used(n))
            .cloned()
            .collect();
        let mut b = Schema::builder();
        for t in self.tables {
            b = b.table(t);
        }
        for e in self.enums {
            b = b.enum_type(e);
        }
        for d in self.domains {
            b = b.domain(d);
        }
        for f in self.functions {
            b = b.function(f);
        }
        for q in self.sequences {
            b = b.sequence(q);
        }
        for (n, c) in &comments {
            b = b.schema_comment(n, c);
        }
        b.build()
            .unwrap_or_else(|e| panic!("the generator made an invalid schema: {e}"))
    }

    fn next_id(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.rng.below(100) < percent
    }

    fn generate(&mut self) {
        let count = 1 + self.rng.below(3);
        let start = self.rng.below(SCHEMAS.len());
        self.schemas = (0..count)
            .map(|i| SCHEMAS[(start + i) % SCHEMAS.len()].to_owned())
            .collect();
        if self.chance(40) {
            let s = self.pick_schema();
            let c = self.pick(&COMMENTS).to_string();
            self.comments.push((s, c));
        }
        for _ in 0..self.rng.below(3) {
            self.add_enum();
        }
        for _ in 0..self.rng.below(2) {
            self.add_sequence();
        }
        for _ in 0..self.rng.below(3) {
            self.add_domain();
        }
        let tables = 1 + self.rng.below(7);
        for _ in 0..tables {
            self.add_table();
        }
    }

    fn pick_schema(&mut self) -> String {
        let schemas = self.schemas.clone();
        self.pick(&schemas).clone()
    }

    fn add_enum(&mut self) {
        let schema = self.pick_schema();
        let id = self.next_id();
        let mut values: Vec<String> = Vec::new();
        for _ in 0..1 + self.rng.below(4) {
            let v = self.pick(&LABELS).to_string();
            if !values.contains(&v) {
                values.push(v);
            }
        }
        self.enums.push(EnumType {
            name: QualifiedName::new(schema, format!("mood {id}")),
            values,
        });
    }

    /// A domain over `integer` or `text` with a check every value of its default passes (rows
    /// are inserted with defaults), maybe a default and a comment; never NOT NULL, so a column
    /// of it may be added over rows.
    fn add_domain(&mut self) {
        let schema = self.pick_schema();
        let id = self.next_id();
        let name = QualifiedName::new(schema, format!("amount {id}"));
        let mut d = if self.chance(50) {
            Domain::new(name, "integer").check(format!("amount {id} floor"), "VALUE > -1000")
        } else {
            Domain::new(name, "text").check(format!("amount {id} \"not\" empty"), "VALUE <> ''")
        };
        if self.chance(50) {
            let value = if d.data_type == "integer" {
                "7"
            } else {
                "'seven'"
            };
            d = d.default(value);
        }
        if self.chance(30) {
            d = d.comment(self.pick(&COMMENTS).to_string());
        }
        self.domains.push(d);
    }

    /// Changes a domain: its default, its check (not while a column holds an array of the
    /// domain: PostgreSQL cannot add a check then, so neither way of the migration could), or
    /// its comment.
    fn change_domain(&mut self) {
        let at = self.rng.below(self.domains.len());
        let arrays = {
            let array = format!("{}[]", ddl_gen::render::qualified(&self.domains[at].name));
            (self.tables.iter().flat_map(|t| &t.columns)).any(|c| c.ty.display_name() == array)
        };
        let choice = self.rng.below(3);
        let comment = self.pick(&COMMENTS).to_string();
        let d = &mut self.domains[at];
        match choice {
            0 => {
                d.default = match d.default {
                    Some(_) => None,
                    None if d.data_type == "integer" => Some("8".into()),
                    None => Some("'eight'".into()),
                }
            }
            1 if !arrays => {
                let expr = if d.data_type == "integer" {
                    "VALUE > -2000"
                } else {
                    "length(VALUE) < 100"
                };
                d.checks[0].expr = expr.into();
            }
            1 => {}
            _ => d.comment = d.comment.is_none().then_some(comment),
        }
    }

    fn add_sequence(&mut self) {
        let schema = self.pick_schema();
        let id = self.next_id();
        let mut q = Sequence::new(QualifiedName::new(schema, format!("seq {id}")));
        if self.chance(50) {
            q.data_type = "integer".into();
            q.max_value = i64::from(i32::MAX);
        }
        q.increment = *self.pick(&[1, 2, 10]);
        q.start = *self.pick(&[1, 100]);
        q.cache = *self.pick(&[1, 5]);
        q.cycle = self.chance(20);
        if self.chance(30) {
            q.comment = Some(self.pick(&COMMENTS).to_string());
        }
        self.sequences.push(q);
    }

    fn table_name(&mut self) -> QualifiedName {
        let schema = self.pick_schema();
        let base = self.pick(&TABLES).to_string();
        let taken = |n: &str| {
            self.tables.iter().any(|t| t.name.name == n) || self.used_names.iter().any(|u| u == n)
        };
        let name = if taken(&base) {
            format!("{base}_{}", self.next_id())
        } else {
            base
        };
        QualifiedName::new(schema, name)
    }

    fn add_table(&mut self) {
        let name = self.table_name();
        let mut t = Table::new(name.clone());
        let n = &name.name;
        // The key.
        match self.rng.below(4) {
            0 => {
                let mut id = column("id", ColumnType::builtin("integer"), false);
                id.identity = Identity::Serial;
                t.columns.push(id);
            }
            1 => {
                let mut id = column("id", ColumnType::builtin("bigint"), false);
                id.identity = if self.chance(50) {
                    Identity::GeneratedAlways
                } else {
                    Identity::GeneratedByDefault
                };
                id.identity_options = self.identity_options(8);
                t.columns.push(id);
            }
            2 => {
                let mut id = column("id", ColumnType::builtin("uuid"), false);
                id.default = Some("gen_random_uuid()".into());
                t.columns.push(id);
            }
            _ => {
                t.columns
                    .push(column("id", ColumnType::builtin("integer"), false));
                t.columns
                    .push(column("part", ColumnType::builtin("text"), false));
            }
        }
        t.primary_key = Some(PrimaryKey {
            name: format!("{n}_pkey"),
            columns: t.columns.iter().map(|c| c.name.clone()).collect(),
            deferral: Deferral::default(),
            include: Vec::new(),
        });
        for _ in 0..1 + self.rng.below(6) {
            self.add_column(&mut t);
        }
        if self.chance(30) {
            self.add_timestamps(&mut t);
        }
        for _ in 0..self.rng.below(3) {
            self.add_trigger(&mut t);
        }
        if self.chance(40) {
            t.comment = Some(self.pick(&COMMENTS).to_string());
        }
        if self.chance(15) {
            t.storage = self.table_storage();
        }
        for _ in 0..self.rng.below(3) {
            self.add_constraint_or_index(&mut t);
        }
        self.tables.push(t);
        // Foreign keys, to any table with a one-column key (itself included): cycles happen.
        let at = self.tables.len() - 1;
        for _ in 0..self.rng.below(3) {
            self.add_foreign_key(at);
        }
    }

    fn add_column(&mut self, t: &mut Table) {
        let base = self.pick(&COLUMNS).to_string();
        let name = if t.column(&base).is_some() {
            format!("{base}_{}", self.next_id())
        } else {
            base
        };
        let (ty, default) = if !self.enums.is_empty() && self.chance(15) {
            let e = self.pick(&self.enums.clone()).clone();
            let default = format!(
                "{}::{}",
                ddl_gen::render::literal(&e.values[0]),
                ddl_gen::render::qualified(&e.name)
            );
            if self.chance(30) {
                let array = format!("{}[]", ddl_gen::render::qualified(&e.name));
                (ColumnType::Raw(array.clone()), format!("'{{}}'::{array}"))
            } else {
                (ColumnType::Enum(e.name), default)
            }
        } else if !self.domains.is_empty() && self.chance(15) {
            let d = self.pick(&self.domains.clone()).clone();
            let value = if d.data_type == "integer" {
                "5"
            } else {
                "'five'"
            };
            if self.chance(30) {
                let array = format!("{}[]", ddl_gen::render::qualified(&d.name));
                (ColumnType::Raw(array.clone()), format!("'{{}}'::{array}"))
            } else {
                (ColumnType::Domain(d.name), value.to_owned())
            }
        } else if !self.sequences.is_empty() && self.chance(10) {
            let q = self.pick(&self.sequences.clone()).clone();
            let default = format!(
                "nextval({}::regclass)",
                ddl_gen::render::literal(&ddl_gen::render::qualified(&q.name))
            );
            (ColumnType::builtin("bigint"), default)
        } else {
            let (ty, default) = *self.pick(&TYPES);
            (ColumnType::builtin(ty), default.to_owned())
        };
        let mut c = column(&name, ty, true);
        if c.ty.collatable() == Some(true) && self.chance(15) {
            c.collation = self.collation();
        }
        if self.chance(40) {
            c.default = Some(default);
            c.nullable = self.chance(50);
        }
        if self.chance(20) {
            c.comment = Some(self.pick(&COMMENTS).to_string());
        }
        t.columns.push(c);
        // A generated column over a number.
        if self.chance(10)
            && let Some(source) = t
                .columns
                .iter()
                .find(|c| c.ty == ColumnType::builtin("numeric(12,2)"))
        {
            let expr = format!("{} * 2", ddl_gen::render::ident(&source.name));
            let mut g = column(
                &format!("twice_{}", self.next_id()),
                ColumnType::builtin("numeric(12,2)"),
                true,
            );
            g.generated = Some(expr);
            t.columns.push(g);
        }
    }

    fn add_timestamps(&mut self, t: &mut Table) {
        if t.column("updated_at").is_some() {
            return;
        }
        let mut c = column(
            "updated_at",
            ColumnType::builtin("timestamp with time zone"),
            false,
        );
        c.default = Some("CURRENT_TIMESTAMP".into());
        t.columns.push(c);
        let function = QualifiedName::new(t.name.schema.clone(), "touch_updated_at");
        if !self.functions.iter().any(|f| f.name == function) {
            self.functions.push(Function::generated_trigger(
                function.clone(),
                FunctionBody::TouchTimestamp {
                    column: "updated_at".into(),
                },
            ));
        }
        t.triggers.push(Trigger::before_update(
            format!("touch {}", t.name.name),
            function,
        ));
    }

    /// A trigger of a random kind: timing, events, `UPDATE OF` a column, row or statement, a
    /// `WHEN` over a column, a transition table, hostile arguments, name and comment.
    fn add_trigger(&mut self, t: &mut Table) {
        use model_core::TriggerEvent as E;
        let function = QualifiedName::new(t.name.schema.clone(), "pass_row");
        if !self.functions.iter().any(|f| f.name == function) {
            self.functions.push(Function::new(
                function.clone(),
                "trigger",
                "BEGIN\n    RETURN COALESCE(NEW, OLD);\nEND;",
            ));
        }
        let name = format!("{} {}", self.pick(&TRIGGERS), self.next_id());
        let mut tr = if self.chance(50) {
            Trigger::before(name, function)
        } else {
            Trigger::after(name, function)
        };
        let statement = self.chance(30);
        if statement {
            tr = tr.for_each_statement();
        }
        let columns = Self::plain_columns(t);
        let events = [E::Insert, E::Delete, E::Update, E::Truncate];
        let count = 1 + self.rng.below(if statement { 4 } else { 3 });
        let first = self.rng.below(if statement { 4 } else { 3 });
        for k in 0..count {
            let e = events[(first + k) % if statement { 4 } else { 3 }];
            tr = match e {
                E::Insert => tr.on_insert(),
                E::Delete => tr.on_delete(),
                E::Truncate => tr.on_truncate(),
                E::Update if !columns.is_empty() && self.chance(50) => {
                    let c = self.pick(&columns).name.clone();
                    tr.on_update_of(&[c.as_str()])
                }
                E::Update => tr.on_update(),
            };
        }
        // A condition over OLD and NEW, where both are rows: an update's row trigger.
        if !statement && tr.events == [E::Update] && !columns.is_empty() && self.chance(60) {
            let c = ddl_gen::render::ident(&self.pick(&columns).name);
            tr = tr.when(format!("OLD.{c} IS DISTINCT FROM NEW.{c}"));
        }
        let after = tr.timing == model_core::TriggerTiming::After;
        if after && tr.events.len() == 1 && tr.update_of.is_empty() && self.chance(50) {
            let table = format!("rows {}", self.next_id());
            tr = match tr.events[0] {
                E::Insert => tr.new_table(table),
                E::Delete => tr.old_table(table),
                E::Update => tr.old_table(format!("{table} old")).new_table(table),
                E::Truncate => tr,
            };
        }
        for _ in 0..self.rng.below(3) {
            tr = tr.arg(self.pick(&LABELS).to_string());
        }
        if self.chance(30) {
            tr = tr.comment(self.pick(&COMMENTS).to_string());
        }
        t.triggers.push(tr);
    }

    /// Columns other than the key, generated ones and the trigger's.
    fn plain_columns(t: &Table) -> Vec<Column> {
        let key: Vec<&String> = t.primary_key.iter().flat_map(|pk| &pk.columns).collect();
        t.columns
            .iter()
            .filter(|c| {
                !key.contains(&&c.name)
                    && c.generated.is_none()
                    && c.name != "updated_at"
                    && !c.name.starts_with("ref_")
                    && !matches!(c.ty, ColumnType::Domain(_))
            })
            .cloned()
            .collect()
    }

    fn add_constraint_or_index(&mut self, t: &mut Table) {
        let columns = Self::plain_columns(t);
        if columns.is_empty() {
            return;
        }
        let c = self.pick(&columns).clone();
        let q = ddl_gen::render::ident(&c.name);
        let id = self.next_id();
        let ty = c.ty.display_name();
        let comparable = !matches!(ty.as_str(), "jsonb" | "text[]" | "integer[]" | "inet")
            || matches!(c.ty, ColumnType::Enum(_));
        let text = ty == "text" || ty == "character varying(40)";
        match self.rng.below(12) {
            0 if comparable && ty != "bytea" => {
                let taken = t.uniques.iter().any(|u| u.columns == [c.name.clone()]);
                if !taken {
                    let deferral = *self.pick(&[
                        Deferral::Immediate,
                        Deferral::Immediate,
                        Deferral::Deferrable,
                        Deferral::InitiallyDeferred,
                    ]);
                    // Some cover another column (INCLUDE).
                    let include = (columns.iter())
                        .find(|o| o.name != c.name && self.rng.below(100) < 30)
                        .map(|o| o.name.clone());
                    t.uniques.push(UniqueConstraint {
                        name: format!("{}_{id}_key", t.name.name),
                        columns: vec![c.name.clone()],
                        nulls_not_distinct: self.chance(30),
                        deferral,
                        include: include.into_iter().collect(),
                    });
                }
            }
            7 if comparable && ty != "bytea" => {
                // A unique index with a covering column, some NULLS NOT DISTINCT.
                let mut i = index(
                    format!("idx_{id}_covering"),
                    vec![IndexKey::column(c.name.clone())],
                    IndexMethod::Btree,
                    true,
                    None,
                );
                i.nulls_not_distinct = self.chance(50);
                if let Some(other) = columns.iter().find(|o| o.name != c.name) {
                    i.include = vec![other.name.clone()];
                }
                t.indexes.push(i);
            }
            8 if comparable => t.indexes.push(index(
                format!("idx_{id}_hash"),
                vec![IndexKey::column(c.name.clone())],
                IndexMethod::Hash,
                false,
                None,
            )),
            9 if matches!(
                ty.as_str(),
                "integer" | "bigint" | "date" | "timestamp with time zone"
            ) =>
            {
                t.indexes.push(index(
                    format!("idx_{id}_brin"),
                    vec![IndexKey::column(c.name.clone())],
                    IndexMethod::Brin,
                    false,
                    None,
                ));
            }
            10 if text => {
                let words: Vec<TsVectorColumn> = columns
                    .iter()
                    .filter(|o| {
                        matches!(
                            o.ty.display_name().as_str(),
                            "text" | "character varying(40)"
                        )
                    })
                    .take(2)
                    .map(|o| TsVectorColumn {
                        name: o.name.clone(),
                        nullable: o.nullable,
                    })
                    .collect();
                t.indexes.push(index(
                    format!("idx_{id}_search"),
                    vec![IndexKey {
                        kind: IndexKeyKind::TsVector {
                            language: "english".into(),
                            columns: words,
                        },
                        opclass: None,
                        descending: false,
                        nulls: None,
                        collation: None,
                    }],
                    IndexMethod::Gin,
                    false,
                    None,
                ));
            }
            1 => {
                let expr = match ty.as_str() {
                    "integer" | "bigint" | "smallint" | "numeric(12,2)" | "double precision" => {
                        format!("{q} >= 0")
                    }
                    "text" | "character varying(40)" => format!("length({q}) < 1000"),
                    _ => format!("{q} IS NOT NULL OR {q} IS NULL"),
                };
                let mut check = Check::new(format!("{}_{id}_check", t.name.name), expr);
                check.not_valid = self.chance(15);
                t.checks.push(check);
            }
            2 if comparable => t.indexes.push(index(
                format!("idx_{id}"),
                vec![IndexKey {
                    kind: IndexKeyKind::Column(c.name.clone()),
                    opclass: None,
                    descending: self.chance(30),
                    // Some say their direction's default, which is no different.
                    nulls: *self.pick(&[
                        None,
                        None,
                        Some(NullsOrder::First),
                        Some(NullsOrder::Last),
                    ]),
                    collation: if text && self.chance(20) {
                        self.collation()
                    } else {
                        None
                    },
                }],
                IndexMethod::Btree,
                self.chance(20) && ty != "bytea",
                None,
            )),
            3 if comparable => {
                let mut partial = index(
                    format!("idx_{id}_partial"),
                    vec![IndexKey::column(c.name.clone())],
                    IndexMethod::Btree,
                    false,
                    Some(format!("{q} IS NOT NULL")),
                );
                if self.chance(30) {
                    let fill = (10 + self.rng.below(91)).to_string();
                    partial.storage.insert("fillfactor".into(), fill);
                }
                t.indexes.push(partial)
            }
            4 if text => t.indexes.push(index(
                format!("idx_{id}_lower"),
                vec![IndexKey {
                    kind: IndexKeyKind::Expression(format!("lower({q})")),
                    opclass: None,
                    descending: false,
                    nulls: None,
                    collation: if self.chance(25) {
                        self.collation()
                    } else {
                        None
                    },
                }],
                IndexMethod::Btree,
                false,
                None,
            )),
            5 if matches!(ty.as_str(), "jsonb" | "text[]" | "integer[]") => {
                t.indexes.push(index(
                    format!("idx_{id}_gin"),
                    vec![IndexKey::column(c.name.clone())],
                    IndexMethod::Gin,
                    false,
                    None,
                ));
            }
            _ => {}
        }
    }

    fn add_foreign_key(&mut self, at: usize) {
        let targets: Vec<usize> = (0..self.tables.len())
            .filter(|&i| self.tables[i].primary_key.is_some())
            .collect();
        if targets.is_empty() {
            return;
        }
        let pick = *self.pick(&targets);
        let target = self.tables[pick].clone();
        let key = &target.primary_key.as_ref().expect("a key").columns;
        let id = self.next_id();
        let on_delete = *self.pick(&[
            ForeignKeyAction::NoAction,
            ForeignKeyAction::Cascade,
            ForeignKeyAction::SetNull,
            ForeignKeyAction::Restrict,
        ]);
        let deferrable = self.chance(25);
        let initially_deferred = deferrable && self.chance(50);
        let match_full = key.len() > 1 && self.chance(50);
        let not_valid = self.chance(15);
        let t = &mut self.tables[at];
        let mut columns = Vec::new();
        for (n, k) in key.iter().enumerate() {
            let name = if key.len() == 1 {
                format!("ref_{id}")
            } else {
                format!("ref_{id}_{n}")
            };
            let ty = target.column(k).expect("the key column").ty.clone();
            t.columns.push(column(&name, ty, true));
            columns.push(name);
        }
        t.foreign_keys.push(ForeignKey {
            name: format!("{}_{id}_fkey", t.name.name),
            columns,
            references: target.name.clone(),
            referenced_columns: key.clone(),
            on_delete,
            on_update: ForeignKeyAction::NoAction,
            deferrable,
            initially_deferred,
            match_full,
            not_valid,
        });
    }

    /// One random edit of the schema.
    fn edit(&mut self) {
        if self.tables.is_empty() {
            self.add_table();
            return;
        }
        let at = self.rng.below(self.tables.len());
        match self.rng.below(11) {
            0 => self.add_table(),
            1 if self.tables.len() > 1 => self.drop_table(at),
            2 => {
                let mut t = self.tables[at].clone();
                self.add_column(&mut t);
                // Rows exist: a new column is optional or has a default.
                if let Some(c) = t.columns.last_mut()
                    && c.default.is_none()
                {
                    c.nullable = true;
                }
                self.tables[at] = t;
            }
            3 => self.drop_column(at),
            4 => {
                let mut t = self.tables[at].clone();
                self.add_constraint_or_index(&mut t);
                self.tables[at] = t;
            }
            5 => {
                let t = &mut self.tables[at];
                match self.rng.below(3) {
                    0 => drop_one(&mut t.indexes, &mut self.rng),
                    1 => drop_one(&mut t.checks, &mut self.rng),
                    _ => drop_one(&mut t.uniques, &mut self.rng),
                }
            }
            6 => self.add_foreign_key(at),
            10 => {
                let mut t = self.tables[at].clone();
                if t.triggers.is_empty() || self.chance(50) {
                    self.add_trigger(&mut t);
                } else {
                    drop_one(&mut t.triggers, &mut self.rng);
                }
                self.tables[at] = t;
            }
            7 => self.rename_column(at),
            8 if self.chance(60) => self.widen_column(at),
            8 if self.chance(50) => self.recollate_column(at),
            8 => self.renumber_key(at),
            9 if !self.domains.is_empty() && self.chance(40) => self.change_domain(),
            9 if !self.enums.is_empty() => {
                let e = self.rng.below(self.enums.len());
                let label = format!("added {}", self.next_id());
                let values = &mut self.enums[e].values;
                let position = self.rng.below(values.len() + 1);
                values.insert(position, label);
            }
            _ if self.chance(25) => {
                let storage = if self.chance(30) {
                    Default::default()
                } else {
                    self.table_storage()
                };
                self.tables[at].storage = storage;
            }
            _ => {
                let t = &mut self.tables[at];
                t.comment = match t.comment {
                    Some(_) => None,
                    None => Some(COMMENTS[self.rng.below(COMMENTS.len())].to_owned()),
                };
            }
        }
    }

    fn drop_table(&mut self, at: usize) {
        let gone = self.tables.remove(at).name;
        for t in &mut self.tables {
            let dropped: Vec<String> = t
                .foreign_keys
                .iter()
                .filter(|fk| fk.references == gone)
                .flat_map(|fk| fk.columns.clone())
                .collect();
            t.foreign_keys.retain(|fk| fk.references != gone);
            // The key's column goes with it (nothing else names a ref_ column).
            t.columns.retain(|c| !dropped.contains(&c.name));
        }
    }

    /// Drops a column nothing else names.
    fn drop_column(&mut self, at: usize) {
        let t = &self.tables[at];
        let named = |c: &Column| {
            let q = ddl_gen::render::ident(&c.name);
            t.uniques.iter().any(|u| u.columns.contains(&c.name))
                || t.foreign_keys.iter().any(|fk| fk.columns.contains(&c.name))
                || t.checks.iter().any(|k| k.expr.contains(&q))
                || t.triggers.iter().any(|tr| {
                    tr.update_of.contains(&c.name)
                        || tr.when.as_deref().is_some_and(|w| w.contains(&q))
                })
                || t.columns
                    .iter()
                    .any(|g| g.generated.as_deref().is_some_and(|e| e.contains(&q)))
                || t.indexes.iter().any(|i| {
                    i.keys.iter().any(|k| match &k.kind {
                        IndexKeyKind::Column(n) => *n == c.name,
                        IndexKeyKind::Expression(e) => e.contains(&q),
                        IndexKeyKind::TsVector { .. } => true,
                    }) || i.include.contains(&c.name)
                        || i.predicate.as_deref().is_some_and(|p| p.contains(&q))
                })
        };
        let free: Vec<String> = Self::plain_columns(t)
            .iter()
            .filter(|c| !named(c))
            .map(|c| c.name.clone())
            .collect();
        if free.is_empty() {
            return;
        }
        let gone = self.pick(&free).clone();
        self.tables[at].columns.retain(|c| c.name != gone);
    }

    fn rename_column(&mut self, at: usize) {
        let t = &self.tables[at];
        let free: Vec<String> = Self::plain_columns(t)
            .iter()
            .filter(|c| {
                let q = ddl_gen::render::ident(&c.name);
                // Raw SQL names columns by their old name: rename only what none mentions.
                !t.checks.iter().any(|k| k.expr.contains(&q))
                    && !(t.triggers.iter())
                        .any(|tr| tr.when.as_deref().is_some_and(|w| w.contains(&q)))
                    && !t.indexes.iter().any(|i| {
                        i.predicate.as_deref().is_some_and(|p| p.contains(&q))
                            || i.keys.iter().any(|k| {
                                matches!(&k.kind, IndexKeyKind::Expression(e) if e.contains(&q))
                            })
                    })
                    && !t
                        .columns
                        .iter()
                        .any(|g| g.generated.as_deref().is_some_and(|e| e.contains(&q)))
            })
            .map(|c| c.name.clone())
            .collect();
        if free.is_empty() {
            return;
        }
        let old = self.pick(&free).clone();
        let new = format!("renamed {}", self.next_id());
        let t = &mut self.tables[at];
        for c in &mut t.columns {
            if c.name == old {
                c.name = new.clone();
                c.renamed_from = Some(old.clone());
            }
        }
        let rename = |cols: &mut Vec<String>| {
            for c in cols.iter_mut() {
                if *c == old {
                    *c = new.clone();
                }
            }
        };
        for u in &mut t.uniques {
            rename(&mut u.columns);
        }
        for fk in &mut t.foreign_keys {
            rename(&mut fk.columns);
        }
        for tr in &mut t.triggers {
            rename(&mut tr.update_of);
        }
        for i in &mut t.indexes {
            rename(&mut i.include);
            for k in &mut i.keys {
                match &mut k.kind {
                    IndexKeyKind::Column(c) if *c == old => *c = new.clone(),
                    IndexKeyKind::TsVector { columns, .. } => {
                        for c in columns.iter_mut().filter(|c| c.name == old) {
                            c.name = new.clone();
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// A type change that keeps every value: integer to bigint, varchar to text, more digits.
    /// One to three of a table's storage parameters.
    fn table_storage(&mut self) -> model_core::StorageParameters {
        let mut out = model_core::StorageParameters::new();
        out.insert("fillfactor".into(), (10 + self.rng.below(91)).to_string());
        if self.chance(50) {
            out.insert(
                "autovacuum_enabled".into(),
                self.pick(&["true", "false"]).to_string(),
            );
        }
        if self.chance(30) {
            let factor = *self.pick(&["0.05", "0.2", "0"]);
            out.insert("autovacuum_vacuum_scale_factor".into(), factor.into());
        }
        out
    }

    /// An identity sequence's options for an integer of `width` bytes: often none, else some of
    /// a start, a step (descending too), a bound, a cache and cycling.
    fn identity_options(&mut self, width: u8) -> IdentityOptions {
        if self.chance(50) {
            return IdentityOptions::default();
        }
        let descending = self.chance(20);
        let step = 1 + self.rng.below(10) as i64;
        let options = IdentityOptions {
            increment: Some(if descending { -step } else { step }),
            start: self.chance(50).then(|| {
                let at = 1 + self.rng.below(1000) as i64;
                if descending { -at } else { at }
            }),
            max_value: (!descending && self.chance(30)).then_some(30_000),
            cache: self.chance(30).then(|| *self.pick(&[10, 20])),
            cycle: self.chance(20),
            ..IdentityOptions::default()
        };
        options.normalized(width)
    }

    /// The key `id` (an integer) becomes serial, or an identity of either kind with other
    /// options, over the rows it holds.
    fn renumber_key(&mut self, at: usize) {
        let Some(width) = (self.tables[at].columns.first())
            .filter(|c| c.name == "id")
            .and_then(|c| c.ty.integer_width())
        else {
            return;
        };
        let identity = *self.pick(&[
            Identity::Serial,
            Identity::GeneratedByDefault,
            Identity::GeneratedAlways,
        ]);
        let options = if identity == Identity::Serial {
            IdentityOptions::default()
        } else {
            self.identity_options(width)
        };
        let id = &mut self.tables[at].columns[0];
        id.identity = identity;
        id.identity_options = options;
        id.default = None;
    }

    /// One of PostgreSQL's own collations (libc's and ICU's), or none.
    fn collation(&mut self) -> Option<QualifiedName> {
        let name = *self.pick(&["C", "POSIX", "und-x-icu"]);
        Some(QualifiedName::new("pg_catalog", name))
    }

    /// A text column takes another collation, or its type's.
    fn recollate_column(&mut self, at: usize) {
        let texts: Vec<String> = Self::plain_columns(&self.tables[at])
            .iter()
            .filter(|c| c.ty.collatable() == Some(true))
            .map(|c| c.name.clone())
            .collect();
        if texts.is_empty() {
            return;
        }
        let name = self.pick(&texts).clone();
        let collation = if self.chance(30) {
            None
        } else {
            self.collation()
        };
        if let Some(c) = self.tables[at].columns.iter_mut().find(|c| c.name == name) {
            c.collation = collation;
        }
    }

    fn widen_column(&mut self, at: usize) {
        let t = &self.tables[at];
        let referenced: Vec<&String> = t.foreign_keys.iter().flat_map(|fk| &fk.columns).collect();
        let wider = |ty: &str| match ty {
            "smallint" => Some("integer"),
            "integer" => Some("bigint"),
            "character varying(40)" => Some("text"),
            "numeric(12,2)" => Some("numeric(14,2)"),
            _ => None,
        };
        let candidates: Vec<(String, &str)> = Self::plain_columns(t)
            .iter()
            .filter(|c| !referenced.contains(&&c.name))
            .filter(|c| {
                // A generated column's type follows its source: leave both.
                let q = ddl_gen::render::ident(&c.name);
                !t.columns
                    .iter()
                    .any(|g| g.generated.as_deref().is_some_and(|e| e.contains(&q)))
            })
            .filter_map(|c| wider(&c.ty.display_name()).map(|w| (c.name.clone(), w)))
            .collect();
        if candidates.is_empty() {
            return;
        }
        let (name, to) = self.pick(&candidates).clone();
        let t = &mut self.tables[at];
        if let Some(c) = t.columns.iter_mut().find(|c| c.name == name) {
            c.ty = ColumnType::builtin(to);
        }
    }
}

fn drop_one<T>(items: &mut Vec<T>, rng: &mut Rng) {
    if !items.is_empty() {
        let at = rng.below(items.len());
        items.remove(at);
    }
}

fn column(name: &str, ty: ColumnType, nullable: bool) -> Column {
    Column {
        nullable,
        ..Column::new(name, ty)
    }
}

fn index(
    name: String,
    keys: Vec<IndexKey>,
    method: IndexMethod,
    unique: bool,
    predicate: Option<String>,
) -> Index {
    Index {
        name,
        unique,
        method,
        keys,
        include: vec![],
        predicate,
        nulls_not_distinct: false,
        storage: Default::default(),
    }
}
