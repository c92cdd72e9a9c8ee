//! How the web view is configured. WebKitGTK starts set up for a web browser:
//! browser-sized memory caches, WebGL, Web Audio and media. Embargo shows one local
//! page of forms and lists, so the cache model is the one WebKit documents for an
//! application that shows a single local document, and the engine features the UI
//! never uses (WebGL, Web Audio, media, the back/forward page cache, DNS
//! prefetching, HTML5 databases) are off: less engine reachable from the page.
//! Neither changed the memory measurably (within 3 MB; BENCHMARKS.md, "Desktop app").
//!
//! Accelerated compositing stays on. Turning it off saved ~90 MB in the web process
//! under Xvfb, but with it off WebKitGTK 2.50 hung taking a snapshot of the import
//! screen (the WebDriver screenshot in `tests/e2e/desk.test.mjs`), and a renderer
//! that can hang is worse than a large one.

/// Configure the main window's web view for a single local page.
pub fn configure(window: &tauri::WebviewWindow) {
    let configured = window.with_webview(|webview| {
        #[cfg(target_os = "linux")]
        linux::configure(&webview.inner());
        #[cfg(not(target_os = "linux"))]
        let _ = webview;
    });
    if let Err(error) = configured {
        crate::warn(&format!("could not configure the web view: {error}"));
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use webkit2gtk::{CacheModel, SettingsExt as _, WebContextExt as _, WebViewExt as _};

    pub fn configure(view: &webkit2gtk::WebView) {
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        let Some(settings) = view.settings() else {
            return;
        };
        settings.set_enable_page_cache(false);
        settings.set_enable_webgl(false);
        settings.set_enable_webaudio(false);
        settings.set_enable_media(false);
        settings.set_enable_media_stream(false);
        settings.set_enable_mediasource(false);
        settings.set_enable_encrypted_media(false);
        settings.set_enable_dns_prefetching(false);
        settings.set_enable_html5_database(false);
        settings.set_enable_offline_web_application_cache(false);
    }
}
