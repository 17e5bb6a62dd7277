//! Median time to parse (and judge) a goal sentence: the seed article's three
//! examples and the contract's vague one.
#![allow(missing_docs, clippy::unwrap_used)]

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use stride_domain::smart::{check, parse, ParseOptions, VerdictInput};

const SEED: [&str; 4] = [
    "Increase qualified pipeline revenue by 25% in Q3 2026 by making 20 outbound calls per day and logging all activity inside the CRM.",
    "Improve employee engagement scores from 67% to 75% by Q4 2026 through structured bi-weekly feedback sessions and a revised recognition program.",
    "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing and eliminating manual approval bottlenecks.",
    "Improve customer satisfaction.",
];

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let names = ["sales", "hr", "operations", "vague"];
    for (name, s) in names.iter().zip(SEED) {
        c.bench_function(&format!("parse/{name}"), |b| {
            b.iter(|| parse(black_box(s), today));
        });
    }
    c.bench_function("check/operations", |b| {
        b.iter(|| {
            check(
                black_box(SEED[2]),
                &ParseOptions::new(today),
                &VerdictInput::default(),
            )
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
