//! The pattern parser over tokens. The steps, in order:
//!
//! 1. time phrases (`time.rs`) are found and set aside;
//! 2. the goal verb: the first verb of the lexicon after lead-in words
//!    ("We will", "Our goal is to"), else one after "to/will";
//! 3. the method: from "by + -ing word", "through", "via", "by means of",
//!    "thanks to" or ", using" to the end of the sentence, minus a trailing
//!    time phrase;
//! 4. leading indicators: "N [words] per|a|each|every day|week|month" or
//!    "N [words] daily|weekly|monthly";
//! 5. quantities in the main clause: "from X", "to [below|above] Y", "by Z%"
//!    / "by N points", comparators ("above 99.9%"), "of Y", a bare number
//!    after the verb, "a 20% increase in …", double/triple/halve;
//! 6. the metric: the noun phrase after the verb, else the one after the
//!    number or after "increase in";
//! 7. unit, direction and deadline from the above.

use chrono::NaiveDate;

use super::lexicon::{
    canonical_unit, change_noun, plural, service_noun, singular_measure, verb_class, VerbClass,
    COMPARATORS, DETERMINERS, LEAD_IN, METRIC_STOP, OUTCOME_NOUNS, STRONG_OUTCOME,
};
use super::time::{duration_at, find_spans, Calendar, DurUnit, Span, When};
use super::token::{tokenize, Kind, Token};
use super::{Change, LeadingIndicator, ParsedGoal, Per, SmartDirection};

/// What the parse found besides the public fields (used by the verdict).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Notes {
    /// A "within N hours" service level was read as the target.
    pub service_level: Option<String>,
    /// The goal verb, base form.
    pub verb: Option<String>,
    /// An outcome verb with a clear completion test.
    pub clear_outcome: bool,
}

#[derive(Debug, Clone)]
struct Quantity {
    value: f64,
    /// `%`, an ISO code, a duration, `points` or a counted noun.
    unit: Option<String>,
    /// A percentage.
    percent: bool,
    /// "points" / "percentage points": an absolute change.
    points: bool,
    /// Token indices of the noun phrase written after the number.
    phrase: Vec<usize>,
    /// Position in the region after the quantity.
    next: usize,
}

struct Ctx<'a> {
    t: &'a [Token],
    /// Token indices of the main clause (time phrases and indicators removed).
    reg: Vec<usize>,
}

impl Ctx<'_> {
    fn tok(&self, p: usize) -> Option<&Token> {
        self.reg.get(p).map(|&i| &self.t[i])
    }

    fn word(&self, p: usize) -> &str {
        self.tok(p)
            .filter(|x| x.is_word_kind())
            .map_or("", |x| x.lower.as_str())
    }

    /// Whether region positions `p` and `p + 1` are adjacent tokens.
    fn adjacent(&self, p: usize) -> bool {
        match (self.reg.get(p), self.reg.get(p + 1)) {
            (Some(&a), Some(&b)) => b == a + 1,
            _ => false,
        }
    }

    /// Matches a word sequence at `p`; returns the position after it.
    fn seq(&self, p: usize, words: &[&str]) -> Option<usize> {
        for (k, w) in words.iter().enumerate() {
            if self.word(p + k) != *w {
                return None;
            }
        }
        Some(p + words.len())
    }

    /// Skips filler words at `p`.
    fn skip(&self, mut p: usize, fillers: &[&str], max: usize) -> usize {
        let mut n = 0;
        while n < max && fillers.contains(&self.word(p)) {
            p += 1;
            n += 1;
        }
        p
    }

    /// A comparator at `p`: (above?, position after).
    fn comparator(&self, p: usize) -> Option<(bool, usize)> {
        if let Some(e) = self.seq(p, &["at", "or", "above"]) {
            return Some((true, e));
        }
        if let Some(e) = self.seq(p, &["at", "or", "below"]) {
            return Some((false, e));
        }
        COMPARATORS
            .iter()
            .find_map(|(words, up)| self.seq(p, words).map(|e| (*up, e)))
    }

    /// A number (with what it counts) at `p`.
    fn quantity(&self, p: usize) -> Option<Quantity> {
        let tok = self.tok(p)?;
        let n = tok.num()?;
        let mut q = Quantity {
            value: n.value,
            unit: None,
            percent: n.percent,
            points: false,
            phrase: Vec::new(),
            next: p + 1,
        };
        if n.percent {
            q.unit = Some("%".into());
        } else if let Some(c) = n.currency {
            q.unit = Some(c.into());
        }
        let next = self.word(p + 1);
        if !n.percent && n.currency.is_none() {
            if let Some(e) = self
                .seq(p + 1, &["percentage", "points"])
                .or_else(|| self.seq(p + 1, &["percentage", "point"]))
                .or_else(|| self.seq(p + 1, &["pp"]))
                .or_else(|| self.seq(p + 1, &["ppts"]))
            {
                q.unit = Some("%".into());
                q.points = true;
                q.next = e;
                return Some(q);
            }
            if let Some(e) = self
                .seq(p + 1, &["basis", "points"])
                .or_else(|| self.seq(p + 1, &["bps"]))
            {
                q.value /= 100.0;
                q.unit = Some("%".into());
                q.points = true;
                q.next = e;
                return Some(q);
            }
            if matches!(next, "points" | "point" | "pts" | "pt") {
                q.unit = Some("points".into());
                q.points = true;
                q.next = p + 2;
                return Some(q);
            }
            if let Some((e, _, unit)) = duration_at(self.t, self.reg[p]) {
                // Duration words right after the number ("48 hours").
                let consumed = e - self.reg[p];
                if (1..=consumed).all(|k| self.reg.get(p + k) == Some(&(self.reg[p] + k))) {
                    q.unit = Some(unit.label().into());
                    q.next = p + consumed;
                    return Some(q);
                }
            }
        } else if n.percent && matches!(next, "points" | "point" | "pts") {
            q.points = true;
            q.next = p + 2;
            return Some(q);
        }
        // The noun phrase after the number: "10,000 monthly active users".
        let mut k = p + 1;
        while k < p + 6 && self.adjacent(k - 1) {
            let Some(x) = self.tok(k) else { break };
            if !x.is_word_kind()
                || METRIC_STOP.contains(&x.lower.as_str())
                || x.is_any(&[
                    "and", "or", "of", "is", "are", "be", "on", "each", "out", "this",
                ])
                || change_noun(&x.lower).is_some()
                || verb_class(&x.lower).is_some_and(|(_, c)| c != VerbClass::Reach)
            {
                break;
            }
            q.phrase.push(self.reg[k]);
            k += 1;
        }
        // The head noun is the last word before "for …".
        let head = q
            .phrase
            .iter()
            .take_while(|&&i| !self.t[i].is_word("for"))
            .last();
        if let Some(&last) = head {
            if q.unit.is_none() {
                q.unit = Some(canonical_unit(&self.t[last].lower));
            }
        }
        Some(q)
    }
}

/// Lower-cases a word unless it is an acronym or a mid-sentence proper name.
fn metric_word(t: &Token, first_in_sentence: bool) -> String {
    let raw = &t.raw;
    let mut chars = raw.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest_upper = raw.chars().skip(1).any(char::is_uppercase);
    if rest_upper || (first_upper && !first_in_sentence) {
        raw.clone()
    } else {
        t.lower.clone()
    }
}

/// Joins metric tokens into a clean phrase.
fn phrase_text(t: &[Token], idx: &[usize]) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let mut skipping = true;
    for &i in idx {
        let x = &t[i];
        if skipping && (x.is_any(DETERMINERS) || x.is_any(&["current", "overall's"])) {
            continue;
        }
        skipping = false;
        if x.is_word_kind() {
            words.push(metric_word(x, i == 0));
        } else if x.is_punct('/') || x.is_punct('&') || x.is_punct('-') {
            words.push(x.raw.clone());
        } else if let Kind::Number(_) = x.kind {
            words.push(x.raw.clone());
        }
    }
    while words
        .last()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "and" | "of" | "for" | "on" | "&"))
    {
        words.pop();
    }
    let last = words.last_mut()?;
    if let Some(s) = singular_measure(&last.to_lowercase()) {
        *last = s.to_owned();
    }
    let text = words.join(" ");
    let text = text.replace(" / ", "/").replace(" - ", "-");
    (!text.trim().is_empty()).then_some(text)
}

const HARD_STOP: [char; 4] = ['.', ';', '!', '?'];

/// Parses one statement.
pub(crate) fn parse_tokens(statement: &str, cal: &Calendar) -> (ParsedGoal, Notes) {
    let t = tokenize(statement);
    let n = t.len();
    let spans = find_spans(&t, cal);
    let mut in_span = vec![false; n];
    for s in &spans {
        for x in in_span.iter_mut().take(s.end.min(n)).skip(s.start) {
            *x = true;
        }
    }
    let mut notes = Notes::default();

    // 2. The verb.
    let verb = find_verb(&t, &in_span);
    let mut class = verb.as_ref().map(|v| v.2);
    let verb_idx = verb.as_ref().map(|v| v.0);
    let verb_base = verb.as_ref().map(|v| v.1.clone());
    notes.verb.clone_from(&verb_base);
    // Phrasal particles: "bring down", "drive up", "roll out", "set up".
    let mut after_verb = verb_idx.map_or(0, |i| i + 1);
    if let Some(i) = verb_idx {
        match t.get(i + 1).map(|x| x.lower.as_str()) {
            Some("down") => {
                class = Some(VerbClass::Down);
                after_verb += 1;
            }
            Some("up") if matches!(class, Some(VerbClass::Up | VerbClass::Reach)) => {
                if verb_base.as_deref() != Some("set") {
                    class = Some(VerbClass::Up);
                }
                after_verb += 1;
            }
            Some("out" | "off") => after_verb += 1,
            Some("sure") if verb_base.as_deref() == Some("make") => {
                class = Some(VerbClass::Keep);
                after_verb += 1;
                if t.get(after_verb).is_some_and(|x| x.is_word("that")) {
                    after_verb += 1;
                }
            }
            _ => {}
        }
    }

    // End of the first sentence (after the verb).
    let first_stop = (after_verb..n)
        .find(|&i| HARD_STOP.iter().any(|c| t[i].is_punct(*c)))
        .unwrap_or(n);

    // 3. The method.
    let method = find_method(statement, &t, &in_span, after_verb, first_stop, &spans);
    let main_end = method.as_ref().map_or(first_stop, |m| m.marker);

    // 4. Leading indicators (anywhere in the first sentence).
    let mut indicators: Vec<(usize, usize, LeadingIndicator)> = Vec::new();
    let mut i = 0;
    while i < first_stop {
        if in_span[i] {
            i += 1;
            continue;
        }
        let role = i > 0
            && t[i - 1].is_any(&[
                "from", "to", "by", "of", "below", "above", "under", "over", "than", "at",
            ]);
        if let Some((end, li)) = indicator_at(&t, i).filter(|_| !role) {
            indicators.push((i, end, li));
            i = end;
        } else {
            i += 1;
        }
    }
    let in_indicator = |i: usize| indicators.iter().any(|(s, e, _)| (*s..*e).contains(&i));

    // 5. Quantities in the main clause.
    let reg: Vec<usize> = (after_verb..main_end)
        .filter(|&i| !in_span[i] && !in_indicator(i))
        .collect();
    let cx = Ctx { t: &t, reg };
    let mut baseline: Option<Quantity> = None;
    let mut target: Option<(Quantity, Option<bool>)> = None;
    let mut change: Option<(Quantity, bool)> = None;
    let mut change_dir: Option<bool> = None;
    let mut change_metric: Option<Vec<usize>> = None;
    let mut first_q_at: Option<usize> = None;
    let mut p = 0;
    let len = cx.reg.len();
    while p < len {
        let w = cx.word(p).to_owned();
        if cx.tok(p).and_then(Token::num).is_some() && first_q_at.is_none() {
            first_q_at = Some(p);
        }
        if w == "from" {
            let q0 = cx.skip(
                p + 1,
                &[
                    "a",
                    "an",
                    "the",
                    "current",
                    "currently",
                    "today's",
                    "about",
                    "around",
                    "approximately",
                    "roughly",
                    "baseline",
                    "of",
                    "average",
                    "just",
                    "nearly",
                    "almost",
                ],
                4,
            );
            if let Some(q) = cx.quantity(q0) {
                if baseline.is_none() {
                    first_q_at.get_or_insert(q0);
                    p = q.next;
                    baseline = Some(q);
                    continue;
                }
            }
        }
        if w == "to" {
            let mut q0 = cx.skip(
                p + 1,
                &[
                    "a",
                    "an",
                    "the",
                    "about",
                    "around",
                    "approximately",
                    "roughly",
                    "target",
                    "just",
                    "nearly",
                    "consistently",
                ],
                3,
            );
            let mut cmp = None;
            if let Some((up, e)) = cx.comparator(q0) {
                cmp = Some(up);
                q0 = e;
            }
            if let Some(q) = cx.quantity(q0) {
                if target.is_none() {
                    first_q_at.get_or_insert(q0);
                    let (cmp, next) = or_more(&cx, q.next, cmp);
                    p = next;
                    target = Some((q, cmp));
                    continue;
                }
            }
        }
        if w == "by" {
            if cx.word(p + 1) == "half" {
                change = Some((pct(50.0, p + 2), true));
                p += 2;
                continue;
            }
            let q0 = cx.skip(
                p + 1,
                &[
                    "up",
                    "to",
                    "at",
                    "least",
                    "about",
                    "around",
                    "approximately",
                    "roughly",
                    "over",
                    "more",
                    "than",
                    "nearly",
                    "almost",
                    "another",
                    "an",
                    "additional",
                    "a",
                    "further",
                    "a",
                    "minimum",
                    "of",
                ],
                4,
            );
            if let Some(q) = cx.quantity(q0) {
                if change.is_none() {
                    first_q_at.get_or_insert(q0);
                    let relative = q.percent && !q.points;
                    p = q.next;
                    change = Some((q, relative));
                    continue;
                }
            }
        }
        if w == "in" && cx.word(p + 1) == "half" {
            change = Some((pct(50.0, p + 2), true));
            change_dir = Some(false);
            p += 2;
            continue;
        }
        if matches!(w.as_str(), "of" | "at" | "=") || cx.tok(p).is_some_and(|x| x.is_punct('=')) {
            let q0 = cx.skip(p + 1, &["a", "an", "the", "least"], 2);
            if let Some(q) = cx.quantity(q0) {
                if target.is_none() && !(w == "of" && q.percent && change.is_some()) {
                    first_q_at.get_or_insert(q0);
                    let (cmp, next) = or_more(&cx, q.next, None);
                    // "95% of tickets": a share, not "of 95%".
                    p = next;
                    target = Some((q, cmp));
                    continue;
                }
            }
        }
        if let Some((up, e)) = cx.comparator(p) {
            let q0 = cx.skip(e, &["a", "an", "the"], 1);
            if let Some(q) = cx.quantity(q0) {
                if target.is_none() {
                    first_q_at.get_or_insert(q0);
                    p = q.next;
                    target = Some((q, Some(up)));
                    continue;
                }
            }
        }
        if let Some(q) = cx.quantity(p) {
            // "3.2s → 1.5s", "48 -> 32"
            let arrow_end = if cx.tok(q.next).is_some_and(|x| x.is_punct('→')) {
                Some(q.next + 1)
            } else if cx.tok(q.next).is_some_and(|x| x.is_punct('-'))
                && cx.tok(q.next + 1).is_some_and(|x| x.is_punct('>'))
            {
                Some(q.next + 2)
            } else {
                None
            };
            if let Some(q2) = arrow_end.and_then(|e| cx.quantity(e)) {
                if baseline.is_none() && target.is_none() {
                    p = q2.next;
                    baseline = Some(q);
                    target = Some((q2, None));
                    continue;
                }
            }
        }
        if let Some(q) = cx.quantity(p) {
            // "a 20% increase in sales"
            if let Some(up) = change_noun(cx.word(q.next)) {
                let mut e = q.next + 1;
                if matches!(cx.word(e), "in" | "of") {
                    e += 1;
                    let mut phrase = Vec::new();
                    while e < len {
                        let Some(x) = cx.tok(e) else { break };
                        if !x.is_word_kind()
                            || (METRIC_STOP.contains(&x.lower.as_str()) && x.lower != "per")
                            || x.is_word("and")
                        {
                            break;
                        }
                        phrase.push(cx.reg[e]);
                        e += 1;
                    }
                    change_metric = Some(phrase);
                }
                if change.is_none() {
                    let relative = q.percent && !q.points;
                    change = Some((q, relative));
                    change_dir = Some(up);
                }
                p = e;
                continue;
            }
            let metric_before = p > 0
                && cx.reg[..p]
                    .iter()
                    .any(|&i| t[i].is_word_kind() && !t[i].is_any(DETERMINERS));
            let up_down = matches!(class, Some(VerbClass::Up | VerbClass::Down));
            if up_down && metric_before && q.percent && change.is_none() && target.is_none() {
                p = q.next;
                change = Some((q, true));
                continue;
            }
            if target.is_none() {
                let (cmp, next) = or_more(&cx, q.next, None);
                p = next;
                target = Some((q, cmp));
                continue;
            }
            p = q.next;
            continue;
        }
        p += 1;
    }
    // double / triple / halve
    if change.is_none() && target.is_none() {
        let v = match verb_base.as_deref() {
            Some("double") => Some((100.0, true)),
            Some("triple") => Some((200.0, true)),
            Some("quadruple") => Some((300.0, true)),
            Some("halve") => Some((50.0, false)),
            _ => None,
        };
        if let Some((v, up)) = v {
            change = Some((pct(v, 0), true));
            change_dir = Some(up);
        }
    }

    // 6. The metric.
    let mut metric_idx: Vec<usize> = Vec::new();
    let mut object_idx: Vec<usize> = Vec::new();
    if verb_idx.is_some() {
        let mut k = after_verb;
        if class == Some(VerbClass::Service) && t.get(k).is_some_and(|x| x.is_any(&["to", "on"])) {
            k += 1;
        }
        while k < main_end {
            let x = &t[k];
            if in_span[k] || in_indicator(k) {
                break;
            }
            let stop = match &x.kind {
                Kind::Word => {
                    let w = x.lower.as_str();
                    let soft = match w {
                        // "revenue per employee", not "per day".
                        "per" => !next_is_period(&t, k),
                        // "time to hire", "revenue from existing accounts",
                        // "participation in the mentoring program".
                        "to" | "from" | "in" => {
                            next_is_plain_word(&t, &in_span, k)
                                && !(w == "to"
                                    && next_is_verb(&t, k)
                                    && !(k > 0 && t[k - 1].is_any(&["time", "days"])))
                        }
                        _ => false,
                    };
                    (METRIC_STOP.contains(&w) && !soft)
                        || (w == "and"
                            && t.get(k + 1).is_some_and(|y| {
                                verb_class(&y.lower).is_some() || y.num().is_some()
                            }))
                        || (w == "of" && t.get(k + 1).is_some_and(|y| y.num().is_some()))
                        || (w == "for" && t.get(k + 1).is_some_and(|y| y.num().is_some()))
                        || matches!(w, "is" | "are" | "remains" | "stays")
                        || (matches!(w, "up" | "down")
                            && t.get(k + 1)
                                .is_some_and(|y| y.is_any(&["from", "to", "by"])))
                }
                Kind::Punct(c) => !matches!(c, '/' | '&' | '-' | '\''),
                Kind::Number(_) | Kind::Date(_) => true,
            };
            if stop {
                break;
            }
            metric_idx.push(k);
            k += 1;
        }
        if class == Some(VerbClass::Service) {
            object_idx = std::mem::take(&mut metric_idx);
        }
    }
    let mut metric = phrase_text(&t, &metric_idx);
    if metric.is_none() {
        if let Some(ph) = change_metric.as_ref().filter(|p| !p.is_empty()) {
            metric = phrase_text(&t, ph);
        }
    }
    if metric.is_none() {
        if let Some((q, _)) = &target {
            if !q.phrase.is_empty() {
                metric = phrase_text(&t, &q.phrase);
            } else {
                // "$500K in new revenue": the phrase after "in".
                let mut e = q.next;
                if matches!(cx.word(e), "in" | "of") {
                    e += 1;
                    let mut ph = Vec::new();
                    while let Some(x) = cx.tok(e) {
                        if !x.is_word_kind() || METRIC_STOP.contains(&x.lower.as_str()) {
                            break;
                        }
                        if x.is_word("and") {
                            break;
                        }
                        ph.push(cx.reg[e]);
                        e += 1;
                    }
                    metric = phrase_text(&t, &ph);
                }
            }
        }
    }

    // 7. Service levels and deadlines.
    let mut deadline: Option<NaiveDate> = None;
    let mut sla: Option<(f64, DurUnit, usize)> = None;
    for s in &spans {
        if let Some(m) = &method {
            // A time phrase inside the method (not at its end) is part of the how.
            if s.start > m.marker && s.end <= m.end {
                continue;
            }
        }
        if s.start >= first_stop && first_stop < n {
            // Later sentences may still carry the date ("… . Deadline: Q3 2026").
        }
        match s.when {
            When::Date(d) => deadline = Some(d),
            When::Duration {
                value,
                unit,
                anchored,
            } => {
                let service = unit.is_sub_day()
                    || anchored
                    || (class == Some(VerbClass::Service)
                        && matches!(unit, DurUnit::Days | DurUnit::Weeks));
                if service {
                    if sla.is_none() {
                        sla = Some((value, unit, s.start));
                    }
                } else if let Some(d) = cal.add(value, unit) {
                    deadline = Some(d);
                }
            }
        }
    }

    // Unit, baseline, target, change.
    let mut direction: Option<SmartDirection> = class.map(|c| match c {
        VerbClass::Up => SmartDirection::Increase,
        VerbClass::Down => SmartDirection::Decrease,
        VerbClass::Keep | VerbClass::Service => SmartDirection::Maintain,
        VerbClass::Reach => SmartDirection::Achieve,
    });
    let mut target_v = target.as_ref().map(|(q, _)| q.value);
    let baseline_v = baseline.as_ref().map(|q| q.value);
    let mut unit = target
        .as_ref()
        .and_then(|(q, _)| q.unit.clone())
        .or_else(|| baseline.as_ref().and_then(|q| q.unit.clone()));
    if target.is_none() && baseline.is_none() {
        if let Some((q, false)) = &change {
            unit.clone_from(&q.unit);
        }
    }
    let change_out = change.as_ref().map(|(q, rel)| Change {
        value: q.value,
        relative: *rel,
    });
    // A service level is the target when nothing else is.
    if let Some((value, u, _)) = sla {
        if target_v.is_none() && change_out.is_none() {
            target_v = Some(value);
            unit = Some(u.label().to_owned());
            if !matches!(
                direction,
                Some(SmartDirection::Increase | SmartDirection::Decrease)
            ) {
                direction = Some(SmartDirection::Maintain);
            }
            if class == Some(VerbClass::Service) {
                if let Some(obj) = phrase_text(&t, &object_idx) {
                    metric = Some(format!(
                        "{} {}",
                        singular_last(&obj),
                        service_noun(verb_base.as_deref().unwrap_or(""))
                    ));
                }
            }
            notes.service_level = Some(format!("within {} {}", fmt_num(value), u.label()));
        }
    }
    if metric.is_none() && class == Some(VerbClass::Service) {
        metric = phrase_text(&t, &object_idx);
    }
    // A rate in the main clause is the target when nothing else is.
    if target_v.is_none() && change_out.is_none() {
        if let Some((_, _, li)) = indicators.iter().find(|(s, _, _)| *s < main_end) {
            target_v = Some(li.value);
            unit = Some(li.unit.clone());
            if metric.is_none() {
                metric = Some(match li.per {
                    Some(per) => format!("{} per {}", li.activity, per.as_str()),
                    None => li.activity.clone(),
                });
            }
            if matches!(
                direction,
                None | Some(SmartDirection::Achieve | SmartDirection::Maintain)
            ) {
                direction = Some(SmartDirection::Maintain);
            }
        }
    }
    // A counted noun from the metric when the numbers carry none.
    if unit.is_none() && (target_v.is_some() || baseline_v.is_some()) {
        if let Some(m) = &metric {
            unit = counted_noun(m);
        }
    }

    // Direction from the numbers.
    let target_cmp = target.as_ref().and_then(|(_, c)| *c);
    if direction.is_none() && change_dir.is_none() {
        if let (Some(b), Some(tv)) = (baseline_v, target_v) {
            if tv > b {
                direction = Some(SmartDirection::Increase);
            } else if tv < b {
                direction = Some(SmartDirection::Decrease);
            }
        }
    }
    match direction {
        Some(SmartDirection::Achieve) if target_v.is_some() || change_out.is_some() => {
            direction = Some(SmartDirection::Increase);
        }
        None => {
            if let Some(up) = change_dir {
                direction = Some(if up {
                    SmartDirection::Increase
                } else {
                    SmartDirection::Decrease
                });
            }
        }
        _ => {}
    }
    if let Some(up) = change_dir {
        if matches!(
            direction,
            Some(SmartDirection::Increase | SmartDirection::Achieve)
        ) && class != Some(VerbClass::Up)
        {
            direction = Some(if up {
                SmartDirection::Increase
            } else {
                SmartDirection::Decrease
            });
        }
    }
    if matches!(
        direction,
        Some(SmartDirection::Increase | SmartDirection::Decrease)
    ) {
        if let (Some(b), Some(tv)) = (baseline_v, target_v) {
            if tv > b {
                direction = Some(SmartDirection::Increase);
            } else if tv < b {
                direction = Some(SmartDirection::Decrease);
            }
        } else if let Some(up) = target_cmp {
            if class != Some(VerbClass::Keep) {
                direction = Some(if up {
                    SmartDirection::Increase
                } else {
                    SmartDirection::Decrease
                });
            }
        }
    }

    notes.clear_outcome = direction == Some(SmartDirection::Achieve)
        && (verb_base
            .as_deref()
            .is_some_and(|v| STRONG_OUTCOME.contains(&v))
            || t.iter().any(|x| x.is_any(OUTCOME_NOUNS)));

    let parsed = ParsedGoal {
        statement: statement.to_owned(),
        direction,
        metric,
        unit,
        baseline: baseline_v,
        target: target_v,
        change: change_out,
        deadline,
        method: method.map(|m| m.text),
        leading_indicators: indicators.into_iter().map(|(_, _, li)| li).collect(),
    };
    (parsed, notes)
}

fn pct(value: f64, next: usize) -> Quantity {
    Quantity {
        value,
        unit: Some("%".into()),
        percent: true,
        points: false,
        phrase: Vec::new(),
        next,
    }
}

/// "95% or more", "4.5 or higher", "95%+".
fn or_more(cx: &Ctx<'_>, p: usize, cmp: Option<bool>) -> (Option<bool>, usize) {
    if cx.word(p) == "or" {
        match cx.word(p + 1) {
            "more" | "higher" | "above" | "better" | "greater" | "over" => {
                return (Some(true), p + 2)
            }
            "less" | "lower" | "below" | "fewer" | "under" => return (Some(false), p + 2),
            _ => {}
        }
    }
    if cx.tok(p).is_some_and(|x| x.is_punct('+')) {
        return (Some(true), p + 1);
    }
    (cmp, p)
}

/// The token after `k` is a word (not a number, date or time phrase) and
/// the one after that is not a number ("to 30 days" stays a stop).
fn next_is_plain_word(t: &[Token], in_span: &[bool], k: usize) -> bool {
    let Some(y) = t.get(k + 1) else { return false };
    if !y.is_word_kind() || in_span.get(k + 1).copied().unwrap_or(true) {
        return false;
    }
    let fillers = [
        "a",
        "an",
        "the",
        "current",
        "currently",
        "about",
        "around",
        "approximately",
        "roughly",
        "below",
        "under",
        "above",
        "over",
        "less",
        "more",
        "fewer",
        "than",
        "at",
        "least",
        "most",
        "just",
        "nearly",
        "baseline",
        "of",
        "target",
        "no",
    ];
    let mut j = k + 1;
    while t.get(j).is_some_and(|x| x.is_any(&fillers)) {
        j += 1;
    }
    !t.get(j)
        .is_some_and(|x| x.num().is_some() || in_span.get(j).copied().unwrap_or(false))
}

fn next_is_verb(t: &[Token], k: usize) -> bool {
    t.get(k + 1)
        .is_some_and(|y| y.is_word_kind() && verb_class(&y.lower).is_some())
}

fn next_is_period(t: &[Token], k: usize) -> bool {
    t.get(k + 1).is_some_and(|y| {
        y.is_any(&[
            "day", "week", "month", "quarter", "year", "hour", "workday", "shift", "sprint",
        ])
    })
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// "support tickets" → "support ticket".
fn singular_last(phrase: &str) -> String {
    let mut words: Vec<&str> = phrase.split(' ').collect();
    let Some(last) = words.pop() else {
        return phrase.to_owned();
    };
    let single = if let Some(s) = last.strip_suffix("ies") {
        format!("{s}y")
    } else if last.ends_with("ss") || last.ends_with("us") || last.ends_with("is") {
        last.to_owned()
    } else if let Some(s) = last.strip_suffix('s') {
        s.to_owned()
    } else {
        last.to_owned()
    };
    words.push(&single);
    words.join(" ")
}

/// The counted noun at the end of a metric ("monthly active users" → users).
fn counted_noun(metric: &str) -> Option<String> {
    let last = metric.split(' ').next_back()?;
    if last.chars().any(char::is_uppercase) || last.len() < 3 {
        return None;
    }
    let l = last.to_lowercase();
    const NOT_COUNT: &[&str] = &[
        "sales",
        "earnings",
        "savings",
        "costs",
        "expenses",
        "losses",
        "profits",
        "status",
        "analytics",
        "logistics",
        "operations",
        "business",
        "process",
        "access",
        "success",
        "progress",
        "address",
        "news",
        "series",
        "bonus",
        "focus",
        "campus",
        "basis",
        "analysis",
        "goals",
        "results",
        "metrics",
        "kpis",
    ];
    if !l.ends_with('s') || l.ends_with("ss") || l.ends_with("us") || l.ends_with("is") {
        return None;
    }
    if NOT_COUNT.contains(&l.as_str()) {
        return None;
    }
    Some(plural(&l))
}

/// The goal verb: (token index, base form, class).
fn find_verb(t: &[Token], in_span: &[bool]) -> Option<(usize, String, VerbClass)> {
    // At the start, after lead-in words and time phrases.
    for (i, x) in t.iter().enumerate() {
        if in_span[i] || x.is_punct(',') || x.is_punct(':') || x.is_punct('-') {
            continue;
        }
        if let Some((base, class)) = verb_class(&x.lower).filter(|_| x.is_word_kind()) {
            return Some((i, base, class));
        }
        if x.is_any(LEAD_IN) || x.is_punct('"') || x.is_punct('“') {
            continue;
        }
        break;
    }
    // "The sales team will close 40 deals", "… to reduce …".
    for i in 1..t.len() {
        if in_span[i] || !t[i - 1].is_any(&["to", "will", "shall", "must", "should"]) {
            continue;
        }
        if let Some((base, class)) = verb_class(&t[i].lower).filter(|_| t[i].is_word_kind()) {
            return Some((i, base, class));
        }
    }
    None
}

struct Method {
    /// Index of the marker word ("by", "through", …).
    marker: usize,
    /// One past the last token of the method (before a trailing time phrase).
    end: usize,
    text: String,
}

fn is_gerund(x: &Token) -> bool {
    x.is_word_kind()
        && x.lower.len() > 5
        && x.lower.ends_with("ing")
        && !x.is_any(&[
            "during",
            "morning",
            "evening",
            "nothing",
            "something",
            "anything",
            "everything",
            "spring",
            "string",
            "pricing",
            "meeting",
            "meetings",
            "training",
            "onboarding",
            "offering",
            "funding",
            "staffing",
            "hiring",
            "marketing",
            "spending",
            "booking",
            "billing",
            "rating",
            "ranking",
            "ending",
            "opening",
            "closing",
            "timing",
            "setting",
            "pending",
            "building",
            "beginning",
            "existing",
            "remaining",
            "upcoming",
            "following",
            "incoming",
            "outstanding",
            "recurring",
        ])
}

fn find_method(
    statement: &str,
    t: &[Token],
    in_span: &[bool],
    from: usize,
    stop: usize,
    spans: &[Span],
) -> Option<Method> {
    let mut marker = None;
    for i in from..stop {
        if in_span[i] {
            continue;
        }
        let x = &t[i];
        let start = if x.is_word("by") {
            let next = t.get(i + 1)?;
            if is_gerund(next) && !in_span[i + 1] {
                Some(i + 1)
            } else if next.is_word("means") && t.get(i + 2).is_some_and(|y| y.is_word("of")) {
                Some(i + 3)
            } else {
                None
            }
        } else if x.is_any(&["through", "via"]) {
            t.get(i + 1)
                .filter(|y| y.is_word_kind() || y.num().is_some())
                .map(|_| i + 1)
        } else if x.is_word("thanks") && t.get(i + 1).is_some_and(|y| y.is_word("to")) {
            Some(i + 2)
        } else if x.is_word("using")
            && i > 0
            && t[i - 1].is_punct(',')
            && t.get(i + 1).is_some_and(Token::is_word_kind)
        {
            Some(i + 1)
        } else {
            None
        };
        if let Some(s) = start {
            marker = Some((i, s));
            break;
        }
    }
    let (marker, start) = marker?;
    let mut end = stop;
    // A trailing time phrase is the deadline, not part of the method.
    loop {
        while end > start && (t[end - 1].is_punct(',') || t[end - 1].is_punct(')')) {
            end -= 1;
        }
        match spans.iter().find(|s| s.end == end && s.start >= start) {
            Some(s) if s.start > start => {
                end = s.start;
            }
            _ => break,
        }
    }
    while end > start
        && matches!(t[end - 1].kind, Kind::Punct(c) if matches!(c, ',' | ':' | '(' | '-' | '—' | '"'))
    {
        end -= 1;
    }
    if end <= start {
        return None;
    }
    let text = t
        .get(start)
        .zip(t.get(end - 1))
        .and_then(|(a, b)| statement.get(a.start..b.end))?
        .trim()
        .to_owned();
    Some(Method { marker, end, text })
}

/// "20 outbound calls per day", "10 LinkedIn posts a week", "5 demos weekly".
fn indicator_at(t: &[Token], i: usize) -> Option<(usize, LeadingIndicator)> {
    let n = t.get(i)?.num()?;
    if n.percent || n.currency.is_some() {
        return None;
    }
    let mut words: Vec<usize> = Vec::new();
    let mut j = i + 1;
    while j < t.len() && words.len() < 5 {
        let x = &t[j];
        if !x.is_word_kind() {
            break;
        }
        if x.is_any(&[
            "per", "a", "an", "each", "every", "daily", "weekly", "monthly",
        ]) {
            break;
        }
        if METRIC_STOP.contains(&x.lower.as_str()) || x.is_any(&["and", "of", "for", "on"]) {
            return None;
        }
        words.push(j);
        j += 1;
    }
    if words.is_empty() {
        return None;
    }
    let (per, end) = match t.get(j).map(|x| x.lower.as_str()) {
        Some("daily") => (Some(Per::Day), j + 1),
        Some("weekly") => (Some(Per::Week), j + 1),
        Some("monthly") => (Some(Per::Month), j + 1),
        Some("per" | "a" | "an" | "each" | "every") => {
            let mut k = j + 1;
            if t.get(k)
                .is_some_and(|x| x.is_any(&["business", "working", "calendar", "single"]))
            {
                k += 1;
            }
            let per = match t.get(k).map(|x| x.lower.as_str()) {
                Some("day" | "workday") => Some(Per::Day),
                Some("week") => Some(Per::Week),
                Some("month") => Some(Per::Month),
                Some("quarter" | "year" | "hour" | "sprint" | "shift") => None,
                _ => return None,
            };
            (per, k + 1)
        }
        _ => return None,
    };
    let activity = words
        .iter()
        .map(|&k| metric_word(&t[k], k == 0))
        .collect::<Vec<_>>()
        .join(" ");
    let unit = canonical_unit(&t[*words.last()?].lower);
    Some((
        end,
        LeadingIndicator {
            value: n.value,
            unit,
            per,
            activity,
        },
    ))
}
