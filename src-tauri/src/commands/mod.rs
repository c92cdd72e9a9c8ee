//! The Tauri commands: one small adapter per use case, grouped by screen.

pub mod cases;
pub mod deadlines;
pub mod drafts;
pub mod exports;
pub mod intake;
pub mod settings;
pub mod team;
pub mod triage;
pub mod vault;
