//! `assets/`: the icon the window uses, its Linux sizes and Windows `.ico` as the drawing makes
//! them, and a desktop entry that starts Infonet with that icon.

use std::path::{Path, PathBuf};

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

#[test]
fn the_window_has_the_icon() {
    let icon = infonet::app::window_icon().expect("the icon draws");
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    let opaque = icon.rgba.chunks(4).filter(|p| p[3] == 255).count();
    assert!(opaque > 256 * 256 / 2, "{opaque} opaque pixels");
}

#[test]
fn the_icon_files_match_the_drawing() {
    for size in infonet::icon::LINUX_SIZES {
        let path = assets().join(format!("icons/hicolor/{size}x{size}/apps/infonet.png"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        assert_eq!(width, size, "{}", path.display());
        assert!(
            bytes == infonet::icon::png(size).expect("png"),
            "{} is not what assets/infonet.svg draws: run `cargo run --example make_icons`",
            path.display()
        );
    }
    let ico = std::fs::read(assets().join("infonet.ico")).expect("assets/infonet.ico");
    assert_eq!(ico, infonet::icon::ico(&infonet::icon::ICO_SIZES).expect("ico"), "run make_icons");
    assert_eq!(&ico[..4], &[0, 0, 1, 0]);
    assert_eq!(usize::from(u16::from_le_bytes([ico[4], ico[5]])), infonet::icon::ICO_SIZES.len());
}

#[test]
fn the_desktop_entry_starts_infonet_with_its_icon() {
    let text = std::fs::read_to_string(assets().join("infonet.desktop")).expect("assets/infonet.desktop");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("[Desktop Entry]"));
    let value = |key: &str| {
        text.lines().find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('='))).map(str::trim)
    };
    assert_eq!(value("Type"), Some("Application"));
    assert_eq!(value("Name"), Some("Infonet"));
    assert_eq!(value("Exec"), Some("infonet %F"));
    assert_eq!(value("Icon"), Some("infonet"));
    assert_eq!(value("StartupWMClass"), Some("infonet"), "the window's app id");
    assert!(value("Categories").is_some_and(|c| c.ends_with(';')));
}
