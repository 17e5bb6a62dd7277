//! Colours for the two UI themes.

use plotters::style::RGBColor;

/// The UI theme a chart is drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark text on a white (`#ffffff`) background.
    #[default]
    Light,
    /// Light text on a near-black (`#111418`) background.
    Dark,
}

/// The colours a theme uses, as `#rrggbb` strings (what appears in the SVG).
///
/// Every line and marker colour has a contrast of at least 3:1 against the
/// background and text colours at least 4.5:1 (WCAG 2.1 AA).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Chart background.
    pub background: &'static str,
    /// Titles and values.
    pub text: &'static str,
    /// Axis labels, legend text, secondary annotations.
    pub muted: &'static str,
    /// Grid lines.
    pub grid: &'static str,
    /// Axis lines and tick marks.
    pub axis: &'static str,
    /// The check-in line and markers.
    pub actual: &'static str,
    /// The expected-pace line and checkpoints.
    pub pace: &'static str,
    /// The target line, the within-band shading and the "ahead of pace" bars.
    pub target: &'static str,
    /// The baseline line.
    pub baseline: &'static str,
    /// The forecast line and its interval band.
    pub forecast: &'static str,
    /// The "today" marker.
    pub today: &'static str,
    /// Status `on_track`.
    pub on_track: &'static str,
    /// Status `at_risk` and the "behind pace" bars.
    pub at_risk: &'static str,
    /// Status `off_track`.
    pub off_track: &'static str,
    /// Status `done`.
    pub done: &'static str,
    /// Status `missed`.
    pub missed: &'static str,
}

const LIGHT: Palette = Palette {
    background: "#ffffff",
    text: "#17181d",
    muted: "#5b5f6e",
    grid: "#e6e7ec",
    axis: "#6e7282",
    actual: "#4f46e5",
    pace: "#6e7282",
    target: "#117a4b",
    baseline: "#7c8193",
    forecast: "#c2410c",
    today: "#5b5f6e",
    on_track: "#15935c",
    at_risk: "#d97706",
    off_track: "#c2253a",
    done: "#4f46e5",
    missed: "#6e7282",
};

const DARK: Palette = Palette {
    background: "#111418",
    text: "#ecedf2",
    muted: "#a3a7b7",
    grid: "#262a31",
    axis: "#8e93a5",
    actual: "#9d98ff",
    pace: "#8e93a5",
    target: "#3fbf83",
    baseline: "#7c8193",
    forecast: "#fb923c",
    today: "#a3a7b7",
    on_track: "#3fbf83",
    at_risk: "#f0a53a",
    off_track: "#ff7a8a",
    done: "#9d98ff",
    missed: "#8e93a5",
};

impl Theme {
    /// The colours this theme uses.
    #[must_use]
    pub const fn palette(self) -> Palette {
        match self {
            Theme::Light => LIGHT,
            Theme::Dark => DARK,
        }
    }
}

/// `#rrggbb` → plotters colour. The palette is a constant table, so a bad
/// entry is a programming error caught by the tests; it falls back to grey.
pub(crate) fn rgb(hex: &str) -> RGBColor {
    let parse = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(128)
    };
    RGBColor(parse(1), parse(3), parse(5))
}

/// Relative luminance (WCAG) of a `#rrggbb` colour.
pub(crate) fn luminance(hex: &str) -> f64 {
    let RGBColor(r, g, b) = rgb(hex);
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio between two `#rrggbb` colours.
#[must_use]
pub fn contrast_ratio(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The more readable of near-black and white on a `#rrggbb` fill.
pub(crate) fn text_on(fill: &str) -> &'static str {
    if contrast_ratio(fill, "#ffffff") >= contrast_ratio(fill, "#111418") {
        "#ffffff"
    } else {
        "#111418"
    }
}
