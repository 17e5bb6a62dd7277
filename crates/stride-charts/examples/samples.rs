//! Writes sample charts to /tmp/stride-charts/*.svg for a visual check:
//! `cargo run -p stride-charts --example samples`.

use std::path::Path;

use chrono::NaiveDate;
use stride_charts::{
    progress_chart, progress_distribution, status_bars, CheckIn, Checkpoint, Forecast,
    ForecastPoint, GoalStatus, ProgressChart, StatusCount, Theme,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn order_processing(theme: Theme) -> ProgressChart {
    let mut c = ProgressChart::new(
        "Cut order processing time",
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
    c.checkins = vec![
        CheckIn {
            date: d(2026, 4, 8),
            value: 47.0,
        },
        CheckIn {
            date: d(2026, 4, 22),
            value: 44.5,
        },
        CheckIn {
            date: d(2026, 5, 6),
            value: 43.0,
        },
        CheckIn {
            date: d(2026, 5, 12),
            value: 40.0,
        },
    ];
    c.forecast = Some(Forecast {
        points: vec![
            ForecastPoint {
                date: d(2026, 6, 1),
                value: 37.5,
                low: 35.5,
                high: 39.5,
            },
            ForecastPoint {
                date: d(2026, 6, 30),
                value: 34.0,
                low: 30.5,
                high: 37.5,
            },
        ],
    });
    c.today = Some(d(2026, 5, 14));
    c.theme = theme;
    c
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new("/tmp/stride-charts");
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("progress-light.svg"),
        progress_chart(&order_processing(Theme::Light))?,
    )?;
    std::fs::write(
        dir.join("progress-dark.svg"),
        progress_chart(&order_processing(Theme::Dark))?,
    )?;

    let mut band = ProgressChart::new(
        "Keep NPS within band",
        "",
        d(2026, 1, 1),
        d(2026, 12, 31),
        38.0,
        45.0,
    );
    band.band = Some((40.0, 50.0));
    band.checkins = vec![
        CheckIn {
            date: d(2026, 2, 1),
            value: 41.0,
        },
        CheckIn {
            date: d(2026, 3, 1),
            value: 52.0,
        },
        CheckIn {
            date: d(2026, 4, 1),
            value: 47.0,
        },
    ];
    band.today = Some(d(2026, 4, 10));
    std::fs::write(dir.join("progress-band.svg"), progress_chart(&band)?)?;

    let empty = ProgressChart::new(
        "Weekly sales calls",
        "calls/day",
        d(2026, 4, 6),
        d(2026, 6, 26),
        12.0,
        20.0,
    );
    std::fs::write(dir.join("progress-empty.svg"), progress_chart(&empty)?)?;

    let counts = [
        StatusCount {
            status: GoalStatus::OnTrack,
            count: 12,
        },
        StatusCount {
            status: GoalStatus::AtRisk,
            count: 5,
        },
        StatusCount {
            status: GoalStatus::OffTrack,
            count: 3,
        },
        StatusCount {
            status: GoalStatus::Done,
            count: 8,
        },
        StatusCount {
            status: GoalStatus::Missed,
            count: 2,
        },
    ];
    std::fs::write(
        dir.join("status-light.svg"),
        status_bars(&counts, Theme::Light)?,
    )?;
    std::fs::write(
        dir.join("status-dark.svg"),
        status_bars(&counts, Theme::Dark)?,
    )?;
    std::fs::write(
        dir.join("status-empty.svg"),
        status_bars(&[], Theme::Light)?,
    )?;

    let deltas: Vec<f64> = (0..60)
        .map(|i| {
            let x = f64::from(i);
            ((x * 0.618).fract() - 0.6) * 0.7 + ((x * 0.37).sin() * 0.15)
        })
        .chain([1.4, -1.2])
        .collect();
    std::fs::write(
        dir.join("distribution-light.svg"),
        progress_distribution(&deltas, Theme::Light)?,
    )?;
    std::fs::write(
        dir.join("distribution-dark.svg"),
        progress_distribution(&deltas, Theme::Dark)?,
    )?;
    std::fs::write(
        dir.join("distribution-empty.svg"),
        progress_distribution(&[], Theme::Dark)?,
    )?;
    eprintln!("wrote samples to {}", dir.display());
    Ok(())
}
