//! The long fuzzing run: `embargo-fuzz TARGET|all [--runs N] [--seed S]`.
//! Prints, per target, the inputs tried, the time, inputs per second and the
//! slowest input; a crash writes its input to `crashes/<target>-<n>` and exits 1.
#![allow(clippy::print_stdout, clippy::print_stderr)] // reporting is this binary's job

use std::process::ExitCode;

use embargo_fuzz::{TARGETS, run};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let option = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.replace('_', "").parse().ok())
            .unwrap_or(default)
    };
    let runs = option("--runs", 1_000_000);
    let seed = option("--seed", 1);
    let wanted = args.first().map(String::as_str).unwrap_or("all");
    let targets: Vec<_> = TARGETS
        .iter()
        .filter(|t| wanted == "all" || t.name == wanted)
        .collect();
    if targets.is_empty() {
        let names: Vec<_> = TARGETS.iter().map(|t| t.name).collect();
        eprintln!("no target {wanted:?}; targets: all, {}", names.join(", "));
        return ExitCode::from(2);
    }
    println!("| target | inputs | seconds | inputs/s | slowest input |");
    println!("|---|---:|---:|---:|---:|");
    for target in targets {
        match run(target, runs, seed) {
            Ok(report) => println!(
                "| {} | {} | {:.0} | {:.0} | {:.1} ms |",
                target.name,
                report.inputs,
                report.elapsed.as_secs_f64(),
                report.inputs as f64 / report.elapsed.as_secs_f64(),
                report.slowest.0.as_secs_f64() * 1000.0
            ),
            Err(crash) => {
                let _ = std::fs::create_dir_all("crashes");
                let path = format!("crashes/{}-{seed}", target.name);
                let _ = std::fs::write(&path, &crash.input);
                eprintln!(
                    "{}: panicked ({}); input in {path}",
                    target.name, crash.message
                );
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
