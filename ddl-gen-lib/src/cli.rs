//! The command line: `ddl_gen::cli::run(models::schema())` is a user's whole generator binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use model_core::{Schema, SchemaError};

use crate::render::{self, CreateOptions};

#[derive(Parser, Debug)]
#[command(name = "ddl-gen", about = "PostgreSQL DDL from SeaORM models", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the create script, in one transaction (the default command).
    Sql(SqlArgs),
    /// Compare a live database with the models; print every difference (exit 1 on any).
    Verify(VerifyArgs),
    /// Write the next SeaORM migration from the models' changes since the last one.
    Migrate(MigrateArgs),
    /// Print the create script of a live database as this tool reads it, then name what it
    /// could not hold (no models involved).
    Inspect(InspectArgs),
    /// Compare two live databases: one line per difference (exit 0 equal, 1 different, 2 could
    /// not tell).
    Diff(DiffArgs),
    /// Write models for a live database: one SeaORM entity per table with its #[pg(...)] keys,
    /// the enum types, and mod.rs with schema() (no models involved).
    Import(ImportArgs),
}

/// How long a command that reads a live database waits for a lock.
#[derive(clap::Args, Debug)]
struct Waiting {
    /// Give up on a lock another session holds after this many seconds, naming the session.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds)]
    lock_timeout: Duration,
}

/// sea-orm-migration's history table, which comparisons set aside.
#[derive(clap::Args, Debug)]
struct History {
    /// The name of sea-orm-migration's history table, not compared (in whatever schema).
    #[arg(long, value_name = "NAME", default_value = crate::history::DEFAULT_TABLE)]
    migration_table: String,
}

/// The line that says the history table was set aside, once.
fn history_note(tables: &[model_core::QualifiedName]) {
    for t in tables {
        eprintln!(
            "ddl-gen: not compared: {t}, sea-orm-migration's history of applied migrations (--migration-table names another)"
        );
    }
}

/// A positive number of seconds.
fn seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|s| *s > 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| format!("{text:?} is not a positive number of seconds"))
}

#[derive(clap::Args, Debug)]
struct InspectArgs {
    /// The database to read.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: String,
    /// A schema to read (repeatable); default: every schema but the system's and extensions'.
    #[arg(long = "schema", value_name = "SCHEMA")]
    schemas: Vec<String>,
    #[command(flatten)]
    waiting: Waiting,
}

#[derive(clap::Args, Debug)]
struct ImportArgs {
    /// The database to read.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: String,
    /// The directory to write the models into; it must not exist, or be empty.
    #[arg(long, value_name = "DIR")]
    out: std::path::PathBuf,
    /// A schema to import (repeatable); default: every schema but the system's and extensions'.
    #[arg(long = "schema", value_name = "SCHEMA")]
    schemas: Vec<String>,
    #[command(flatten)]
    waiting: Waiting,
    #[command(flatten)]
    history: History,
}

#[derive(clap::Args, Debug)]
struct DiffArgs {
    /// The database the changes start from.
    #[arg(long)]
    from: String,
    /// The database the changes lead to.
    #[arg(long)]
    to: String,
    /// A schema to compare (repeatable); default: every schema either side's users made.
    #[arg(long = "schema", value_name = "SCHEMA")]
    schemas: Vec<String>,
    /// Also exit 1 when either side holds an object this tool cannot compare (with --sql:
    /// print no script).
    #[arg(long)]
    strict: bool,
    /// Print the all-or-nothing script that turns `from` into `to`, instead of the differences.
    #[arg(long)]
    sql: bool,
    /// With --sql: include steps that lose data (dropped tables or columns, narrowing type
    /// changes).
    #[arg(long, requires = "sql")]
    allow_destructive: bool,
    #[command(flatten)]
    waiting: Waiting,
    #[command(flatten)]
    history: History,
}

#[derive(clap::Args, Debug)]
struct MigrateArgs {
    /// The migration's name (lower case, digits, _), e.g. add_product_weight; `init` starts a
    /// new migration crate in --dir instead.
    #[arg(required_unless_present = "check")]
    name: Option<String>,
    /// Write nothing; exit 1 naming the changes when the models changed without a migration.
    #[arg(long, conflicts_with_all = ["name", "allow_destructive"])]
    check: bool,
    /// The migration crate.
    #[arg(long, default_value = "migration")]
    dir: PathBuf,
    /// Write steps that lose data (dropped tables or columns, narrowing type changes).
    #[arg(long)]
    allow_destructive: bool,
    /// How long the migration's statements may wait for a lock before it fails (and changes
    /// nothing), written into the migration.
    #[arg(long, value_name = "SECONDS", default_value = "5", value_parser = seconds, conflicts_with = "check")]
    lock_timeout: Duration,
    /// How long each of the migration's statements may run before it fails (and changes
    /// nothing), written into the migration.
    #[arg(long, value_name = "SECONDS", default_value = "1800", value_parser = seconds, conflicts_with = "check")]
    statement_timeout: Duration,
    /// Before writing, run the migration's up, down and up again on a scratch database of this
    /// server (built from the last migration's schema), verifying each result; write nothing
    /// if one fails. The role needs CREATEDB.
    #[arg(long, value_name = "URL", conflicts_with = "check")]
    rehearse: Option<String>,
    /// With `baseline`: the database whose history starts (it must verify clean against the
    /// models).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// With `baseline`: the crate's history table, if its lib.rs names another.
    #[arg(long, value_name = "NAME", default_value = crate::history::DEFAULT_TABLE)]
    history_table: String,
}

#[derive(clap::Args, Debug)]
struct VerifyArgs {
    /// The database to check (the role needs CREATEDB: the models are built in a scratch
    /// database on the same server).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: String,
    /// Also exit 1 when the database holds an object this tool cannot compare (CI's mode).
    #[arg(long)]
    strict: bool,
    /// Build the models in a scratch database even when their normal form is cached (it is
    /// kept beside this binary, under `target/` for `cargo run`, and used only for the same
    /// script, server and binary).
    #[arg(long)]
    no_cache: bool,
    #[command(flatten)]
    waiting: Waiting,
    #[command(flatten)]
    history: History,
}

#[derive(clap::Args, Debug, Default)]
struct SqlArgs {
    /// A re-runnable script: running it twice changes nothing the second time.
    #[arg(long, conflicts_with = "drop")]
    if_not_exists: bool,
    /// The reverse script: drops everything the create script makes.
    #[arg(long)]
    drop: bool,
    /// Write to this file (atomically: complete or not at all) instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// What `run` accepts: a built schema, or the result of `build()`, whose problems are reported
/// on stderr with exit code 1.
pub trait IntoSchema {
    fn into_schema(self) -> Result<Schema, SchemaError>;
}

impl IntoSchema for Schema {
    fn into_schema(self) -> Result<Schema, SchemaError> {
        Ok(self)
    }
}

impl IntoSchema for Result<Schema, SchemaError> {
    fn into_schema(self) -> Result<Schema, SchemaError> {
        self
    }
}

/// Runs the command line against `schema` and returns the process exit code.
pub fn run(schema: impl IntoSchema) -> ExitCode {
    run_with_args(schema, std::env::args_os())
}

/// [`run`] with explicit arguments (the first is the program name).
pub fn run_with_args<I, T>(schema: impl IntoSchema, args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // The commands that read databases need no models.
    match &cli.command {
        Some(Command::Inspect(args)) => return inspect(args),
        Some(Command::Diff(args)) => return diff(args),
        Some(Command::Import(args)) => return import(args),
        _ => {}
    }
    let schema = match schema.into_schema() {
        Ok(schema) => schema,
        Err(e) => {
            eprint!("ddl-gen: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command.unwrap_or(Command::Sql(SqlArgs::default())) {
        Command::Sql(args) => sql(&schema, &args),
        Command::Verify(args) => return verify(&schema, &args),
        Command::Migrate(args) => return migrate(&schema, &args),
        Command::Inspect(_) | Command::Diff(_) | Command::Import(_) => {
            unreachable!("handled before the models")
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ddl-gen: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `migrate <name>`: exit 0 with the file written; `migrate --check`: exit 0 when in sync, 1
/// naming the pending changes. Errors exit 1 (2 for --check, which could not tell).
fn migrate(schema: &Schema, args: &MigrateArgs) -> ExitCode {
    use crate::migration::{self, MigrateError, Options};
    if args.check {
        return match migration::pending(&args.dir, schema) {
            Ok(steps) if steps.is_empty() => {
                say(&["migrate --check: the models match the last migration's schema".into()]);
                ExitCode::SUCCESS
            }
            Ok(steps) => {
                eprintln!(
                    "ddl-gen: the models changed without a migration ({} step(s) pending):",
                    steps.len()
                );
                for s in &steps {
                    eprintln!("  - {}", step_line(s));
                }
                eprintln!("write one with: ddl-gen migrate <name>");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("ddl-gen: {e}");
                ExitCode::from(2)
            }
        };
    }
    let name = args.name.as_deref().unwrap_or_default();
    if name == "init" {
        return match migration::init(&args.dir) {
            Ok(files) => {
                let mut lines = vec![format!(
                    "started a migration crate in {} (no migration yet):",
                    args.dir.display()
                )];
                lines.extend(files.iter().map(|f| format!("  - {}", f.display())));
                lines.push(format!(
                    "next: ddl-gen migrate <name> --dir {}; run it with DATABASE_URL=.. cargo run --manifest-path {} -- up",
                    args.dir.display(),
                    args.dir.join("Cargo.toml").display()
                ));
                say(&lines);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("ddl-gen: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let options = Options {
        allow_destructive: args.allow_destructive,
        timestamp: None,
        timeouts: migration::Timeouts {
            lock: args.lock_timeout,
            statement: args.statement_timeout,
        },
    };
    if name == "baseline" {
        if args.rehearse.is_some() {
            eprintln!(
                "ddl-gen: --rehearse does not apply to baseline, which runs nothing: it verifies the database against the models instead"
            );
            return ExitCode::FAILURE;
        }
        return baseline(schema, args, &options);
    }
    let prepared = migration::prepare(&args.dir, name, schema, &options);
    let (prepared, rehearsed) = match (prepared, &args.rehearse) {
        (Ok(prepared), Some(url)) => {
            let rehearsal = crate::rehearse::rehearse(
                url,
                &prepared.state,
                schema,
                &prepared.up,
                &prepared.down,
            );
            // A failed rehearsal refuses the migration (exit 1), as the planner's refusals do.
            match run_async(async { Ok::<_, std::convert::Infallible>(rehearsal.await) }) {
                Ok(Ok(lines)) => (Ok(prepared), lines),
                Ok(Err(e)) => {
                    eprintln!("ddl-gen: {e}");
                    return ExitCode::FAILURE;
                }
                Err(code) => return code,
            }
        }
        (prepared, _) => (prepared, Vec::new()),
    };
    match prepared.and_then(migration::Prepared::write) {
        Ok(generated) => {
            let mut lines = vec![format!(
                "wrote {} ({} step(s) up, {} down)",
                generated.path.display(),
                generated.up.len(),
                generated.down.len()
            )];
            lines.extend(generated.up.iter().map(|s| format!("  - {}", step_line(s))));
            if !rehearsed.is_empty() {
                lines.push(
                    "rehearsed on a scratch database (dropped since), before writing:".into(),
                );
                lines.extend(rehearsed.iter().map(|l| format!("  - {l}")));
            }
            if generated.up.iter().any(|s| !s.hazards.is_empty()) {
                lines.push(
                    "hazards on a live database are listed at the top of the file (and above in [..])"
                        .into(),
                );
            }
            say(&lines);
            ExitCode::SUCCESS
        }
        Err(MigrateError::NothingToDo) => {
            say(&[MigrateError::NothingToDo.to_string()]);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ddl-gen: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `migrate baseline`: the first migration written and recorded as applied, once the
/// database verifies clean. Exit 0 done, 1 refused (nothing written, nothing recorded).
fn baseline(schema: &Schema, args: &MigrateArgs, options: &crate::migration::Options) -> ExitCode {
    let Some(url) = &args.database_url else {
        eprintln!(
            "ddl-gen: migrate baseline needs the database whose history starts: --database-url URL (or DATABASE_URL)"
        );
        return ExitCode::FAILURE;
    };
    let work = crate::baseline::baseline(&args.dir, schema, url, &args.history_table, options);
    match run_async(async { Ok::<_, std::convert::Infallible>(work.await) }) {
        Ok(Ok(done)) => {
            for item in &done.not_compared {
                eprintln!(
                    "ddl-gen: warning: not carried by the migrations (the models cannot hold it; a database built from them lacks it): {item}"
                );
            }
            say(&[
                format!(
                    "the database verifies clean against the models ({} tables); wrote {} ({} step(s) up, {} down) and recorded it in {} as applied, without running it",
                    done.tables,
                    done.generated.path.display(),
                    done.generated.up.len(),
                    done.generated.down.len(),
                    args.history_table
                ),
                "next: change the models, ddl-gen migrate <name>, then the migration crate's `up` runs only that".into(),
            ]);
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            eprintln!("ddl-gen: {e}");
            ExitCode::FAILURE
        }
        Err(code) => code,
    }
}

/// A step's summary and, when it has any, its hazards: `summary  [tag, tag] what; what`.
fn step_line(step: &crate::migration::Step) -> String {
    let summary = crate::compare::report::one_line(&step.summary);
    if step.hazards.is_empty() {
        return summary;
    }
    let hazards = crate::migration::hazard::line(&step.hazards);
    format!("{summary}  {}", crate::compare::report::one_line(&hazards))
}

/// Runs `work` to its end; an error (it could not tell) is printed and exits 2.
fn run_async<T, E: std::fmt::Display>(
    work: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, ExitCode> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            eprintln!("ddl-gen: cannot start the async runtime: {e}");
            ExitCode::from(2)
        })?;
    runtime.block_on(work).map_err(|e| {
        eprintln!("ddl-gen: {e}");
        ExitCode::from(2)
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints a comparison's lines; exit 0 when equal, 1 when different or (with `strict`) when
/// something could not be compared.
fn comparison_outcome(
    differences: &[String],
    not_compared: &[String],
    strict: bool,
    between: &str,
    equal: &str,
) -> ExitCode {
    let mut out = std::io::stdout().lock();
    for line in differences.iter().chain(not_compared) {
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    if differences.is_empty() {
        let _ = writeln!(out, "{equal}");
    } else {
        eprintln!(
            "ddl-gen: {} between {between}",
            plural(differences.len(), "difference", "differences")
        );
    }
    if !not_compared.is_empty() {
        eprintln!(
            "ddl-gen: {} not compared: the tool cannot represent {} yet{}",
            plural(not_compared.len(), "object", "objects"),
            if not_compared.len() == 1 {
                "it"
            } else {
                "them"
            },
            if strict {
                " (--strict: exit 1)"
            } else {
                "; --strict makes that an error"
            }
        );
    }
    if !differences.is_empty() || (strict && !not_compared.is_empty()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Exit 0 when the database matches, 1 with every difference, 2 when it could not tell.
fn verify(schema: &Schema, args: &VerifyArgs) -> ExitCode {
    let options = crate::verify::Options {
        lock_timeout: args.waiting.lock_timeout,
        history_table: args.history.migration_table.clone(),
        cache_dir: if args.no_cache {
            None
        } else {
            crate::normal_form::default_dir()
        },
    };
    let report = match run_async(crate::verify::verify_with(
        &args.database_url,
        schema,
        &options,
    )) {
        Ok(report) => report,
        Err(code) => return code,
    };
    history_note(&report.history_tables);
    if report.cached {
        eprintln!(
            "ddl-gen: the models' normal form came from the cache (same script, server and binary); --no-cache builds it again"
        );
    }
    let differences: Vec<String> = report.differences.iter().map(|d| d.to_string()).collect();
    let not_compared: Vec<String> = report
        .not_compared
        .iter()
        .map(|n| format!("not compared: {}", crate::inspect::one_line(&n.to_string())))
        .collect();
    comparison_outcome(
        &differences,
        &not_compared,
        args.strict,
        "the database and the models",
        &format!(
            "verify: the database matches the models ({})",
            plural(report.tables, "table", "tables")
        ),
    )
}

/// The live database's create script on stdout; exit 2 when it cannot be read.
fn inspect(args: &InspectArgs) -> ExitCode {
    let reading = match run_async(crate::inspect::read_database(
        &args.database_url,
        &args.schemas,
        args.waiting.lock_timeout,
    )) {
        Ok(reading) => reading,
        Err(code) => return code,
    };
    if let Err(e) = print(&crate::inspect::inspect_script(&reading)) {
        eprintln!("ddl-gen: {e}");
        return ExitCode::FAILURE;
    }
    if !reading.not_held.is_empty() {
        eprintln!(
            "ddl-gen: {} not carried over (listed at the end of the script)",
            plural(reading.not_held.len(), "object", "objects")
        );
    }
    ExitCode::SUCCESS
}

/// The live database as models in `--out`; what they cannot say listed on stderr. Exit 0
/// written, 1 not written, 2 the database could not be read.
fn import(args: &ImportArgs) -> ExitCode {
    let mut reading = match run_async(crate::inspect::read_database(
        &args.database_url,
        &args.schemas,
        args.waiting.lock_timeout,
    )) {
        Ok(reading) => reading,
        Err(code) => return code,
    };
    let history =
        crate::history::set_aside(&mut reading.schema, &args.history.migration_table, None);
    for t in &history {
        eprintln!(
            "ddl-gen: not imported: {t}, sea-orm-migration's history (--migration-table names another)"
        );
    }
    let imported = crate::import::import(&reading);
    let written = match crate::import::write(&args.out, &imported) {
        Ok(written) => written,
        Err(e) => {
            eprintln!("ddl-gen: {e}");
            return ExitCode::FAILURE;
        }
    };
    for item in &imported.not_imported {
        eprintln!("ddl-gen: not imported: {item}");
    }
    let tables = written
        .iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == "rs")
                && !matches!(
                    p.file_name().and_then(|n| n.to_str()),
                    Some("mod.rs" | "enums.rs")
                )
        })
        .count();
    eprintln!(
        "ddl-gen: wrote {} to {} ({}){}",
        plural(written.len(), "file", "files"),
        args.out.display(),
        plural(tables, "entity", "entities"),
        if imported.not_imported.is_empty() {
            String::new()
        } else {
            format!(
                "; {} not imported, listed above and in not_imported.sql",
                plural(imported.not_imported.len(), "object", "objects")
            )
        }
    );
    ExitCode::SUCCESS
}

/// Exit 0 equal, 1 different (or, with --strict, not all compared), 2 could not tell.
fn diff(args: &DiffArgs) -> ExitCode {
    if args.sql {
        return diff_sql(args);
    }
    let report = match run_async(crate::inspect::diff(
        &args.from,
        &args.to,
        &args.schemas,
        args.waiting.lock_timeout,
        &args.history.migration_table,
    )) {
        Ok(report) => report,
        Err(code) => return code,
    };
    history_note(&report.history_tables);
    let differences: Vec<String> = report.differences.iter().map(|d| d.to_string()).collect();
    comparison_outcome(
        &differences,
        &report.not_compared_lines(),
        args.strict,
        "from and to",
        "diff: the two databases are equal in what this tool compares",
    )
}

/// `diff --sql`: exit 0 with the script on stdout (an empty transaction when the databases are
/// equal); 1 when it is refused (steps that lose data without --allow-destructive; with
/// --strict, objects that could not be compared), naming why, with nothing on stdout; 2 when it
/// could not tell.
fn diff_sql(args: &DiffArgs) -> ExitCode {
    use crate::migration::{MigrateError, column_order_left, script, steps_between};
    let pair = match run_async(crate::inspect::read_pair(
        &args.from,
        &args.to,
        &args.schemas,
        args.waiting.lock_timeout,
        &args.history.migration_table,
    )) {
        Ok(pair) => pair,
        Err(code) => return code,
    };
    history_note(&pair.history_tables);
    let not_compared = crate::inspect::not_compared_lines(&pair.not_compared());
    for line in &not_compared {
        eprintln!("ddl-gen: {line}");
    }
    if args.strict && !not_compared.is_empty() {
        eprintln!(
            "ddl-gen: no script: {} not compared, so the script would not carry {} (--strict)",
            plural(not_compared.len(), "object is", "objects are"),
            if not_compared.len() == 1 {
                "it"
            } else {
                "them"
            }
        );
        return ExitCode::FAILURE;
    }
    let steps = match steps_between(&pair.from.schema, &pair.to.schema, args.allow_destructive) {
        Ok(steps) => steps,
        Err(MigrateError::Destructive(losing)) => {
            eprintln!("ddl-gen: no script: it would lose data. Steps that lose data:");
            for l in &losing {
                eprintln!("  - {l}");
            }
            eprintln!("Run again with --allow-destructive to include them.");
            return ExitCode::FAILURE;
        }
        Err(MigrateError::Unparsable(refused)) => {
            eprintln!(
                "ddl-gen: no script: PostgreSQL's parser refuses statements generated from what was read (a bug in ddl-gen; please report it with the statements):"
            );
            for r in &refused {
                eprintln!("  - {r}");
            }
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("ddl-gen: no script: {e}");
            return ExitCode::from(2);
        }
    };
    let mut not_carried = not_compared;
    for t in column_order_left(&pair.from.schema, &pair.to.schema) {
        let line = format!(
            "not in the script: the column order of {} (PostgreSQL adds a column at the end and cannot move one; `diff` reports it until the table is rebuilt)",
            crate::inspect::one_line(&t.to_string())
        );
        eprintln!("ddl-gen: {line}");
        not_carried.push(line);
    }
    let label = |url: &str| crate::connect::Target::parse(url).map_or_else(|e| e, |t| t.label);
    let mut text = format!(
        "-- Generated by ddl-gen diff --sql: turns {} into {} ({}).\n",
        label(&args.from),
        label(&args.to),
        plural(steps.len(), "step", "steps")
    );
    if !not_carried.is_empty() {
        text.push_str("-- Not carried over:\n");
        for line in &not_carried {
            text.push_str(&format!("--   {line}\n"));
        }
    }
    text.push_str(&script(&steps));
    if let Err(e) = print(&text) {
        eprintln!("ddl-gen: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "ddl-gen: {} from {} to {}",
        plural(steps.len(), "step", "steps"),
        label(&args.from),
        label(&args.to)
    );
    ExitCode::SUCCESS
}

fn sql(schema: &Schema, args: &SqlArgs) -> Result<(), String> {
    let script = if args.drop {
        render::drop_script(schema)
    } else {
        render::create_script(
            schema,
            CreateOptions {
                if_not_exists: args.if_not_exists,
            },
        )
    };
    match &args.output {
        Some(path) => write_atomically(path, &script),
        None => print(&script),
    }
}

/// Lines to stdout; a reader that went away (`| head`) stops them quietly.
fn say(lines: &[String]) {
    let mut text = lines.join("\n");
    text.push('\n');
    let _ = print(&text);
}

/// Writes `text` to stdout; a reader that went away (`| head`) is not an error.
fn print(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to stdout: {e}")),
    }
}

/// Writes beside the target, then renames over it: readers see the old file or the new one.
fn write_atomically(path: &Path, content: &str) -> Result<(), String> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file path", path.display()))?;
    let tmp = path.with_file_name(format!(".{}.tmp", name.to_string_lossy()));
    let result = std::fs::write(&tmp, content).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    Ok(())
}
