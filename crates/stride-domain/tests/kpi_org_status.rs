//! KPIs and periods, org structure and cycles, status thresholds.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns unwrap too

mod common;

use common::*;
use proptest::prelude::*;
use rstest::rstest;
use stride_domain::*;

#[rstest]
#[case(PeriodKind::Day, d(2026, 5, 13), true)]
#[case(PeriodKind::Week, d(2026, 5, 11), true)] // a Monday
#[case(PeriodKind::Week, d(2026, 5, 13), false)]
#[case(PeriodKind::Month, d(2026, 5, 1), true)]
#[case(PeriodKind::Month, d(2026, 5, 2), false)]
#[case(PeriodKind::Quarter, d(2026, 7, 1), true)]
#[case(PeriodKind::Quarter, d(2026, 8, 1), false)]
fn period_starts(#[case] kind: PeriodKind, #[case] start: chrono::NaiveDate, #[case] ok: bool) {
    let p = Period::new(kind, start);
    assert_eq!(p.is_ok(), ok, "{p:?}");
    if let Err(e) = p {
        assert_eq!(e.code(), "invalid_period_start");
        assert!(e.to_string().starts_with("period:"));
    }
}

#[test]
fn period_serde_validates() {
    let p = Period::new(PeriodKind::Quarter, d(2026, 7, 1)).unwrap();
    assert_eq!(p.end(), d(2026, 9, 30));
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, r#"{"kind":"quarter","start":"2026-07-01"}"#);
    assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), p);
    assert!(serde_json::from_str::<Period>(r#"{"kind":"quarter","start":"2026-07-02"}"#).is_err());
}

#[test]
fn kpis_and_series() {
    assert_eq!(
        Kpi::new(
            "",
            "x",
            UnitKind::Number,
            "",
            Direction::Increase,
            PeriodKind::Day
        )
        .unwrap_err()
        .code(),
        "empty"
    );
    assert_eq!(
        Kpi::new(
            "Sales Pipeline",
            "x",
            UnitKind::Number,
            "",
            Direction::Increase,
            PeriodKind::Day
        )
        .unwrap_err()
        .code(),
        "invalid"
    );
    assert_eq!(
        Kpi::new(
            "sales.pipeline",
            " ",
            UnitKind::Number,
            "",
            Direction::Increase,
            PeriodKind::Day
        )
        .unwrap_err()
        .code(),
        "empty"
    );
    let kpi = Kpi::new(
        "sales.pipeline",
        "Qualified pipeline",
        UnitKind::Currency,
        "USD",
        Direction::Increase,
        PeriodKind::Month,
    )
    .unwrap();
    assert_eq!(
        DataPoint::new(&kpi, d(2026, 7, 2), 1.0, t(0))
            .unwrap_err()
            .code(),
        "invalid_period_start"
    );
    assert_eq!(
        DataPoint::new(&kpi, d(2026, 7, 1), f64::NAN, t(0))
            .unwrap_err()
            .code(),
        "not_finite"
    );
    let a = DataPoint::new(&kpi, d(2026, 7, 1), 2.1e6, t(0)).unwrap();
    let b = DataPoint::new(&kpi, d(2026, 8, 1), 2.2e6, t(0)).unwrap();
    validate_series(&kpi, &[a.clone(), b.clone()]).unwrap();
    let mut dup = b.clone();
    dup.period = a.period;
    assert_eq!(
        validate_series(&kpi, &[a.clone(), dup]).unwrap_err().code(),
        "duplicate_data_point"
    );
    let mut weekly = b;
    weekly.period = Period::new(PeriodKind::Week, d(2026, 8, 3)).unwrap();
    assert_eq!(
        validate_series(&kpi, &[weekly]).unwrap_err().code(),
        "period_kind_mismatch"
    );
    assert_eq!(current_from_kpi(kpi.id, &[a], None).unwrap().value, 2.1e6);
}

proptest! {
    #[test]
    fn periods_tile_the_calendar(kind in prop::sample::select(PeriodKind::ALL), n in -20000i64..20000) {
        let date = d(2026, 1, 1) + chrono::TimeDelta::days(n);
        let p = Period::containing(kind, date);
        prop_assert!(p.contains(date));
        prop_assert_eq!(Period::new(kind, p.start()).unwrap(), p);
        let next = p.next().unwrap();
        prop_assert_eq!(next.start(), p.end().succ_opt().unwrap());
        prop_assert_eq!(Period::new(kind, next.start()).unwrap(), next);
    }

    #[test]
    fn quarter_cycles(year in 1900i32..2200, q in 1u32..=4) {
        let c = Cycle::quarter(year, q, CycleState::Planning).unwrap();
        prop_assert_eq!(&c.name, &format!("Q{q} {year}"));
        prop_assert_eq!(org::quarter_of(c.start), q);
        prop_assert_eq!(org::quarter_of(c.end), q);
        prop_assert_eq!(Period::containing(PeriodKind::Quarter, c.end).start(), c.start);
    }

    #[test]
    fn classify_is_ordered(actual in -1.0f64..2.0, expected in -1.0f64..2.0) {
        let th = StatusThresholds::default();
        let s = th.classify(actual, expected);
        let gap = expected - actual;
        prop_assert_eq!(s == GoalStatus::OnTrack, gap < 0.165);
        prop_assert_eq!(s == GoalStatus::OffTrack, gap > 0.33);
    }
}

#[test]
fn quarter_cycle_q3_2026() {
    let c = Cycle::quarter(2026, 3, CycleState::Active).unwrap();
    assert_eq!(
        (c.name.as_str(), c.start, c.end),
        ("Q3 2026", d(2026, 7, 1), d(2026, 9, 30))
    );
    assert!(c.contains(d(2026, 8, 15)));
    assert!(Cycle::quarter(2026, 5, CycleState::Active).is_err());
    assert_eq!(
        Cycle::new("Bad", d(2026, 2, 1), d(2026, 1, 1), CycleState::Planning)
            .unwrap_err()
            .code(),
        "end_before_start"
    );
    assert_eq!(
        Cycle::new(" ", d(2026, 1, 1), d(2026, 1, 1), CycleState::Planning)
            .unwrap_err()
            .code(),
        "empty"
    );
}

fn unit(kind: OrgUnitKind, parent: Option<OrgUnitId>) -> OrgUnit {
    OrgUnit {
        id: OrgUnitId::new(),
        name: format!("{kind}"),
        kind,
        parent,
        lead: None,
    }
}

#[test]
fn org_tree_rules() {
    let company = unit(OrgUnitKind::Company, None);
    let sales = unit(OrgUnitKind::Division, Some(company.id));
    let team = unit(OrgUnitKind::Team, Some(sales.id));
    let dept = unit(OrgUnitKind::Department, Some(company.id)); // a skipped level is fine
    validate_org_units(&[company.clone(), sales.clone(), team.clone(), dept]).unwrap();
    assert_eq!(
        org::unit_ancestry(&[company.clone(), sales.clone(), team.clone()], team.id),
        vec![team.id, sales.id, company.id]
    );

    let upside_down = unit(OrgUnitKind::Division, Some(team.id));
    let err = validate_org_units(&[company.clone(), sales.clone(), team.clone(), upside_down])
        .unwrap_err();
    assert_eq!(err.code(), "org_tree");
    assert!(err.to_string().contains("cannot sit under a team"), "{err}");
    assert_eq!(
        validate_org_units(&[unit(OrgUnitKind::Team, None)])
            .unwrap_err()
            .code(),
        "org_tree"
    );
    assert_eq!(
        validate_org_units(&[unit(OrgUnitKind::Team, Some(OrgUnitId::new()))])
            .unwrap_err()
            .code(),
        "org_tree"
    );
    let mut parented_company = company.clone();
    parented_company.parent = Some(sales.id);
    assert_eq!(
        validate_org_units(&[parented_company, sales])
            .unwrap_err()
            .code(),
        "org_tree"
    );
    assert_eq!(
        validate_org_units(&[company.clone(), company])
            .unwrap_err()
            .code(),
        "org_tree"
    );
}

fn person(manager: Option<PersonId>) -> Person {
    Person {
        id: PersonId::new(),
        name: "Ada".into(),
        email: "ada@example.com".into(),
        title: "Engineer".into(),
        org_unit: OrgUnitId::new(),
        manager,
        hire_date: d(2020, 1, 6),
        active: true,
        role: Role::Employee,
    }
}

#[test]
fn people_and_reporting_lines() {
    let boss = person(None);
    let mid = person(Some(boss.id));
    let ic = person(Some(mid.id));
    boss.validate().unwrap();
    validate_reporting_lines(&[boss.clone(), mid.clone(), ic.clone()]).unwrap();
    let mut looped = boss.clone();
    looped.manager = Some(ic.id);
    assert_eq!(
        validate_reporting_lines(&[looped, mid, ic])
            .unwrap_err()
            .code(),
        "reporting_cycle"
    );
    let mut own = boss.clone();
    own.manager = Some(own.id);
    assert_eq!(own.validate().unwrap_err().code(), "reporting_cycle");
    for bad in [
        "",
        "ada",
        "ada@",
        "@example.com",
        "ada@example",
        "a da@example.com",
        "a@b@c.com",
    ] {
        let mut p = boss.clone();
        p.email = bad.into();
        assert!(p.validate().is_err(), "{bad}");
    }
    let mut unnamed = boss;
    unnamed.name = " ".into();
    assert_eq!(unnamed.validate().unwrap_err().code(), "empty");
}

#[test]
fn thresholds_validate_and_states_gate_status() {
    assert!(StatusThresholds::new(0.165, 0.33).is_ok());
    assert_eq!(
        StatusThresholds::new(0.165, 0.33).unwrap(),
        StatusThresholds::default()
    );
    assert!(StatusThresholds::new(0.4, 0.3).is_err());
    assert!(StatusThresholds::new(0.0, 0.3).is_err());
    assert!(StatusThresholds::new(f64::NAN, 0.3).is_err());
    let strict = StatusThresholds::new(0.05, 0.1).unwrap();
    let g = ops_goal();
    // 46 h at the review: gap 0.25 → at risk by default, off track when strict.
    assert_eq!(
        goal_status(&g, Some(46.0), d(2026, 5, 13), &StatusThresholds::default()),
        Some(GoalStatus::AtRisk)
    );
    assert_eq!(
        goal_status(&g, Some(46.0), d(2026, 5, 13), &strict),
        Some(GoalStatus::OffTrack)
    );

    for (state, want) in [
        (GoalState::Draft, None),
        (GoalState::Cancelled, None),
        (GoalState::Deprioritised, None),
        (GoalState::Completed, Some(GoalStatus::Done)),
        (GoalState::Missed, Some(GoalStatus::Missed)),
    ] {
        let mut dr = g.as_draft().clone();
        dr.state = state;
        let goal = Goal::new(dr).unwrap();
        assert_eq!(
            goal_status(&goal, Some(40.0), d(2026, 5, 13), &strict),
            want,
            "{state}"
        );
        assert_eq!(state.counts_in_rollup(), want.is_some());
    }
}

#[test]
fn band_goals_hold_until_due() {
    let mut g = simple_draft();
    g.direction = Direction::WithinBand;
    g.target = None;
    g.baseline = Some(80.0);
    g.band_low = Some(90.0);
    g.band_high = Some(95.0);
    let g = Goal::new(g).unwrap();
    let th = StatusThresholds::default();
    assert_eq!(
        goal_status(&g, Some(92.0), d(2026, 2, 1), &th),
        Some(GoalStatus::OnTrack)
    );
    assert_eq!(
        goal_status(&g, Some(92.0), d(2026, 3, 31), &th),
        Some(GoalStatus::OnTrack)
    );
    assert_eq!(
        goal_status(&g, Some(92.0), d(2026, 4, 1), &th),
        Some(GoalStatus::Done)
    );
    assert_eq!(
        goal_status(&g, Some(96.0), d(2026, 4, 1), &th),
        Some(GoalStatus::Missed)
    );
    assert_eq!(
        goal_status(&g, None, d(2026, 4, 1), &th),
        Some(GoalStatus::Missed)
    );
}

#[cfg(feature = "ts")]
#[test]
fn ts_declarations_exist_for_ui_types() {
    use ts_rs::TS;
    let cfg = ts_rs::Config::default();
    let goal = GoalDraft::decl(&cfg);
    assert!(goal.contains("direction: Direction"), "{goal}");
    assert!(goal.contains("baseline: number | null"), "{goal}");
    assert!(goal.contains("start: string"), "{goal}");
    assert!(Goal::decl(&cfg).contains("GoalDraft"));
    assert!(Direction::decl(&cfg).contains("\"within_band\""));
    assert!(GoalStatus::decl(&cfg).contains("\"on_track\""));
    assert!(Owner::decl(&cfg).contains("\"person\""));
    assert!(Cadence::decl(&cfg).contains("\"custom\""));
    for decl in [
        CheckIn::decl(&cfg),
        Revision::decl(&cfg),
        GoalEvaluation::decl(&cfg),
        CurrentValue::decl(&cfg),
        AlignmentEdge::decl(&cfg),
        Kpi::decl(&cfg),
        DataPoint::decl(&cfg),
        Period::decl(&cfg),
        Person::decl(&cfg),
        OrgUnit::decl(&cfg),
        Cycle::decl(&cfg),
        StatusThresholds::decl(&cfg),
        revision::FieldValueAt::decl(&cfg),
        Measure::decl(&cfg),
    ] {
        assert!(decl.starts_with("type "), "{decl}");
    }
    assert!(Confidence::inline(&cfg) == "number");
}
