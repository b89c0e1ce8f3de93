//! Starting the window: which renderer (wgpu, or OpenGL where it cannot start, or the one
//! `PEEL_RENDERER` names), the window's options, and what is said when nothing can start.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{APP_ID, ICON_PNG, MIN_WINDOW, PeelApp};

/// The environment variable that forces a renderer: `glow` (OpenGL) or `wgpu`.
pub const RENDERER_VAR: &str = "PEEL_RENDERER";

/// Which renderer to start with, and whether OpenGL may take over if it cannot start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RendererChoice {
    /// wgpu (Vulkan, DX12, Metal or OpenGL, whichever the machine has), then glow if wgpu
    /// cannot start.
    Auto,
    /// Only this renderer (`PEEL_RENDERER`).
    Forced(eframe::Renderer),
}

impl RendererChoice {
    /// Reads a `PEEL_RENDERER` value: `glow`, `wgpu`, or empty / `auto`.
    pub fn parse(value: &str) -> Result<RendererChoice, String> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Ok(RendererChoice::Auto),
            "glow" | "gl" | "opengl" => Ok(RendererChoice::Forced(eframe::Renderer::Glow)),
            "wgpu" => Ok(RendererChoice::Forced(eframe::Renderer::Wgpu)),
            other => Err(format!(
                "{RENDERER_VAR}={other:?} is not a renderer: use glow or wgpu"
            )),
        }
    }

    /// The choice the environment makes; an unknown value is reported and ignored.
    pub fn from_env() -> RendererChoice {
        let Some(value) = std::env::var_os(RENDERER_VAR) else {
            return RendererChoice::Auto;
        };
        match RendererChoice::parse(&value.to_string_lossy()) {
            Ok(choice) => choice,
            Err(message) => {
                eprintln!("warning: {message}; choosing automatically");
                RendererChoice::Auto
            }
        }
    }
}

/// Where About finds the renderer's description (egui's temporary data of the context).
fn renderer_id() -> egui::Id {
    egui::Id::unique("peel-explorer-renderer")
}

/// What draws the window, as About shows it (`None` outside the real window, e.g. in tests).
pub fn renderer_description(ctx: &egui::Context) -> Option<String> {
    ctx.data(|d| d.get_temp::<String>(renderer_id()))
}

/// Describes the renderer that is running; `why` says why it was chosen.
fn describe(cc: &eframe::CreationContext<'_>, why: &str) -> String {
    let what = match &cc.wgpu_render_state {
        Some(rs) => {
            let info = rs.adapter.get_info();
            format!("wgpu on {:?} ({})", info.backend, info.name)
        }
        None if cc.gl.is_some() => "OpenGL (glow)".to_owned(),
        None => "unknown".to_owned(),
    };
    if why.is_empty() {
        what
    } else {
        format!("{what}; {why}")
    }
}

/// Whether this is Wine rather than Windows: Wine gives every program `WINECONFIGDIR`.
fn under_wine() -> bool {
    cfg!(windows) && std::env::var_os("WINECONFIGDIR").is_some()
}

/// Under Wine, wgpu's DirectX 12 goes through vkd3d, which fails (or aborts the process, so
/// no fallback can help); Vulkan and OpenGL work there. Windows keeps every backend: on
/// machines without a GPU, DirectX 12's software adapter (WARP) is the one that works.
/// `WGPU_BACKEND`, if set, decides instead.
fn restrict_wgpu_under_wine(options: &mut eframe::NativeOptions) -> bool {
    if !under_wine() || std::env::var_os("WGPU_BACKEND").is_some() {
        return false;
    }
    use eframe::egui_wgpu::{WgpuSetup, wgpu::Backends};
    match &mut options.wgpu_options.wgpu_setup {
        WgpuSetup::CreateNew(create) => {
            create.instance_descriptor.backends = Backends::VULKAN | Backends::GL;
            true
        }
        WgpuSetup::Existing(_) => false,
    }
}

/// The window's options for one renderer.
fn options(renderer: eframe::Renderer) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("PEEL Explorer")
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 760.0])
        .with_min_inner_size(MIN_WINDOW)
        .with_drag_and_drop(true);
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(err) => eprintln!("warning: the window icon could not be read: {err}"),
    }
    eframe::NativeOptions {
        viewport,
        renderer,
        ..Default::default()
    }
}

/// Opens the window with one renderer.
fn open(renderer: eframe::Renderer, files: Vec<PathBuf>, mut why: String) -> eframe::Result {
    let mut options = options(renderer);
    if renderer == eframe::Renderer::Wgpu && restrict_wgpu_under_wine(&mut options) {
        why = [why.as_str(), "under Wine, without DirectX 12"]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("; ");
    }
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            let text = describe(cc, &why);
            cc.egui_ctx.data_mut(|d| d.insert_temp(renderer_id(), text));
            Ok(Box::new(PeelApp::new(cc, files)))
        }),
    )
}

/// Opens the window. Files named on the command line are loaded beside the built-in data.
///
/// The renderer is wgpu unless `PEEL_RENDERER` says otherwise; if wgpu cannot start (no
/// usable adapter, a driver that refuses), the window opens with OpenGL (glow) instead.
pub fn run(files: Vec<PathBuf>) -> ExitCode {
    let result = match RendererChoice::from_env() {
        RendererChoice::Forced(renderer) => {
            open(renderer, files, format!("chosen by {RENDERER_VAR}"))
        }
        RendererChoice::Auto => match open(eframe::Renderer::Wgpu, files.clone(), String::new()) {
            Err(eframe::Error::Wgpu(err)) => {
                eprintln!("note: the GPU renderer could not start ({err}); using OpenGL");
                open(
                    eframe::Renderer::Glow,
                    files,
                    format!("the GPU renderer could not start: {err}"),
                )
            }
            other => other,
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let message = format!("could not open the window: {err}");
            eprintln!("error: {message}");
            report_to_desktop(&message);
            ExitCode::FAILURE
        }
    }
}

/// On Windows a program started from Explorer has no console to print to: say it in a box.
#[cfg(windows)]
fn report_to_desktop(message: &str) {
    let _ = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("PEEL Explorer")
        .set_description(format!(
            "PEEL Explorer {message}.\n\nTry setting {RENDERER_VAR}=glow or {RENDERER_VAR}=wgpu."
        ))
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

#[cfg(not(windows))]
fn report_to_desktop(_message: &str) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderer_choices() {
        assert_eq!(RendererChoice::parse(""), Ok(RendererChoice::Auto));
        assert_eq!(RendererChoice::parse("auto"), Ok(RendererChoice::Auto));
        assert_eq!(
            RendererChoice::parse(" GLOW "),
            Ok(RendererChoice::Forced(eframe::Renderer::Glow))
        );
        assert_eq!(
            RendererChoice::parse("wgpu"),
            Ok(RendererChoice::Forced(eframe::Renderer::Wgpu))
        );
        assert!(RendererChoice::parse("vulkan").is_err());
    }
}
