//! The baseline for the browser build's first frame: a minimal eframe app on a page, built
//! and packed as PEEL Explorer is (`bash scripts/package.sh web-minimal`). A crate of its
//! own, outside the default members, so nothing else builds it. Like the app, it
//! writes "first frame after N ms" to the browser's console when it has drawn its first
//! frame (`benches/web_first_frame.sh` reads it).

/// A label on a page, and the time of its first frame in the console.
#[cfg(target_arch = "wasm32")]
struct Minimal {
    first: bool,
}

#[cfg(target_arch = "wasm32")]
impl eframe::App for Minimal {
    fn ui(&mut self, ui: &mut egui::Ui, _: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A minimal page.");
        });
        if std::mem::take(&mut self.first) {
            let now = web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now());
            web_sys::console::log_1(&format!("first frame after {now:.0} ms").into());
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;
    wasm_bindgen_futures::spawn_local(async {
        let Some(canvas) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("peel_canvas"))
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        let _ = eframe::WebRunner::new()
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(|_| Ok(Box::new(Minimal { first: true }))),
            )
            .await;
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("minimal_web runs in a browser: bash scripts/package.sh web-minimal");
}
