//! Writes the application icon's files from `assets/infonet.svg`: the PNG sizes of a Linux
//! desktop (`assets/icons/hicolor/NxN/apps/infonet.png`) and the Windows `assets/infonet.ico`.
//! Run after changing the drawing: `cargo run --example make_icons`.

use std::path::Path;

fn main() -> Result<(), String> {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for size in infonet::icon::LINUX_SIZES {
        let dir = assets.join(format!("icons/hicolor/{size}x{size}/apps"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = dir.join("infonet.png");
        std::fs::write(&path, infonet::icon::png(size)?).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    let path = assets.join("infonet.ico");
    std::fs::write(&path, infonet::icon::ico(&infonet::icon::ICO_SIZES)?)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
