//! The `embargo` binary: everything is in the library, so the app and the agent
//! serve the very same commands.

fn main() -> std::process::ExitCode {
    embargo_cli::run_in_terminal()
}
