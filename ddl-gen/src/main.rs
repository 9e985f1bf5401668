fn main() -> std::process::ExitCode {
    ddl_gen::cli::run(models::schema())
}
