//! Structural tests of the dashboard charts.

mod common;

use common::{assert_safe, parse, texts, El};
use stride_charts::{
    progress_distribution, status_bars, status_bars_sized, ChartError, ChartSize, GoalStatus,
    StatusCount, Theme,
};

fn sc(status: GoalStatus, count: u32) -> StatusCount {
    StatusCount { status, count }
}

fn segment<'a>(root: &'a El, hex: &str) -> Vec<&'a El> {
    root.find_all("rect")
        .into_iter()
        .filter(|r| r.has_color("fill", hex) && r.num("height") > 14.0)
        .collect()
}

#[test]
fn status_bar_segments_are_proportional_and_labelled() {
    let counts = [
        sc(GoalStatus::OnTrack, 10),
        sc(GoalStatus::AtRisk, 5),
        sc(GoalStatus::OffTrack, 3),
        sc(GoalStatus::Done, 2),
        sc(GoalStatus::OnTrack, 10), // repeated statuses add up: 20 on track
    ];
    let svg = status_bars(&counts, Theme::Light).expect("renders");
    let root = parse(&svg);
    assert_safe(&root);
    assert_eq!(root.attr("viewBox"), Some("0 0 720 140"));
    let p = Theme::Light.palette();
    let on = segment(&root, p.on_track);
    let risk = segment(&root, p.at_risk);
    assert_eq!((on.len(), risk.len()), (1, 1));
    assert!(segment(&root, p.missed).is_empty(), "no segment for zero");
    let ratio = (on[0].num("width") + 2.0) / (risk[0].num("width") + 2.0);
    assert!((ratio - 4.0).abs() < 0.1, "20:5 → {ratio}");
    let t = texts(&root);
    for label in [
        "Goals by status",
        "30 goals",
        "On track 20",
        "At risk 5",
        "Off track 3",
        "Done 2",
        "Missed 0",
    ] {
        assert!(t.iter().any(|s| s == label), "{label} in {t:?}");
    }
    assert!(t.iter().any(|s| s == "20 \u{b7} 67 %"), "{t:?}");
    let desc = root.find_all("desc")[0].content();
    assert_eq!(
        desc,
        "Goals by status: 30 goals; 20 on track (67 %), 5 at risk (17 %), 3 off track (10 %), 2 done (7 %), 0 missed (0 %)."
    );
}

#[test]
fn status_bars_with_no_goals_say_so() {
    for counts in [
        vec![],
        vec![sc(GoalStatus::Done, 0), sc(GoalStatus::Missed, 0)],
    ] {
        let root = parse(&status_bars(&counts, Theme::Dark).expect("no error for zero"));
        assert_safe(&root);
        let t = texts(&root);
        assert!(t.iter().any(|s| s == "No goals"), "{t:?}");
        assert_eq!(
            root.find_all("desc")[0].content(),
            "Goals by status: no goals."
        );
        let p = Theme::Dark.palette();
        for s in GoalStatus::ALL {
            assert!(segment(&root, s.color(&p)).is_empty());
        }
    }
}

#[test]
fn status_bars_size_is_checked() {
    let root = parse(&status_bars_sized(&[], Theme::Light, ChartSize::new(480, 160)).expect("ok"));
    assert_eq!(root.attr("width"), Some("480"));
    assert!(matches!(
        status_bars_sized(&[], Theme::Light, ChartSize::new(10, 10)),
        Err(ChartError::InvalidSize { .. })
    ));
}

fn bars(root: &El, theme: Theme) -> Vec<&El> {
    let p = theme.palette();
    root.find_all("rect")
        .into_iter()
        .filter(|r| {
            (r.has_color("fill", p.at_risk) || r.has_color("fill", p.on_track))
                && r.num("height") > 0.0
        })
        .filter(|r| r.num("width") > 14.0) // not the legend squares
        .filter(|r| r.num("y") > 60.0)
        .collect()
}

#[test]
fn distribution_bins_and_heights() {
    // 3 in [−30, −20), 1 in [0, 10), 2 beyond +100 % (end bin), 1 exactly −100 %.
    let deltas = [-0.25, -0.22, -0.3, 0.0, 1.5, 3.0, -1.0];
    let root = parse(&progress_distribution(&deltas, Theme::Light).expect("renders"));
    assert_safe(&root);
    assert_eq!(root.attr("viewBox"), Some("0 0 720 280"));
    let mut b = bars(&root, Theme::Light);
    b.sort_by(|a, c| a.num("x").total_cmp(&c.num("x")));
    assert_eq!(b.len(), 4, "four non-empty bins");
    let p = Theme::Light.palette();
    assert!(b[0].has_color("fill", p.at_risk) && b[1].has_color("fill", p.at_risk));
    assert!(b[2].has_color("fill", p.on_track) && b[3].has_color("fill", p.on_track));
    let h: Vec<f64> = b.iter().map(|r| r.num("height")).collect();
    // Counts 1, 3, 1, 2: heights proportional.
    assert!(
        (h[1] / h[0] - 3.0).abs() < 0.1 && (h[3] / h[2] - 2.0).abs() < 0.1,
        "{h:?}"
    );
    // Bars share a baseline (the zero line).
    let bottoms: Vec<f64> = b.iter().map(|r| r.num("y") + r.num("height")).collect();
    assert!(bottoms.windows(2).all(|w| (w[0] - w[1]).abs() < 1.0));
    let t = texts(&root);
    for label in [
        "Progress vs expected pace",
        "\u{2212}100 %",
        "0",
        "+100 %",
        "On pace",
        "Goals",
    ] {
        assert!(t.iter().any(|s| s == label), "{label} in {t:?}");
    }
    let desc = root.find_all("desc")[0].content();
    assert!(
        desc.contains("for 7 goals: 4 behind pace, 3 on or ahead of pace"),
        "{desc}"
    );
    assert!(
        desc.contains("2 values beyond \u{b1}100 % counted in the end bins"),
        "{desc}"
    );
}

#[test]
fn distribution_of_nothing_is_an_honest_empty_chart() {
    let root = parse(&progress_distribution(&[], Theme::Dark).expect("renders"));
    assert_safe(&root);
    assert!(bars(&root, Theme::Dark).is_empty());
    assert!(texts(&root).iter().any(|s| s == "No goals"));
    assert_eq!(
        root.find_all("desc")[0].content(),
        "Progress vs expected pace: no goals."
    );
}

#[test]
fn distribution_rejects_non_finite_values_by_index() {
    assert_eq!(
        progress_distribution(&[0.1, f64::NAN], Theme::Light),
        Err(ChartError::NonFinite {
            field: "deltas[1]".into()
        })
    );
}
