//! The browser build's side of the page: starting the app on the page's canvas, handing
//! files to the browser as downloads, and the page address that names the view.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

use crate::gui::PeelApp;

/// What the browser version cannot do, said in About and the README.
pub const LIMITS: &str = "A page cannot read or write files by path: open files with Open \
    files... or by dropping them on the page; every save is a download. Copy chart puts a \
    picture on the clipboard where the browser allows it; where it does not, use PNG to \
    download it. Settings are kept in this browser's storage.";

/// The canvas the page gives the app (`scripts/web/page.html`).
const CANVAS_ID: &str = "peel_canvas";

/// Starts the app on the page. A failure is written on the page, where the user sees it.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(e) = run().await {
            let text = e.as_string().unwrap_or_else(|| format!("{e:?}"));
            show_error(&format!(
                "PEEL Explorer could not start in this browser: {text}"
            ));
        }
    });
}

async fn run() -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas = document
        .get_element_by_id(CANVAS_ID)
        .ok_or("the page has no canvas")?
        .dyn_into::<web_sys::HtmlCanvasElement>()?;
    let options = eframe::WebOptions::default();
    eframe::WebRunner::new()
        .start(
            canvas,
            options,
            Box::new(|cc| Ok(Box::new(PeelApp::new(cc, Vec::new())))),
        )
        .await?;
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    Ok(())
}

fn show_error(text: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"));
    if let Some(element) = element {
        element.set_text_content(Some(text));
    }
}

/// Gives the browser `bytes` to save as a file called `name` (a download).
pub fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: JsValue| format!("the browser would not take the file: {e:?}");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let anchor = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|e| fail(e.into()))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).map_err(fail)?;
    Ok(())
}

/// Writes "first frame after N ms" (since the page began to load) to the browser's
/// console: what `benches/web_first_frame.sh` and `.ci/web` wait for.
pub fn log_first_frame() {
    let now = web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now());
    web_sys::console::log_1(&format!("first frame after {now:.0} ms").into());
}

/// The page address's fragment (`#view=...`), if any.
pub fn address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    (!hash.is_empty()).then_some(hash)
}

/// Puts `fragment` in the page address without adding to the browser's history.
pub fn set_address(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}
