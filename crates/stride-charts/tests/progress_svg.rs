//! Structural snapshot tests of the progress chart: the SVG is parsed and its
//! geometry checked against the inputs, not against a stored copy of itself.

mod common;

use chrono::NaiveDate;
use common::{assert_safe, parse, texts, y_scale, El};
use stride_charts::{
    progress_chart, progress_description, ChartError, ChartSize, CheckIn, Checkpoint, Forecast,
    ForecastPoint, ProgressChart, Theme,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// The operations goal: order processing 48 h → 32 h (decreasing).
fn order_processing() -> ProgressChart {
    let mut c = ProgressChart::new(
        "Order processing time",
        "hours",
        d(2026, 4, 1),
        d(2026, 6, 30),
        48.0,
        32.0,
    );
    c.checkpoints = vec![Checkpoint {
        date: d(2026, 5, 13),
        value: 40.0,
        label: "Six-week review".into(),
    }];
    // Deliberately out of order.
    c.checkins = vec![
        CheckIn {
            date: d(2026, 5, 12),
            value: 40.0,
        },
        CheckIn {
            date: d(2026, 4, 8),
            value: 47.0,
        },
        CheckIn {
            date: d(2026, 4, 22),
            value: 44.5,
        },
    ];
    c
}

fn render(c: &ProgressChart) -> El {
    let svg = progress_chart(c).expect("chart renders");
    let root = parse(&svg);
    assert_safe(&root);
    root
}

fn polylines_with_stroke<'a>(root: &'a El, hex: &str) -> Vec<&'a El> {
    root.find_all("polyline")
        .into_iter()
        .filter(|p| p.has_color("stroke", hex))
        .collect()
}

fn checkin_line(root: &El, theme: Theme) -> Option<&El> {
    let lines = polylines_with_stroke(root, theme.palette().actual);
    assert!(lines.len() <= 1, "one check-in polyline at most");
    lines.into_iter().next()
}

fn target_line(root: &El, theme: Theme) -> &El {
    // The legend swatch is a 16 px stub; the target line spans the plot.
    let lines: Vec<&El> = polylines_with_stroke(root, theme.palette().target)
        .into_iter()
        .filter(|l| {
            let p = l.points();
            p.len() == 2 && p[1].0 - p[0].0 > 100.0
        })
        .collect();
    assert_eq!(lines.len(), 1, "exactly one target line");
    lines[0]
}

#[test]
fn root_has_size_and_viewbox() {
    let root = render(&order_processing());
    assert_eq!(root.attr("width"), Some("720"));
    assert_eq!(root.attr("height"), Some("320"));
    assert_eq!(root.attr("viewBox"), Some("0 0 720 320"));
    assert_eq!(root.attr("role"), Some("img"));

    let mut c = order_processing();
    c.size = ChartSize::new(960, 400);
    let root = render(&c);
    assert_eq!(root.attr("width"), Some("960"));
    assert_eq!(root.attr("height"), Some("400"));
    assert_eq!(root.attr("viewBox"), Some("0 0 960 400"));
}

#[test]
fn accessible_title_and_description_say_what_the_chart_shows() {
    let root = render(&order_processing());
    let title = &root.find_all("title")[0];
    let desc = &root.find_all("desc")[0];
    assert_eq!(title.content(), "Order processing time");
    assert!(
        desc.content().starts_with(
            "Progress of Order processing time: 3 check-ins, latest 40 hours on 2026-05-12; \
             target 32 hours by 2026-06-30"
        ),
        "{}",
        desc.content()
    );
    assert!(desc
        .content()
        .contains("Six-week review 40 hours by 2026-05-13"));
    // The ids aria-labelledby points at exist.
    let ids: Vec<&str> = root
        .attr("aria-labelledby")
        .unwrap_or("")
        .split(' ')
        .collect();
    assert_eq!(
        ids,
        vec![
            title.attr("id").unwrap_or(""),
            desc.attr("id").unwrap_or("")
        ]
    );
    // <title> and <desc> come first, as the accessibility API expects.
    assert_eq!(root.children[0].name, "title");
    assert_eq!(root.children[1].name, "desc");
}

#[test]
fn the_description_for_alt_text_is_the_svg_desc_and_lists_what_is_drawn() {
    let mut c = order_processing();
    let plain = progress_description(&c).expect("description");
    assert_eq!(plain, render(&c).find_all("desc")[0].content());
    assert!(
        plain.ends_with(" Drawn: Check-ins, Expected pace, Target, Baseline."),
        "{plain}"
    );
    c.forecast = Some(Forecast {
        points: vec![ForecastPoint {
            date: d(2026, 6, 30),
            value: 36.0,
            low: 33.0,
            high: 39.5,
        }],
    });
    c.today = Some(d(2026, 5, 20));
    let with_forecast = progress_description(&c).expect("description");
    assert_eq!(with_forecast, render(&c).find_all("desc")[0].content());
    assert!(
        with_forecast.contains("Forecast 36 hours by 2026-06-30 (range 33–39.5 hours)."),
        "{with_forecast}"
    );
    assert!(
        with_forecast.ends_with(
            " Drawn: Check-ins, Expected pace, Target, Baseline, Forecast and range, Today."
        ),
        "{with_forecast}"
    );
    // The legend shows the same layers, in the same order (drawn before the
    // plot, which labels the today line again).
    let mut legend: Vec<String> = texts(&render(&c))
        .into_iter()
        .filter(|t| {
            [
                "Check-ins",
                "Expected pace",
                "Target",
                "Baseline",
                "Forecast and range",
                "Today",
            ]
            .contains(&t.as_str())
        })
        .collect();
    legend.truncate(6);
    assert_eq!(
        legend,
        [
            "Check-ins",
            "Expected pace",
            "Target",
            "Baseline",
            "Forecast and range",
            "Today"
        ]
    );
    c.title = String::new();
    c.due = c.start;
    assert!(progress_description(&c).is_err());
}

#[test]
fn visible_title_axis_labels_and_unit() {
    let root = render(&order_processing());
    let t = texts(&root);
    assert!(t.iter().any(|s| s == "Order processing time"), "{t:?}");
    assert!(t.iter().any(|s| s == "hours"), "unit on the y axis: {t:?}");
    assert!(t.iter().any(|s| s == "Target 32 hours"), "{t:?}");
    assert!(t.iter().any(|s| s == "Baseline 48 hours"), "{t:?}");
    // Date labels: month names on the x axis, centred under their ticks.
    let dates: Vec<&El> = root
        .find_all("text")
        .into_iter()
        .filter(|e| e.attr("text-anchor") == Some("middle"))
        .filter(|e| {
            ["Apr", "May", "Jun", "Jul"]
                .iter()
                .any(|m| e.content().contains(m))
        })
        .collect();
    assert!(dates.len() >= 3, "x axis date labels: {t:?}");
    let ys: Vec<f64> = dates.iter().map(|e| e.num("y")).collect();
    assert!(
        ys.windows(2).all(|w| w[0] == w[1]),
        "date labels share one baseline"
    );
    let xs: Vec<f64> = dates.iter().map(|e| e.num("x")).collect();
    assert!(
        xs.windows(2).all(|w| w[0] < w[1]),
        "date labels run left to right"
    );
    // Value labels: at least three numeric y tick labels on one linear scale.
    y_scale(&root);
}

#[test]
fn checkins_are_one_polyline_with_a_point_each_in_date_order() {
    let c = order_processing();
    let root = render(&c);
    let line = checkin_line(&root, Theme::Light).expect("check-in polyline");
    let pts = line.points();
    assert_eq!(pts.len(), 3);
    assert!(
        pts.windows(2).all(|w| w[0].0 < w[1].0),
        "sorted by date: {pts:?}"
    );
    // Each point sits at its value on the y scale.
    let (a, b) = y_scale(&root);
    for (p, v) in pts.iter().zip([47.0, 44.5, 40.0]) {
        assert!((p.1 - (a + b * v)).abs() <= 1.5, "{p:?} vs {v}");
    }
    // A marker per check-in.
    let markers = root
        .find_all("circle")
        .into_iter()
        .filter(|e| e.has_color("fill", Theme::Light.palette().actual))
        .filter(|e| pts.contains(&(e.num("cx"), e.num("cy"))))
        .count();
    assert_eq!(markers, 3);
}

#[test]
fn target_line_is_at_the_target_on_the_axis_scale() {
    let root = render(&order_processing());
    let (a, b) = y_scale(&root);
    let target = target_line(&root, Theme::Light).points();
    assert_eq!(target.len(), 2);
    assert_eq!(target[0].1, target[1].1, "horizontal");
    assert!(
        (target[0].1 - (a + b * 32.0)).abs() <= 1.5,
        "target y {}",
        target[0].1
    );
    assert!(target[1].0 - target[0].0 > 500.0, "spans the plot");
}

#[test]
fn known_scale_puts_the_target_where_expected() {
    // baseline 0, target 100 with no other values: the axis must run from a
    // nice number at or below −8 to one at or above 108, and the target's
    // pixel row follows from the plot area the tick labels reveal.
    let mut c = ProgressChart::new("Coverage", "%", d(2026, 1, 1), d(2026, 3, 31), 0.0, 100.0);
    c.theme = Theme::Dark;
    let root = render(&c);
    let (a, b) = y_scale(&root);
    let ticks: Vec<f64> = root
        .find_all("text")
        .into_iter()
        .filter(|t| t.attr("text-anchor") == Some("end"))
        .filter_map(|t| common::label_number(&t.content()))
        .collect();
    let (lo, hi) = (ticks[0], ticks[ticks.len() - 1]);
    assert!((-30.0..=-8.0).contains(&lo) && lo > -30.0, "{ticks:?}");
    assert!((108.0..130.0).contains(&hi), "{ticks:?}");
    let y_target = target_line(&root, Theme::Dark).points()[0].1;
    let y_lo = a + b * lo;
    let y_hi = a + b * hi;
    let expected = y_lo + (100.0 - lo) / (hi - lo) * (y_hi - y_lo);
    assert!((y_target - expected).abs() <= 1.5);
}

#[test]
fn decreasing_goal_puts_the_target_below_the_baseline() {
    let root = render(&order_processing());
    let (a, b) = y_scale(&root);
    let y_target = target_line(&root, Theme::Light).points()[0].1;
    let y_baseline = a + b * 48.0;
    assert!(
        y_target > y_baseline + 50.0,
        "target {y_target} baseline {y_baseline}"
    );
    // And an increasing goal the other way round.
    let mut up = order_processing();
    up.baseline = 32.0;
    up.target = 48.0;
    let root = render(&up);
    let (a, b) = y_scale(&root);
    let y_target = target_line(&root, Theme::Light).points()[0].1;
    assert!(y_target < a + b * 32.0 - 50.0);
}

fn band_rects(root: &El, theme: Theme) -> Vec<&El> {
    root.find_all("rect")
        .into_iter()
        .filter(|r| r.has_color("fill", theme.palette().target))
        .filter(|r| r.attr("opacity").is_some_and(|o| o != "1"))
        .filter(|r| r.num("height") > 20.0) // not the small legend swatch
        .collect()
}

#[test]
fn band_is_shaded_only_for_within_band_goals() {
    assert!(band_rects(&render(&order_processing()), Theme::Light).is_empty());
    let mut c = order_processing();
    c.band = Some((44.0, 36.0)); // reversed on purpose: it is normalised
    let root = render(&c);
    let rects = band_rects(&root, Theme::Light);
    assert_eq!(rects.len(), 1);
    let (a, b) = y_scale(&root);
    let r = rects[0];
    assert!((r.num("y") - (a + b * 44.0)).abs() <= 1.5);
    assert!((r.num("y") + r.num("height") - (a + b * 36.0)).abs() <= 1.5);
    assert!(texts(&root).iter().any(|t| t == "Acceptable band"));
}

fn forecast_polygons(root: &El, theme: Theme) -> Vec<&El> {
    root.find_all("polygon")
        .into_iter()
        .filter(|p| p.has_color("fill", theme.palette().forecast))
        .collect()
}

#[test]
fn forecast_band_only_when_a_forecast_is_given() {
    assert!(forecast_polygons(&render(&order_processing()), Theme::Light).is_empty());
    let mut c = order_processing();
    c.forecast = Some(Forecast {
        points: vec![ForecastPoint {
            date: d(2026, 6, 30),
            value: 35.0,
            low: 31.0,
            high: 39.0,
        }],
    });
    let root = render(&c);
    let polys = forecast_polygons(&root, Theme::Light);
    assert_eq!(polys.len(), 1);
    // The cone starts at the latest check-in (zero width) and opens to 31–39.
    let pts = polys[0]
        .attr("points")
        .unwrap_or("")
        .split_whitespace()
        .count();
    assert_eq!(pts, 4);
    let (a, b) = y_scale(&root);
    let pts: Vec<(f64, f64)> = polys[0]
        .attr("points")
        .unwrap_or("")
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').expect("x,y");
            (x.parse().expect("x"), y.parse().expect("y"))
        })
        .collect();
    // At the due date (rightmost x) the interval is 31–39 …
    let right = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let at_due: Vec<f64> = pts.iter().filter(|p| p.0 == right).map(|p| p.1).collect();
    let top = at_due.iter().copied().fold(f64::INFINITY, f64::min);
    let bottom = at_due.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // … and at the latest check-in it has no width, at 40 hours.
    let left = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let at_start: Vec<f64> = pts.iter().filter(|p| p.0 == left).map(|p| p.1).collect();
    assert_eq!(at_start.len(), 2);
    assert_eq!(at_start[0], at_start[1]);
    assert!((at_start[0] - (a + b * 40.0)).abs() <= 1.5);
    assert!((top - (a + b * 39.0)).abs() <= 1.5);
    assert!((bottom - (a + b * 31.0)).abs() <= 1.5);
    assert!(root.find_all("desc")[0]
        .content()
        .contains("Forecast 35 hours by 2026-06-30 (range 31–39 hours)"));
}

#[test]
fn no_checkins_draws_baseline_target_and_pace_only() {
    let mut c = order_processing();
    c.checkins.clear();
    let root = render(&c);
    assert!(checkin_line(&root, Theme::Light).is_none());
    target_line(&root, Theme::Light);
    let pace = polylines_with_stroke(&root, Theme::Light.palette().pace);
    assert!(pace.len() > 10, "dashed pace line drawn");
    assert!(root.find_all("desc")[0]
        .content()
        .contains("no check-ins yet"));
}

#[test]
fn single_checkin() {
    let mut c = order_processing();
    c.checkins.truncate(1);
    let root = render(&c);
    assert_eq!(
        checkin_line(&root, Theme::Light)
            .expect("line")
            .points()
            .len(),
        1
    );
    assert!(root.find_all("desc")[0]
        .content()
        .contains("1 check-in, latest 40 hours on 2026-05-12"));
}

#[test]
fn axis_grows_to_include_values_outside_baseline_and_target() {
    let mut c = order_processing();
    c.checkins = vec![
        CheckIn {
            date: d(2026, 3, 20),
            value: 61.0,
        }, // before start, above baseline
        CheckIn {
            date: d(2026, 7, 15),
            value: 12.0,
        }, // after due, below target
    ];
    let root = render(&c);
    let (a, b) = y_scale(&root);
    let ticks: Vec<f64> = root
        .find_all("text")
        .into_iter()
        .filter(|t| t.attr("text-anchor") == Some("end"))
        .filter_map(|t| common::label_number(&t.content()))
        .collect();
    assert!(
        ticks.iter().any(|t| *t >= 61.0) && ticks.iter().any(|t| *t <= 12.0),
        "{ticks:?}"
    );
    let pts = checkin_line(&root, Theme::Light).expect("line").points();
    let top = a + b * ticks[ticks.len() - 1];
    let bottom = a + b * ticks[0];
    for p in &pts {
        assert!(
            p.1 > top && p.1 < bottom,
            "inside the plot with padding: {p:?}"
        );
        assert!(p.0 > 0.0 && p.0 < 720.0);
    }
}

#[test]
fn today_marker_only_when_given() {
    let root = render(&order_processing());
    assert!(!texts(&root).iter().any(|t| t == "Today"));
    let mut c = order_processing();
    c.today = Some(d(2026, 5, 14));
    let root = render(&c);
    let labels: Vec<&El> = root
        .find_all("text")
        .into_iter()
        .filter(|t| t.content() == "Today")
        .collect();
    assert_eq!(labels.len(), 2, "legend entry and marker label");
}

#[test]
fn themes_use_their_backgrounds() {
    for (theme, bg) in [(Theme::Light, "#ffffff"), (Theme::Dark, "#111418")] {
        let mut c = order_processing();
        c.theme = theme;
        let root = render(&c);
        let first = root.find_all("rect")[0];
        assert!(first.has_color("fill", bg));
        assert_eq!(first.attr("width"), Some("720"));
        let title = root
            .find_all("text")
            .into_iter()
            .find(|t| t.content() == "Order processing time")
            .expect("title");
        assert!(title.has_color("fill", theme.palette().text));
    }
}

#[test]
fn markup_in_user_text_stays_text() {
    let mut c = order_processing();
    c.title = "<script>alert(1)</script> & \"co\"\u{7}".into();
    c.unit = "<b>h</b>".into();
    c.checkpoints[0].label = "<i onclick=x>".into();
    let root = render(&c);
    assert_eq!(
        root.find_all("title")[0].content(),
        "<script>alert(1)</script> & \"co\""
    );
    assert!(texts(&root).iter().any(|t| t == "<i onclick=x>"));
}

#[test]
fn typed_errors() {
    let mut c = order_processing();
    c.due = c.start;
    assert_eq!(
        progress_chart(&c),
        Err(ChartError::EmptyPeriod {
            start: d(2026, 4, 1),
            due: d(2026, 4, 1)
        })
    );
    c.due = d(2026, 3, 1);
    assert!(matches!(
        progress_chart(&c),
        Err(ChartError::EmptyPeriod { .. })
    ));

    let field = |f: fn(&mut ProgressChart)| {
        let mut c = order_processing();
        f(&mut c);
        match progress_chart(&c) {
            Err(ChartError::NonFinite { field }) => field,
            other => panic!("expected NonFinite, got {other:?}"),
        }
    };
    assert_eq!(field(|c| c.baseline = f64::NAN), "baseline");
    assert_eq!(field(|c| c.target = f64::INFINITY), "target");
    assert_eq!(field(|c| c.band = Some((1.0, f64::NAN))), "band.high");
    assert_eq!(
        field(|c| c.checkins[1].value = f64::NEG_INFINITY),
        "checkins[1].value"
    );
    assert_eq!(
        field(|c| c.checkpoints[0].value = f64::NAN),
        "checkpoints[0].value"
    );
    assert_eq!(
        field(|c| {
            c.forecast = Some(Forecast {
                points: vec![ForecastPoint {
                    date: d(2026, 6, 1),
                    value: 1.0,
                    low: f64::NAN,
                    high: 2.0,
                }],
            });
        }),
        "forecast.points[0].low"
    );
    let msg = ChartError::NonFinite {
        field: "baseline".into(),
    }
    .to_string();
    assert_eq!(msg, "baseline is not a finite number");

    let mut c = order_processing();
    c.size = ChartSize::new(100, 50);
    assert!(matches!(
        progress_chart(&c),
        Err(ChartError::InvalidSize { .. })
    ));
}

#[test]
fn palette_contrast_meets_wcag() {
    use stride_charts::contrast_ratio;
    for theme in [Theme::Light, Theme::Dark] {
        let p = theme.palette();
        assert!(contrast_ratio(p.text, p.background) >= 7.0);
        assert!(
            contrast_ratio(p.muted, p.background) >= 4.5,
            "{theme:?} muted"
        );
        for (name, c) in [
            ("axis", p.axis),
            ("actual", p.actual),
            ("pace", p.pace),
            ("target", p.target),
            ("baseline", p.baseline),
            ("forecast", p.forecast),
            ("today", p.today),
            ("on_track", p.on_track),
            ("at_risk", p.at_risk),
            ("off_track", p.off_track),
            ("done", p.done),
            ("missed", p.missed),
        ] {
            assert!(contrast_ratio(c, p.background) >= 3.0, "{theme:?} {name}");
        }
    }
}
