//! Format-2 team folders: a team that grows, shrinks and survives hostile writers.
//! Real vaults on disk, a real folder, only what an attacker really has.

mod attachments;
mod common;
mod dead_share;
mod dead_share_team;
mod dead_share_v1;
mod growth;
mod hostile;
mod stock_age;
mod upgrade;
