//! The baseline for start-up time and memory: a minimal eframe window with the same
//! backend and features as PEEL Explorer. With PEEL_EXIT_AFTER_FIRST_FRAME set, it closes
//! after drawing its first frame (as `peel-explorer` does), so both can be timed alike.
//!
//! cargo run --release --example minimal_window

fn main() -> eframe::Result {
    let exit_after_first_frame = std::env::var_os("PEEL_EXIT_AFTER_FIRST_FRAME").is_some();
    // PEEL_RENDERER=glow or wgpu, as for PEEL Explorer, so both can be timed alike.
    let renderer = match std::env::var("PEEL_RENDERER").as_deref() {
        Ok("glow") => eframe::Renderer::Glow,
        _ => eframe::Renderer::Wgpu,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1280.0, 760.0]),
        renderer,
        ..Default::default()
    };
    eframe::run_ui_native("minimal", options, move |ui, _frame| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A minimal window.");
        });
        if exit_after_first_frame {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    })
}
