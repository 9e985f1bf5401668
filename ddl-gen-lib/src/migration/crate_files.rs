//! The migration crate's own files: the scaffold `migrate init` writes, and `src/lib.rs`, which
//! each new migration is added to in place (a user's edits there are kept).

use std::path::{Path, PathBuf};

use model_core::Schema;

use super::{MigrateError, STATE_FILE};

/// The version of sea-orm-migration the scaffold depends on (the one this tool's migrations are
/// written and tested against).
const SEA_ORM_MIGRATION: &str = "2.0.4";

/// The files of a new migration crate at `dir`, for `migrate init`. `dir` must not exist or be
/// empty.
pub(super) fn scaffold(dir: &Path) -> Result<Vec<(PathBuf, String)>, MigrateError> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(MigrateError::NotACrate(format!(
            "{} is not empty; migrate init starts a new crate: choose a new directory",
            dir.display()
        )));
    }
    let package = package_name(dir);
    let lib = package.replace('-', "_");
    let cargo = format!(
        r#"[package]
name = "{package}"
version = "0.1.0"
edition = "2024"
publish = false

[lib]
name = "{lib}"
path = "src/lib.rs"

[dependencies]
sea-orm-migration = {{ version = "{SEA_ORM_MIGRATION}", default-features = false, features = ["cli", "runtime-tokio-rustls", "sqlx-postgres"] }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread", "time"] }}
"#
    );
    let main = include_str!("../../templates/migration_main.rs.txt").replace("__LIB__", &lib);
    let state = serde_json::to_string_pretty(&Schema::empty()).expect("a schema serializes") + "\n";
    Ok(vec![
        (dir.join("Cargo.toml"), cargo),
        (dir.join("src/main.rs"), main),
        (dir.join("src/lib.rs"), lib_source(&[])),
        (dir.join(STATE_FILE), state),
    ])
}

/// The package name for a crate in `dir`: its last component, as a Cargo package name.
fn package_name(dir: &Path) -> String {
    let raw = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        "migration".to_owned()
    } else {
        name
    }
}

/// Checks `dir` is a migration crate this tool made (it has the state file).
pub(super) fn check_is_crate(dir: &Path) -> Result<(), MigrateError> {
    if !dir.is_dir() {
        return Err(MigrateError::NotACrate(format!(
            "{} does not exist; start a migration crate there with `ddl-gen migrate init --dir {}`",
            dir.display(),
            dir.display()
        )));
    }
    if !dir.join(STATE_FILE).is_file() {
        return Err(MigrateError::NotACrate(format!(
            "{} is not a migration crate made by ddl-gen (it has no {STATE_FILE}); nothing was written. Point --dir at the migration crate, or start one with `ddl-gen migrate init --dir <new directory>`",
            dir.display()
        )));
    }
    Ok(())
}

/// `lib.rs` as `sea-orm-cli migrate generate` lays it out, in rustfmt's layout.
pub(super) fn lib_source(modules: &[String]) -> String {
    let mut out = String::from("pub use sea_orm_migration::prelude::*;\n\n");
    for m in modules {
        out.push_str(&format!("mod {m};\n"));
    }
    if !modules.is_empty() {
        out.push('\n');
    }
    out.push_str("pub struct Migrator;\n\n#[async_trait::async_trait]\nimpl MigratorTrait for Migrator {\n    fn migrations() -> Vec<Box<dyn MigrationTrait>> {\n");
    let items: Vec<String> = modules
        .iter()
        .map(|m| format!("Box::new({m}::Migration)"))
        .collect();
    let one_line = format!("        vec![{}]", items.join(", "));
    if one_line.len() <= 100 {
        out.push_str(&one_line);
        out.push('\n');
    } else {
        out.push_str("        vec![\n");
        for item in &items {
            out.push_str(&format!("            {item},\n"));
        }
        out.push_str("        ]\n");
    }
    out.push_str("    }\n}\n");
    out
}

/// `lib` with migration `module` added: its `mod` line after the last migration's (or before
/// `pub struct Migrator`), and `Box::new(module::Migration)` at the end of the `vec![..]` in
/// `fn migrations()`. Everything else, a user's code and comments included, stays as it is.
pub(super) fn add_to_lib(lib: &str, module: &str) -> Result<String, String> {
    let cannot = |what: &str| {
        format!(
            "src/lib.rs: cannot find {what}, so the migration cannot be added to it; nothing was written. Restore the Migrator that lists the migrations (`fn migrations()` returning `vec![..]`)"
        )
    };
    let is_migration_mod = |line: &str| {
        let line = line.trim();
        line.strip_prefix("mod m")
            .and_then(|l| l.strip_suffix(';'))
            .is_some_and(|l| l.len() > 16 && l.as_bytes()[..8].iter().all(u8::is_ascii_digit))
    };
    let mut lines: Vec<&str> = lib.lines().collect();
    let mod_line = format!("mod {module};");
    match lines.iter().rposition(|l| is_migration_mod(l)) {
        Some(last) => lines.insert(last + 1, &mod_line),
        None => {
            let at = lines
                .iter()
                .position(|l| l.contains("pub struct Migrator"))
                .ok_or_else(|| cannot("`pub struct Migrator`"))?;
            lines.insert(at, "");
            lines.insert(at, &mod_line);
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');

    let function = text
        .find("fn migrations()")
        .ok_or_else(|| cannot("`fn migrations()`"))?;
    let open = function
        + text[function..]
            .find("vec![")
            .ok_or_else(|| cannot("`vec![..]` in `fn migrations()`"))?
        + "vec![".len();
    let mut depth = 1usize;
    let mut close = None;
    for (i, c) in text[open..].char_indices() {
        match c {
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close.ok_or_else(|| cannot("the end of `vec![..]` in `fn migrations()`"))?;
    let inside = text[open..close].trim_end();
    let item = format!("Box::new({module}::Migration)");
    let new_inside = if inside.trim().is_empty() {
        item
    } else if inside.ends_with(',') {
        format!("{inside} {item},")
    } else {
        format!("{inside}, {item}")
    };
    Ok(format!("{}{new_inside}{}", &text[..open], &text[close..]))
}

#[cfg(test)]
mod tests {
    use super::{add_to_lib, lib_source};

    #[test]
    fn a_migration_is_added_where_the_others_are_and_user_code_stays() {
        let lib = "pub use sea_orm_migration::prelude::*;\n\nmod m20260101_000001_first;\nmod helpers; // ours\n\npub struct Migrator;\n\n#[async_trait::async_trait]\nimpl MigratorTrait for Migrator {\n    fn migrations() -> Vec<Box<dyn MigrationTrait>> {\n        vec![Box::new(m20260101_000001_first::Migration)]\n    }\n\n    fn migration_table_name() -> DynIden {\n        \"app_migrations\".into_iden()\n    }\n}\n";
        let out = add_to_lib(lib, "m20260102_000000_second").unwrap();
        assert!(
            out.contains(
                "mod m20260101_000001_first;\nmod m20260102_000000_second;\nmod helpers; // ours\n"
            ),
            "{out}"
        );
        assert!(out.contains("vec![Box::new(m20260101_000001_first::Migration), Box::new(m20260102_000000_second::Migration)]"), "{out}");
        assert!(out.contains("\"app_migrations\".into_iden()"));

        let first = add_to_lib(&lib_source(&[]), "m20260101_000001_first").unwrap();
        assert_eq!(first, lib_source(&["m20260101_000001_first".to_owned()]));

        let err = add_to_lib("pub struct Migrator;\n", "m20260101_000001_x").unwrap_err();
        assert!(err.contains("fn migrations()"), "{err}");
    }
}
