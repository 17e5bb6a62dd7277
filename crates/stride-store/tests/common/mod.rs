//! Fixtures shared by the store's tests: a small organisation and the seed
//! article's operations goal.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // fixtures fail loudly on purpose

use chrono::{NaiveDate, TimeZone, Utc};
use stride_domain::{
    Checkpoint, Direction, Goal, GoalDraft, GoalKind, OrgUnit, OrgUnitId, OrgUnitKind, Owner,
    Person, PersonId, Role, UnitKind,
};
use stride_store::Store;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub struct Org {
    pub company: OrgUnitId,
    pub ops: OrgUnitId,
    pub maria: PersonId,
    pub omar: PersonId,
}

pub async fn seed_org(store: &Store) -> Org {
    let company = OrgUnit {
        id: OrgUnitId::new(),
        name: "Acme".into(),
        kind: OrgUnitKind::Company,
        parent: None,
        lead: None,
    };
    let ops = OrgUnit {
        id: OrgUnitId::new(),
        name: "Operations".into(),
        kind: OrgUnitKind::Department,
        parent: Some(company.id),
        lead: None,
    };
    let maria = Person {
        id: PersonId::new(),
        name: "Maria Lopez".into(),
        email: "maria@acme.test".into(),
        title: "Head of Operations".into(),
        org_unit: ops.id,
        manager: None,
        hire_date: d(2020, 3, 1),
        active: true,
        role: Role::Manager,
    };
    let omar = Person {
        id: PersonId::new(),
        name: "Omar Haddad".into(),
        email: "omar@acme.test".into(),
        title: "Operations analyst".into(),
        org_unit: ops.id,
        manager: Some(maria.id),
        hire_date: d(2023, 9, 15),
        active: true,
        role: Role::Employee,
    };
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_org_units(&[company.clone(), ops.clone()])
        .await
        .unwrap();
    tx.insert_people(&[maria.clone(), omar.clone()])
        .await
        .unwrap();
    tx.set_unit_lead(ops.id, Some(maria.id)).await.unwrap();
    tx.commit().await.unwrap();
    Org {
        company: company.id,
        ops: ops.id,
        maria: maria.id,
        omar: omar.id,
    }
}

/// The seed article's operations goal: 48 h → 32 h by the end of Q2 2026,
/// with a six-week checkpoint.
pub fn operations_goal(owner: PersonId) -> Goal {
    let mut g = GoalDraft::new(
        Owner::Person(owner),
        "Cut order processing time to 32 hours",
        d(2026, 4, 1),
        d(2026, 6, 30),
    );
    g.statement = "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing".into();
    g.method = "implementing automated workflow routing".into();
    g.metric_name = "average order processing time".into();
    g.unit = UnitKind::Duration;
    g.unit_label = "hours".into();
    g.direction = Direction::Decrease;
    g.baseline = Some(48.0);
    g.target = Some(32.0);
    g.checkpoints = vec![Checkpoint {
        date: d(2026, 5, 13),
        expected: 42.0,
        label: "six-week review".into(),
    }];
    Goal::new(g).unwrap()
}

pub fn company_goal(unit: OrgUnitId) -> Goal {
    let mut g = GoalDraft::new(
        Owner::Unit(unit),
        "Delight customers with fast delivery",
        d(2026, 1, 1),
        d(2026, 12, 31),
    );
    g.kind = GoalKind::Objective;
    g.direction = Direction::Increase;
    g.baseline = Some(70.0);
    g.target = Some(85.0);
    g.unit = UnitKind::Percent;
    g.unit_label = "%".into();
    Goal::new(g).unwrap()
}

pub async fn open_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("model.db")).await.unwrap();
    (dir, store)
}

pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 4, 20, 9, 30, 0).unwrap()
}
