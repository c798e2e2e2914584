//! Pictures an article places in its body: where their bytes are (a `data:` URI, or a file
//! beside the article; never the network), how big they are (read from the file's header
//! alone), how many terminal cells they take at a text width, and their decoding under limits,
//! so a broken, huge or hostile file gives an error to show, never a crash or a stall.
//!
//! The reading pane shows them through [`service::Pictures`]; `--print` and a terminal without
//! pictures keep the `[image: alt]` line every image block has.

pub mod service;

use anyhow::{Context, Result, bail};
use base64::Engine as _;
use image::{DynamicImage, ImageReader, Limits};
use std::io::{BufReader, Cursor};
use std::path::{Path, PathBuf};

/// The largest picture file (or decoded `data:` URI) read, in bytes.
pub const MAX_PICTURE_BYTES: u64 = 32 * 1024 * 1024;
/// The most pixels either side of a picture may have.
pub const MAX_SIDE: u32 = 12_000;
/// The most memory one decoding may allocate, in bytes.
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// The most rows a picture takes in the reading pane.
pub const MAX_ROWS: u16 = 24;
/// Pixels per cell assumed for layout (terminals' cells are about twice as tall as wide).
pub const CELL: (u32, u32) = (10, 20);

/// Where a picture's bytes are.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// Decoded from a `data:` URI.
    Data(Vec<u8>),
    /// A local file.
    File(PathBuf),
}

/// The source of picture `src` written in the article at `article` (a file path, maybe a
/// `FILE#ID` item of a container): a base64 `data:` URI, or a path relative to the article's
/// folder (`file://` and `%20` forms read too). `None` for what is never read: network URLs,
/// other `data:` encodings, an empty `src`.
pub fn source(article: Option<&Path>, src: &str) -> Option<Source> {
    let src = src.trim();
    if let Some(rest) = src.strip_prefix("data:") {
        let (meta, data) = rest.split_once(',')?;
        if !meta.ends_with(";base64") || !meta.starts_with("image/") {
            return None;
        }
        if data.len() as u64 > MAX_PICTURE_BYTES / 3 * 4 + 4 {
            return None;
        }
        let clean: String = data.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(clean.trim_end_matches('='))
            .or_else(|_| {
                base64::engine::general_purpose::STANDARD_NO_PAD.decode(clean.trim_end_matches('='))
            })
            .ok()?;
        return Some(Source::Data(bytes));
    }
    let lower = src.to_ascii_lowercase();
    if src.is_empty()
        || src.starts_with("//")
        || lower.starts_with("http:")
        || lower.starts_with("https:")
        || (lower.contains("://") && !lower.starts_with("file://"))
    {
        return None;
    }
    let path = src.strip_prefix("file://").unwrap_or(src);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = PathBuf::from(crate::load::resolve::links::percent_decode(path));
    if path.is_absolute() {
        return Some(Source::File(path));
    }
    let folder = article.and_then(Path::parent).unwrap_or(Path::new("."));
    Some(Source::File(folder.join(path)))
}

/// A reader of the picture's bytes, its format guessed from them.
fn reader(source: &Source) -> Result<ImageReader<Box<dyn ReadSeek + '_>>> {
    let inner: Box<dyn ReadSeek + '_> = match source {
        Source::Data(bytes) => Box::new(Cursor::new(bytes.as_slice())),
        Source::File(path) => {
            let file = crate::files::open_regular(path)
                .with_context(|| format!("reading picture {}", crate::load::shown(path)))?;
            let len = file.metadata().map(|m| m.len()).unwrap_or(0);
            if len > MAX_PICTURE_BYTES {
                bail!("picture file of {len} bytes is over the {MAX_PICTURE_BYTES}-byte limit");
            }
            Box::new(BufReader::new(file))
        }
    };
    let mut r = ImageReader::new(inner)
        .with_guessed_format()
        .context("reading the picture")?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    r.limits(limits);
    Ok(r)
}

/// Buffered read and seek, boxed.
trait ReadSeek: std::io::BufRead + std::io::Seek + Send {}
impl<T: std::io::BufRead + std::io::Seek + Send> ReadSeek for T {}

/// Width and height in pixels, read from the header alone; an error for what cannot be shown
/// (unknown format, over [`MAX_SIDE`]).
pub fn dimensions(source: &Source) -> Result<(u32, u32)> {
    let (w, h) = reader(source)?
        .into_dimensions()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if w == 0 || h == 0 {
        bail!("picture of {w}×{h} pixels");
    }
    if w > MAX_SIDE || h > MAX_SIDE {
        bail!("picture of {w}×{h} pixels is over the {MAX_SIDE}-pixel limit");
    }
    Ok((w, h))
}

/// The picture decoded, within the limits.
pub fn decode(source: &Source) -> Result<DynamicImage> {
    reader(source)?.decode().map_err(|e| anyhow::anyhow!("{e}"))
}

/// Columns and rows a picture of `pixels` takes when the text is `text_width` columns wide:
/// never wider than the text, never taller than [`MAX_ROWS`], never enlarged past its own size
/// at [`CELL`] pixels a cell; at least one cell each way.
pub fn cells(pixels: (u32, u32), text_width: u16) -> (u16, u16) {
    let (w, h) = (f64::from(pixels.0.max(1)), f64::from(pixels.1.max(1)));
    let (cw, ch) = (f64::from(CELL.0), f64::from(CELL.1));
    let max_cols = f64::from(text_width.max(1));
    let mut cols = (w / cw).min(max_cols);
    let mut rows = cols * cw * h / w / ch;
    if rows > f64::from(MAX_ROWS) {
        rows = f64::from(MAX_ROWS);
        cols = rows * ch * w / h / cw;
    }
    let fit = |v: f64, max: f64| v.round().clamp(1.0, max) as u16;
    (fit(cols, max_cols), fit(rows, f64::from(MAX_ROWS)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 40, 40]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn data_uris_decode_and_network_urls_are_never_sources() {
        let bytes = png(3, 2);
        let uri = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&bytes)
        );
        assert_eq!(source(None, &uri), Some(Source::Data(bytes)));
        for never in [
            "https://example.org/a.png",
            "http://example.org/a.png",
            "//cdn.example.org/a.png",
            "ftp://example.org/a.png",
            "data:text/plain;base64,aGVsbG8=",
            "data:image/svg+xml,%3Csvg%3E",
            "",
        ] {
            assert_eq!(source(None, never), None, "{never}");
        }
    }

    #[test]
    fn relative_paths_resolve_against_the_articles_folder() {
        let art = Path::new("/news/2026/story.html");
        assert_eq!(
            source(Some(art), "story_files/a%20b.png?v=2"),
            Some(Source::File(PathBuf::from(
                "/news/2026/story_files/a b.png"
            )))
        );
        assert_eq!(
            source(Some(Path::new("/feeds/news.xml#item-3")), "pics/x.jpg"),
            Some(Source::File(PathBuf::from("/feeds/pics/x.jpg")))
        );
        assert_eq!(
            source(Some(art), "file:///srv/p.gif"),
            Some(Source::File(PathBuf::from("/srv/p.gif")))
        );
    }

    /// CRC-32 (IEEE), bit by bit: enough for the one chunk a test rewrites.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn dimensions_come_from_the_header_and_huge_ones_are_refused() {
        assert_eq!(dimensions(&Source::Data(png(31, 17))).unwrap(), (31, 17));
        // A PNG header claiming 20000×20000 pixels (the data after it is never read).
        let mut huge = png(1, 1);
        huge[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        // The IHDR chunk's CRC covers its type and data (bytes 12..29) and follows them.
        let crc = crc32(&huge[12..29]);
        huge[29..33].copy_from_slice(&crc.to_be_bytes());
        let err = dimensions(&Source::Data(huge.clone()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("limit") || err.contains("20000"), "{err}");
        assert!(decode(&Source::Data(huge)).is_err());
        assert!(dimensions(&Source::Data(b"not a picture at all".to_vec())).is_err());
        let truncated = png(40, 40)[..60].to_vec();
        assert!(decode(&Source::Data(truncated)).is_err());
    }

    #[test]
    fn cells_keep_the_aspect_within_the_text_and_the_row_limit() {
        // 800×400 at 60 columns: 60 columns, 60·10·400/800/20 = 15 rows.
        assert_eq!(cells((800, 400), 60), (60, 15));
        // A small picture is not enlarged: 50×40 pixels is 5×2 cells.
        assert_eq!(cells((50, 40), 60), (5, 2));
        // A tall one is held to MAX_ROWS and narrowed to keep its shape.
        let (c, r) = cells((400, 4000), 60);
        assert_eq!(r, MAX_ROWS);
        assert_eq!(c, 5);
        // Never zero.
        assert_eq!(cells((12_000, 1), 10), (10, 1));
    }

    #[test]
    fn the_page_keeps_rows_for_a_readable_picture_only_when_asked() {
        use crate::article::{Article, Block, BlockKind, Image};
        use crate::text::typeset::{Options, Tag, typeset};
        let uri = |bytes: &[u8]| {
            format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )
        };
        let mut a = Article {
            header: crate::article::Header {
                title: "Gauge".into(),
                ..Default::default()
            },
            ..Article::default()
        };
        a.blocks = vec![
            Block::new(BlockKind::Paragraph, "Before."),
            Block::new(BlockKind::Image, "A hut"),
            Block::new(BlockKind::Image, "Broken"),
            Block::new(BlockKind::Paragraph, "After."),
        ];
        a.images = vec![
            Image {
                block: 1,
                alt: "A hut".into(),
                src: uri(&png(200, 100)),
            },
            Image {
                block: 2,
                alt: "Broken".into(),
                src: uri(b"\x89PNG but not really"),
            },
        ];
        let on = Options {
            pictures: true,
            ..Options::new(60)
        };
        let page = typeset(&a, &on);
        // 200×100 pixels at 10×20 a cell: 20 columns, 5 rows; the broken one keeps none.
        assert_eq!(page.pictures.len(), 1);
        let slot = page.pictures[0];
        assert_eq!((slot.image, slot.cols, slot.rows), (0, 20, 5));
        let rows = &page.lines[slot.line..slot.line + 5];
        assert!(
            rows.iter()
                .all(|l| l.spans[0].tag == Tag::Picture && l.block == Some(1))
        );
        // The alt text stays as a line under the picture, and for the broken one.
        let text: Vec<String> = page
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(text[slot.line + 5], "[image: A hut]");
        assert!(text.iter().any(|t| t == "[image: Broken]"));
        // Off (as for --print): no rows kept, the same text otherwise.
        let off = typeset(&a, &Options::new(60));
        assert!(off.pictures.is_empty());
        assert_eq!(off.lines.len() + 5, page.lines.len());
        assert!(
            off.lines
                .iter()
                .all(|l| l.spans.iter().all(|s| s.tag != Tag::Picture))
        );
    }
}
