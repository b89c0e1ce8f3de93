//! Gives the Windows executables their icon and version information (from Cargo.toml).
//! Cross-compiling from Linux needs MinGW's `windres` (Debian: `gcc-mingw-w64-x86-64`).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icon.ico")
        .set("ProductName", "PEEL Explorer")
        .set("FileDescription", "PEEL Explorer")
        .set("CompanyName", "PEEL Explorer contributors")
        .set("LegalCopyright", "MIT OR Apache-2.0")
        .set("OriginalFilename", "peel-explorer.exe");
    if let Err(err) = res.compile() {
        panic!("could not embed the Windows icon and version information: {err}");
    }
}
