//! Small helpers around plotters' SVG output: fonts, a legend, and the
//! accessible `<title>`/`<desc>` added after rendering.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{render_err, ChartError};
use crate::theme::rgb;

/// The web view resolves this stack with the OS's UI font; nothing is embedded.
pub(crate) const FONT: &str =
    "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

/// plotters writes `font-size = size / 1.24`; this returns a style whose
/// SVG font size is `px`.
pub(crate) fn font(px: f64, color: &str) -> TextStyle<'static> {
    TextStyle {
        font: (FONT, px * 1.24).into_font(),
        color: rgb(color).to_backend_color(),
        pos: Pos::default(),
    }
}

pub(crate) fn bold(px: f64, color: &str) -> TextStyle<'static> {
    TextStyle {
        font: (FONT, px * 1.24, FontStyle::Bold).into_font(),
        color: rgb(color).to_backend_color(),
        pos: Pos::default(),
    }
}

pub(crate) fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// A generous estimate of a label's width in pixels (no font engine here).
pub(crate) fn text_width(text: &str, px: f64) -> i32 {
    (text.chars().count() as f64 * px * 0.56).ceil() as i32
}

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// What a legend entry shows next to its text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    Line(&'static str),
    Dashed(&'static str),
    Shade(&'static str, f64),
    Dot(&'static str),
    Square(&'static str),
}

pub(crate) struct LegendEntry {
    pub swatch: Swatch,
    pub text: String,
}

const LEGEND_PX: f64 = 12.0;
const LEGEND_ROW: i32 = 20;

/// Lays legend entries out left to right from `x0`, wrapping at `max_x`.
/// Returns each entry's position and the number of rows.
fn legend_layout(entries: &[LegendEntry], x0: i32, max_x: i32) -> (Vec<(i32, i32)>, i32) {
    let mut pos = Vec::with_capacity(entries.len());
    let (mut x, mut row) = (x0, 0);
    for e in entries {
        let w = 22 + text_width(&e.text, LEGEND_PX) + 16;
        if x > x0 && x + w - 16 > max_x {
            x = x0;
            row += 1;
        }
        pos.push((x, row));
        x += w;
    }
    (pos, if entries.is_empty() { 0 } else { row + 1 })
}

/// Height the legend needs.
pub(crate) fn legend_height(entries: &[LegendEntry], x0: i32, max_x: i32) -> i32 {
    legend_layout(entries, x0, max_x).1 * LEGEND_ROW
}

/// Draws the legend with its first row centred on `y0`.
pub(crate) fn draw_legend(
    area: &Area<'_>,
    entries: &[LegendEntry],
    x0: i32,
    y0: i32,
    max_x: i32,
    text_color: &'static str,
    background: &'static str,
) -> Result<(), ChartError> {
    let (pos, _) = legend_layout(entries, x0, max_x);
    for (e, (x, row)) in entries.iter().zip(pos) {
        let y = y0 + row * LEGEND_ROW;
        match e.swatch {
            Swatch::Line(c) => area
                .draw(&PathElement::new(
                    vec![(x, y), (x + 16, y)],
                    rgb(c).stroke_width(3),
                ))
                .map_err(render_err)?,
            Swatch::Dashed(c) => {
                for (a, b) in [(x, x + 5), (x + 8, x + 16)] {
                    area.draw(&PathElement::new(
                        vec![(a, y), (b, y)],
                        rgb(c).stroke_width(2),
                    ))
                    .map_err(render_err)?;
                }
            }
            Swatch::Shade(c, opacity) => area
                .draw(&Rectangle::new(
                    [(x, y - 6), (x + 16, y + 6)],
                    rgb(c).mix(opacity).filled(),
                ))
                .map_err(render_err)?,
            Swatch::Dot(c) => {
                area.draw(&Circle::new((x + 8, y), 5, rgb(background).filled()))
                    .map_err(render_err)?;
                area.draw(&Circle::new((x + 8, y), 4, rgb(c).filled()))
                    .map_err(render_err)?;
            }
            Swatch::Square(c) => area
                .draw(&Rectangle::new(
                    [(x + 2, y - 6), (x + 14, y + 6)],
                    rgb(c).filled(),
                ))
                .map_err(render_err)?,
        }
        area.draw(&Text::new(
            e.text.clone(),
            (x + 22, y),
            anchored(font(LEGEND_PX, text_color), HPos::Left, VPos::Center),
        ))
        .map_err(render_err)?;
    }
    Ok(())
}

/// Renders with plotters into a string and adds the accessible name and
/// description. `draw` gets the whole canvas.
pub(crate) fn render(
    size: (u32, u32),
    title: &str,
    desc: &str,
    draw: impl FnOnce(&Area<'_>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        draw(&root)?;
        root.present().map_err(render_err)?;
    }
    Ok(add_accessibility(&buf, title, desc))
}

/// Escapes text for XML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids (control characters) are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Puts `role="img"`, `aria-labelledby` and `<title>`/`<desc>` on the root.
fn add_accessibility(svg: &str, title: &str, desc: &str) -> String {
    let Some(open_end) = svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j))
    else {
        return svg.to_owned();
    };
    let mut out = String::with_capacity(svg.len() + title.len() + desc.len() + 200);
    out.push_str(&svg[..open_end]);
    out.push_str(r#" role="img" aria-labelledby="chart-title chart-desc">"#);
    out.push_str("\n<title id=\"chart-title\">");
    out.push_str(&escape(title));
    out.push_str("</title>\n<desc id=\"chart-desc\">");
    out.push_str(&escape(desc));
    out.push_str("</desc>");
    out.push_str(&svg[open_end + 1..]);
    out
}

/// Drops characters XML cannot carry (plotters escapes markup but not these).
pub(crate) fn clean_label(text: &str) -> String {
    text.chars()
        .filter(|c| (*c as u32) >= 0x20 || matches!(c, '\t'))
        .collect()
}
