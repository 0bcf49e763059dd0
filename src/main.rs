//! The `am2amp` binary: parses arguments, renders diagnostics, sets the exit code.

fn main() -> std::process::ExitCode {
    am2amp::cli::main()
}
