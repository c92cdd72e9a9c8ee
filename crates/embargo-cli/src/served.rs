//! Carrying out a terminal's command on the session of the process that holds the
//! vault unlocked (the app or the agent): the same commands, printing into buffers
//! that go back over the channel.

use std::ffi::OsString;
use std::path::Path;

use clap::Parser as _;
use embargo_api::Session;
use embargo_serve::{CommandRequest, Response};

use crate::cli::Cli;
use crate::context::{self, Context};
use crate::route::{Route, route};

/// Run `request` on `session` (the vault in `vault_dir`). The session is held only
/// for this call; `cancelled` turns true when the vault is being locked, and long
/// work (an import, a sync pass) then stops without committing.
pub fn serve_request(
    session: &mut Session,
    vault_dir: &Path,
    request: CommandRequest,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Response {
    let argv = std::iter::once(OsString::from("embargo"))
        .chain(request.args.into_iter().map(OsString::from));
    let mut cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(error) => {
            let text = error.render().to_string().into_bytes();
            let (stdout, stderr) = if error.use_stderr() {
                (Vec::new(), text)
            } else {
                (text, Vec::new())
            };
            return Response::Done {
                exit: u8::try_from(error.exit_code()).unwrap_or(2),
                stdout,
                stderr,
            };
        }
    };
    if let Route::Here(why) = route(&cli.command) {
        return Response::Done {
            exit: 1,
            stdout: Vec::new(),
            stderr: format!(
                "error: this command does not run through the Embargo app or agent: {why}\n"
            )
            .into_bytes(),
        };
    }
    // The served vault, whatever the client's environment said; no passphrase.
    cli.global.vault = Some(vault_dir.to_path_buf());
    cli.global.passphrase_file = None;
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let exit = match context::clock_of(&cli.global) {
        Err(error) => {
            stderr = format!("error: {error:#}\n").into_bytes();
            1
        }
        Ok(clock) => {
            let own_clock = session.replace_clock(clock.clone());
            let exit = {
                let context = Context::served(
                    cli.global,
                    clock,
                    &mut *session,
                    request.cwd,
                    request.stdin,
                    &mut stdout,
                    &mut stderr,
                    cancelled,
                );
                crate::finish(&context, cli.command)
            };
            session.replace_clock(own_clock);
            exit
        }
    };
    Response::Done {
        exit,
        stdout,
        stderr,
    }
}
