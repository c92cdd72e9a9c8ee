//! glibc's allocator, set for a process that stays open all day. By default it
//! raises its threshold for returning large blocks to the system to the size of the
//! largest block freed so far, and gives every thread that allocates its own arena;
//! after unlocking and listing a large vault, the shell held ~15 MB of freed memory
//! it would never reuse (BENCHMARKS.md, "Desktop app"). The settings are read only
//! when a process starts, so the app starts itself once more with them: the same
//! process id, before anything else has run. Someone who sets `GLIBC_TUNABLES`
//! themselves keeps theirs.

/// A fixed threshold of 128 KiB (glibc's initial one, no longer raised), the same
/// for trimming the heap's top, and two arenas.
#[cfg(target_os = "linux")]
const TUNABLES: &str = "glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072:glibc.malloc.arena_max=2";

/// Replace this process by itself with the allocator settings, unless they are set.
pub fn restart_with_settings() {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt as _;

        if std::env::var_os("GLIBC_TUNABLES").is_some() {
            return;
        }
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let mut args = std::env::args_os();
        let mut command = std::process::Command::new(exe);
        if let Some(name) = args.next() {
            command.arg0(name);
        }
        // `exec` returns only if it failed; the app then runs with glibc's defaults.
        let error = command.args(args).env("GLIBC_TUNABLES", TUNABLES).exec();
        crate::warn(&format!(
            "could not restart with the allocator settings: {error}"
        ));
    }
}
