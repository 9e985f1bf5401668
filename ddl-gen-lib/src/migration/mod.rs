//! `ddl-gen migrate`: SeaORM migrations from the difference between the models and the schema
//! the last migration left (`schema.json` in the migration crate, written with each migration).

mod plan;
mod write;

use std::path::{Path, PathBuf};

use model_core::Schema;

pub use crate::compare::{Rename, renames};
pub use plan::{Action, Builder, Phase, Step, plan};
pub use write::migration_source;

/// The state file, beside `Cargo.toml` in the migration crate.
pub const STATE_FILE: &str = "schema.json";

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Allow steps that lose data (dropped tables and columns, narrowing type changes).
    pub allow_destructive: bool,
    /// The timestamp in the file name, `YYYYMMDD_HHMMSS` (default: now, UTC).
    pub timestamp: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrateError {
    BadName(String),
    State(String),
    Unsupported(String),
    /// Steps that lose data, with what each loses.
    Destructive(Vec<String>),
    NothingToDo,
    Exists(PathBuf),
    Io(String),
}

impl std::fmt::Display for MigrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::BadName(name) => write!(
                f,
                "migration name {name:?}: use lower-case letters, digits and _ (e.g. add_product_weight)"
            ),
            Self::State(e) => write!(f, "{e}"),
            Self::Unsupported(e) => write!(f, "{e}"),
            Self::Destructive(steps) => {
                writeln!(
                    f,
                    "this migration would lose data; nothing was written. Steps that lose data:"
                )?;
                for s in steps {
                    writeln!(f, "  - {s}")?;
                }
                write!(f, "Run again with --allow-destructive to write it anyway.")
            }
            Self::NothingToDo => write!(
                f,
                "the models match the last migration's schema: nothing to migrate"
            ),
            Self::Exists(path) => {
                write!(f, "{} exists already; choose another name", path.display())
            }
            Self::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for MigrateError {}

/// What `generate` wrote.
#[derive(Debug)]
pub struct Generated {
    pub module: String,
    pub path: PathBuf,
    pub up: Vec<Step>,
    pub down: Vec<Step>,
}

/// The schema the last migration in `dir` left, or an empty one before the first.
pub fn read_state(dir: &Path) -> Result<Schema, MigrateError> {
    let path = dir.join(STATE_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            MigrateError::State(format!(
                "{} is not a schema state ({e}); ddl-gen migrate writes it with each migration: restore it from version control",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Schema::empty()),
        Err(e) => Err(MigrateError::Io(format!("cannot read {}: {e}", path.display()))),
    }
}

/// The steps between the last migration's schema and the models: empty when they match.
pub fn pending(dir: &Path, models: &Schema) -> Result<Vec<Step>, MigrateError> {
    let state = read_state(dir)?;
    plan(&state, models, &renames(&state, models)).map_err(|e| MigrateError::Unsupported(e.0))
}

/// Writes the next migration into the migration crate at `dir`: `src/m<timestamp>_<name>.rs`,
/// `src/lib.rs` and the state file, all or nothing.
pub fn generate(
    dir: &Path,
    name: &str,
    models: &Schema,
    options: &Options,
) -> Result<Generated, MigrateError> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(MigrateError::BadName(name.to_owned()));
    }
    let state = read_state(dir)?;
    let forward = renames(&state, models);
    let up = plan(&state, models, &forward).map_err(|e| MigrateError::Unsupported(e.0))?;
    if up.is_empty() {
        return Err(MigrateError::NothingToDo);
    }
    let losing: Vec<String> = up
        .iter()
        .filter_map(|s| {
            s.loses
                .as_ref()
                .map(|l| format!("{}: loses {l}", s.summary))
        })
        .collect();
    if !losing.is_empty() && !options.allow_destructive {
        return Err(MigrateError::Destructive(losing));
    }
    let backward: Vec<Rename> = forward
        .iter()
        .map(|(t, old, new)| (t.clone(), new.clone(), old.clone()))
        .collect();
    let down = plan(models, &state, &backward).map_err(|e| MigrateError::Unsupported(e.0))?;

    let timestamp = options.timestamp.clone().unwrap_or_else(utc_timestamp);
    let module = format!("m{timestamp}_{name}");
    let src = dir.join("src");
    let path = src.join(format!("{module}.rs"));
    if path.exists() {
        return Err(MigrateError::Exists(path));
    }
    let mut modules = existing_migrations(&src)?;
    modules.push(module.clone());
    modules.sort();
    let source = migration_source(
        &format!("Migration {module}: {} step(s)", up.len()),
        &up,
        &down,
    );
    let state_text = serde_json::to_string_pretty(models).expect("a schema serializes") + "\n";
    write_all(&[
        (path.clone(), source),
        (src.join("lib.rs"), lib_source(&modules)),
        (dir.join(STATE_FILE), state_text),
    ])?;
    Ok(Generated {
        module,
        path,
        up,
        down,
    })
}

/// `mYYYYMMDD_HHMMSS_name` modules in `src/`, sorted.
fn existing_migrations(src: &Path) -> Result<Vec<String>, MigrateError> {
    let entries = std::fs::read_dir(src)
        .map_err(|e| MigrateError::Io(format!("cannot read {}: {e}", src.display())))?;
    let mut modules: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter_map(|f| f.strip_suffix(".rs").map(str::to_owned))
        .filter(|m| {
            m.len() > 17 && m.starts_with('m') && m.as_bytes()[1..9].iter().all(u8::is_ascii_digit)
        })
        .collect();
    modules.sort();
    Ok(modules)
}

/// `lib.rs` as `sea-orm-cli migrate generate` lays it out, in rustfmt's layout.
fn lib_source(modules: &[String]) -> String {
    let mut out = String::from("pub use sea_orm_migration::prelude::*;\n\n");
    for m in modules {
        out.push_str(&format!("mod {m};\n"));
    }
    out.push_str("\npub struct Migrator;\n\n#[async_trait::async_trait]\nimpl MigratorTrait for Migrator {\n    fn migrations() -> Vec<Box<dyn MigrationTrait>> {\n");
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

/// Writes every file beside its target first, then renames them into place; on an error nothing
/// is left half-written.
fn write_all(files: &[(PathBuf, String)]) -> Result<(), MigrateError> {
    let temp = |p: &Path| {
        p.with_file_name(format!(
            ".{}.tmp",
            p.file_name().unwrap_or_default().to_string_lossy()
        ))
    };
    for (path, content) in files {
        if let Err(e) = std::fs::write(temp(path), content) {
            for (p, _) in files {
                let _ = std::fs::remove_file(temp(p));
            }
            return Err(MigrateError::Io(format!(
                "cannot write {}: {e}",
                path.display()
            )));
        }
        if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("lib.rs") {
            rustfmt(&temp(path), path);
        }
    }
    for (path, _) in files {
        std::fs::rename(temp(path), path)
            .map_err(|e| MigrateError::Io(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}

/// Formats a generated Rust file the way `cargo fmt` will check it, when `rustfmt` is installed
/// (it ships with every toolchain); without it, prettyplease's layout stays.
fn rustfmt(file: &Path, target: &Path) {
    let edition = crate_edition(target).unwrap_or_else(|| "2021".to_owned());
    let _ = std::process::Command::new("rustfmt")
        .args(["--edition", &edition, "--emit", "files"])
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

/// The edition of the crate a file belongs to: `edition = ".."` in its `Cargo.toml`, or the
/// workspace's when it says `edition.workspace = true`.
fn crate_edition(file: &Path) -> Option<String> {
    let read = |dir: &Path| std::fs::read_to_string(dir.join("Cargo.toml")).ok();
    let edition_in = |text: &str| {
        text.lines().find_map(|l| {
            l.trim()
                .strip_prefix("edition = ")
                .map(|v| v.trim_matches('"').to_owned())
        })
    };
    let mut dir = file.parent()?;
    loop {
        if let Some(text) = read(dir) {
            if let Some(edition) = edition_in(&text) {
                return Some(edition);
            }
            if text.contains("edition.workspace = true") {
                return dir
                    .ancestors()
                    .skip(1)
                    .filter_map(read)
                    .find_map(|t| t.contains("[workspace").then(|| edition_in(&t)).flatten());
            }
        }
        dir = dir.parent()?;
    }
}

/// Now, UTC, as `YYYYMMDD_HHMMSS`.
fn utc_timestamp() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}_{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(20_413), (2025, 11, 21));
        assert_eq!(super::civil_from_days(20_778), (2026, 11, 21));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
