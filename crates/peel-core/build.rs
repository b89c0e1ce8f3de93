//! The published record (`data/record/*.csv`, about 350 KB of text with every page's address)
//! is compiled in deflated: about a seventh of the size, inflated once when first read.

use std::io::Write;
use std::path::Path;

/// The record's files, in the order they are merged (as `import::RECORD_FILES` names them).
const FILES: &[&str] = &[
    "peel-2014.csv",
    "peel-2015.csv",
    "peel-2016.csv",
    "peel-2017.csv",
    "peel-2018-19.csv",
    "peel-2021-22.csv",
    "soc-inspections-2022-25.csv",
    "peel-2023-25.csv",
    "disagreements.csv",
];

fn main() -> std::io::Result<()> {
    let out = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from);
    let Some(out) = out else {
        return Err(std::io::Error::other(
            "cargo sets OUT_DIR for build scripts",
        ));
    };
    let record = Path::new("../../data/record");
    for file in FILES {
        let path = record.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read(&path)?;
        let mut deflate =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        deflate.write_all(&text)?;
        std::fs::write(out.join(format!("{file}.deflate")), deflate.finish()?)?;
    }
    Ok(())
}
