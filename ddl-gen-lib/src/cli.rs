//! The command line: `ddl_gen::cli::run(models::schema())` is a user's whole generator binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
}

#[derive(clap::Args, Debug)]
struct MigrateArgs {
    /// The migration's name (lower case, digits, _), e.g. add_product_weight.
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
}

#[derive(clap::Args, Debug)]
struct VerifyArgs {
    /// The database to check (the role needs CREATEDB: the models are built in a scratch
    /// database on the same server).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: String,
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
                println!("migrate --check: the models match the last migration's schema");
                ExitCode::SUCCESS
            }
            Ok(steps) => {
                eprintln!(
                    "ddl-gen: the models changed without a migration ({} step(s) pending):",
                    steps.len()
                );
                for s in &steps {
                    eprintln!("  - {}", s.summary);
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
    let options = Options {
        allow_destructive: args.allow_destructive,
        timestamp: None,
    };
    match migration::generate(&args.dir, name, schema, &options) {
        Ok(generated) => {
            println!(
                "wrote {} ({} step(s) up, {} down)",
                generated.path.display(),
                generated.up.len(),
                generated.down.len()
            );
            for s in &generated.up {
                println!("  - {}", s.summary);
            }
            ExitCode::SUCCESS
        }
        Err(MigrateError::NothingToDo) => {
            println!("{}", MigrateError::NothingToDo);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ddl-gen: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Exit 0 when the database matches, 1 with every difference, 2 when it could not tell.
fn verify(schema: &Schema, args: &VerifyArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ddl-gen: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(crate::verify::verify(&args.database_url, schema)) {
        Ok(report) if report.differences.is_empty() => {
            println!(
                "verify: the database matches the models ({} tables)",
                report.tables
            );
            ExitCode::SUCCESS
        }
        Ok(report) => {
            for d in &report.differences {
                println!("{d}");
            }
            let n = report.differences.len();
            eprintln!(
                "ddl-gen: {n} difference{} between the database and the models",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("ddl-gen: {e}");
            ExitCode::from(2)
        }
    }
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
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(script.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write to stdout: {e}")),
            }
        }
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
