// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> anyhow::Result<()> {
    embargo_desk::allocator::restart_with_settings();
    embargo_desk::run()
}
