//! Tauri's build step. It embeds the built UI (`ui/dist`); when the UI has not been
//! built yet, a placeholder page stands in so that `cargo build --workspace` and the
//! core crates' tests never need Node. `scripts/start.sh` and `scripts/test.sh`
//! build the real UI first.
use std::path::Path;

fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist");
    if !dist.join("index.html").exists() {
        std::fs::create_dir_all(&dist).expect("create ui/dist");
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><meta charset=utf-8><title>Embargo</title>\
             <p>The UI is not built: run <code>npm ci &amp;&amp; npm run build</code> in <code>ui/</code>, then rebuild.",
        )
        .expect("write placeholder ui/dist/index.html");
    }
    tauri_build::build();
}
