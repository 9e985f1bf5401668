//! `ddl-gen import`: a live database as models. Each table becomes a SeaORM 2 entity in the
//! dense format with `#[derive(PgTable)]` and the `#[pg(...)]` keys that give its catalog back;
//! enum types become `DeriveActiveEnum`s; `mod.rs` registers them all in `schema()`, with the
//! extensions, schema comments and sequences. What no key can say yet is listed, with its SQL
//! where the catalog gives it, in `not_imported.sql` and on stderr: never left out silently.
//!
//! Parse, then check, then generate: the reading is introspection's ([`crate::introspect`]);
//! names are settled for every table first ([`Naming`]), then relations ([`Relations`]), then
//! each file is written from those.

mod behaviours;
mod entity;
mod field_type;
mod relations;
mod rust_names;
mod schema_file;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use model_core::{QualifiedName, Schema, Table};

use crate::introspect::Reading;
pub use relations::Relations;
use rust_names::{Scope, camel, snake};

/// Something of the database the models cannot declare, and so left out of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotImported {
    /// What it is: `trigger audit_row on shop.order`, `column shop.t.total`.
    pub object: String,
    /// Why, and what the models have instead.
    pub why: String,
    /// Its SQL, where the catalog gives it.
    pub sql: Option<String>,
}

impl fmt::Display for NotImported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.object, self.why)
    }
}

/// The files an import writes, by name, and what it left out.
#[derive(Debug, Clone)]
pub struct Imported {
    /// `mod.rs`, `enums.rs` (when there are enum types), one `<table>.rs` per table, and
    /// `not_imported.sql` when something was left out; sorted by name.
    pub files: Vec<(String, String)>,
    pub not_imported: Vec<NotImported>,
}

/// The Rust names of everything imported, settled before any file is written.
pub struct Naming {
    modules: BTreeMap<QualifiedName, String>,
    fields: BTreeMap<QualifiedName, Vec<String>>,
    enums: BTreeMap<QualifiedName, String>,
}

impl Naming {
    fn new(tables: &[&Table], schema: &Schema) -> Self {
        // A table's module is its name, or `<schema>_<name>` when two schemas share the name.
        let mut modules = BTreeMap::new();
        let mut scope = Scope::with(["enums"]);
        for t in tables {
            let shared = tables.iter().filter(|o| o.name.name == t.name.name).count() > 1;
            let base = if shared {
                snake(&format!("{}_{}", t.name.schema, t.name.name))
            } else {
                snake(&t.name.name)
            };
            modules.insert(t.name.clone(), scope.claim(base));
        }
        let fields = tables
            .iter()
            .map(|t| {
                let mut scope = Scope::default();
                let names = t
                    .columns
                    .iter()
                    .map(|c| scope.claim(snake(&c.name)))
                    .collect();
                (t.name.clone(), names)
            })
            .collect();
        let mut scope = Scope::default();
        let enums = schema
            .enums
            .iter()
            .map(|e| {
                let shared = schema
                    .enums
                    .iter()
                    .filter(|o| o.name.name == e.name.name)
                    .count()
                    > 1;
                let base = if shared {
                    camel(&format!("{}_{}", e.name.schema, e.name.name))
                } else {
                    camel(&e.name.name)
                };
                (e.name.clone(), scope.claim(base))
            })
            .collect();
        Self {
            modules,
            fields,
            enums,
        }
    }

    /// The module of an imported table.
    pub fn module(&self, table: &QualifiedName) -> Option<&str> {
        self.modules.get(table).map(String::as_str)
    }

    /// The field of each column of an imported table, in column order.
    pub fn fields(&self, table: &QualifiedName) -> &[String] {
        &self.fields[table]
    }

    /// The field of column `column` of an imported table.
    pub fn field(&self, table: &QualifiedName, column: &str, t: &Table) -> Option<&str> {
        let i = t.columns.iter().position(|c| c.name == column)?;
        Some(self.fields[table][i].as_str())
    }

    /// Whether enum types of `e`'s name live in several schemas: its columns then name the
    /// schema even when it is the table's (the builder tells the types apart by it).
    pub fn enum_name_shared(&self, e: &QualifiedName) -> bool {
        self.enums.keys().filter(|o| o.name == e.name).count() > 1
    }

    /// The Rust name of an enum type.
    pub fn enum_name(&self, e: &QualifiedName) -> &str {
        &self.enums[e]
    }
}

/// The views the models can declare: all but those reading a table or view that is not
/// imported (listed, with their SQL). A materialized view's indexes are listed too, with the
/// `CREATE INDEX` that makes each: the model holds them, but import does not write them yet.
fn importable_views<'a>(
    schema: &'a Schema,
    keyless: &[&Table],
    not_imported: &mut Vec<NotImported>,
) -> Vec<&'a model_core::View> {
    let mut left_out: Vec<&QualifiedName> = keyless.iter().map(|t| &t.name).collect();
    let mut views: Vec<&model_core::View> = schema.views.iter().collect();
    loop {
        let (out, kept): (Vec<&model_core::View>, Vec<&model_core::View>) =
            (views.iter()).partition(|v| v.reads.iter().any(|r| left_out.contains(&r)));
        if out.is_empty() {
            break;
        }
        for v in out {
            left_out.push(&v.name);
            not_imported.push(NotImported {
                object: format!("{} {}", v.kind().to_lowercase(), v.name),
                why: "reads a table or view that is not imported".into(),
                sql: Some(crate::render::create_view(v, false)),
            });
        }
        views = kept;
    }
    for v in &views {
        for i in &v.indexes {
            not_imported.push(NotImported {
                object: format!("index {} on {}", i.name, v.name),
                why: "is an index of a materialized view, which import does not write yet".into(),
                sql: Some(format!(
                    "CREATE {};",
                    crate::render::index_definition_on(&v.name, i, false)
                )),
            });
        }
    }
    views
}

/// The models of `reading`: entity files, `mod.rs`, `enums.rs`, and what was left out.
pub fn import(reading: &Reading) -> Imported {
    let schema = &reading.schema;
    let mut not_imported = Vec::new();
    let (tables, keyless): (Vec<&Table>, Vec<&Table>) =
        schema.tables.iter().partition(|t| t.primary_key.is_some());
    for t in &keyless {
        not_imported.push(NotImported {
            object: format!("table {}", t.name),
            why: "has no primary key, which a SeaORM entity needs; give it one and import again"
                .into(),
            sql: Some(table_sql(t)),
        });
    }
    let naming = Naming::new(&tables, schema);
    let relations = Relations::new(&tables, &naming, &mut not_imported);

    let mut files = Vec::new();
    let mut sequences = Vec::new();
    let mut made_functions = Vec::new();
    let mut triggers = Vec::new();
    for t in &tables {
        let behaviours = behaviours::recognise(schema, t);
        for trigger in &t.triggers {
            if behaviours.made_trigger(&t.name.name, &trigger.name) {
                made_functions.push(trigger.function.clone());
            } else {
                triggers.push((&t.name, trigger));
            }
        }
        let source = entity::entity(
            schema,
            t,
            &naming,
            &relations,
            &behaviours,
            &mut not_imported,
        );
        sequences.extend(source.sequences);
        let module = naming
            .module(&t.name)
            .expect("every table imported has a module");
        files.push((format!("{module}.rs"), source.source));
    }
    // The functions the timestamps and versioned keys make come with the keys.
    let functions: Vec<&model_core::Function> = (schema.functions.iter())
        .filter(|f| !(f.args.is_empty() && made_functions.contains(&f.name)))
        .collect();
    let views = importable_views(schema, &keyless, &mut not_imported);
    triggers.extend((views.iter()).flat_map(|v| v.triggers.iter().map(move |tr| (&v.name, tr))));
    // A constraint trigger (`CREATE CONSTRAINT TRIGGER`, deferrable) is not one the models say.
    let (constraint_triggers, triggers): (Vec<_>, Vec<_>) =
        triggers.into_iter().partition(|(_, tr)| {
            (tr.definition.as_deref()).is_some_and(|d| d.starts_with("CREATE CONSTRAINT TRIGGER"))
        });
    for (on, tr) in constraint_triggers {
        not_imported.push(NotImported {
            object: format!("trigger {} on {on}", tr.name),
            why: "is a constraint trigger, which the models do not declare yet".into(),
            sql: tr.definition.as_ref().map(|d| format!("{d};")),
        });
    }
    for n in &reading.not_held {
        not_imported.push(NotImported {
            object: format!("{} {}", n.kind, n.name),
            why: "is not held by the schema model yet".into(),
            sql: None,
        });
    }
    sequences.extend(schema.sequences.iter().cloned());
    sequences.sort_by(|a, b| a.name.cmp(&b.name));
    files.push((
        "mod.rs".into(),
        schema_file::mod_rs(
            schema, &tables, &naming, &sequences, &views, &functions, &triggers,
        ),
    ));
    if let Some(enums) = schema_file::enums_rs(schema, &naming) {
        files.push(("enums.rs".into(), enums));
    }
    for (_, source) in &mut files {
        *source = format_source(source);
    }
    if !not_imported.is_empty() {
        files.push(("not_imported.sql".into(), not_imported_sql(&not_imported)));
    }
    files.sort();
    Imported {
        files,
        not_imported,
    }
}

/// Generated Rust, checked to parse and laid out by prettyplease.
fn format_source(source: &str) -> String {
    let parsed: syn::File = syn::parse_file(source)
        .unwrap_or_else(|e| panic!("generated code does not parse ({e}):\n{source}"));
    spaced(&prettyplease::unparse(&parsed))
}

/// A blank line between top-level items (prettyplease writes none), so each entity, enum and
/// function stands apart; runs of `use` and `pub mod` lines stay together. The lines of a raw
/// string (a function's body, a view's query) are its text, and stay as they are.
fn spaced(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 256);
    let mut previous: Option<&str> = None;
    let mut in_raw_string: Option<String> = None;
    for line in code.lines() {
        if let Some(close) = &in_raw_string {
            if line.contains(close.as_str()) {
                in_raw_string = None;
            }
            out.push_str(line);
            out.push('\n');
            previous = None;
            continue;
        }
        in_raw_string = unclosed_raw_string(line);
        if let Some(p) = previous {
            let top = |l: &str| !l.starts_with([' ', '}', ')']);
            let ends_item = p == "}" || (top(p) && p.ends_with(';')) || p.starts_with("#![");
            let same_run = ["use ", "pub mod ", "//!"]
                .iter()
                .any(|k| p.starts_with(k) && line.starts_with(k));
            let ends_docs = p.starts_with("//!") && !line.starts_with("//!");
            if (ends_item || ends_docs) && top(line) && !same_run && !line.is_empty() {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

/// The closing delimiter (`"#`, `"##`, ..) of a raw string `line` opens and does not close.
fn unclosed_raw_string(line: &str) -> Option<String> {
    let mut rest = line;
    let mut open = None;
    while let Some(at) = rest.find("r#") {
        let after = &rest[at + 1..];
        let hashes = after.len() - after.trim_start_matches('#').len();
        let tail = &after[hashes..];
        if !tail.starts_with('"') {
            rest = tail;
            continue;
        }
        let close = format!("\"{}", "#".repeat(hashes));
        match tail[1..].find(&close) {
            Some(end) => {
                rest = &tail[1 + end + close.len()..];
                open = None;
            }
            None => {
                open = Some(close);
                break;
            }
        }
    }
    open
}

/// The create script of one table, without the script's transaction.
fn table_sql(t: &Table) -> String {
    let one = Schema {
        tables: vec![t.clone()],
        ..Schema::empty()
    };
    crate::render::create_script(&one, Default::default())
        .lines()
        .filter(|l| !matches!(*l, "BEGIN;" | "COMMIT;") && !l.starts_with("-- Generated by"))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn not_imported_sql(items: &[NotImported]) -> String {
    let mut out = String::from(
        "-- What `ddl-gen import` could not write as models, with its SQL where the catalog gives\n\
         -- it. Keep it beside the models until they can say it; `ddl-gen verify` reports it.\n",
    );
    for item in items {
        out.push('\n');
        for line in item.to_string().lines() {
            out.push_str("-- ");
            out.push_str(line);
            out.push('\n');
        }
        if let Some(sql) = &item.sql {
            out.push_str(sql.trim_end());
            out.push('\n');
        }
    }
    out
}

/// Why an import could not be written.
#[derive(Debug)]
pub struct WriteError(pub String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

/// Writes `imported` into `dir`, which must not exist or be empty: the files go to a scratch
/// directory beside it first, then take its place, so `dir` ends up whole or untouched. The
/// Rust files are run through `rustfmt` when it is installed. Returns the paths written.
pub fn write(dir: &Path, imported: &Imported) -> Result<Vec<PathBuf>, WriteError> {
    let fail = |what: &str, path: &Path, e: std::io::Error| {
        WriteError(format!("cannot {what} {}: {e}", path.display()))
    };
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(WriteError(format!(
            "{} is not empty; import writes a new directory (name another, or move this one away)",
            dir.display()
        )));
    }
    let name = dir
        .file_name()
        .ok_or_else(|| WriteError(format!("{} names no directory", dir.display())))?;
    let scratch = dir.with_file_name(format!(
        ".{}.import-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| fail("create", &scratch, e))?;
    let result = (|| {
        for (file, text) in &imported.files {
            let path = scratch.join(file);
            std::fs::write(&path, text).map_err(|e| fail("write", &path, e))?;
            if file.ends_with(".rs") {
                // Formatted for the edition of the crate `dir` is in, as migrations are.
                crate::migration::rustfmt(&path, &dir.join(file));
            }
        }
        if dir.exists() {
            std::fs::remove_dir(dir).map_err(|e| fail("replace", dir, e))?;
        }
        std::fs::rename(&scratch, dir).map_err(|e| fail("write", dir, e))
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&scratch);
        return Err(e);
    }
    Ok(imported.files.iter().map(|(f, _)| dir.join(f)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_spaced_but_raw_strings_keep_their_lines() {
        let code = "use a;\nfn f() {}\nfn g() -> &'static str {\n    r#\"\nBEGIN\nEND;\n\"#\n}\nconst X: &str = r##\"a\"##;\nconst Y: i32 = 1;\n";
        assert_eq!(
            spaced(code),
            "use a;\n\nfn f() {}\nfn g() -> &'static str {\n    r#\"\nBEGIN\nEND;\n\"#\n}\n\nconst X: &str = r##\"a\"##;\n\nconst Y: i32 = 1;\n"
        );
    }
}
