//! How the web view is configured. WebKitGTK starts set up for a web browser:
//! browser-sized memory caches, WebGL, Web Audio and media. Embargo shows one local
//! page of forms and lists, so the cache model is the one WebKit documents for an
//! application that shows a single local document, and the engine features the UI
//! never uses (WebGL, Web Audio, media, the back/forward page cache, DNS
//! prefetching, HTML5 databases) are off: less engine reachable from the page.
//! Neither changed the memory measurably (within 3 MB; BENCHMARKS.md, "Desktop app").
//!
//! Accelerated compositing is off. WebKitGTK 2.50 composites every page through GL
//! (Mesa's llvmpipe where there is no GPU, as under Xvfb): LLVM, its shader JIT and
//! the tiles' textures cost the web process ~90 MB for a page of forms and lists
//! that never scrolls a layer, animates or plays video. Without it the web process
//! paints with Skia on the CPU and the app stays within 1.2x of WebKit's own
//! MiniBrowser (BENCHMARKS.md, "Desktop app"). Evolution and Eclipse's browser
//! widget make the same choice on GTK 3.
//!
//! One engine path behaves differently without compositing: a snapshot of the page
//! (what WebDriver's screenshot asks for) waits for the next rendering update, and a
//! page that is not changing makes none, so the snapshot waits for ever. The window
//! itself draws every change; nothing in the app takes snapshots. The end-to-end
//! harness makes a harmless repaint before each screenshot
//! (`tests/e2e/webdriver.mjs`).

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
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt as _, WebContextExt as _,
        WebViewExt as _,
    };

    pub fn configure(view: &webkit2gtk::WebView) {
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        let Some(settings) = view.settings() else {
            return;
        };
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
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
