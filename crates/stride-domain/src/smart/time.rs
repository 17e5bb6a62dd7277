//! Time phrases: "in Q3 2026", "by June 30, 2026", "by the end of next
//! quarter", "within six months", "within 2 hours", "FY2027", "H1 2027".
//!
//! A phrase resolves either to a date (the last day of the stated period) or
//! to a duration counted from `today` (which becomes a deadline unless it
//! describes a service level, see `parse.rs`).

use chrono::{Datelike, Days, Months, NaiveDate};

use super::token::{Kind, Token};

/// A duration unit as written after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DurUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Quarters,
    Years,
}

impl DurUnit {
    pub fn from_word(w: &str) -> Option<Self> {
        Some(match w {
            "second" | "seconds" | "sec" | "secs" | "s" => Self::Seconds,
            "minute" | "minutes" | "min" | "mins" => Self::Minutes,
            "hour" | "hours" | "hr" | "hrs" | "h" => Self::Hours,
            "day" | "days" | "business-day" | "business-days" | "workday" | "workdays" => {
                Self::Days
            }
            "week" | "weeks" | "wk" | "wks" => Self::Weeks,
            "month" | "months" | "mo" | "mos" => Self::Months,
            "quarter" | "quarters" => Self::Quarters,
            "year" | "years" | "yr" | "yrs" => Self::Years,
            _ => return None,
        })
    }

    /// The canonical unit label (`minutes|hours|days|weeks|months`, and
    /// `seconds`, `quarters`, `years`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Seconds => "seconds",
            Self::Minutes => "minutes",
            Self::Hours => "hours",
            Self::Days => "days",
            Self::Weeks => "weeks",
            Self::Months => "months",
            Self::Quarters => "quarters",
            Self::Years => "years",
        }
    }

    /// Shorter than a day: a service level, never a deadline.
    pub fn is_sub_day(self) -> bool {
        matches!(self, Self::Seconds | Self::Minutes | Self::Hours)
    }
}

/// What a time phrase says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum When {
    /// The last day of a stated period.
    Date(NaiveDate),
    /// "within N units" (from today, unless `anchored`).
    Duration {
        value: f64,
        unit: DurUnit,
        /// Followed by "of/after/from …": counted from an event, not today.
        anchored: bool,
    },
}

/// A time phrase over tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub when: When,
}

/// The fiscal-year convention: FY*N* ends in calendar year *N*; it starts on
/// the first day of `start_month` (1 = January: the fiscal year is the
/// calendar year).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Calendar {
    pub today: NaiveDate,
    pub fy_start_month: u32,
}

pub(crate) fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

fn quarter_end(year: i32, q: u32) -> Option<NaiveDate> {
    month_end(year, q * 3)
}

impl Calendar {
    fn fy_start(&self, fy: i32) -> Option<NaiveDate> {
        if self.fy_start_month <= 1 {
            NaiveDate::from_ymd_opt(fy, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(fy - 1, self.fy_start_month, 1)
        }
    }

    fn fy_end(&self, fy: i32) -> Option<NaiveDate> {
        self.fy_start(fy)?
            .checked_add_months(Months::new(12))?
            .pred_opt()
    }

    /// Last day of quarter `q` (1–4) of fiscal year `fy`.
    fn fy_quarter_end(&self, fy: i32, q: u32) -> Option<NaiveDate> {
        self.fy_start(fy)?
            .checked_add_months(Months::new(3 * q))?
            .pred_opt()
    }

    fn fy_of(&self, date: NaiveDate) -> i32 {
        if self.fy_start_month <= 1 || date.month() < self.fy_start_month {
            date.year()
        } else {
            date.year() + 1
        }
    }

    fn this_quarter(&self) -> (i32, u32) {
        (self.today.year(), self.today.month0() / 3 + 1)
    }

    /// The upcoming quarter `q` without a year: this year's unless it has
    /// already ended.
    fn upcoming_quarter(&self, q: u32) -> Option<NaiveDate> {
        let end = quarter_end(self.today.year(), q)?;
        if end >= self.today {
            Some(end)
        } else {
            quarter_end(self.today.year() + 1, q)
        }
    }

    fn upcoming_month(&self, m: u32, day: Option<u32>) -> Option<NaiveDate> {
        let y = self.today.year();
        let at = |y: i32| match day {
            Some(d) => NaiveDate::from_ymd_opt(y, m, d),
            None => month_end(y, m),
        };
        let this = at(y)?;
        if this >= self.today {
            Some(this)
        } else {
            at(y + 1)
        }
    }

    /// `today` plus a duration: days and weeks exactly, months, quarters and
    /// years as calendar months (clamped to the month's last day).
    pub fn add(&self, value: f64, unit: DurUnit) -> Option<NaiveDate> {
        if value.fract() != 0.0 || !(0.0..=100_000.0).contains(&value) {
            return None;
        }
        let n = value as u32;
        match unit {
            DurUnit::Days => self.today.checked_add_days(Days::new(u64::from(n))),
            DurUnit::Weeks => self.today.checked_add_days(Days::new(7 * u64::from(n))),
            DurUnit::Months => self.today.checked_add_months(Months::new(n)),
            DurUnit::Quarters => self.today.checked_add_months(Months::new(3 * n)),
            DurUnit::Years => self.today.checked_add_months(Months::new(12 * n)),
            _ => None,
        }
    }
}

fn month_word(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        _ => return None,
    })
}

/// `q3` → 3, `h1` → 1 (prefix letter given).
fn letter_num(w: &str, letter: char, max: u32) -> Option<u32> {
    let rest = w.strip_prefix(letter)?;
    let v: u32 = rest.parse().ok()?;
    (1..=max).contains(&v).then_some(v)
}

fn year_value(t: &Token) -> Option<i32> {
    let n = t.num()?;
    if n.plain && n.value.fract() == 0.0 && (1990.0..=2100.0).contains(&n.value) {
        Some(n.value as i32)
    } else {
        None
    }
}

/// `fy26`, `fy2026`, `fy-2026` → 2026.
fn fy_word(w: &str) -> Option<i32> {
    let rest = w.strip_prefix("fy")?.trim_start_matches(['-', '\'']);
    fy_digits(rest)
}

fn fy_digits(rest: &str) -> Option<i32> {
    if !rest.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match rest.len() {
        2 => rest.parse::<i32>().ok().map(|y| 2000 + y),
        4 => rest.parse().ok(),
        _ => None,
    }
}

/// A fiscal year at `i`: `FY26`, `FY 2026`, `fiscal year 2026`, `fiscal 2026`.
fn fiscal_at(t: &[Token], i: usize) -> Option<(usize, i32)> {
    let w = t.get(i)?;
    if let Some(y) = fy_word(&w.lower) {
        return Some((i + 1, y));
    }
    if w.is_word("fy") {
        let y = t.get(i + 1).and_then(year_value)?;
        return Some((i + 2, y));
    }
    if w.is_word("fiscal") {
        let mut j = i + 1;
        if t.get(j).is_some_and(|x| x.is_word("year")) {
            j += 1;
        }
        if let Some(y) = t.get(j).and_then(year_value) {
            return Some((j + 1, y));
        }
        if let Some(y) = t.get(j).and_then(|x| fy_digits(&x.lower)) {
            return Some((j + 1, y));
        }
    }
    None
}

/// A year at `i`, optionally after "of" / "of the": `2026`, `of 2026`.
fn year_after(t: &[Token], i: usize) -> Option<(usize, i32)> {
    let mut j = i;
    if t.get(j).is_some_and(|x| x.is_word("of")) {
        j += 1;
    }
    if t.get(j).is_some_and(|x| x.is_punct(',')) {
        j += 1;
    }
    year_value(t.get(j)?).map(|y| (j + 1, y))
}

/// Words before a time phrase that belong to it.
const LEAD: &[&str] = &[
    "by",
    "in",
    "before",
    "until",
    "till",
    "during",
    "within",
    "over",
    "for",
    "through",
    "throughout",
    "on",
    "at",
    "end",
    "the",
    "of",
    "close",
    "than",
    "later",
    "no",
    "ahead",
    "prior",
    "to",
    "next",
    "coming",
    "first",
    "this",
    "current",
    "upcoming",
    "following",
    "rest",
];

/// Finds every time phrase in the tokens.
pub(crate) fn find_spans(t: &[Token], cal: &Calendar) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if let Some((end, when)) = period_at(t, i, cal) {
            let start = extend_left(t, i, spans.last().map_or(0, |s: &Span| s.end));
            spans.push(Span { start, end, when });
            i = end;
        } else {
            i += 1;
        }
    }
    spans
}

/// Includes "by the end of", "no later than", "in", … before a phrase.
fn extend_left(t: &[Token], start: usize, floor: usize) -> usize {
    let mut s = start;
    while s > floor {
        let p = &t[s - 1];
        if !p.is_any(LEAD) {
            break;
        }
        // "to" only in "prior to"; "than" only in "no later than".
        if p.is_word("to") && !(s >= 2 && t[s - 2].is_word("prior")) {
            break;
        }
        s -= 1;
        if p.is_any(&[
            "by",
            "in",
            "before",
            "until",
            "till",
            "during",
            "within",
            "over",
            "for",
            "through",
            "throughout",
            "on",
            "at",
        ]) {
            break;
        }
    }
    s
}

fn word(t: &[Token], i: usize) -> &str {
    t.get(i)
        .filter(|x| x.is_word_kind())
        .map_or("", |x| x.lower.as_str())
}

fn prev_is(t: &[Token], i: usize, words: &[&str]) -> bool {
    i > 0 && t[i - 1].is_any(words)
}

/// The period starting at token `i`, with the index after it.
fn period_at(t: &[Token], i: usize, cal: &Calendar) -> Option<(usize, When)> {
    let tok = t.get(i)?;
    let w = word(t, i);
    // Written dates.
    if let Kind::Date(d) = tok.kind {
        return Some((i + 1, When::Date(d)));
    }
    // Q3 2026, Q3 FY26, Q3-2026, Q3 (upcoming).
    let (qw, qsuffix) = match w.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (w, None),
    };
    if let Some(q) = letter_num(qw, 'q', 4) {
        if let Some(suffix) = qsuffix {
            let y = fy_word(suffix).or_else(|| fy_digits(suffix))?;
            let fiscal = suffix.starts_with("fy");
            let d = if fiscal {
                cal.fy_quarter_end(y, q)
            } else {
                quarter_end(y, q)
            };
            return Some((i + 1, When::Date(d?)));
        }
        if let Some((end, y)) = fiscal_at(t, i + 1) {
            return Some((end, When::Date(cal.fy_quarter_end(y, q)?)));
        }
        if let Some((end, y)) = year_after(t, i + 1) {
            return Some((end, When::Date(quarter_end(y, q)?)));
        }
        if let Some(y) = t.get(i + 1).and_then(|x| {
            x.lower
                .strip_prefix('\'')
                .or_else(|| x.lower.strip_prefix('’'))
                .and_then(fy_digits)
        }) {
            return Some((i + 2, When::Date(quarter_end(y, q)?)));
        }
        return Some((i + 1, When::Date(cal.upcoming_quarter(q)?)));
    }
    // H1 2027, H2.
    if let Some(h) = letter_num(qw, 'h', 2) {
        if let Some(suffix) = qsuffix {
            let y = fy_digits(suffix)?;
            return Some((i + 1, When::Date(month_end(y, h * 6)?)));
        }
        if let Some((end, y)) = fiscal_at(t, i + 1) {
            return Some((end, When::Date(cal.fy_quarter_end(y, h * 2)?)));
        }
        if let Some((end, y)) = year_after(t, i + 1) {
            return Some((end, When::Date(month_end(y, h * 6)?)));
        }
        let this = month_end(cal.today.year(), h * 6)?;
        let d = if this >= cal.today {
            this
        } else {
            month_end(cal.today.year() + 1, h * 6)?
        };
        return Some((i + 1, When::Date(d)));
    }
    // FY2027 Q2, FY26, fiscal year 2026.
    if let Some((end, y)) = fiscal_at(t, i) {
        if let Some(q) = letter_num(word(t, end), 'q', 4) {
            return Some((end + 1, When::Date(cal.fy_quarter_end(y, q)?)));
        }
        return Some((end, When::Date(cal.fy_end(y)?)));
    }
    // the third quarter of 2026, the first half of 2027, second half of the year.
    if let Some(n) = ordinal(w) {
        let unit = word(t, i + 1);
        if unit == "quarter" && n <= 4 {
            if let Some((end, y)) = fiscal_at(t, i + 2).or_else(|| {
                if word(t, i + 2) == "of" {
                    fiscal_at(t, i + 3)
                } else {
                    None
                }
            }) {
                return Some((end, When::Date(cal.fy_quarter_end(y, n)?)));
            }
            if let Some((end, y)) = year_after(t, i + 2) {
                return Some((end, When::Date(quarter_end(y, n)?)));
            }
            if let Some((end, y)) = relative_year(t, i + 2, cal) {
                return Some((end, When::Date(quarter_end(y, n)?)));
            }
            return Some((i + 2, When::Date(cal.upcoming_quarter(n)?)));
        }
        if unit == "half" && n <= 2 {
            if let Some((end, y)) = year_after(t, i + 2).or_else(|| relative_year(t, i + 2, cal)) {
                return Some((end, When::Date(month_end(y, n * 6)?)));
            }
            let this = month_end(cal.today.year(), n * 6)?;
            let d = if this >= cal.today {
                this
            } else {
                month_end(cal.today.year() + 1, n * 6)?
            };
            return Some((i + 2, When::Date(d)));
        }
    }
    // Month names: June 30, 2026 / June 2026 / June 30 / 30 June 2026 / end of June.
    if let Some(m) = month_word(w) {
        let prep = prev_is(
            t,
            i,
            &[
                "by", "in", "before", "until", "till", "of", "during", "through", "end", "mid",
                "early", "late", "on", "from",
            ],
        );
        let mut j = i + 1;
        let mut day = None;
        if let Some(n) = t.get(j).and_then(Token::num) {
            if !n.percent
                && n.currency.is_none()
                && n.value.fract() == 0.0
                && (1.0..=31.0).contains(&n.value)
                && !n.spelled
            {
                day = Some(n.value as u32);
                j += 1;
            }
        }
        if let Some((end, y)) = year_after(t, j) {
            let d = match day {
                Some(d) => NaiveDate::from_ymd_opt(y, m, d),
                None => month_end(y, m),
            };
            return Some((end, When::Date(d?)));
        }
        if (m == 5 || w == "mar" || w == "march") && day.is_none() && !prep {
            return None;
        }
        if day.is_none() && !prep {
            // A bare month name not after a time word ("Jan" as a name) is
            // still a month when it is capitalised in the original.
            if !tok.raw.starts_with(|c: char| c.is_uppercase()) {
                return None;
            }
        }
        return Some((j, When::Date(cal.upcoming_month(m, day)?)));
    }
    // 30 June 2026, 30th of June.
    if let Some(n) = tok.num() {
        if !n.percent && n.currency.is_none() && n.value.fract() == 0.0 && !n.spelled {
            let mut j = i + 1;
            if word(t, j) == "of" {
                j += 1;
            }
            if let Some(m) = month_word(word(t, j)) {
                if (1.0..=31.0).contains(&n.value) {
                    let d = n.value as u32;
                    if let Some((end, y)) = year_after(t, j + 1) {
                        return Some((end, When::Date(NaiveDate::from_ymd_opt(y, m, d)?)));
                    }
                    return Some((j + 1, When::Date(cal.upcoming_month(m, Some(d))?)));
                }
            }
        }
    }
    // Durations: within six months, in the next 90 days, over 2 quarters.
    if let Some((end, value, unit)) = duration_at(t, i) {
        let lead = {
            let mut k = i;
            while k > 0 && t[k - 1].is_any(&["the", "next", "coming", "first", "following"]) {
                k -= 1;
            }
            k > 0 && t[k - 1].is_any(&["within", "in", "over", "for", "during", "inside"])
                || (k < i && t[k].is_any(&["next", "coming"]))
        };
        if lead {
            let anchored = t
                .get(end)
                .is_some_and(|x| x.is_any(&["of", "after", "from", "following"]));
            return Some((
                end,
                When::Duration {
                    value,
                    unit,
                    anchored,
                },
            ));
        }
    }
    // this/next quarter, this year, next month, the current fiscal year.
    if w == "this" || w == "next" || w == "current" || w == "coming" || w == "the" {
        let offset = if w == "next" || w == "coming" { 1 } else { 0 };
        let mut j = i + 1;
        if w == "the" {
            // "the quarter" / "the year" only after "end of".
            if !(i >= 2 && t[i - 1].is_word("of") && t[i - 2].is_word("end")) {
                if !t.get(j).is_some_and(|x| x.is_any(&["current", "coming"])) {
                    return None;
                }
                j += 1;
            }
        }
        let mut fiscal = false;
        if word(t, j) == "fiscal" {
            fiscal = true;
            j += 1;
        }
        let unit = word(t, j);
        let (unit, suffix_end) = match unit.split_once('-') {
            Some((u, "end")) => (u, true),
            _ => (unit, false),
        };
        let _ = suffix_end;
        let today = cal.today;
        let d = match unit {
            "quarter" if fiscal => {
                // Fiscal quarters follow the fiscal-year start month.
                let fy = cal.fy_of(today);
                let start = cal.fy_start(fy)?;
                let months = (today.year() - start.year()) * 12 + today.month() as i32
                    - start.month() as i32;
                let q = (months / 3) as u32 + 1 + offset;
                let (fy, q) = if q > 4 { (fy + 1, q - 4) } else { (fy, q) };
                cal.fy_quarter_end(fy, q)
            }
            "quarter" => {
                let (y, q) = cal.this_quarter();
                let (y, q) = if q + offset > 4 {
                    (y + 1, q + offset - 4)
                } else {
                    (y, q + offset)
                };
                quarter_end(y, q)
            }
            "month" => {
                let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)?
                    .checked_add_months(Months::new(offset))?;
                month_end(first.year(), first.month())
            }
            "year" if fiscal => cal.fy_end(cal.fy_of(today) + offset as i32),
            "year" => month_end(today.year() + offset as i32, 12),
            "half" => {
                let h = if today.month() <= 6 { 1 } else { 2 } + offset;
                let (y, h) = if h > 2 {
                    (today.year() + 1, h - 2)
                } else {
                    (today.year(), h)
                };
                month_end(y, h * 6)
            }
            _ => None,
        }?;
        return Some((j + 1, When::Date(d)));
    }
    // year-end, quarter-end, month-end, EOY, EOQ, EOM, "end of year".
    let today = cal.today;
    let (y, q) = cal.this_quarter();
    let after_end_of = i >= 2 && t[i - 1].is_word("of") && t[i - 2].is_word("end");
    let d = match w {
        "year-end" | "yearend" | "eoy" => month_end(today.year(), 12),
        "quarter-end" | "eoq" => quarter_end(y, q),
        "month-end" | "eom" => month_end(today.year(), today.month()),
        "year" if after_end_of => month_end(today.year(), 12),
        "quarter" if after_end_of => quarter_end(y, q),
        "month" if after_end_of => month_end(today.year(), today.month()),
        "year" | "quarter" | "month" if word(t, i + 1) == "end" && prev_is(t, i, &["by", "at"]) => {
            let d = match w {
                "year" => month_end(today.year(), 12),
                "quarter" => quarter_end(y, q),
                _ => month_end(today.year(), today.month()),
            };
            return Some((i + 2, When::Date(d?)));
        }
        _ => None,
    };
    if let Some(d) = d {
        return Some((i + 1, When::Date(d)));
    }
    // A bare year after a time word: "by 2027", "in 2026", "end of 2026".
    if let Some(y) = year_value(tok) {
        if prev_is(
            t,
            i,
            &[
                "by",
                "in",
                "before",
                "until",
                "till",
                "during",
                "of",
                "throughout",
                "through",
            ],
        ) {
            let next_ok = match t.get(i + 1) {
                None => true,
                Some(x) if !x.is_word_kind() => true,
                Some(x) => is_boundary_after_year(&x.lower),
            };
            if next_ok {
                return Some((i + 1, When::Date(month_end(y, 12)?)));
            }
        }
    }
    None
}

/// Words that may follow a year that ends a time phrase.
fn is_boundary_after_year(w: &str) -> bool {
    matches!(
        w,
        "by" | "through"
            | "via"
            | "using"
            | "and"
            | "while"
            | "with"
            | "so"
            | "to"
            | "from"
            | "in"
            | "as"
            | "compared"
            | "versus"
            | "vs"
            | "at"
            | "for"
    )
}

/// "of next year", "of this year", "of the year".
fn relative_year(t: &[Token], i: usize, cal: &Calendar) -> Option<(usize, i32)> {
    if word(t, i) != "of" {
        return None;
    }
    let y = cal.today.year();
    match (word(t, i + 1), word(t, i + 2)) {
        ("next", "year") => Some((i + 3, y + 1)),
        ("this" | "the", "year") => Some((i + 3, y)),
        _ => None,
    }
}

/// `90 days`, `six months`, `a year`, `2 hours`, `30 business days`.
pub(crate) fn duration_at(t: &[Token], i: usize) -> Option<(usize, f64, DurUnit)> {
    let tok = t.get(i)?;
    let value = match tok.num() {
        Some(n) if !n.percent && n.currency.is_none() => n.value,
        None if tok.is_any(&["a", "an", "one"]) => 1.0,
        _ => return None,
    };
    let mut j = i + 1;
    if t.get(j)
        .is_some_and(|x| x.is_any(&["business", "working", "calendar"]))
    {
        j += 1;
    }
    let unit = DurUnit::from_word(word(t, j))?;
    if matches!(word(t, j), "s" | "h") && t[j].start != tok.end {
        // "3.2s" and "48h" only when written together.
        return None;
    }
    Some((j + 1, value, unit))
}
