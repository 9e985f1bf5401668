//! `ddl-gen migrate`: SeaORM migrations from the difference between the models and the schema
//! the last migration left (`schema.json` in the migration crate, written with each migration).

mod crate_files;
pub mod hazard;
mod plan;
mod timestamp;
mod write;

use std::path::{Path, PathBuf};

use model_core::Schema;

pub use crate::compare::{Rename, renames};
pub use hazard::Hazard;
pub use plan::{Action, Builder, Phase, Runs, Step, Unsupported, plan, plan_online};
pub use write::{migration_source, migration_source_with};

/// The state file, beside `Cargo.toml` in the migration crate.
pub const STATE_FILE: &str = "schema.json";

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Allow steps that lose data (dropped tables and columns, narrowing type changes).
    pub allow_destructive: bool,
    /// The timestamp in the file name, `YYYYMMDD_HHMMSS` (default: now, UTC).
    pub timestamp: Option<String>,
    /// The migration's lock and statement timeouts.
    pub timeouts: Timeouts,
}

/// How long a migration's statements may wait for a lock, and run, before PostgreSQL cancels
/// them, and with them the migration's transaction: `SET LOCAL` at the start of `up()` and
/// `down()`. Without a lock timeout, a migration queued behind one long transaction makes every
/// later query on its table queue behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub lock: std::time::Duration,
    pub statement: std::time::Duration,
}

impl Default for Timeouts {
    /// A lock within 5 seconds; each statement within 30 minutes.
    fn default() -> Self {
        Self {
            lock: std::time::Duration::from_secs(5),
            statement: std::time::Duration::from_secs(30 * 60),
        }
    }
}

impl Timeouts {
    /// The `SET LOCAL` statements, in PostgreSQL's units (`5s`, `1500ms`, `30min`).
    pub fn sql(&self) -> String {
        format!(
            "SET LOCAL lock_timeout = '{}'; SET LOCAL statement_timeout = '{}'",
            pg_duration(self.lock),
            pg_duration(self.statement)
        )
    }
}

/// A duration as PostgreSQL reads a time setting, in the largest unit that keeps it whole.
fn pg_duration(d: std::time::Duration) -> String {
    let ms = d.as_millis().max(1);
    match ms {
        ms if ms % 3_600_000 == 0 => format!("{}h", ms / 3_600_000),
        ms if ms % 60_000 == 0 => format!("{}min", ms / 60_000),
        ms if ms % 1000 == 0 => format!("{}s", ms / 1000),
        ms => format!("{ms}ms"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrateError {
    BadName(String),
    State(String),
    Unsupported(String),
    /// Steps that lose data, with what each loses.
    Destructive(Vec<String>),
    /// Generated statements PostgreSQL's parser refuses, each with why (nothing is written).
    Unparsable(Vec<String>),
    NothingToDo,
    Exists(PathBuf),
    /// The directory is not a migration crate this tool made (or, for `init`, not empty).
    NotACrate(String),
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
            Self::Unparsable(steps) => {
                writeln!(
                    f,
                    "PostgreSQL's parser refuses statements of this migration; nothing was written:"
                )?;
                for s in steps {
                    writeln!(f, "  - {s}")?;
                }
                write!(
                    f,
                    "Fix the raw SQL in the models (or in {STATE_FILE}, for a down() step) and run again."
                )
            }
            Self::NothingToDo => write!(
                f,
                "the models match the last migration's schema: nothing to migrate"
            ),
            Self::Exists(path) => {
                write!(f, "{} exists already; choose another name", path.display())
            }
            Self::NotACrate(e) | Self::Io(e) => write!(f, "{e}"),
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

/// `Err` naming every step that loses data (and what), unless `allow_destructive`.
fn refuse_losses(steps: &[Step], allow_destructive: bool) -> Result<(), MigrateError> {
    let losing: Vec<String> = (steps.iter())
        .filter_map(|s| (s.loses.as_ref()).map(|l| format!("{}: loses {l}", s.summary)))
        .collect();
    if losing.is_empty() || allow_destructive {
        Ok(())
    } else {
        Err(MigrateError::Destructive(losing))
    }
}

/// The steps that turn `from` into `to` (two schemas read from live databases: no renames, so
/// a renamed column is dropped and added), refused as `migrate` refuses them: a step that loses
/// data needs `allow_destructive`, and a statement PostgreSQL's parser refuses stops them all.
pub fn steps_between(
    from: &Schema,
    to: &Schema,
    allow_destructive: bool,
) -> Result<Vec<Step>, MigrateError> {
    let steps = plan(from, to, &[]).map_err(|e| MigrateError::Unsupported(e.0))?;
    refuse_losses(&steps, allow_destructive)?;
    let refused: Vec<String> = unparsable("the script's", &steps).collect();
    if !refused.is_empty() {
        return Err(MigrateError::Unparsable(refused));
    }
    Ok(steps)
}

/// The tables of `to` whose columns the steps from `from` leave in another order than `to`'s:
/// PostgreSQL adds a column at the end of its table and cannot move one, so such a table keeps
/// differing in column order until it is rebuilt.
pub fn column_order_left<'a>(from: &Schema, to: &'a Schema) -> Vec<&'a model_core::QualifiedName> {
    (to.tables.iter())
        .filter_map(|t| {
            let before = from.table(&t.name)?;
            let wanted: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
            let kept = (before.columns.iter()).filter(|c| wanted.contains(&c.name.as_str()));
            let mut after: Vec<&str> = kept.map(|c| c.name.as_str()).collect();
            let added: Vec<&str> = (wanted.iter().copied())
                .filter(|c| !after.contains(c))
                .collect();
            after.extend(added);
            (after != wanted).then_some(&t.name)
        })
        .collect()
}

/// `steps` as one all-or-nothing script: each statement after a comment naming its step and
/// its hazards, in one transaction (a value added to an enum type is used only by a later
/// transaction; the planner sees to that, as it does for a migration), which first sets the
/// default [`Timeouts`], as a migration does. A name's control characters are escaped in the
/// comment: a carriage return or newline there would end it, and what followed would run.
///
/// For the steps of [`plan`]; those of [`plan_online`] that run in a transaction of their own
/// or outside one end the transaction before them (and begin the next after), which the
/// script's first lines then say.
pub fn script(steps: &[Step]) -> String {
    let one_line = crate::compare::report::one_line;
    let set = Timeouts::default().sql();
    let begin = format!(
        "BEGIN;\n-- Fail fast: wait for a lock, and run each statement, at most this long.\n{set};\n"
    );
    let mut out = String::new();
    if steps.iter().any(|s| s.runs != Runs::InTransaction) {
        out.push_str(
            "-- Not all or nothing: some steps run in transactions of their own, or outside one.\n",
        );
    }
    out.push_str(&begin);
    for step in steps {
        match step.runs {
            Runs::InTransaction => {}
            Runs::NewTransaction => {
                out.push_str("\nCOMMIT;\n\n");
                out.push_str(&begin);
            }
            Runs::Alone { .. } => out.push_str(&format!(
                "\nCOMMIT;\n{};\n",
                set.replace("SET LOCAL", "SET")
            )),
        }
        out.push_str("\n-- ");
        out.push_str(&one_line(&step.summary));
        if !step.hazards.is_empty() {
            out.push_str("\n--   hazards: ");
            out.push_str(&one_line(&hazard::line(&step.hazards)));
        }
        out.push('\n');
        out.push_str(&step.action.sql());
        out.push_str(";\n");
        if let Runs::Alone { .. } = step.runs {
            out.push_str("RESET lock_timeout; RESET statement_timeout;\n\n");
            out.push_str(&begin);
        }
    }
    out.push_str("\nCOMMIT;\n");
    out
}

/// The steps whose statement PostgreSQL's parser refuses: a migration that cannot run is never
/// written into the history, where fixing the model would not stop it running first.
fn unparsable<'a>(direction: &'a str, steps: &'a [Step]) -> impl Iterator<Item = String> + 'a {
    steps.iter().filter_map(move |step| {
        let sql = step.action.sql();
        model_core::sql_syntax::check_statements(&sql)
            .err()
            .map(|e| {
                let line = e
                    .offset
                    .filter(|&at| sql.is_char_boundary(at))
                    .map(|at| {
                        let number = sql[..at].matches('\n').count();
                        let text = sql.lines().nth(number).unwrap_or_default().trim();
                        format!(", line {} of the statement: {text}", number + 1)
                    })
                    .unwrap_or_default();
                format!("{direction} step \"{}\": {}{line}", step.summary, e.message)
            })
    })
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
    crate_files::check_is_crate(dir)?;
    let state = read_state(dir)?;
    plan_online(&state, models, &renames(&state, models))
        .map_err(|e| MigrateError::Unsupported(e.0))
}

/// Writes the next migration into the migration crate at `dir`: `src/m<timestamp>_<name>.rs`,
/// `src/lib.rs` and the state file, all or nothing.
pub fn generate(
    dir: &Path,
    name: &str,
    models: &Schema,
    options: &Options,
) -> Result<Generated, MigrateError> {
    prepare(dir, name, models, options)?.write()
}

/// A migration planned and checked, its files composed but not written: what `migrate
/// --rehearse` tries before [`Prepared::write`].
#[derive(Debug)]
pub struct Prepared {
    pub module: String,
    pub path: PathBuf,
    /// The schema the last migration left, which `up` starts from.
    pub state: Schema,
    pub up: Vec<Step>,
    pub down: Vec<Step>,
    files: Vec<(PathBuf, String)>,
}

impl Prepared {
    /// The files [`Prepared::write`] writes.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(p, _)| p.as_path())
    }

    /// Writes the migration, `src/lib.rs` and the state file, all or nothing.
    pub fn write(self) -> Result<Generated, MigrateError> {
        write_all(&self.files)?;
        Ok(Generated {
            module: self.module,
            path: self.path,
            up: self.up,
            down: self.down,
        })
    }
}

/// [`generate`] up to the writing: every check and refusal, nothing on disk.
pub fn prepare(
    dir: &Path,
    name: &str,
    models: &Schema,
    options: &Options,
) -> Result<Prepared, MigrateError> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(MigrateError::BadName(name.to_owned()));
    }
    crate_files::check_is_crate(dir)?;
    let state = read_state(dir)?;
    let forward = renames(&state, models);
    let up = plan_online(&state, models, &forward).map_err(|e| MigrateError::Unsupported(e.0))?;
    if up.is_empty() {
        return Err(MigrateError::NothingToDo);
    }
    refuse_losses(&up, options.allow_destructive)?;
    let backward: Vec<Rename> = forward
        .iter()
        .map(|(t, old, new)| (t.clone(), new.clone(), old.clone()))
        .collect();
    let down =
        plan_online(models, &state, &backward).map_err(|e| MigrateError::Unsupported(e.0))?;
    let unparsable: Vec<String> = unparsable("up()", &up)
        .chain(unparsable("down()", &down))
        .collect();
    if !unparsable.is_empty() {
        return Err(MigrateError::Unparsable(unparsable));
    }

    let src = dir.join("src");
    let existing = existing_migrations(&src)?;
    let requested = options.timestamp.clone().unwrap_or_else(timestamp::now);
    let module = format!(
        "m{}_{name}",
        timestamp::after_existing(requested, &existing)
    );
    let path = src.join(format!("{module}.rs"));
    if path.exists() {
        return Err(MigrateError::Exists(path));
    }
    let lib_path = src.join("lib.rs");
    let lib = std::fs::read_to_string(&lib_path)
        .map_err(|e| MigrateError::Io(format!("cannot read {}: {e}", lib_path.display())))?;
    let lib = crate_files::add_to_lib(&lib, &module).map_err(MigrateError::NotACrate)?;
    let source = migration_source_with(
        &format!("Migration {module}: {} step(s)", up.len()),
        &up,
        &down,
        options.timeouts,
    );
    let state_text = serde_json::to_string_pretty(models).expect("a schema serializes") + "\n";
    Ok(Prepared {
        files: vec![
            (path.clone(), source),
            (lib_path, lib),
            (dir.join(STATE_FILE), state_text),
        ],
        module,
        path,
        state,
        up,
        down,
    })
}

/// Starts a migration crate at `dir` (which must not exist or be empty): `Cargo.toml`,
/// `src/main.rs`, `src/lib.rs` listing no migration yet, and the state file of an empty
/// database. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, MigrateError> {
    let files = crate_files::scaffold(dir)?;
    std::fs::create_dir_all(dir.join("src"))
        .map_err(|e| MigrateError::Io(format!("cannot create {}: {e}", dir.display())))?;
    write_all(&files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
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
        if path.extension().is_some_and(|e| e == "rs") {
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
pub(crate) fn rustfmt(file: &Path, target: &Path) {
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
