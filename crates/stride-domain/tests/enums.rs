//! Every vocabulary: serde, as_str, Display and FromStr agree on one stable
//! snake_case name.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns unwrap too

use proptest::prelude::*;
use rstest::rstest;
use std::str::FromStr;
use stride_domain::revision::GoalField;
use stride_domain::*;

fn round_trip<T>(all: &[T])
where
    T: Copy
        + PartialEq
        + std::fmt::Debug
        + std::fmt::Display
        + FromStr<Err = DomainError>
        + serde::Serialize
        + serde::de::DeserializeOwned,
{
    let mut names = std::collections::BTreeSet::new();
    for v in all {
        let text = v.to_string();
        assert!(names.insert(text.clone()), "duplicate name {text}");
        assert!(
            text.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{text} is not snake_case"
        );
        assert_eq!(text.parse::<T>().unwrap(), *v);
        assert_eq!(format!(" {text}\n").parse::<T>().unwrap(), *v, "trims");
        let json = serde_json::to_string(v).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
    }
    let err = "definitely-not-a-variant".parse::<T>().unwrap_err();
    assert_eq!(err.code(), "unknown_variant");
    assert!(
        err.to_string().contains(&all[0].to_string()),
        "error lists the names: {err}"
    );
}

#[test]
fn every_enum_round_trips() {
    round_trip(GoalKind::ALL);
    round_trip(Category::ALL);
    round_trip(UnitKind::ALL);
    round_trip(Direction::ALL);
    round_trip(GoalState::ALL);
    round_trip(CadenceKind::ALL);
    round_trip(GoalStatus::ALL);
    round_trip(Role::ALL);
    round_trip(OrgUnitKind::ALL);
    round_trip(CycleState::ALL);
    round_trip(PeriodKind::ALL);
    round_trip(GoalField::ALL);
}

#[rstest]
#[case(Direction::AtLeast, "at_least")]
#[case(Direction::WithinBand, "within_band")]
#[case(GoalKind::KeyResult, "key_result")]
#[case(GoalKind::SmartGoal, "smart_goal")]
#[case(GoalState::Deprioritised, "deprioritised")]
fn stable_names(#[case] d: impl std::fmt::Display, #[case] name: &str) {
    assert_eq!(d.to_string(), name);
}

#[rstest]
#[case(Role::HrAdmin, "hr_admin")]
#[case(Role::Manager, "manager")]
fn role_names(#[case] r: Role, #[case] name: &str) {
    assert_eq!(r.as_str(), name);
}

#[rstest]
#[case(GoalStatus::OnTrack, "on_track")]
#[case(GoalStatus::OffTrack, "off_track")]
#[case(GoalStatus::AtRisk, "at_risk")]
fn status_names(#[case] s: GoalStatus, #[case] name: &str) {
    assert_eq!(s.as_str(), name);
}

#[rstest]
#[case(Cadence::Weekly, "weekly", r#"{"kind":"weekly"}"#)]
#[case(Cadence::Biweekly, "biweekly", r#"{"kind":"biweekly"}"#)]
#[case(Cadence::Monthly, "monthly", r#"{"kind":"monthly"}"#)]
#[case(Cadence::Custom { days: 10 }, "custom:10", r#"{"kind":"custom","days":10}"#)]
fn cadence_text_and_json(#[case] c: Cadence, #[case] text: &str, #[case] json: &str) {
    assert_eq!(c.to_string(), text);
    assert_eq!(text.parse::<Cadence>().unwrap(), c);
    assert_eq!(serde_json::to_string(&c).unwrap(), json);
    assert_eq!(serde_json::from_str::<Cadence>(json).unwrap(), c);
    assert_eq!(
        Cadence::from_parts(c.kind(), c.custom_days().map(i64::from)).unwrap(),
        c
    );
}

#[rstest]
#[case("custom:0")]
#[case("custom:367")]
#[case("custom:-1")]
#[case("custom:x")]
#[case("fortnightly")]
fn cadence_rejects(#[case] text: &str) {
    assert!(text.parse::<Cadence>().is_err());
}

#[test]
fn owner_text_and_json() {
    let p = PersonId::new();
    let o = Owner::Person(p);
    assert_eq!(o.to_string(), format!("person:{p}"));
    assert_eq!(o.to_string().parse::<Owner>().unwrap(), o);
    assert_eq!(
        serde_json::to_string(&o).unwrap(),
        format!(r#"{{"type":"person","id":"{p}"}}"#)
    );
    let u = Owner::Unit(OrgUnitId::new());
    assert_eq!(
        Owner::from_parts(u.kind_str(), &u.unit().unwrap().to_string()).unwrap(),
        u
    );
    assert!("team:abc".parse::<Owner>().is_err());
    assert!("person:abc".parse::<Owner>().is_err());
    assert!("nonsense".parse::<Owner>().is_err());
}

proptest! {
    #[test]
    fn parsing_any_text_never_panics(s in ".{0,40}") {
        if let Ok(d) = s.parse::<Direction>() {
            prop_assert_eq!(d.as_str(), s.trim());
        }
        let _ = s.parse::<GoalState>();
        let _ = s.parse::<Cadence>();
        let _ = s.parse::<Owner>();
        let _ = s.parse::<GoalField>();
    }

    #[test]
    fn custom_cadence_round_trips(days in 1u16..=366) {
        let c = Cadence::custom(i64::from(days)).unwrap();
        prop_assert_eq!(c.to_string().parse::<Cadence>().unwrap(), c);
        let json = serde_json::to_string(&c).unwrap();
        prop_assert_eq!(serde_json::from_str::<Cadence>(&json).unwrap(), c);
    }

    #[test]
    fn confidence_accepts_exactly_0_to_10(v in -100i64..100) {
        let c = Confidence::new(v);
        prop_assert_eq!(c.is_ok(), (0..=10).contains(&v));
        if let Ok(c) = c {
            let json = serde_json::to_string(&c).unwrap();
            prop_assert_eq!(&json, &v.to_string());
            prop_assert_eq!(serde_json::from_str::<Confidence>(&json).unwrap(), c);
        } else {
            prop_assert!(serde_json::from_str::<Confidence>(&v.to_string()).is_err());
        }
    }
}
