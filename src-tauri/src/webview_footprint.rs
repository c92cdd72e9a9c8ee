//! How the web view is configured. WebKitGTK starts set up for a web browser:
//! accelerated compositing, browser-sized memory caches, WebGL, Web Audio and media.
//! Embargo shows one local page of forms and lists, so:
//!
//! - Accelerated compositing is off. It was most of the gap to WebKitGTK's own floor:
//!   the web process held ~90 MB more with it (measured under Xvfb, where the GL is
//!   Mesa's software rasteriser; `scripts/bench-desk.sh`, BENCHMARKS.md "Desktop
//!   app"). The page has no 3D transforms, video or canvas that would need it, and it
//!   also avoids the GPU-driver problems WebKitGTK is known for (blank windows).
//! - The cache model is the one WebKit documents for an application that shows a
//!   single local document, and the engine features the UI never uses (WebGL, Web
//!   Audio, media, the back/forward page cache, DNS prefetching, HTML5 databases)
//!   are off. No measurable memory either way (within 3 MB), but less engine
//!   reachable from the page.

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
