//! A believable demo organisation: "Northwind Logistics".
//!
//! [`generate`] fills an empty store with a company → divisions → departments
//! → teams tree, people with reporting lines, the cycles Q4 2025 … Q4 2026,
//! company objectives cascading through department and team goals to
//! individual goals (SMART goals, key results, development and activity
//! goals), a year of check-ins with plausible trajectories, revisions with
//! reasons, and KPIs with weekly or monthly series. It contains the seed
//! article's three department examples as real goals (see [`SeedGoals`]).
//!
//! Everything is derived from [`DemoOptions::seed`] and [`DemoOptions::today`]
//! through a small built-in PRNG (splitmix64), ids included (UUIDv7 layout
//! with deterministic bits), so the same options give the same database.
//!
//! Rows are built in memory one batch at a time (a batch of people with all
//! their goals, alignments, check-ins and revisions) and written with the
//! store's batched writers, one transaction per batch, so memory stays
//! bounded and progress is visible for 10,000 people.
//!
//! Alignment edges always point from a lower level to a higher one
//! (individual → team → department → company, and the seed activity goals →
//! their department goal), so the whole edge set is acyclic by construction;
//! each batch is additionally checked with [`AlignmentGraph::from_edges`]
//! before [`WriteTx::insert_alignments_checked`].

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use stride_domain::{
    AlignmentEdge, AlignmentGraph, Cadence, Category, CheckIn, CheckInDraft, CheckInId, Checkpoint,
    Cycle, CycleId, CycleState, DataPoint, DataPointId, Direction, FieldChange, Goal, GoalDraft,
    GoalField, GoalId, GoalKind, GoalState, Kpi, KpiId, Measure, OrgUnit, OrgUnitId, OrgUnitKind,
    Owner, PeriodKind, Person, PersonId, Revision, RevisionId, Role, UnitKind,
};
use uuid::{Builder, Uuid};

use crate::error::{Result, StoreError};
use crate::open::{Store, WriteTx};

/// Default number of people.
pub const DEFAULT_PEOPLE: usize = 60;
/// Fewest people a demo organisation can have.
pub const MIN_PEOPLE: usize = 10;
/// Most people a demo organisation can have.
pub const MAX_PEOPLE: usize = 50_000;

/// People per write transaction in the individual-goals phase.
const PEOPLE_PER_BATCH: usize = 400;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// Head count, [`MIN_PEOPLE`]..=[`MAX_PEOPLE`] (default [`DEFAULT_PEOPLE`]).
    pub people: usize,
    /// PRNG seed: the same seed and `today` give the same organisation.
    pub seed: u64,
    /// The generator's "today": cycle states, goal states and how far the
    /// check-in history reaches are relative to it.
    pub today: NaiveDate,
}

impl DemoOptions {
    /// Options for `people` people with `seed`, as of `today`.
    #[must_use]
    pub fn new(people: usize, seed: u64, today: NaiveDate) -> Self {
        Self {
            people,
            seed,
            today,
        }
    }
}

impl Default for DemoOptions {
    /// 60 people, seed 2026, today's UTC date.
    fn default() -> Self {
        Self::new(DEFAULT_PEOPLE, 2026, Utc::now().date_naive())
    }
}

/// A progress report: `done` of `total` units of work in `phase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoProgress {
    /// "organisation", "kpis", "unit goals" or "individual goals".
    pub phase: &'static str,
    /// Work done in the phase so far.
    pub done: usize,
    /// Total work in the phase.
    pub total: usize,
}

/// The seed article's goals as generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SeedGoals {
    /// Sales: qualified pipeline revenue 2.0 M → 2.5 M USD (+25 %) in Q3 2026.
    pub sales: GoalId,
    /// Its activity metric: at least 20 outbound calls per day.
    pub sales_calls: GoalId,
    /// HR: engagement 67 % → 75 % by Q4 2026, mid-year review.
    pub hr: GoalId,
    /// Its activity metric: bi-weekly feedback sessions.
    pub hr_feedback_sessions: GoalId,
    /// Operations: order processing 48 h → 32 h by Q2 2026, six-week review.
    pub operations: GoalId,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    /// The company unit.
    pub company: OrgUnitId,
    /// Org units (company, divisions, departments, teams).
    pub org_units: usize,
    /// People.
    pub people: usize,
    /// Cycles.
    pub cycles: usize,
    /// Goals of every kind and state.
    pub goals: usize,
    /// Goal checkpoints.
    pub checkpoints: usize,
    /// Alignment edges.
    pub alignments: usize,
    /// Check-ins.
    pub check_ins: usize,
    /// Revisions.
    pub revisions: usize,
    /// KPIs.
    pub kpis: usize,
    /// KPI data points.
    pub data_points: usize,
    /// The seed article's goals.
    pub seed_goals: SeedGoals,
    /// A suggested "me": a team manager in Sales with reports (owner of the
    /// 20-calls-a-day goal).
    pub me: PersonId,
}

/// Fills an empty store with the demo organisation.
///
/// # Errors
/// [`StoreError::Invalid`] on field `people` outside
/// [`MIN_PEOPLE`]..=[`MAX_PEOPLE`]; [`StoreError::Conflict`] when the store
/// already holds data; any database error.
pub async fn generate(
    store: &Store,
    options: &DemoOptions,
    progress: &mut (dyn FnMut(DemoProgress) + Send),
) -> Result<DemoSummary> {
    if !(MIN_PEOPLE..=MAX_PEOPLE).contains(&options.people) {
        return Err(StoreError::invalid(
            "people",
            format!(
                "people: must be between {MIN_PEOPLE} and {MAX_PEOPLE}, got {}",
                options.people
            ),
        ));
    }
    let (units, people, goals, kpis, cycles): (i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM org_units), (SELECT count(*) FROM people), \
         (SELECT count(*) FROM goals), (SELECT count(*) FROM kpis), (SELECT count(*) FROM cycles)",
    )
    .fetch_one(store.reader())
    .await?;
    if units + people + goals + kpis + cycles > 0 {
        return Err(StoreError::Conflict(format!(
            "the store already holds data ({people} people, {goals} goals, {units} org units); \
             generate the demo organisation into an empty database"
        )));
    }

    let mut g = Gen::new(options);
    let mut summary = Counts::default();

    // 1. Organisation and cycles.
    let org = g.build_org(options.people);
    progress(DemoProgress {
        phase: "organisation",
        done: 0,
        total: org.people.len(),
    });
    let mut tx = store.begin_write().await?;
    tx.insert_org_units(&org.units).await?;
    for chunk in org.people.chunks(5_000) {
        tx.insert_people(chunk).await?;
    }
    for u in &org.units {
        if let Some(lead) = org.leads.get(&u.id) {
            tx.set_unit_lead(u.id, Some(*lead)).await?;
        }
    }
    for c in &g.cycles {
        tx.insert_cycle(c).await?;
    }
    tx.commit().await?;
    summary.org_units = org.units.len();
    summary.people = org.people.len();
    summary.cycles = g.cycles.len();
    progress(DemoProgress {
        phase: "organisation",
        done: org.people.len(),
        total: org.people.len(),
    });

    // 2. KPIs and their series.
    let kpis = g.build_kpis()?;
    progress(DemoProgress {
        phase: "kpis",
        done: 0,
        total: kpis.len(),
    });
    let mut tx = store.begin_write().await?;
    for (kpi, points) in &kpis {
        tx.insert_kpi(kpi).await?;
        tx.upsert_data_points(points).await?;
        summary.kpis += 1;
        summary.data_points += points.len();
    }
    tx.commit().await?;
    progress(DemoProgress {
        phase: "kpis",
        done: kpis.len(),
        total: kpis.len(),
    });
    g.kpi_ids = KpiIds {
        uptime: kpis[3].0.id,
        nps: kpis[4].0.id,
        churn: kpis[5].0.id,
    };

    // 3. Company, department and team goals, with the seed goals.
    let units_total = org.depts.len();
    progress(DemoProgress {
        phase: "unit goals",
        done: 0,
        total: units_total,
    });
    let mut batch = Batch::default();
    let unit_goals = g.build_unit_goals(&org, &mut batch)?;
    flush(store, &mut batch, &mut summary).await?;
    progress(DemoProgress {
        phase: "unit goals",
        done: units_total,
        total: units_total,
    });

    // 4. Individual goals, a batch of people per transaction.
    let total = org.members.len();
    progress(DemoProgress {
        phase: "individual goals",
        done: 0,
        total,
    });
    for (i, chunk) in org.members.chunks(PEOPLE_PER_BATCH).enumerate() {
        let mut batch = Batch::default();
        for m in chunk {
            g.build_individual_goals(m, &unit_goals, &mut batch)?;
        }
        flush(store, &mut batch, &mut summary).await?;
        progress(DemoProgress {
            phase: "individual goals",
            done: (i * PEOPLE_PER_BATCH + chunk.len()).min(total),
            total,
        });
    }

    Ok(DemoSummary {
        company: org.company,
        org_units: summary.org_units,
        people: summary.people,
        cycles: summary.cycles,
        goals: summary.goals,
        checkpoints: summary.checkpoints,
        alignments: summary.alignments,
        check_ins: summary.check_ins,
        revisions: summary.revisions,
        kpis: summary.kpis,
        data_points: summary.data_points,
        seed_goals: unit_goals.seed,
        me: org.me,
    })
}

#[derive(Debug, Default)]
struct Counts {
    org_units: usize,
    people: usize,
    cycles: usize,
    goals: usize,
    checkpoints: usize,
    alignments: usize,
    check_ins: usize,
    revisions: usize,
    kpis: usize,
    data_points: usize,
}

/// Rows for one write transaction. Goals are kept in runs sharing
/// (created_by, created_at), the granularity of `insert_goals`.
#[derive(Default)]
struct Batch {
    goals: Vec<(Option<PersonId>, DateTime<Utc>, Goal)>,
    edges: Vec<AlignmentEdge>,
    check_ins: Vec<CheckIn>,
    revisions: Vec<Revision>,
}

async fn flush(store: &Store, batch: &mut Batch, summary: &mut Counts) -> Result<()> {
    AlignmentGraph::from_edges(batch.edges.iter().copied()).map_err(|e| {
        StoreError::Conflict(format!("demo alignment edges are not a valid DAG: {e}"))
    })?;
    // Group goals by (created_by, created_at): one batched insert per group.
    batch.goals.sort_by_key(|g| (g.0, g.1));
    let mut tx: WriteTx = store.begin_write().await?;
    let mut start = 0;
    let goals = &batch.goals;
    while start < goals.len() {
        let (by, at, _) = &goals[start];
        let mut end = start + 1;
        while end < goals.len() && goals[end].0 == *by && goals[end].1 == *at {
            end += 1;
        }
        let run: Vec<Goal> = goals[start..end]
            .iter()
            .map(|(_, _, g)| g.clone())
            .collect();
        tx.insert_goals(&run, *by, *at).await?;
        summary.checkpoints += run.iter().map(|g| g.checkpoints.len()).sum::<usize>();
        start = end;
    }
    tx.insert_alignments_checked(&batch.edges).await?;
    tx.insert_check_ins(&batch.check_ins).await?;
    tx.insert_revisions(&batch.revisions).await?;
    tx.commit().await?;
    summary.goals += batch.goals.len();
    summary.alignments += batch.edges.len();
    summary.check_ins += batch.check_ins.len();
    summary.revisions += batch.revisions.len();
    *batch = Batch::default();
    Ok(())
}

// ---------------------------------------------------------------------------
// Randomness and ids
// ---------------------------------------------------------------------------

/// splitmix64: tiny, fast, good enough for demo data.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }

    /// Uniform in 0..n (0 when n is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Roughly normal noise with standard deviation `sd`.
    fn noise(&mut self, sd: f64) -> f64 {
        (self.unit() + self.unit() + self.unit() - 1.5) * 2.0 * sd
    }

    fn fork(&mut self) -> Self {
        Self::new(self.next_u64())
    }
}

/// Deterministic ids in the UUIDv7 layout (time-ordered, random tail from the PRNG).
struct IdGen {
    rng: Rng,
    millis: u64,
}

impl IdGen {
    fn uuid(&mut self) -> Uuid {
        self.millis += 1;
        let a = self.rng.next_u64().to_le_bytes();
        let b = self.rng.next_u64().to_le_bytes();
        let mut bytes = [0_u8; 10];
        bytes[..8].copy_from_slice(&a);
        bytes[8..].copy_from_slice(&b[..2]);
        Builder::from_unix_timestamp_millis(self.millis, &bytes).into_uuid()
    }
    fn goal(&mut self) -> GoalId {
        GoalId::from_uuid(self.uuid())
    }
    fn person(&mut self) -> PersonId {
        PersonId::from_uuid(self.uuid())
    }
    fn unit(&mut self) -> OrgUnitId {
        OrgUnitId::from_uuid(self.uuid())
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn plus_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs())).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs())).unwrap_or(d)
    }
}

fn at(d: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    d.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN))
        .and_utc()
}

fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

fn domain(e: stride_domain::DomainError) -> StoreError {
    StoreError::Invalid {
        field: e.field(),
        message: format!("demo generator built an invalid row: {e}"),
    }
}

// ---------------------------------------------------------------------------
// Names, functions, templates
// ---------------------------------------------------------------------------

const COMPANY: &str = "Northwind Logistics";
const EMAIL_DOMAIN: &str = "northwind.example";

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Aisha", "Akira", "Alejandro", "Amara", "Ana", "Anders", "Andrei", "Anika", "Arjun", "Astrid",
    "Ayodele", "Beatriz", "Ben", "Bilal", "Carmen", "Chen", "Chiara", "Chloé", "Daniel", "Dara",
    "David", "Deepa", "Diego", "Elena", "Elif", "Emeka", "Emma", "Erik", "Fatima", "Felix",
    "Fiona", "Gabriel", "Grace", "Hana", "Hannah", "Hiroshi", "Ibrahim", "Ines", "Ingrid", "Isabel",
    "Ivan", "Jamal", "James", "Javier", "Jin", "Joanna", "Jonas", "Kai", "Kavya", "Kenji",
    "Kofi", "Laila", "Lars", "Leila", "Liam", "Lina", "Lucas", "Lucía", "Mai", "Malik",
    "Marco", "Maria", "Mateo", "Mei", "Mia", "Mohammed", "Nadia", "Naomi", "Nikolai", "Nina",
    "Noah", "Nour", "Olga", "Omar", "Oscar", "Priya", "Rafael", "Rahul", "Rania", "Ravi",
    "Rosa", "Samir", "Sara", "Sebastian", "Sofia", "Sun", "Tariq", "Thabo", "Tomás", "Valentina",
    "Victor", "Wei", "Yara", "Yasmin", "Yusuf", "Zainab", "Zanele", "Zoë", "Tomasz", "Siobhan",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Abara", "Adeyemi", "Ahmed", "Ali", "Andersson", "Bakker", "Banerjee", "Becker", "Berg", "Bianchi",
    "Brown", "Campbell", "Chen", "Costa", "Dubois", "Duarte", "Eriksen", "Farouk", "Fernández", "Fischer",
    "García", "Ghosh", "González", "Gupta", "Haddad", "Hansen", "Hernández", "Hoang", "Huang", "Ibrahim",
    "Ito", "Jansen", "Jensen", "Johnson", "Kamau", "Kaplan", "Kim", "Kowalski", "Kumar", "Larsen",
    "Lee", "Lindqvist", "Liu", "López", "Mahlangu", "Martin", "Martínez", "Mensah", "Moreau", "Müller",
    "Murphy", "Nakamura", "Nguyen", "Novak", "Nowak", "O'Brien", "Okafor", "Olsen", "Osei", "Park",
    "Patel", "Pereira", "Petrov", "Popescu", "Quispe", "Rahman", "Ramírez", "Reddy", "Rossi", "Russo",
    "Sato", "Schmidt", "Schneider", "Singh", "Smith", "Sokolov", "Suzuki", "Tanaka", "Taylor", "Tran",
    "Van Dijk", "Vargas", "Wagner", "Walker", "Wang", "Watanabe", "Weber", "Williams", "Wilson", "Wójcik",
    "Yamamoto", "Yilmaz", "Yusuf", "Zhang", "Zhou", "Zulu", "Okonkwo", "Lindgren", "Castillo", "Moyo",
];

/// Lower-case ASCII for e-mail addresses.
fn ascii_slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let mapped = match c {
            'á' | 'à' | 'ä' | 'â' | 'Á' => 'a',
            'é' | 'è' | 'ë' | 'ê' | 'É' => 'e',
            'í' | 'ì' | 'ï' | 'Í' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'Ó' => 'o',
            'ú' | 'ù' | 'ü' | 'Ú' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'ć' => 'c',
            'ł' => 'l',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => continue,
        };
        out.push(mapped);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Func {
    Sales,
    Marketing,
    Success,
    Operations,
    Engineering,
    People,
    Finance,
}

const FUNCS: [Func; 7] = [
    Func::Sales,
    Func::Marketing,
    Func::Success,
    Func::Operations,
    Func::Engineering,
    Func::People,
    Func::Finance,
];

const DIVISIONS: [(&str, &str); 3] = [
    ("Commercial", "Chief Commercial Officer"),
    ("Operations & Technology", "Chief Operating Officer"),
    ("Corporate Services", "Chief Financial Officer"),
];

const REGIONS: &[&str] = &[
    "North America",
    "EMEA",
    "APAC",
    "Latin America",
    "UK & Ireland",
    "DACH",
    "Nordics",
    "Benelux",
    "Iberia",
    "Middle East",
    "India",
    "ANZ",
];

struct FuncInfo {
    name: &'static str,
    division: usize,
    weight: f64,
    head_title: &'static str,
    lead_title: &'static str,
    member_titles: &'static [&'static str],
    teams: &'static [&'static str],
    notes: &'static [&'static str],
    blockers: &'static [&'static str],
}

fn info(f: Func) -> &'static FuncInfo {
    match f {
        Func::Sales => &FuncInfo {
            name: "Sales",
            division: 0,
            weight: 0.22,
            head_title: "Head of Sales",
            lead_title: "Sales Manager",
            member_titles: &[
                "Account Executive",
                "Senior Account Executive",
                "Sales Development Representative",
                "Account Manager",
                "Sales Engineer",
            ],
            teams: &[
                "Outbound Development",
                "Enterprise Accounts",
                "Mid-Market",
                "SMB",
                "Partnerships",
                "Sales Operations",
            ],
            notes: &[
                "Pipeline review done; two enterprise deals moved to stage 3.",
                "Call blocks on Tuesday and Thursday mornings are working.",
                "All activity logged in the CRM this week.",
                "Lost one large deal on price; lessons shared in the team call.",
            ],
            blockers: &[
                "CRM sync outage lost two days of activity logs.",
                "Pricing approval for the enterprise bundle still pending.",
            ],
        },
        Func::Marketing => &FuncInfo {
            name: "Marketing",
            division: 0,
            weight: 0.10,
            head_title: "Head of Marketing",
            lead_title: "Marketing Manager",
            member_titles: &[
                "Content Marketer",
                "Demand Generation Specialist",
                "Product Marketing Manager",
                "Marketing Operations Analyst",
                "Designer",
            ],
            teams: &[
                "Demand Generation",
                "Product Marketing",
                "Brand & Content",
                "Marketing Operations",
            ],
            notes: &[
                "A/B test running; subject line B leads so far.",
                "Webinar registrations above last quarter.",
                "Landing page refresh shipped; watching conversion.",
            ],
            blockers: &[
                "Waiting on legal review of the customer quotes.",
                "Ad account suspended for two days after a policy check.",
            ],
        },
        Func::Success => &FuncInfo {
            name: "Customer Success",
            division: 0,
            weight: 0.14,
            head_title: "Head of Customer Success",
            lead_title: "Customer Success Manager",
            member_titles: &[
                "Customer Success Specialist",
                "Support Engineer",
                "Onboarding Specialist",
                "Account Manager",
                "Support Agent",
            ],
            teams: &[
                "Onboarding",
                "Support Tier 1",
                "Support Tier 2",
                "Account Management",
                "Renewals",
            ],
            notes: &[
                "Backlog trending down after the macros update.",
                "QBRs booked with three key accounts.",
                "Two at-risk accounts stabilised after exec calls.",
            ],
            blockers: &[
                "Ticket spike after the carrier outage.",
                "Knowledge base migration still in progress.",
            ],
        },
        Func::Operations => &FuncInfo {
            name: "Operations",
            division: 1,
            weight: 0.22,
            head_title: "Head of Operations",
            lead_title: "Operations Manager",
            member_titles: &[
                "Operations Analyst",
                "Warehouse Associate",
                "Logistics Coordinator",
                "Fleet Planner",
                "Procurement Specialist",
                "Shift Supervisor",
            ],
            teams: &[
                "Order Processing",
                "Warehouse North",
                "Warehouse South",
                "Fleet Planning",
                "Procurement",
                "Returns",
                "Quality",
            ],
            notes: &[
                "Routing rules v2 live in the north warehouse.",
                "Manual approval step removed for standard orders.",
                "Peak volume week; held steady.",
                "Process cycle data reviewed with the shift leads.",
            ],
            blockers: &[
                "Carrier API outage delayed routing tests.",
                "Approval workflow change pending finance sign-off.",
            ],
        },
        Func::Engineering => &FuncInfo {
            name: "Engineering",
            division: 1,
            weight: 0.20,
            head_title: "Head of Engineering",
            lead_title: "Engineering Manager",
            member_titles: &[
                "Software Engineer",
                "Senior Software Engineer",
                "Site Reliability Engineer",
                "Data Engineer",
                "QA Engineer",
                "Staff Engineer",
            ],
            teams: &[
                "Platform",
                "Routing Engine",
                "Customer Portal",
                "Mobile",
                "Data",
                "SRE",
                "Integrations",
            ],
            notes: &[
                "Deployed behind a feature flag; monitoring error rates.",
                "Flaky tests quarantined; CI green again.",
                "Load test passed at 2x peak traffic.",
            ],
            blockers: &[
                "Staging environment unstable this week.",
                "Blocked on a schema change from the Data team.",
            ],
        },
        Func::People => &FuncInfo {
            name: "People",
            division: 2,
            weight: 0.06,
            head_title: "Head of People",
            lead_title: "People Manager",
            member_titles: &[
                "People Partner",
                "Talent Acquisition Partner",
                "Recruiter",
                "Learning & Development Specialist",
                "People Analyst",
            ],
            teams: &[
                "People Partners",
                "Talent Acquisition",
                "Learning & Development",
                "People Operations",
            ],
            notes: &[
                "Pulse survey closed with 78 % participation.",
                "Recognition nominations up this month.",
                "Feedback session guide shared with all managers.",
            ],
            blockers: &[
                "Survey tool contract renewal delayed.",
                "Two hiring managers unavailable for interviews.",
            ],
        },
        Func::Finance => &FuncInfo {
            name: "Finance",
            division: 2,
            weight: 0.06,
            head_title: "Finance Director",
            lead_title: "Finance Manager",
            member_titles: &[
                "Financial Analyst",
                "Accountant",
                "Billing Specialist",
                "Accounts Payable Specialist",
                "FP&A Analyst",
            ],
            teams: &["FP&A", "Accounting", "Billing", "Payables"],
            notes: &[
                "Month-end close finished a day earlier.",
                "Invoice OCR pilot now handles 40 % of volume.",
                "Variance review done with budget owners.",
            ],
            blockers: &[
                "ERP upgrade freeze until the 15th.",
                "Bank feed for the EU entity failing intermittently.",
            ],
        },
    }
}

/// A metric shape with template values.
#[derive(Debug, Clone, Copy, PartialEq)]
enum M {
    Inc(f64, f64),
    Dec(f64, f64),
    AtLeast(f64, f64),
    AtMost(f64, f64),
    /// baseline, low, high
    Band(f64, f64, f64),
    Done,
}

impl M {
    fn direction(self) -> Direction {
        match self {
            Self::Inc(..) => Direction::Increase,
            Self::Dec(..) => Direction::Decrease,
            Self::AtLeast(..) => Direction::AtLeast,
            Self::AtMost(..) => Direction::AtMost,
            Self::Band(..) => Direction::WithinBand,
            Self::Done => Direction::Done,
        }
    }
}

/// A goal template. `{b}`, `{t}`, `{lo}`, `{hi}` in the title are replaced
/// by the instance's numbers.
#[derive(Debug, Clone, Copy)]
struct Tpl {
    title: &'static str,
    metric: &'static str,
    unit: UnitKind,
    label: &'static str,
    m: M,
    cat: Category,
    method: &'static str,
    key_result: bool,
}

const fn tpl(
    title: &'static str,
    metric: &'static str,
    unit: UnitKind,
    label: &'static str,
    m: M,
    cat: Category,
    method: &'static str,
) -> Tpl {
    Tpl {
        title,
        metric,
        unit,
        label,
        m,
        cat,
        method,
        key_result: false,
    }
}

const fn kr(t: Tpl) -> Tpl {
    Tpl {
        key_result: true,
        ..t
    }
}

use Category::{Activity as Act, Development as Dev, Performance as Perf};
use UnitKind::{Binary, Count, Currency, Duration, Number, Percent};

/// A department goal template with the company objectives it serves
/// (index into the 2026 objectives, weight).
struct DeptTpl {
    t: Tpl,
    parents: &'static [(usize, f64)],
}

#[rustfmt::skip]
fn dept_templates(f: Func) -> &'static [DeptTpl] {
    match f {
        Func::Sales => {
            const T: &[DeptTpl] = &[
                DeptTpl { t: tpl("Grow new-logo bookings from {b} to {t} USD", "new-logo bookings", Currency, "USD", M::Inc(1_200_000.0, 1_450_000.0), Perf, "focus account executives on mid-market shippers; weekly deal reviews"), parents: &[(0, 3.0)] },
                DeptTpl { t: tpl("Raise win rate from {b} % to {t} %", "win rate", Percent, "%", M::Inc(21.0, 26.0), Perf, "MEDDICC qualification on every stage-3 deal"), parents: &[(0, 2.0)] },
                DeptTpl { t: tpl("Shorten the sales cycle from {b} to {t} days", "median sales cycle", Duration, "days", M::Dec(74.0, 60.0), Perf, "standard pilot offer and mutual close plans"), parents: &[(0, 1.0)] },
                DeptTpl { t: tpl("Keep average discount at most {t} % of list price", "average discount", Percent, "%", M::AtMost(14.0, 10.0), Perf, "deal desk approval above 10 %"), parents: &[(0, 1.0), (2, 1.0)] },
            ];
            T
        }
        Func::Marketing => {
            const T: &[DeptTpl] = &[
                DeptTpl { t: tpl("Generate {t} marketing-qualified leads", "marketing-qualified leads", Count, "MQLs", M::Inc(900.0, 1_200.0), Perf, "two gated reports and a monthly webinar"), parents: &[(0, 2.0)] },
                DeptTpl { t: tpl("Cut cost per lead from {b} to {t} USD", "cost per lead", Currency, "USD", M::Dec(145.0, 115.0), Perf, "shift budget from display to search and partners"), parents: &[(0, 1.0), (2, 1.0)] },
                DeptTpl { t: tpl("Lift demo-request conversion from {b} % to {t} %", "demo-request conversion", Percent, "%", M::Inc(1.8, 2.4), Perf, "pricing page redesign and live chat"), parents: &[(0, 2.0)] },
                DeptTpl { t: tpl("Publish the Northwind Freight Index report", "report published", Binary, "", M::Done, Perf, "quarterly data study with the Data team"), parents: &[(0, 1.0)] },
            ];
            T
        }
        Func::Success => {
            const T: &[DeptTpl] = &[
                DeptTpl { t: tpl("Keep monthly logo churn at most {t} %", "monthly logo churn", Percent, "%", M::AtMost(2.8, 2.2), Perf, "health scores and exec sponsor calls for at-risk accounts"), parents: &[(1, 2.0), (0, 1.0)] },
                DeptTpl { t: tpl("Raise NPS from {b} to {t}", "net promoter score", Number, "points", M::Inc(36.0, 44.0), Perf, "close the loop on every detractor within 48 hours"), parents: &[(1, 3.0)] },
                DeptTpl { t: tpl("Cut first-response time from {b} to {t} hours", "first-response time", Duration, "hours", M::Dec(6.5, 4.0), Perf, "follow-the-sun rota and triage macros"), parents: &[(1, 2.0)] },
                DeptTpl { t: tpl("Hold the ticket backlog between {lo} and {hi} open tickets", "open ticket backlog", Count, "tickets", M::Band(420.0, 150.0, 250.0), Perf, "daily triage and a weekly backlog burn-down"), parents: &[(1, 1.0)] },
            ];
            T
        }
        Func::Operations => {
            const T: &[DeptTpl] = &[
                DeptTpl { t: tpl("Keep on-time delivery at least {t} %", "on-time delivery", Percent, "%", M::AtLeast(93.5, 96.0), Perf, "carrier scorecards and re-routing of late loads"), parents: &[(1, 2.0), (2, 1.0)] },
                DeptTpl { t: tpl("Hold warehouse utilisation between {lo} % and {hi} %", "warehouse utilisation", Percent, "%", M::Band(93.0, 80.0, 88.0), Perf, "overflow agreement with a 3PL partner"), parents: &[(2, 2.0)] },
                DeptTpl { t: tpl("Reduce mis-picks from {b} to {t} per 1,000 orders", "mis-picks per 1,000 orders", Number, "per 1,000", M::Dec(4.2, 2.5), Perf, "scan-to-confirm at every pick station"), parents: &[(2, 1.0), (1, 1.0)] },
                DeptTpl { t: tpl("Cut cost per order from {b} to {t} USD", "cost per order", Currency, "USD", M::Dec(5.2, 4.6), Perf, "batch picking and fewer split shipments"), parents: &[(2, 3.0)] },
            ];
            T
        }
        Func::Engineering => {
            const T: &[DeptTpl] = &[
                DeptTpl { t: tpl("Keep platform uptime at least {t} %", "platform uptime", Percent, "%", M::AtLeast(99.7, 99.9), Perf, "SLOs with error budgets; on-call review every week"), parents: &[(4, 3.0)] },
                DeptTpl { t: tpl("Cut deploy lead time from {b} to {t} hours", "median deploy lead time", Duration, "hours", M::Dec(30.0, 12.0), Perf, "trunk-based development and automated canaries"), parents: &[(4, 1.0), (2, 1.0)] },
                DeptTpl { t: tpl("Keep escaped defects at most {t} per release", "escaped defects per release", Count, "defects", M::AtMost(9.0, 5.0), Perf, "contract tests on every integration"), parents: &[(4, 2.0)] },
                DeptTpl { t: tpl("Ship single sign-on for enterprise customers", "SSO shipped", Binary, "", M::Done, Perf, "SAML and OIDC through the identity gateway"), parents: &[(0, 1.0), (4, 1.0)] },
            ];
            T
        }
        Func::People => {
            const T: &[DeptTpl] = &[
                DeptTpl { t: tpl("Cut time-to-hire from {b} to {t} days", "time to hire", Duration, "days", M::Dec(52.0, 40.0), Perf, "structured interviews and a shared candidate pool"), parents: &[(3, 2.0)] },
                DeptTpl { t: tpl("Keep regretted attrition at most {t} %", "regretted attrition (annualised)", Percent, "%", M::AtMost(9.0, 7.0), Perf, "stay interviews for high performers"), parents: &[(3, 3.0)] },
                DeptTpl { t: tpl("Raise manager 1:1 coverage from {b} % to {t} %", "reports with a 1:1 in the last 14 days", Percent, "%", M::Inc(64.0, 90.0), Perf, "1:1 templates and reminders in Stride"), parents: &[(3, 2.0)] },
                DeptTpl { t: tpl("Launch the new career framework", "career framework launched", Binary, "", M::Done, Dev, "levels and competencies for every job family"), parents: &[(3, 1.0)] },
            ];
            T
        }
        Func::Finance => {
            const T: &[DeptTpl] = &[
                DeptTpl { t: tpl("Close the books in {t} working days", "days to close", Duration, "days", M::Dec(9.0, 5.0), Perf, "continuous reconciliation and a close calendar"), parents: &[(2, 2.0)] },
                DeptTpl { t: tpl("Keep spend within {lo}–{hi} % of plan", "spend vs plan", Percent, "%", M::Band(106.0, 97.0, 103.0), Perf, "monthly budget-owner reviews"), parents: &[(2, 2.0)] },
                DeptTpl { t: tpl("Cut days sales outstanding from {b} to {t} days", "days sales outstanding", Duration, "days", M::Dec(48.0, 40.0), Perf, "automated dunning and e-invoicing"), parents: &[(2, 1.0), (0, 1.0)] },
                DeptTpl { t: tpl("Automate {t} % of supplier invoices", "supplier invoices automated", Percent, "%", M::Inc(35.0, 70.0), Perf, "OCR capture and three-way matching"), parents: &[(2, 1.0)] },
            ];
            T
        }
    }
}

#[rustfmt::skip]
fn team_templates(f: Func) -> &'static [Tpl] {
    match f {
        Func::Sales => {
            const T: &[Tpl] = &[
                tpl("Add {t} USD of qualified pipeline", "qualified pipeline added", Currency, "USD", M::Inc(0.0, 400_000.0), Perf, "weekly prospecting sprints"),
                tpl("Run {t} discovery meetings", "discovery meetings", Count, "meetings", M::Inc(0.0, 80.0), Act, "shared call blocks and warm intros"),
                tpl("Lift stage-2 to stage-3 conversion from {b} % to {t} %", "stage-2 → stage-3 conversion", Percent, "%", M::Inc(32.0, 40.0), Perf, "deal coaching in the Monday call"),
                tpl("Keep at least {t} % of opportunities with a next step", "opportunities with next step", Percent, "%", M::AtLeast(78.0, 95.0), Act, "CRM hygiene check every Friday"),
            ];
            T
        }
        Func::Marketing => {
            const T: &[Tpl] = &[
                tpl("Publish {t} customer case studies", "case studies published", Count, "case studies", M::Inc(0.0, 5.0), Act, "interview two customers a month"),
                tpl("Grow organic sign-ups from {b} to {t} per month", "organic sign-ups per month", Count, "sign-ups", M::Inc(420.0, 560.0), Perf, "SEO content clusters"),
                tpl("Keep paid acquisition cost at most {t} USD", "paid customer acquisition cost", Currency, "USD", M::AtMost(380.0, 320.0), Perf, "weekly bid reviews"),
                tpl("Ship the webinar series", "webinar series shipped", Binary, "", M::Done, Act, "three episodes with customers"),
            ];
            T
        }
        Func::Success => {
            const T: &[Tpl] = &[
                tpl("Onboard new customers in at most {t} days", "days to onboard", Duration, "days", M::AtMost(21.0, 14.0), Perf, "onboarding playbook v3"),
                tpl("Raise CSAT from {b} % to {t} %", "customer satisfaction", Percent, "%", M::Inc(88.0, 93.0), Perf, "post-ticket survey follow-ups"),
                tpl("Cut reopened tickets from {b} % to {t} %", "reopened tickets", Percent, "%", M::Dec(9.0, 6.0), Perf, "root-cause tags on every reopen"),
                tpl("Hold QBRs with {t} % of key accounts", "key accounts with a QBR", Percent, "%", M::Inc(55.0, 90.0), Act, "QBR template and exec sponsors"),
            ];
            T
        }
        Func::Operations => {
            const T: &[Tpl] = &[
                tpl("Cut dock-to-stock time from {b} to {t} hours", "dock-to-stock time", Duration, "hours", M::Dec(20.0, 14.0), Perf, "pre-advised deliveries and cross-docking"),
                tpl("Keep pick accuracy at least {t} %", "pick accuracy", Percent, "%", M::AtLeast(99.1, 99.6), Perf, "scan-to-confirm"),
                tpl("Hold inventory cover between {lo} and {hi} days", "inventory cover", Duration, "days", M::Band(27.0, 18.0, 24.0), Perf, "weekly replenishment review"),
                tpl("Cut overtime from {b} to {t} hours a week", "overtime hours per week", Duration, "hours", M::Dec(310.0, 220.0), Perf, "shift planning from the volume forecast"),
            ];
            T
        }
        Func::Engineering => {
            const T: &[Tpl] = &[
                tpl("Cut p95 API latency from {b} to {t} ms", "p95 API latency", Duration, "ms", M::Dec(420.0, 250.0), Perf, "query caching and connection pooling"),
                tpl("Raise automated test coverage from {b} % to {t} %", "test coverage", Percent, "%", M::Inc(61.0, 75.0), Perf, "coverage gate on new code"),
                tpl("Keep change failure rate at most {t} %", "change failure rate", Percent, "%", M::AtMost(18.0, 12.0), Perf, "canary releases"),
                tpl("Migrate routing jobs to the new scheduler", "migration done", Binary, "", M::Done, Perf, "dual-run for two weeks, then cut over"),
            ];
            T
        }
        Func::People => {
            const T: &[Tpl] = &[
                tpl("Fill {t} open roles", "roles filled", Count, "hires", M::Inc(0.0, 12.0), Perf, "referral bonus and sourcing sprints"),
                tpl("Raise onboarding satisfaction from {b} to {t}", "onboarding satisfaction", Number, "/10", M::Inc(7.6, 8.5), Perf, "buddy programme"),
                tpl("Train {t} % of new managers", "new managers trained", Percent, "%", M::Inc(30.0, 90.0), Dev, "six-week manager essentials course"),
                tpl("Keep offer acceptance at least {t} %", "offer acceptance", Percent, "%", M::AtLeast(78.0, 85.0), Perf, "faster offers and clear levels"),
            ];
            T
        }
        Func::Finance => {
            const T: &[Tpl] = &[
                tpl("Reduce unbilled revenue from {b} to {t} USD", "unbilled revenue", Currency, "USD", M::Dec(420_000.0, 250_000.0), Perf, "billing run twice a month"),
                tpl("Reconcile {t} % of accounts by day 3", "accounts reconciled by day 3", Percent, "%", M::Inc(60.0, 90.0), Perf, "auto-matching rules"),
                tpl("Keep forecast error between {lo} % and {hi} %", "forecast error", Percent, "%", M::Band(7.5, -3.0, 3.0), Perf, "rolling forecast with driver models"),
                tpl("Publish the monthly board pack by day 6", "board pack on time", Binary, "", M::Done, Act, "template and data pulls automated"),
            ];
            T
        }
    }
}

#[rustfmt::skip]
fn individual_templates(f: Func) -> &'static [Tpl] {
    match f {
        Func::Sales => {
            const T: &[Tpl] = &[
                kr(tpl("Close {t} USD in new bookings", "new bookings", Currency, "USD", M::Inc(0.0, 180_000.0), Perf, "focus on stage-3+ deals")),
                tpl("Make at least {t} outbound calls per day", "outbound calls per day", Count, "calls", M::AtLeast(12.0, 20.0), Act, "two call blocks a day, logged in the CRM"),
                kr(tpl("Book {t} qualified demos", "qualified demos", Count, "demos", M::Inc(0.0, 24.0), Act, "sequenced outreach")),
                tpl("Complete MEDDICC certification", "certified", Binary, "", M::Done, Dev, "online course and two role plays"),
                tpl("Raise average deal size from {b} to {t} USD", "average deal size", Currency, "USD", M::Inc(18_000.0, 22_000.0), Perf, "multi-site bundles"),
            ];
            T
        }
        Func::Marketing => {
            const T: &[Tpl] = &[
                tpl("Ship {t} campaign landing pages", "landing pages shipped", Count, "pages", M::Inc(0.0, 8.0), Act, "page templates in the CMS"),
                kr(tpl("Raise email click-through from {b} % to {t} %", "email click-through", Percent, "%", M::Inc(2.1, 2.8), Perf, "segmented sends")),
                tpl("Publish {t} blog posts", "blog posts", Count, "posts", M::Inc(0.0, 10.0), Act, "editorial calendar"),
                tpl("Finish the Google Analytics 4 certification", "certified", Binary, "", M::Done, Dev, "evening study, one module a week"),
                tpl("Keep campaign spend within {lo}–{hi} % of budget", "campaign spend vs budget", Percent, "%", M::Band(112.0, 95.0, 102.0), Perf, "weekly pacing check"),
            ];
            T
        }
        Func::Success => {
            const T: &[Tpl] = &[
                tpl("Resolve tickets in at most {t} hours on average", "average resolution time", Duration, "hours", M::AtMost(9.0, 6.0), Perf, "macros and swarming on hard tickets"),
                tpl("Keep CSAT at least {t} %", "CSAT", Percent, "%", M::AtLeast(89.0, 92.0), Perf, "follow up on every low score"),
                tpl("Run {t} customer health reviews", "health reviews", Count, "reviews", M::Inc(0.0, 20.0), Act, "health-score dashboard"),
                tpl("Complete de-escalation training", "trained", Binary, "", M::Done, Dev, "two-day workshop"),
                kr(tpl("Cut my open backlog from {b} to {t} tickets", "open backlog", Count, "tickets", M::Dec(45.0, 25.0), Perf, "daily backlog hour")),
            ];
            T
        }
        Func::Operations => {
            const T: &[Tpl] = &[
                tpl("Process my orders in at most {t} hours", "order processing time", Duration, "hours", M::AtMost(46.0, 40.0), Perf, "use the new routing queue"),
                tpl("Keep pick accuracy at least {t} %", "pick accuracy", Percent, "%", M::AtLeast(98.9, 99.5), Perf, "scan-to-confirm"),
                kr(tpl("Cut shift handover time from {b} to {t} minutes", "handover time", Duration, "minutes", M::Dec(35.0, 20.0), Perf, "standard handover board")),
                tpl("Complete forklift safety recertification", "recertified", Binary, "", M::Done, Dev, "on-site course"),
                tpl("Log {t} kaizen improvement ideas", "kaizen ideas", Count, "ideas", M::Inc(0.0, 6.0), Act, "idea board at the shift meeting"),
            ];
            T
        }
        Func::Engineering => {
            const T: &[Tpl] = &[
                tpl("Cut PR review turnaround from {b} to {t} hours", "PR review turnaround", Duration, "hours", M::Dec(26.0, 12.0), Perf, "review rota and small PRs"),
                tpl("Close {t} reliability tickets", "reliability tickets closed", Count, "tickets", M::Inc(0.0, 15.0), Act, "one reliability day per sprint"),
                kr(tpl("Raise test coverage of my service from {b} % to {t} %", "service test coverage", Percent, "%", M::Inc(55.0, 75.0), Perf, "tests for every bug fix")),
                tpl("Earn the AWS Solutions Architect Associate certification", "certified", Binary, "", M::Done, Dev, "study group and practice exams"),
                tpl("Keep on-call pages at most {t} per week", "on-call pages per week", Count, "pages", M::AtMost(9.0, 4.0), Perf, "alert tuning"),
            ];
            T
        }
        Func::People => {
            const T: &[Tpl] = &[
                tpl("Screen {t} candidates", "candidates screened", Count, "candidates", M::Inc(0.0, 60.0), Act, "structured phone screens"),
                tpl("Cut time-to-offer from {b} to {t} days", "time to offer", Duration, "days", M::Dec(21.0, 14.0), Perf, "same-week debriefs"),
                tpl("Hold bi-weekly check-ins with {t} % of managers in my group", "managers with bi-weekly check-ins", Percent, "%", M::Inc(50.0, 90.0), Act, "calendar holds and a shared agenda"),
                tpl("Complete the employment law refresher", "completed", Binary, "", M::Done, Dev, "online module"),
                kr(tpl("Raise survey participation from {b} % to {t} %", "survey participation", Percent, "%", M::Inc(71.0, 85.0), Perf, "manager nudges and mobile survey")),
            ];
            T
        }
        Func::Finance => {
            const T: &[Tpl] = &[
                tpl("Reconcile {t} accounts per month", "accounts reconciled per month", Count, "accounts", M::Inc(20.0, 35.0), Act, "auto-matching rules"),
                tpl("Cut invoice processing time from {b} to {t} days", "invoice processing time", Duration, "days", M::Dec(6.0, 3.0), Perf, "OCR capture"),
                tpl("Keep payment error rate at most {t} %", "payment error rate", Percent, "%", M::AtMost(1.2, 0.5), Perf, "four-eyes check on new suppliers"),
                tpl("Pass the CPA exam section FAR", "passed", Binary, "", M::Done, Dev, "study leave and a prep course"),
                kr(tpl("Automate {t} recurring journal entries", "journal entries automated", Count, "entries", M::Inc(0.0, 12.0), Perf, "ERP recurring templates")),
            ];
            T
        }
    }
}

#[rustfmt::skip]
const GENERIC_DEVELOPMENT: &[Tpl] = &[
    tpl("Complete the 'Coaching for performance' course", "completed", Binary, "", M::Done, Dev, "six online sessions"),
    tpl("Mentor a new joiner through onboarding", "mentoring done", Binary, "", M::Done, Dev, "weekly mentoring hour"),
    tpl("Present at {t} guild or all-hands sessions", "sessions presented", Count, "sessions", M::Inc(0.0, 2.0), Dev, "rehearse with the team first"),
    tpl("Improve spoken Spanish from level {b} to {t}", "language level (CEFR, 1 = A1 … 6 = C2)", Number, "level", M::Inc(2.0, 3.0), Dev, "two lessons a week"),
];

#[rustfmt::skip]
const MANAGER_GOALS: &[Tpl] = &[
    tpl("Hold bi-weekly 1:1s with every report", "1:1 completion", Percent, "%", M::AtLeast(70.0, 100.0), Act, "recurring 1:1s with a shared agenda"),
    tpl("Give {t} pieces of written recognition", "recognition given", Count, "recognitions", M::Inc(0.0, 12.0), Act, "recognition in the Friday team note"),
];

/// The 2026 company objectives (index 0..5 used by the department templates).
#[rustfmt::skip]
const COMPANY_OBJECTIVES: [Tpl; 5] = [
    tpl("Grow revenue from {b} to {t} USD in 2026", "annual revenue", Currency, "USD", M::Inc(48_000_000.0, 60_000_000.0), Perf, "new logos in mid-market, expansion in enterprise"),
    tpl("Delight customers: NPS of at least {t}", "net promoter score", Number, "points", M::AtLeast(38.0, 45.0), Perf, "faster onboarding and support, fewer late deliveries"),
    tpl("Run leaner: cost to serve per order from {b} to {t} USD", "cost to serve per order", Currency, "USD", M::Dec(5.2, 4.4), Perf, "automation in order processing and warehouses"),
    tpl("Make Northwind a place people want to stay: regretted attrition at most {t} %", "regretted attrition", Percent, "%", M::AtMost(11.0, 8.0), Perf, "engagement, growth paths and recognition"),
    tpl("Be the most reliable platform in logistics: uptime at least {t} %", "platform uptime", Percent, "%", M::AtLeast(99.7, 99.9), Perf, "SLOs and error budgets"),
];

const COMPANY_2025: Tpl = tpl(
    "Close 2025 strong: Q4 revenue from {b} to {t} USD",
    "quarterly revenue",
    Currency,
    "USD",
    M::Inc(11_000_000.0, 12_500_000.0),
    Perf,
    "year-end renewals push and peak-season capacity",
);

const OPS_2025: Tpl = tpl(
    "Cut average order processing time from {b} to {t} hours",
    "average order processing time",
    Duration,
    "hours",
    M::Dec(72.0, 48.0),
    Perf,
    "a second picking shift and same-day credit checks",
);

// ---------------------------------------------------------------------------
// The organisation
// ---------------------------------------------------------------------------

struct Team {
    unit: OrgUnitId,
    lead: PersonId,
}

struct Dept {
    unit: OrgUnitId,
    func: Func,
    head: PersonId,
    primary: bool,
    teams: Vec<Team>,
}

/// Someone who gets individual goals.
#[derive(Debug, Clone, Copy)]
struct Member {
    id: PersonId,
    func: Option<Func>,
    dept: Option<usize>,
    team: Option<usize>,
    level: Level,
    index: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Executive,
    Head,
    Lead,
    Member,
}

struct Org {
    company: OrgUnitId,
    ceo: PersonId,
    units: Vec<OrgUnit>,
    leads: HashMap<OrgUnitId, PersonId>,
    people: Vec<Person>,
    depts: Vec<Dept>,
    members: Vec<Member>,
    me: PersonId,
    sales_calls_owner: PersonId,
    hr_feedback_owner: PersonId,
}

#[derive(Debug, Clone, Copy, Default)]
struct KpiIds {
    uptime: KpiId,
    nps: KpiId,
    churn: KpiId,
}

/// Unit-level goals the individual phase aligns to.
struct UnitGoals {
    /// Per department, per cycle index: (goal id, is objective).
    dept: Vec<Vec<Vec<GoalId>>>,
    /// Per department, per team, per cycle index.
    team: Vec<Vec<Vec<Vec<GoalId>>>>,
    /// 2026 company objectives, and the Q4 2025 one.
    company_2026: Vec<GoalId>,
    company_2025: GoalId,
    seed: SeedGoals,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trajectory {
    OnTrack,
    Ahead,
    Drifting,
    Recovered,
    Missed,
}

struct Gen {
    today: NaiveDate,
    rng: Rng,
    ids: IdGen,
    cycles: Vec<Cycle>,
    kpi_ids: KpiIds,
    emails: HashMap<String, u32>,
}

fn cycle_state(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> CycleState {
    if end < today {
        CycleState::Closed
    } else if start <= today {
        CycleState::Active
    } else {
        CycleState::Planning
    }
}

impl Gen {
    fn new(options: &DemoOptions) -> Self {
        let mut rng = Rng::new(options.seed);
        let base = at(plus_days(options.today, -420), 8, 0).timestamp_millis();
        let ids = IdGen {
            rng: rng.fork(),
            millis: u64::try_from(base).unwrap_or(0),
        };
        let mut g = Self {
            today: options.today,
            rng,
            ids,
            cycles: Vec::new(),
            kpi_ids: KpiIds::default(),
            emails: HashMap::new(),
        };
        for (year, q) in [(2025, 4), (2026, 1), (2026, 2), (2026, 3), (2026, 4)] {
            let (start, end) = stride_domain::quarter_bounds(year, q)
                .unwrap_or((day(year, (q - 1) * 3 + 1, 1), day(year, q * 3, 28)));
            g.cycles.push(Cycle {
                id: CycleId::from_uuid(g.ids.uuid()),
                name: format!("Q{q} {year}"),
                start,
                end,
                state: cycle_state(start, end, options.today),
            });
        }
        g
    }

    fn name(&mut self) -> (String, String) {
        let first = *self.rng.pick(FIRST_NAMES);
        let last = *self.rng.pick(LAST_NAMES);
        let base = format!("{}.{}", ascii_slug(first), ascii_slug(last));
        let n = self.emails.entry(base.clone()).or_insert(0);
        *n += 1;
        let email = if *n == 1 {
            format!("{base}@{EMAIL_DOMAIN}")
        } else {
            format!("{base}{n}@{EMAIL_DOMAIN}")
        };
        (format!("{first} {last}"), email)
    }

    fn hire_date(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = days_between(from, to).max(1);
        // Skewed towards recent hires: the company has been growing.
        let f = self.rng.unit().sqrt();
        plus_days(from, (span as f64 * f) as i64)
    }

    #[allow(clippy::too_many_arguments)]
    fn person(
        &mut self,
        people: &mut Vec<Person>,
        unit: OrgUnitId,
        manager: Option<PersonId>,
        role: Role,
        title: &str,
        hired: (NaiveDate, NaiveDate),
    ) -> PersonId {
        let (name, email) = self.name();
        let id = self.ids.person();
        let hire_date = self.hire_date(hired.0, hired.1);
        people.push(Person {
            id,
            name,
            email,
            title: title.to_owned(),
            org_unit: unit,
            manager,
            hire_date,
            active: true,
            role,
        });
        id
    }

    fn build_org(&mut self, n: usize) -> Org {
        let today = self.today;
        let recent = plus_days(today, -30).max(day(2016, 1, 1));
        let use_divisions = n >= 200;
        // Departments per function: split big functions by region.
        let per_func: Vec<usize> = FUNCS
            .iter()
            .map(|f| {
                if use_divisions {
                    ((n as f64 * info(*f).weight) / 350.0).ceil().max(1.0) as usize
                } else {
                    1
                }
            })
            .collect();
        let leadership =
            1 + if use_divisions { DIVISIONS.len() } else { 0 } + per_func.iter().sum::<usize>();
        let rest = n.saturating_sub(leadership);
        // Largest-remainder allocation of the rest by function weight.
        let total_w: f64 = FUNCS.iter().map(|f| info(*f).weight).sum();
        let exact: Vec<f64> = FUNCS
            .iter()
            .map(|f| rest as f64 * info(*f).weight / total_w)
            .collect();
        let mut alloc: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
        let mut left = rest - alloc.iter().sum::<usize>();
        let mut order: Vec<usize> = (0..FUNCS.len()).collect();
        order.sort_by(|a, b| {
            let fa = exact[*a] - exact[*a].floor();
            let fb = exact[*b] - exact[*b].floor();
            fb.total_cmp(&fa).then(a.cmp(b))
        });
        for i in order {
            if left == 0 {
                break;
            }
            alloc[i] += 1;
            left -= 1;
        }

        let mut units = Vec::new();
        let mut leads = HashMap::new();
        let mut people = Vec::with_capacity(n);
        let mut members = Vec::with_capacity(n);
        let mut depts: Vec<Dept> = Vec::new();

        let company = self.ids.unit();
        units.push(OrgUnit {
            id: company,
            name: COMPANY.to_owned(),
            kind: OrgUnitKind::Company,
            parent: None,
            lead: None,
        });
        let ceo = self.person(
            &mut people,
            company,
            None,
            Role::Manager,
            "Chief Executive Officer",
            (day(2011, 1, 1), day(2012, 6, 30)),
        );
        leads.insert(company, ceo);

        let mut divisions: Vec<(OrgUnitId, PersonId)> = Vec::new();
        if use_divisions {
            for (name, title) in DIVISIONS {
                let id = self.ids.unit();
                units.push(OrgUnit {
                    id,
                    name: name.to_owned(),
                    kind: OrgUnitKind::Division,
                    parent: Some(company),
                    lead: None,
                });
                let vp = self.person(
                    &mut people,
                    id,
                    Some(ceo),
                    Role::Manager,
                    title,
                    (day(2012, 1, 1), day(2018, 12, 31)),
                );
                leads.insert(id, vp);
                members.push(Member {
                    id: vp,
                    func: None,
                    dept: None,
                    team: None,
                    level: Level::Executive,
                    index: members.len(),
                });
                divisions.push((id, vp));
            }
        }

        let mut hr_admins = 0;
        let mut sales_calls_owner = None;
        let mut hr_feedback_owner = None;
        for (fi, f) in FUNCS.iter().enumerate() {
            let fin = info(*f);
            let count = per_func[fi];
            for k in 0..count {
                let share = alloc[fi] / count + usize::from(k < alloc[fi] % count);
                let (parent, boss) = if use_divisions {
                    divisions[fin.division]
                } else {
                    (company, ceo)
                };
                let dept_name = if count == 1 {
                    fin.name.to_owned()
                } else {
                    format!("{} — {}", fin.name, region(k))
                };
                let unit = self.ids.unit();
                units.push(OrgUnit {
                    id: unit,
                    name: dept_name,
                    kind: OrgUnitKind::Department,
                    parent: Some(parent),
                    lead: None,
                });
                let head_title = if count == 1 {
                    fin.head_title.to_owned()
                } else {
                    format!("{}, {}", fin.head_title, region(k))
                };
                let is_people_head = *f == Func::People && k == 0;
                let head = self.person(
                    &mut people,
                    unit,
                    Some(boss),
                    if is_people_head {
                        Role::HrAdmin
                    } else {
                        Role::Manager
                    },
                    &head_title,
                    (day(2013, 1, 1), day(2022, 12, 31)),
                );
                if is_people_head {
                    hr_admins += 1;
                }
                leads.insert(unit, head);
                let dept_index = depts.len();
                members.push(Member {
                    id: head,
                    func: Some(*f),
                    dept: Some(dept_index),
                    team: None,
                    level: Level::Head,
                    index: members.len(),
                });
                let mut dept = Dept {
                    unit,
                    func: *f,
                    head,
                    primary: k == 0,
                    teams: Vec::new(),
                };
                let team_count = if share >= 5 { share.div_ceil(9) } else { 0 };
                if team_count == 0 {
                    for _ in 0..share {
                        let role = if *f == Func::People && hr_admins < 2 {
                            hr_admins += 1;
                            Role::HrAdmin
                        } else {
                            Role::Employee
                        };
                        let title = if role == Role::HrAdmin {
                            "HR Operations Specialist"
                        } else {
                            *self.rng.pick(fin.member_titles)
                        };
                        let id = self.person(
                            &mut people,
                            unit,
                            Some(head),
                            role,
                            title,
                            (day(2016, 1, 1), recent),
                        );
                        if *f == Func::People && k == 0 && hr_feedback_owner.is_none() {
                            hr_feedback_owner = Some(id);
                        }
                        members.push(Member {
                            id,
                            func: Some(*f),
                            dept: Some(dept_index),
                            team: None,
                            level: Level::Member,
                            index: members.len(),
                        });
                    }
                }
                for t in 0..team_count {
                    let size = share / team_count + usize::from(t < share % team_count);
                    let team_name = if t < fin.teams.len() {
                        fin.teams[t].to_owned()
                    } else {
                        format!(
                            "{} {}",
                            fin.teams[t % fin.teams.len()],
                            t / fin.teams.len() + 1
                        )
                    };
                    let team_unit = self.ids.unit();
                    units.push(OrgUnit {
                        id: team_unit,
                        name: team_name,
                        kind: OrgUnitKind::Team,
                        parent: Some(unit),
                        lead: None,
                    });
                    let lead = self.person(
                        &mut people,
                        team_unit,
                        Some(head),
                        Role::Manager,
                        fin.lead_title,
                        (day(2015, 1, 1), plus_days(today, -365).max(day(2016, 1, 1))),
                    );
                    leads.insert(team_unit, lead);
                    if *f == Func::Sales && k == 0 && t == 0 {
                        sales_calls_owner = Some(lead);
                    }
                    let team_index = dept.teams.len();
                    members.push(Member {
                        id: lead,
                        func: Some(*f),
                        dept: Some(dept_index),
                        team: Some(team_index),
                        level: Level::Lead,
                        index: members.len(),
                    });
                    for _ in 1..size {
                        let role = if *f == Func::People && hr_admins < 2 {
                            hr_admins += 1;
                            Role::HrAdmin
                        } else {
                            Role::Employee
                        };
                        let title = if role == Role::HrAdmin {
                            "HR Operations Specialist"
                        } else if *f == Func::People && k == 0 && hr_feedback_owner.is_none() {
                            "People Partner"
                        } else {
                            *self.rng.pick(fin.member_titles)
                        };
                        let id = self.person(
                            &mut people,
                            team_unit,
                            Some(lead),
                            role,
                            title,
                            (day(2016, 1, 1), recent),
                        );
                        if title == "People Partner" && hr_feedback_owner.is_none() {
                            hr_feedback_owner = Some(id);
                        }
                        members.push(Member {
                            id,
                            func: Some(*f),
                            dept: Some(dept_index),
                            team: Some(team_index),
                            level: Level::Member,
                            index: members.len(),
                        });
                    }
                    dept.teams.push(Team {
                        unit: team_unit,
                        lead,
                    });
                }
                depts.push(dept);
            }
        }
        let sales = depts
            .iter()
            .find(|d| d.func == Func::Sales && d.primary)
            .map_or(ceo, |d| d.head);
        let people_head = depts
            .iter()
            .find(|d| d.func == Func::People && d.primary)
            .map_or(ceo, |d| d.head);
        let sales_calls_owner = sales_calls_owner.unwrap_or(sales);
        let has_reports = |id: PersonId| people.iter().any(|p| p.manager == Some(id));
        let me = if has_reports(sales_calls_owner) {
            sales_calls_owner
        } else if has_reports(sales) {
            sales
        } else {
            ceo
        };
        Org {
            company,
            ceo,
            units,
            leads,
            people,
            depts,
            members,
            me,
            sales_calls_owner,
            hr_feedback_owner: hr_feedback_owner.unwrap_or(people_head),
        }
    }

    // -----------------------------------------------------------------------
    // KPIs
    // -----------------------------------------------------------------------

    fn build_kpis(&mut self) -> Result<Vec<(Kpi, Vec<DataPoint>)>> {
        // (key, name, unit, label, direction, period, start value, end value, noise)
        let specs: [KpiSpec; 6] = [
            (
                "sales.qualified_pipeline",
                "Qualified pipeline revenue",
                Currency,
                "USD",
                Direction::Increase,
                PeriodKind::Week,
                1_850_000.0,
                2_620_000.0,
                45_000.0,
            ),
            (
                "people.engagement",
                "Employee engagement",
                Percent,
                "%",
                Direction::Increase,
                PeriodKind::Month,
                66.4,
                73.0,
                0.4,
            ),
            (
                "ops.order_processing_hours",
                "Average order processing time",
                Duration,
                "hours",
                Direction::Decrease,
                PeriodKind::Week,
                49.5,
                41.0,
                0.7,
            ),
            (
                "eng.uptime",
                "Platform uptime",
                Percent,
                "%",
                Direction::AtLeast,
                PeriodKind::Week,
                99.82,
                99.93,
                0.03,
            ),
            (
                "cs.nps",
                "Net promoter score",
                Number,
                "points",
                Direction::Increase,
                PeriodKind::Month,
                35.0,
                44.0,
                1.2,
            ),
            (
                "cs.churn",
                "Monthly logo churn",
                Percent,
                "%",
                Direction::AtMost,
                PeriodKind::Month,
                2.9,
                2.25,
                0.12,
            ),
        ];
        let first = day(2025, 10, 1);
        let last = day(2026, 12, 31);
        let span = days_between(first, last) as f64;
        let mut out = Vec::new();
        for (key, name, unit, label, direction, period, v0, v1, sd) in specs {
            let mut kpi = Kpi::new(key, name, unit, label, direction, period).map_err(domain)?;
            kpi.id = KpiId::from_uuid(self.ids.uuid());
            let mut points = Vec::new();
            let mut p = stride_domain::Period::containing(period, first);
            while p.end() < self.today {
                let f = (days_between(first, p.start()) as f64 / span).clamp(0.0, 1.0);
                // A slightly S-shaped improvement with noise and the odd bad period.
                let shape = f * f * (3.0 - 2.0 * f);
                let mut v = v0 + (v1 - v0) * shape + self.rng.noise(sd);
                if key == "eng.uptime" {
                    if self.rng.chance(0.08) {
                        v -= self.rng.uniform(0.15, 0.4);
                    }
                    v = v.min(100.0);
                }
                let v = round_to(v, value_step((v1 - v0).abs().max(sd * 4.0)));
                let recorded = at(plus_days(p.end(), 1), 6, 0).min(at(self.today, 0, 0));
                let mut point = DataPoint::new(&kpi, p.start(), v, recorded).map_err(domain)?;
                point.id = DataPointId::from_uuid(self.ids.uuid());
                points.push(point);
                match p.next() {
                    Some(n) => p = n,
                    None => break,
                }
            }
            out.push((kpi, points));
        }
        Ok(out)
    }

    // -----------------------------------------------------------------------
    // Goals
    // -----------------------------------------------------------------------

    /// Builds a goal from a template with numbers varied per instance.
    #[allow(clippy::too_many_arguments)]
    fn instantiate(
        &mut self,
        t: &Tpl,
        owner: Owner,
        kind: GoalKind,
        start: NaiveDate,
        due: NaiveDate,
        cycle: Option<CycleId>,
        vary: bool,
    ) -> Result<Goal> {
        let m = if vary { self.vary(t.m, t.unit) } else { t.m };
        let title = fill(t.title, m, t.unit);
        let mut d = GoalDraft::new(owner, title.clone(), start, due);
        d.id = self.ids.goal();
        d.kind = kind;
        d.category = t.cat;
        d.metric_name = t.metric.to_owned();
        d.unit = t.unit;
        d.unit_label = t.label.to_owned();
        d.method = t.method.to_owned();
        d.statement = format!(
            "{} by {} through {}.",
            title,
            due.format("%-d %B %Y"),
            t.method
        );
        d.cycle = cycle;
        d.direction = m.direction();
        match m {
            M::Inc(b, v) | M::Dec(b, v) | M::AtLeast(b, v) | M::AtMost(b, v) => {
                d.baseline = Some(b);
                d.target = Some(v);
            }
            M::Band(b, lo, hi) => {
                d.baseline = Some(b);
                d.band_low = Some(lo);
                d.band_high = Some(hi);
            }
            M::Done => {}
        }
        d.cadence = match t.cat {
            Act => Cadence::Weekly,
            Dev => Cadence::Monthly,
            Perf => *self.rng.pick(&[
                Cadence::Weekly,
                Cadence::Biweekly,
                Cadence::Biweekly,
                Cadence::Monthly,
            ]),
        };
        // Some goals carry a mid-period review checkpoint.
        if m != M::Done && days_between(start, due) > 40 && self.rng.chance(0.15) {
            let mid = plus_days(start, days_between(start, due) * 45 / 100);
            let goal = Goal::new(d.clone()).map_err(domain)?;
            let expected = value_for(&goal.measure(), 0.4);
            d.checkpoints.push(Checkpoint {
                date: mid,
                expected: round_to(expected, goal_step(&goal)),
                label: "mid-period review".to_owned(),
            });
        }
        Goal::new(d).map_err(domain)
    }

    /// Varies magnitudes (money, counts, long durations) by ±15 %.
    fn vary(&mut self, m: M, unit: UnitKind) -> M {
        let scalable = matches!(unit, Currency | Count)
            || (unit == Duration
                && matches!(m, M::Inc(b, t) | M::Dec(b, t) | M::AtLeast(b, t) | M::AtMost(b, t) if b.abs().max(t.abs()) >= 10.0));
        if !scalable {
            return m;
        }
        let s = self.rng.uniform(0.85, 1.15);
        let r = |v: f64| {
            let x = v * s;
            let step = if x.abs() >= 100_000.0 {
                1_000.0
            } else if x.abs() >= 1_000.0 {
                10.0
            } else if x.abs() >= 10.0 {
                1.0
            } else {
                0.1
            };
            round_to(x, step)
        };
        match m {
            M::Inc(b, t) => {
                let (b, t) = (r(b), r(t));
                M::Inc(b, if t > b { t } else { b + 1.0 })
            }
            M::Dec(b, t) => {
                let (b, t) = (r(b), r(t));
                M::Dec(b, if t < b { t } else { b - 1.0 })
            }
            M::AtLeast(b, t) => M::AtLeast(r(b), r(t)),
            M::AtMost(b, t) => M::AtMost(r(b), r(t)),
            M::Band(b, lo, hi) => M::Band(r(b), r(lo), r(hi)),
            M::Done => M::Done,
        }
    }

    fn trajectory(&mut self) -> Trajectory {
        let u = self.rng.unit();
        if u < 0.40 {
            Trajectory::OnTrack
        } else if u < 0.52 {
            Trajectory::Ahead
        } else if u < 0.70 {
            Trajectory::Drifting
        } else if u < 0.85 {
            Trajectory::Recovered
        } else {
            Trajectory::Missed
        }
    }

    /// Goal created the week before its start (planning), at a working hour.
    fn created_at(&self, start: NaiveDate) -> DateTime<Utc> {
        at(plus_days(start, -5).min(self.today), 10, 0)
    }

    fn cycle_span(&self, ci: usize) -> (NaiveDate, NaiveDate, CycleId, CycleState) {
        let c = &self.cycles[ci];
        (c.start, c.end, c.id, c.state)
    }

    /// Everything after building a goal: optional revisions, check-ins up to
    /// yesterday, a closing state for goals of closed cycles; pushes the rows.
    #[allow(clippy::too_many_arguments)]
    fn finish_goal(
        &mut self,
        goal: Goal,
        author: PersonId,
        created_by: Option<PersonId>,
        func: Option<Func>,
        traj: Option<Trajectory>,
        allow_revision: bool,
        batch: &mut Batch,
    ) -> Result<GoalId> {
        let created = self.created_at(goal.start);
        let mut goal = goal;
        let mut revisions = Vec::new();
        let mut stopped: Option<NaiveDate> = None;
        if allow_revision && self.rng.chance(0.05) {
            if let Some((revised, revs, stop)) = self.revise(&goal, author, created)? {
                goal = revised;
                revisions = revs;
                stopped = stop;
            }
        }
        let traj = traj.unwrap_or_else(|| self.trajectory());
        let mut end = plus_days(self.today, -1).min(goal.due);
        if let Some(s) = stopped {
            end = end.min(s);
        }
        let mut final_value = None;
        if goal.state != GoalState::Draft && goal.start < self.today {
            final_value = self.check_ins(&goal, author, func, traj, end, batch)?;
        }
        // Close goals whose due date has passed (most owners do; some forget).
        let state_revised = revisions
            .iter()
            .any(|r: &Revision| r.field == GoalField::State);
        if goal.due < self.today && goal.state == GoalState::Active && !state_revised {
            let met = final_value.is_some_and(|v| goal.measure().is_met(v));
            let close = if met {
                self.rng.chance(0.9)
            } else {
                self.rng.chance(0.85)
            };
            if close {
                let mut d = goal.into_draft();
                d.state = if met {
                    GoalState::Completed
                } else {
                    GoalState::Missed
                };
                goal = Goal::new(d).map_err(domain)?;
            }
        }
        let id = goal.id;
        batch.goals.push((created_by, created, goal));
        batch.revisions.extend(revisions);
        Ok(id)
    }

    /// One or two revisions with reasons. Returns the revised goal, the
    /// revisions (chained) and the date tracking stopped (cancelled or
    /// deprioritised), or `None` when the goal is too young to revise.
    fn revise(
        &mut self,
        goal: &Goal,
        author: PersonId,
        created: DateTime<Utc>,
    ) -> Result<Option<Revised>> {
        let span = days_between(goal.start, goal.due).max(1);
        let last = plus_days(self.today, -1).min(goal.due);
        let earliest = plus_days(goal.start, (span / 5).max(3));
        if earliest >= last || goal.state != GoalState::Active {
            return Ok(None);
        }
        let mut current = goal.clone();
        let mut out = Vec::new();
        let mut stopped = None;
        let rounds = if self.rng.chance(0.2) { 2 } else { 1 };
        let mut from = earliest;
        for _ in 0..rounds {
            if from >= last || stopped.is_some() {
                break;
            }
            let d = plus_days(
                from,
                self.rng.below(days_between(from, last).max(1) as usize) as i64,
            );
            let when =
                at(d, 14, self.rng.below(60) as u32).max(created + chrono::TimeDelta::hours(1));
            let step = goal_step(&current);
            let (changes, reason): (Vec<FieldChange>, &str) =
                match (current.measure(), self.rng.below(5)) {
                    (Measure::Increase { baseline, target }, 0)
                    | (Measure::Decrease { baseline, target }, 0) => {
                        let t = round_to(baseline + (target - baseline) * 0.8, step);
                        (
                            vec![change(GoalField::Target, &Some(t))],
                            *self.rng.pick(&[
                                "market shift: demand softened in the segment",
                                "scope cut after re-plan",
                                "target lowered after losing a key account",
                            ]),
                        )
                    }
                    (Measure::Increase { baseline, target }, 1)
                    | (Measure::Decrease { baseline, target }, 1) => {
                        let t = round_to(baseline + (target - baseline) * 1.15, step);
                        (
                            vec![change(GoalField::Target, &Some(t))],
                            "stretch raised after a strong start",
                        )
                    }
                    (Measure::Increase { baseline, target }, 2)
                    | (Measure::Decrease { baseline, target }, 2) => {
                        let b = round_to(baseline - (target - baseline) * 0.06, step);
                        (
                            vec![change(GoalField::Baseline, &Some(b))],
                            "baseline corrected from audited data",
                        )
                    }
                    (Measure::WithinBand { low, high, .. }, 0..=2) => {
                        let w = (high - low).abs().max(step) * 0.1;
                        (
                            vec![
                                change(GoalField::BandLow, &Some(round_to(low - w, step))),
                                change(GoalField::BandHigh, &Some(round_to(high + w, step))),
                            ],
                            "band widened after the seasonal volume review",
                        )
                    }
                    (_, 3) => {
                        let due = plus_days(current.due, 14);
                        (
                            vec![change(GoalField::Due, &due)],
                            "due date moved: a dependency on another team slipped two weeks",
                        )
                    }
                    _ => {
                        let state = if self.rng.chance(0.5) {
                            GoalState::Deprioritised
                        } else {
                            GoalState::Cancelled
                        };
                        stopped = Some(d);
                        let reason = if state == GoalState::Cancelled {
                            "cancelled: the customer contract behind it ended"
                        } else {
                            "deprioritised after the mid-quarter re-plan"
                        };
                        (vec![change(GoalField::State, &state)], reason)
                    }
                };
            match stride_domain::revise(&current, &changes, author, when, reason) {
                Ok((revised, revs)) => {
                    current = revised;
                    for mut r in revs {
                        r.id = RevisionId::from_uuid(self.ids.uuid());
                        out.push(r);
                    }
                }
                Err(_) => {
                    // A change that would not make a valid goal is simply not made.
                    if stopped == Some(d) {
                        stopped = None;
                    }
                }
            }
            from = plus_days(d, 7);
        }
        if out.is_empty() {
            return Ok(None);
        }
        Ok(Some((current, out, stopped)))
    }

    /// Check-ins per cadence from the start up to `end`; returns the last value observed.
    fn check_ins(
        &mut self,
        goal: &Goal,
        author: PersonId,
        func: Option<Func>,
        traj: Trajectory,
        end: NaiveDate,
        batch: &mut Batch,
    ) -> Result<Option<f64>> {
        let span = days_between(goal.start, goal.due).max(1) as f64;
        let finish = match traj {
            Trajectory::OnTrack => self.rng.uniform(1.0, 1.06),
            Trajectory::Ahead => self.rng.uniform(1.08, 1.2),
            Trajectory::Recovered => self.rng.uniform(1.0, 1.05),
            Trajectory::Drifting => self.rng.uniform(0.6, 0.85),
            Trajectory::Missed => self.rng.uniform(0.3, 0.7),
        };
        let dip = self.rng.uniform(0.18, 0.3);
        let done_at = match traj {
            Trajectory::OnTrack => self.rng.uniform(0.6, 0.95),
            Trajectory::Ahead => self.rng.uniform(0.3, 0.6),
            Trajectory::Recovered => self.rng.uniform(0.85, 1.0),
            Trajectory::Drifting | Trajectory::Missed => 2.0,
        };
        let gap = if self.rng.chance(0.08) {
            Some((self.rng.range(1, 4), self.rng.range(1, 3)))
        } else {
            None
        };
        let step = goal_step(goal);
        let measure = goal.measure();
        let tracks_kpi = goal.kpi.is_some();
        let mut date = goal.cadence.next_after(goal.start).unwrap_or(goal.due);
        let mut last_value = None;
        let mut k = 0;
        while date <= end {
            k += 1;
            let skip = gap.is_some_and(|(from, len)| k >= from && k < from + len);
            let this = date;
            date = goal
                .cadence
                .next_after(date)
                .unwrap_or(plus_days(goal.due, 1));
            if skip {
                continue;
            }
            let x = (days_between(goal.start, this) as f64 / span).clamp(0.0, 1.0);
            let p = match traj {
                Trajectory::OnTrack | Trajectory::Drifting | Trajectory::Missed => {
                    let bend = if traj == Trajectory::Missed {
                        x.powf(1.3)
                    } else {
                        x
                    };
                    let target = 1.0 + (finish - 1.0) * x;
                    bend * target
                }
                Trajectory::Ahead => finish * (1.0 - (1.0 - x).powf(1.6)),
                Trajectory::Recovered => {
                    finish * x - dip * (std::f64::consts::PI * x).sin() * (1.0 - x * 0.3)
                }
            } + self.rng.noise(0.025);
            let p = p.max(-0.1);
            let expected = goal.expected_progress(this);
            let lead = p - expected;
            let (value, done) = if measure == Measure::Done {
                if x >= done_at {
                    (None, true)
                } else {
                    (Some(0.0), false)
                }
            } else if tracks_kpi {
                (None, false)
            } else {
                (Some(round_to(value_for(&measure, p), step)), false)
            };
            let confidence = if done {
                10
            } else {
                (7.0 + 12.0 * lead + self.rng.noise(0.8))
                    .round()
                    .clamp(0.0, 10.0) as i64
            };
            let fin = func.map(info);
            let note = if done {
                (*self.rng.pick(NOTES_DONE)).to_owned()
            } else if k == 1 && self.rng.chance(0.5) {
                (*self.rng.pick(NOTES_START)).to_owned()
            } else if let (Some(fin), true) = (fin, self.rng.chance(0.35)) {
                (*self.rng.pick(fin.notes)).to_owned()
            } else {
                let list = if lead >= 0.08 {
                    NOTES_AHEAD
                } else if lead >= -0.05 {
                    NOTES_ON_PACE
                } else if traj == Trajectory::Recovered && x > 0.5 {
                    NOTES_RECOVERING
                } else if lead >= -0.15 {
                    NOTES_SLIGHTLY_BEHIND
                } else {
                    NOTES_BEHIND
                };
                (*self.rng.pick(list)).to_owned()
            };
            let blockers = if !done && lead < -0.08 && self.rng.chance(0.3) {
                match fin {
                    Some(fin) if self.rng.chance(0.5) => (*self.rng.pick(fin.blockers)).to_owned(),
                    _ => (*self.rng.pick(BLOCKERS)).to_owned(),
                }
            } else {
                String::new()
            };
            let draft = CheckInDraft {
                goal: goal.id,
                value,
                done,
                confidence: Some(confidence),
                note,
                blockers,
                effective: this,
                author,
            };
            let created = at(
                this,
                15 + self.rng.below(3) as u32,
                self.rng.below(60) as u32,
            );
            let mut c = CheckIn::new(draft, goal, created).map_err(domain)?;
            c.id = CheckInId::from_uuid(self.ids.uuid());
            last_value = c.observed().or(last_value);
            batch.check_ins.push(c);
            if done {
                break;
            }
        }
        Ok(last_value)
    }

    // -----------------------------------------------------------------------
    // Company, department and team goals (with the seed goals)
    // -----------------------------------------------------------------------

    #[allow(clippy::too_many_lines, clippy::needless_range_loop)]
    fn build_unit_goals(&mut self, org: &Org, batch: &mut Batch) -> Result<UnitGoals> {
        let company = Owner::Unit(org.company);
        let ceo = org.ceo;
        let (y_start, y_end) = (day(2026, 1, 1), day(2026, 12, 31));

        // Company objectives.
        let mut company_2026 = Vec::new();
        let trajectories = [
            Trajectory::OnTrack,
            Trajectory::Recovered,
            Trajectory::Drifting,
            Trajectory::OnTrack,
            Trajectory::Ahead,
        ];
        for (i, t) in COMPANY_OBJECTIVES.iter().enumerate() {
            let mut goal =
                self.instantiate(t, company, GoalKind::Objective, y_start, y_end, None, false)?;
            let mut d = goal.into_draft();
            d.cadence = Cadence::Monthly;
            d.checkpoints.clear();
            d.weight = [3.0, 2.0, 2.0, 1.0, 2.0][i];
            d.kpi = match i {
                1 => Some(self.kpi_ids.nps),
                4 => Some(self.kpi_ids.uptime),
                _ => None,
            };
            goal = Goal::new(d).map_err(domain)?;
            company_2026.push(self.finish_goal(
                goal,
                ceo,
                Some(ceo),
                None,
                Some(trajectories[i]),
                false,
                batch,
            )?);
        }
        let (s, e, cid, _) = self.cycle_span(0);
        let goal = self.instantiate(
            &COMPANY_2025,
            company,
            GoalKind::Objective,
            s,
            e,
            Some(cid),
            false,
        )?;
        let company_2025 = self.finish_goal(
            goal,
            ceo,
            Some(ceo),
            None,
            Some(Trajectory::Recovered),
            false,
            batch,
        )?;

        let mut dept_goals: Vec<Vec<Vec<GoalId>>> = Vec::new();
        let mut team_goals: Vec<Vec<Vec<Vec<GoalId>>>> = Vec::new();
        let mut seed = SeedGoals {
            sales: GoalId::from_uuid(Uuid::nil()),
            sales_calls: GoalId::from_uuid(Uuid::nil()),
            hr: GoalId::from_uuid(Uuid::nil()),
            hr_feedback_sessions: GoalId::from_uuid(Uuid::nil()),
            operations: GoalId::from_uuid(Uuid::nil()),
        };
        let mut forced_deprioritised = false;
        let mut forced_cancelled = false;

        // The cycle where a couple of team goals get dropped mid-quarter.
        let cutoff = plus_days(self.today, -30);
        let focus = self.cycles.iter().rposition(|c| c.start < cutoff);
        for dept in &org.depts {
            let f = dept.func;
            let owner = Owner::Unit(dept.unit);
            let head = dept.head;
            let templates = dept_templates(f);
            let mut per_cycle: Vec<Vec<GoalId>> = vec![Vec::new(); self.cycles.len()];
            let mut annual: Vec<GoalId> = Vec::new();

            // The seed article's goals live in the primary department of their function.
            if dept.primary && f == Func::People {
                let hr = self.seed_hr_goal(owner)?;
                let id = self.finish_seed(hr, head, batch, SeedTrack::Hr)?;
                batch.edges.push(edge(id, company_2026[3], 2.0));
                seed.hr = id;
                annual.push(id);
                // Its interventions: bi-weekly feedback sessions (activity) and the recognition programme.
                let fb = self.seed_feedback_goal(Owner::Person(org.hr_feedback_owner))?;
                let fb_id = self.finish_goal(
                    fb,
                    org.hr_feedback_owner,
                    Some(org.hr_feedback_owner),
                    Some(f),
                    Some(Trajectory::Drifting),
                    false,
                    batch,
                )?;
                batch.edges.push(edge(fb_id, id, 2.0));
                seed.hr_feedback_sessions = fb_id;
                let rec = self.recognition_goal(owner)?;
                let rec_id = self.finish_goal(
                    rec,
                    head,
                    Some(head),
                    Some(f),
                    Some(Trajectory::OnTrack),
                    false,
                    batch,
                )?;
                batch.edges.push(edge(rec_id, id, 1.0));
            }

            for ci in 0..self.cycles.len() {
                let (start, end, cid, state) = self.cycle_span(ci);
                let n = 2;
                let first = self.rng.below(templates.len());
                for k in 0..n {
                    let dt = &templates[(first + k) % templates.len()];
                    let goal = self.instantiate(
                        &dt.t,
                        owner,
                        GoalKind::SmartGoal,
                        start,
                        end,
                        Some(cid),
                        true,
                    )?;
                    let goal = self.plan_state(goal, state)?;
                    let goal = self.maybe_kpi(goal, f)?;
                    let id =
                        self.finish_goal(goal, head, Some(head), Some(f), None, true, batch)?;
                    if ci == 0 {
                        batch.edges.push(edge(id, company_2025, 1.0));
                    } else {
                        for (pi, w) in dt.parents {
                            batch.edges.push(edge(id, company_2026[*pi], *w));
                        }
                    }
                    per_cycle[ci].push(id);
                }
                if dept.primary && f == Func::Sales && ci == 3 {
                    let sales = self.seed_sales_goal(owner, cid)?;
                    let id = self.finish_seed(sales, head, batch, SeedTrack::Sales)?;
                    batch.edges.push(edge(id, company_2026[0], 3.0));
                    seed.sales = id;
                    let calls = self.seed_calls_goal(Owner::Person(org.sales_calls_owner), cid)?;
                    let calls_id =
                        self.finish_seed(calls, org.sales_calls_owner, batch, SeedTrack::Calls)?;
                    batch.edges.push(edge(calls_id, id, 1.0));
                    seed.sales_calls = calls_id;
                    per_cycle[ci].insert(0, id);
                }
                if dept.primary && f == Func::Operations && ci == 0 {
                    // Last quarter's cut, which set the 48 h baseline of the
                    // seed goal: history for judging that the next cut is
                    // achievable.
                    let goal = self.instantiate(
                        &OPS_2025,
                        owner,
                        GoalKind::SmartGoal,
                        start,
                        end,
                        Some(cid),
                        false,
                    )?;
                    let goal = self.plan_state(goal, state)?;
                    let id = self.finish_goal(
                        goal,
                        head,
                        Some(head),
                        Some(f),
                        Some(Trajectory::OnTrack),
                        false,
                        batch,
                    )?;
                    batch.edges.push(edge(id, company_2025, 1.0));
                    per_cycle[ci].insert(0, id);
                }
                if dept.primary && f == Func::Operations && ci == 2 {
                    let ops = self.seed_ops_goal(owner, cid)?;
                    let id = self.finish_seed(ops, head, batch, SeedTrack::Operations)?;
                    batch.edges.push(edge(id, company_2026[2], 3.0));
                    batch.edges.push(edge(id, company_2026[1], 1.0));
                    seed.operations = id;
                    per_cycle[ci].insert(0, id);
                }
                if ci > 0 {
                    per_cycle[ci].extend(annual.iter().copied());
                }
            }

            // Team goals.
            let mut teams = Vec::new();
            for team in &dept.teams {
                let owner = Owner::Unit(team.unit);
                let lead = team.lead;
                let ttpls = team_templates(f);
                let mut per_cycle_team: Vec<Vec<GoalId>> = vec![Vec::new(); self.cycles.len()];
                for ci in 0..self.cycles.len() {
                    let (start, end, cid, state) = self.cycle_span(ci);
                    let n = 1 + usize::from(self.rng.chance(0.5));
                    let first = self.rng.below(ttpls.len());
                    for k in 0..n {
                        let t = &ttpls[(first + k) % ttpls.len()];
                        let kind = if self.rng.chance(0.3) {
                            GoalKind::Objective
                        } else {
                            GoalKind::SmartGoal
                        };
                        let goal = self.instantiate(t, owner, kind, start, end, Some(cid), true)?;
                        let mut goal = self.plan_state(goal, state)?;
                        // A couple of team goals are dropped mid-quarter while their
                        // members' goals stay aligned to them (the map flags these).
                        let mut force = None;
                        if k == 0 && Some(ci) == focus {
                            if !forced_deprioritised && f == Func::Marketing {
                                force = Some(GoalState::Deprioritised);
                                forced_deprioritised = true;
                            } else if !forced_cancelled && f == Func::Engineering {
                                force = Some(GoalState::Cancelled);
                                forced_cancelled = true;
                            }
                        }
                        let id = if let Some(state) = force {
                            let created = self.created_at(goal.start);
                            let d = plus_days(goal.start, 25).min(plus_days(self.today, -2));
                            let reason = if state == GoalState::Cancelled {
                                "cancelled: the scheduler migration was replaced by a vendor product"
                            } else {
                                "deprioritised after the mid-quarter re-plan"
                            };
                            let (revised, revs) = stride_domain::revise(
                                &goal,
                                &[change(GoalField::State, &state)],
                                lead,
                                at(d, 11, 30),
                                reason,
                            )
                            .map_err(domain)?;
                            goal = revised;
                            let traj = self.trajectory();
                            self.check_ins(&goal, lead, Some(f), traj, d, batch)?;
                            let id = goal.id;
                            batch.goals.push((Some(lead), created, goal));
                            for mut r in revs {
                                r.id = RevisionId::from_uuid(self.ids.uuid());
                                batch.revisions.push(r);
                            }
                            id
                        } else {
                            self.finish_goal(goal, lead, Some(lead), Some(f), None, true, batch)?
                        };
                        // Parents: one or two department goals of the same cycle.
                        let parents = &per_cycle[ci];
                        if !parents.is_empty() {
                            let a = if dept.primary
                                && ((ci == 3 && f == Func::Sales)
                                    || (ci == 2 && f == Func::Operations))
                            {
                                0 // the seed goal is first
                            } else {
                                self.rng.below(parents.len())
                            };
                            if parents.len() > 1 && self.rng.chance(0.25) {
                                let b = (a + 1 + self.rng.below(parents.len() - 1)) % parents.len();
                                batch.edges.push(edge(id, parents[a], 2.0));
                                batch.edges.push(edge(id, parents[b], 1.0));
                            } else {
                                batch.edges.push(edge(
                                    id,
                                    parents[a],
                                    1.0 + self.rng.below(3) as f64,
                                ));
                            }
                        }
                        per_cycle_team[ci].push(id);
                    }
                }
                teams.push(per_cycle_team);
            }
            dept_goals.push(per_cycle);
            team_goals.push(teams);
        }
        Ok(UnitGoals {
            dept: dept_goals,
            team: team_goals,
            company_2026,
            company_2025,
            seed,
        })
    }

    /// Sets a draft state for goals not committed yet.
    fn plan_state(&mut self, goal: Goal, state: CycleState) -> Result<Goal> {
        // Goals of a planning cycle are mostly drafts; a few in the running
        // cycle were never committed.
        let p = match state {
            CycleState::Planning => 0.7,
            CycleState::Active => 0.03,
            CycleState::Closed => 0.0,
        };
        if p > 0.0 && self.rng.chance(p) {
            let mut d = goal.into_draft();
            d.state = GoalState::Draft;
            return Goal::new(d).map_err(domain);
        }
        Ok(goal)
    }

    /// Department goals whose metric is a KPI track it.
    fn maybe_kpi(&mut self, goal: Goal, f: Func) -> Result<Goal> {
        let kpi = match (f, goal.metric_name.as_str()) {
            (Func::Engineering, "platform uptime") => Some(self.kpi_ids.uptime),
            (Func::Success, "monthly logo churn") => Some(self.kpi_ids.churn),
            (Func::Success, "net promoter score") => Some(self.kpi_ids.nps),
            _ => None,
        };
        if kpi.is_none() {
            return Ok(goal);
        }
        let mut d = goal.into_draft();
        d.kpi = kpi;
        Goal::new(d).map_err(domain)
    }

    // -----------------------------------------------------------------------
    // The seed article's goals (values as in stride-domain's tests/common)
    // -----------------------------------------------------------------------

    fn seed_sales_goal(&mut self, owner: Owner, cycle: CycleId) -> Result<Goal> {
        let (start, due) = (day(2026, 7, 1), day(2026, 9, 30));
        let mut g = GoalDraft::new(owner, "Qualified pipeline +25 % in Q3 2026", start, due);
        g.id = self.ids.goal();
        g.statement = "Increase qualified pipeline revenue by 25% in Q3 2026 by making 20 outbound calls per day and logging all activity inside the CRM.".into();
        g.method = "20 outbound calls per day; all activity logged in the CRM".into();
        g.metric_name = "qualified pipeline revenue".into();
        g.unit = Currency;
        g.unit_label = "USD".into();
        g.baseline = Some(2_000_000.0);
        g.target = Some(2_500_000.0);
        g.cadence = Cadence::Weekly;
        g.cycle = Some(cycle);
        g.weight = 3.0;
        let span = days_between(start, due) as f64;
        g.checkpoints = (1..=13)
            .map(|w| plus_days(start, 7 * w))
            .filter(|date| *date <= due)
            .map(|date| {
                let f = days_between(start, date) as f64 / span;
                Checkpoint {
                    date,
                    expected: 2_000_000.0 + 500_000.0 * f,
                    label: format!("week {} review", days_between(start, date) / 7),
                }
            })
            .collect();
        Goal::new(g).map_err(domain)
    }

    fn seed_calls_goal(&mut self, owner: Owner, cycle: CycleId) -> Result<Goal> {
        let mut g = GoalDraft::new(
            owner,
            "20 outbound calls per day",
            day(2026, 7, 1),
            day(2026, 9, 30),
        );
        g.id = self.ids.goal();
        g.statement =
            "Make 20 outbound calls per day in Q3 2026 and log every call in the CRM.".into();
        g.method = "two call blocks a day; every call logged in the CRM".into();
        g.category = Category::Activity;
        g.metric_name = "outbound calls per day".into();
        g.unit = Count;
        g.unit_label = "calls".into();
        g.direction = Direction::AtLeast;
        g.baseline = Some(12.0);
        g.target = Some(20.0);
        g.cadence = Cadence::Weekly;
        g.cycle = Some(cycle);
        Goal::new(g).map_err(domain)
    }

    fn seed_hr_goal(&mut self, owner: Owner) -> Result<Goal> {
        let mut g = GoalDraft::new(
            owner,
            "Engagement 67 % → 75 % by Q4 2026",
            day(2026, 1, 1),
            day(2026, 12, 31),
        );
        g.id = self.ids.goal();
        g.statement = "Improve employee engagement scores from 67% to 75% by Q4 2026 through structured bi-weekly feedback sessions and a revised recognition program.".into();
        g.method = "bi-weekly feedback sessions; revised recognition program".into();
        g.metric_name = "employee engagement score".into();
        g.unit = Percent;
        g.unit_label = "%".into();
        g.baseline = Some(67.0);
        g.target = Some(75.0);
        g.cadence = Cadence::Biweekly;
        g.weight = 2.0;
        g.checkpoints = vec![Checkpoint {
            date: day(2026, 6, 30),
            expected: 71.0,
            label: "mid-year review".into(),
        }];
        Goal::new(g).map_err(domain)
    }

    fn seed_feedback_goal(&mut self, owner: Owner) -> Result<Goal> {
        let mut g = GoalDraft::new(
            owner,
            "Bi-weekly feedback sessions in at least 90 % of teams",
            day(2026, 1, 1),
            day(2026, 12, 31),
        );
        g.id = self.ids.goal();
        g.statement =
            "Run structured bi-weekly feedback sessions in at least 90% of teams through 2026."
                .into();
        g.method =
            "session guide for managers; reminders every other Monday; attendance tracked".into();
        g.category = Category::Activity;
        g.metric_name = "teams holding bi-weekly feedback sessions".into();
        g.unit = Percent;
        g.unit_label = "%".into();
        g.direction = Direction::AtLeast;
        g.baseline = Some(40.0);
        g.target = Some(90.0);
        g.cadence = Cadence::Biweekly;
        Goal::new(g).map_err(domain)
    }

    fn recognition_goal(&mut self, owner: Owner) -> Result<Goal> {
        let mut g = GoalDraft::new(
            owner,
            "Launch the revised recognition program",
            day(2026, 1, 1),
            day(2026, 3, 31),
        );
        g.id = self.ids.goal();
        g.statement = "Launch the revised recognition program by 31 March 2026.".into();
        g.method = "peer nominations in Stride; quarterly awards".into();
        g.metric_name = "program launched".into();
        g.unit = Binary;
        g.direction = Direction::Done;
        g.cadence = Cadence::Monthly;
        Goal::new(g).map_err(domain)
    }

    fn seed_ops_goal(&mut self, owner: Owner, cycle: CycleId) -> Result<Goal> {
        let mut g = GoalDraft::new(
            owner,
            "Order processing 48 h → 32 h by Q2 2026",
            day(2026, 4, 1),
            day(2026, 6, 30),
        );
        g.id = self.ids.goal();
        g.statement = "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing and eliminating manual approval bottlenecks.".into();
        g.method = "automated workflow routing; remove manual approval bottlenecks".into();
        g.metric_name = "average order processing time".into();
        g.unit = Duration;
        g.unit_label = "hours".into();
        g.direction = Direction::Decrease;
        g.baseline = Some(48.0);
        g.target = Some(32.0);
        g.cycle = Some(cycle);
        g.weight = 3.0;
        g.checkpoints = vec![Checkpoint {
            date: day(2026, 5, 13),
            expected: 42.0,
            label: "six-week review".into(),
        }];
        Goal::new(g).map_err(domain)
    }

    /// Seed goals stay `active` (their status is computed from the data) and
    /// follow scripted tracks.
    fn finish_seed(
        &mut self,
        goal: Goal,
        author: PersonId,
        batch: &mut Batch,
        track: SeedTrack,
    ) -> Result<GoalId> {
        let created = at(plus_days(goal.start, -10).min(self.today), 10, 0);
        let end = plus_days(self.today, -1).min(goal.due);
        let mut date = goal.cadence.next_after(goal.start).unwrap_or(goal.due);
        let mut k = 0_usize;
        while date <= end {
            let this = date;
            date = goal
                .cadence
                .next_after(date)
                .unwrap_or(plus_days(goal.due, 1));
            k += 1;
            let expected = goal.expected_progress(this);
            let (value, confidence, note, blockers): (f64, i64, &str, &str) = match track {
                SeedTrack::Sales => {
                    // On track: a little ahead of the weekly checkpoints, landing at ~2.53 M.
                    let p = expected + 0.03 + self.rng.noise(0.01);
                    let v = round_to(2_000_000.0 + 500_000.0 * p, 1_000.0);
                    let note = match k {
                        1 => "Q2 baseline confirmed at 2.0 M; call blocks start Monday.",
                        4 => "Weekly checkpoint review: ahead of the line; two enterprise deals qualified.",
                        8 => "CRM activity logged daily; pipeline ahead of the week-8 checkpoint.",
                        _ => *self.rng.pick(&["On track against the weekly checkpoint.", "Pipeline review done; stage-3 deals up.", "Calls steady at ~20 a day; pipeline growing."]),
                    };
                    (
                        v,
                        (8.0 + self.rng.noise(0.6)).round().clamp(0.0, 10.0) as i64,
                        note,
                        "",
                    )
                }
                SeedTrack::Calls => {
                    let series = [
                        14.0, 16.5, 18.0, 19.5, 21.0, 20.5, 17.0, 20.0, 21.5, 20.5, 22.0, 21.0,
                        20.5,
                    ];
                    let v = series[(k - 1).min(series.len() - 1)];
                    let (note, blockers) = if v < 20.0 && k > 3 {
                        (
                            "Below 20 calls a day this week — flagged in the team call.",
                            "CRM sync outage lost two days of activity logs.",
                        )
                    } else if v < 20.0 {
                        ("Ramping up the call blocks.", "")
                    } else {
                        ("At or above 20 calls a day, all logged in the CRM.", "")
                    };
                    (v, if v < 20.0 { 6 } else { 8 }, note, blockers)
                }
                SeedTrack::Hr => {
                    // Drifting behind the mid-year line: at risk by autumn.
                    let elapsed = days_between(goal.start, this) as f64 / 365.0;
                    let gap = 0.03 + 0.2 * (elapsed / 0.9).min(1.0);
                    let v = round_to(
                        67.0 + 8.0 * (expected - gap).max(0.0) + self.rng.noise(0.1),
                        0.1,
                    );
                    let note = if this >= day(2026, 6, 30) && this < day(2026, 7, 14) {
                        "Mid-year review: engagement below the 71 % checkpoint; feedback sessions running in only half the teams."
                    } else if gap > 0.15 {
                        *self.rng.pick(&["Pulse survey flat; session attendance dropping in Operations.", "Recognition nominations up, but engagement lags the plan.", "Behind plan; asking department heads to re-commit to bi-weekly sessions."])
                    } else {
                        *self.rng.pick(&[
                            "Pulse survey closed; small gain.",
                            "Feedback session guide shared with all managers.",
                            "Recognition program pilot well received.",
                        ])
                    };
                    let blockers = if gap > 0.15 && k % 3 == 0 {
                        "Managers in peak season skip the feedback sessions."
                    } else {
                        ""
                    };
                    (
                        v,
                        (7.0 - gap * 12.0 + self.rng.noise(0.5))
                            .round()
                            .clamp(0.0, 10.0) as i64,
                        note,
                        blockers,
                    )
                }
                SeedTrack::Operations => {
                    // Routing lands late: behind the six-week checkpoint, short at the end. Never 40 h.
                    let series = [
                        47.5, 47.0, 46.5, 46.0, 45.5, 45.0, 44.5, 44.0, 43.8, 43.5, 43.2, 43.0,
                        43.0,
                    ];
                    let v = series[(k - 1).min(series.len() - 1)];
                    let note = match k {
                        1 => "Baseline 48 h confirmed from the order log.",
                        6 => "Six-week review: 45 h against 42 h expected; routing rules delayed.",
                        9 => "Automated routing live for standard orders; manual approvals removed below 5,000 USD.",
                        _ => *self.rng.pick(&["Process cycle data reviewed with the shift leads.", "Small gain; approval queue still the bottleneck.", "Routing rules v2 live in the north warehouse."]),
                    };
                    let blockers = if (5..=8).contains(&k) {
                        "Approval workflow change pending finance sign-off."
                    } else {
                        ""
                    };
                    (v, if k < 6 { 6 } else { 4 }, note, blockers)
                }
            };
            let draft = CheckInDraft {
                goal: goal.id,
                value: Some(value),
                done: false,
                confidence: Some(confidence),
                note: note.to_owned(),
                blockers: blockers.to_owned(),
                effective: this,
                author,
            };
            let mut c = CheckIn::new(draft, &goal, at(this, 16, 30)).map_err(domain)?;
            c.id = CheckInId::from_uuid(self.ids.uuid());
            batch.check_ins.push(c);
        }
        let id = goal.id;
        batch.goals.push((Some(author), created, goal));
        Ok(id)
    }

    // -----------------------------------------------------------------------
    // Individual goals
    // -----------------------------------------------------------------------

    fn build_individual_goals(
        &mut self,
        m: &Member,
        unit: &UnitGoals,
        batch: &mut Batch,
    ) -> Result<()> {
        let owner = Owner::Person(m.id);
        for ci in 0..self.cycles.len() {
            let (start, end, cid, state) = self.cycle_span(ci);
            // Parents: the team's goals, else the department's, else the company's.
            let parents: Vec<GoalId> = match (m.dept, m.team) {
                (Some(d), Some(t)) if m.level != Level::Head => unit.team[d][t][ci].clone(),
                (Some(d), _) => unit.dept[d][ci].clone(),
                _ => {
                    if ci == 0 {
                        vec![unit.company_2025]
                    } else {
                        unit.company_2026.clone()
                    }
                }
            };
            let planning = state == CycleState::Planning;
            if planning && self.rng.chance(0.4) {
                continue; // not everyone has drafted next quarter's goals yet
            }
            let n = if planning {
                self.rng.range(1, 3)
            } else {
                self.rng.range(2, 4)
            };
            let fun_tpls = m.func.map_or(&[][..], individual_templates);
            let mut used: Vec<&'static str> = Vec::new();
            for k in 0..n {
                let t: &Tpl = if matches!(m.level, Level::Lead | Level::Head) && k == 0 {
                    self.rng.pick(MANAGER_GOALS)
                } else if fun_tpls.is_empty() || self.rng.chance(0.18) {
                    self.rng.pick(GENERIC_DEVELOPMENT)
                } else {
                    self.rng.pick(fun_tpls)
                };
                if used.contains(&t.title) {
                    continue;
                }
                used.push(t.title);
                // Most goals span the quarter; some are shorter pushes.
                let (s, e) = if self.rng.chance(0.2) {
                    let s = plus_days(start, 7 * self.rng.range(1, 4) as i64);
                    (s, plus_days(s, 42).min(end))
                } else {
                    (start, end)
                };
                let kind = if t.key_result && !parents.is_empty() {
                    GoalKind::KeyResult
                } else {
                    GoalKind::SmartGoal
                };
                let goal = self.instantiate(t, owner, kind, s, e, Some(cid), true)?;
                let goal = self.plan_state(goal, state)?;
                let id = self.finish_goal(goal, m.id, Some(m.id), m.func, None, true, batch)?;
                // A handful are deliberately left unaligned (the map flags orphans).
                let orphan = (k == 1 && m.index % 97 == 13) || parents.is_empty();
                if !orphan {
                    let a = self.rng.below(parents.len());
                    if parents.len() > 1 && self.rng.chance(0.1) {
                        let b = (a + 1 + self.rng.below(parents.len() - 1)) % parents.len();
                        batch.edges.push(edge(id, parents[a], 1.0));
                        batch.edges.push(edge(id, parents[b], 1.0));
                    } else {
                        batch
                            .edges
                            .push(edge(id, parents[a], 1.0 + self.rng.below(2) as f64));
                    }
                }
            }
        }
        Ok(())
    }
}

/// (key, name, unit, label, direction, period, first value, last value, noise)
type KpiSpec = (
    &'static str,
    &'static str,
    UnitKind,
    &'static str,
    Direction,
    PeriodKind,
    f64,
    f64,
    f64,
);

/// A revised goal, its revisions, and the date tracking stopped (if it did).
type Revised = (Goal, Vec<Revision>, Option<NaiveDate>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SeedTrack {
    Sales,
    Calls,
    Hr,
    Operations,
}

fn region(k: usize) -> String {
    if k < REGIONS.len() {
        REGIONS[k].to_owned()
    } else {
        format!("{} {}", REGIONS[k % REGIONS.len()], k / REGIONS.len() + 1)
    }
}

fn edge(child: GoalId, parent: GoalId, weight: f64) -> AlignmentEdge {
    AlignmentEdge {
        child,
        parent,
        weight,
    }
}

fn change<T: serde::Serialize>(field: GoalField, value: &T) -> FieldChange {
    FieldChange {
        field,
        value: serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned()),
    }
}

fn round_to(v: f64, step: f64) -> f64 {
    if step <= 0.0 || !step.is_finite() {
        return v;
    }
    let r = (v / step).round() * step;
    // Trim binary noise (0.30000000000000004 → 0.3).
    let digits = (-step.log10()).ceil().max(0.0) as i32;
    let scale = 10_f64.powi(digits);
    (r * scale).round() / scale
}

/// A rounding step about 1/50 of the span, as a power of ten.
fn value_step(span: f64) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 0.01;
    }
    10_f64
        .powf((span / 50.0).log10().floor())
        .clamp(0.001, 10_000.0)
}

fn goal_step(goal: &Goal) -> f64 {
    let span = match goal.measure() {
        Measure::Increase { baseline, target }
        | Measure::Decrease { baseline, target }
        | Measure::AtLeast { baseline, target }
        | Measure::AtMost { baseline, target } => {
            (target - baseline).abs().max(target.abs() * 0.05)
        }
        Measure::WithinBand {
            baseline,
            low,
            high,
        } => (high - low).abs().max((baseline - low).abs()),
        Measure::Done => 1.0,
    };
    value_step(span)
}

/// The metric value at progress `p` (0 = baseline, 1 = target; beyond 1 overshoots).
fn value_for(m: &Measure, p: f64) -> f64 {
    match *m {
        Measure::Increase { baseline, target }
        | Measure::Decrease { baseline, target }
        | Measure::AtLeast { baseline, target }
        | Measure::AtMost { baseline, target } => {
            let (b, t) = if (target - baseline).abs() < f64::EPSILON {
                // A level to hold: pretend the baseline sat 5 % on the wrong side.
                let margin = target.abs().max(1.0) * 0.05;
                let worse = if matches!(m, Measure::AtMost { .. }) {
                    margin
                } else {
                    -margin
                };
                (target + worse, target)
            } else {
                (baseline, target)
            };
            b + p * (t - b)
        }
        Measure::WithinBand {
            baseline,
            low,
            high,
        } => {
            let mid = (low + high) / 2.0;
            let (edge, b) = if baseline < low {
                (low, baseline)
            } else if baseline > high {
                (high, baseline)
            } else {
                let b = low - (high - low) * 0.5;
                (low, b)
            };
            if p <= 1.0 {
                b + p * (edge - b)
            } else {
                edge + ((p - 1.0) * 4.0).min(0.6) * (mid - edge)
            }
        }
        Measure::Done => {
            if p >= 1.0 {
                1.0
            } else {
                0.0
            }
        }
    }
}

/// The title with its numbers filled in.
fn fill(title: &str, m: M, unit: UnitKind) -> String {
    let f = |v: f64| fmt_num(v, unit);
    let mut s = title.to_owned();
    match m {
        M::Inc(b, t) | M::Dec(b, t) | M::AtLeast(b, t) | M::AtMost(b, t) => {
            s = s.replace("{b}", &f(b)).replace("{t}", &f(t));
        }
        M::Band(b, lo, hi) => {
            s = s
                .replace("{b}", &f(b))
                .replace("{lo}", &f(lo))
                .replace("{hi}", &f(hi));
        }
        M::Done => {}
    }
    s
}

fn fmt_num(v: f64, unit: UnitKind) -> String {
    let a = v.abs();
    if unit == Currency && a >= 1_000_000.0 {
        let m = v / 1_000_000.0;
        let s = format!("{m:.1}");
        return format!("{} M", s.trim_end_matches(".0"));
    }
    if a >= 10_000.0 {
        let n = v.round() as i64;
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        return if n < 0 { format!("-{out}") } else { out };
    }
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

const NOTES_START: &[&str] = &[
    "Kick-off done; baseline confirmed.",
    "Plan agreed with my manager; first steps under way.",
    "Set up tracking; baseline numbers checked.",
];
const NOTES_AHEAD: &[&str] = &[
    "Ahead of plan — keeping the pace.",
    "Strong fortnight; ahead of the expected curve.",
    "Well ahead; considering raising the bar.",
    "Good momentum, ahead of the checkpoint.",
];
const NOTES_ON_PACE: &[&str] = &[
    "On track.",
    "Steady progress, in line with plan.",
    "On pace for the checkpoint.",
    "Moving as planned; no surprises this week.",
    "Small gain this period; still on plan.",
];
const NOTES_SLIGHTLY_BEHIND: &[&str] = &[
    "Slightly behind; catching up next week.",
    "A slow week — holidays cost us a few days.",
    "A bit behind pace; plan to recover by month end.",
    "Dipped a little; root cause understood.",
];
const NOTES_BEHIND: &[&str] = &[
    "Behind plan; escalated to my manager.",
    "Falling behind — need to re-plan scope.",
    "Well short of pace; asking for help.",
    "Off track this period; recovery plan drafted.",
];
const NOTES_RECOVERING: &[&str] = &[
    "Recovering after a slow start.",
    "Back on the curve after the fix landed.",
    "Catching up — the last two weeks were strong.",
];
const NOTES_DONE: &[&str] = &[
    "Done and signed off.",
    "Completed — closing this goal.",
    "Delivered; retro notes shared with the team.",
];
const BLOCKERS: &[&str] = &[
    "Waiting on data access from IT.",
    "Two people out sick this week.",
    "Dependency on another team's release.",
    "Unclear priority versus the quarter-end push.",
    "Tooling budget not approved yet.",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_deterministic_and_spread() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut r = Rng::new(1);
        let mean: f64 = (0..10_000).map(|_| r.unit()).sum::<f64>() / 10_000.0;
        assert!((mean - 0.5).abs() < 0.02, "{mean}");
    }

    #[test]
    fn numbers_format_for_titles() {
        assert_eq!(fmt_num(2_500_000.0, Currency), "2.5 M");
        assert_eq!(fmt_num(60_000_000.0, Currency), "60 M");
        assert_eq!(fmt_num(450_000.0, Currency), "450,000");
        assert_eq!(fmt_num(99.9, Percent), "99.9");
        assert_eq!(fmt_num(5.2, Currency), "5.2");
        assert_eq!(round_to(0.1 + 0.2, 0.1), 0.3);
    }

    #[test]
    fn emails_are_ascii() {
        assert_eq!(ascii_slug("Lucía"), "lucia");
        assert_eq!(ascii_slug("O'Brien"), "obrien");
        assert_eq!(ascii_slug("Van Dijk"), "vandijk");
    }
}
