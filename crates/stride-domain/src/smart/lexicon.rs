//! Word lists the parser's patterns use. Every list is small and explicit so
//! that a parse can be explained word by word.

/// What a goal verb says about the direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbClass {
    /// increase, grow, raise, improve, boost, … → `increase`.
    Up,
    /// reduce, cut, lower, decrease, … → `decrease`.
    Down,
    /// maintain, keep, sustain, hold, retain, … → `maintain`.
    Keep,
    /// respond, resolve, answer, … (a service level) → `maintain`.
    Service,
    /// achieve, reach, earn, launch, hire, close, … → `increase` with a
    /// number to reach, `achieve` without one.
    Reach,
}

/// Increase-type verbs.
pub(crate) const UP: &[&str] = &[
    "increase",
    "grow",
    "raise",
    "boost",
    "improve",
    "expand",
    "lift",
    "enhance",
    "maximize",
    "maximise",
    "strengthen",
    "double",
    "triple",
    "quadruple",
    "accelerate",
    "scale",
    "elevate",
    "uplift",
    "drive",
    "deepen",
    "broaden",
    "optimize",
    "optimise",
];

/// Decrease-type verbs.
pub(crate) const DOWN: &[&str] = &[
    "reduce",
    "decrease",
    "cut",
    "lower",
    "shorten",
    "minimize",
    "minimise",
    "slash",
    "lessen",
    "trim",
    "halve",
    "drop",
    "eliminate",
    "curb",
    "limit",
    "decline",
    "compress",
];

/// Verbs that hold a level.
pub(crate) const KEEP: &[&str] = &[
    "maintain", "keep", "sustain", "hold", "preserve", "retain", "stay", "remain", "uphold",
    "protect", "ensure",
];

/// Verbs of a service level ("respond within 2 hours").
pub(crate) const SERVICE: &[&str] = &[
    "respond",
    "reply",
    "answer",
    "resolve",
    "acknowledge",
    "triage",
    "handle",
    "process",
    "fulfil",
    "fulfill",
    "return",
];

/// Verbs that reach a number or complete an outcome.
pub(crate) const REACH: &[&str] = &[
    "achieve",
    "reach",
    "hit",
    "attain",
    "exceed",
    "surpass",
    "generate",
    "secure",
    "close",
    "win",
    "sign",
    "book",
    "land",
    "acquire",
    "add",
    "gain",
    "attract",
    "hire",
    "recruit",
    "onboard",
    "sell",
    "publish",
    "make",
    "conduct",
    "run",
    "host",
    "organize",
    "organise",
    "complete",
    "finish",
    "write",
    "deliver",
    "ship",
    "launch",
    "release",
    "deploy",
    "create",
    "produce",
    "post",
    "send",
    "schedule",
    "collect",
    "get",
    "obtain",
    "earn",
    "pass",
    "submit",
    "train",
    "mentor",
    "coach",
    "interview",
    "visit",
    "call",
    "contact",
    "enroll",
    "enrol",
    "certify",
    "implement",
    "migrate",
    "build",
    "develop",
    "establish",
    "introduce",
    "design",
    "document",
    "automate",
    "roll",
    "set",
    "learn",
    "master",
    "lead",
    "present",
    "attend",
    "become",
    "start",
    "adopt",
    "redesign",
    "refactor",
    "upgrade",
    "consolidate",
    "negotiate",
    "renew",
    "expand",
    "open",
    "test",
    "audit",
    "review",
    "update",
    "prepare",
    "file",
    "finalize",
    "finalise",
    "standardize",
    "standardise",
    "replace",
    "convert",
    "save",
    "raise",
    "resolve",
    "read",
    "bring",
    "push",
    "recover",
    "speak",
    "study",
    "practice",
    "practise",
    "visit",
];

/// Outcome verbs whose completion is a clear yes/no test on their own
/// ("earn the PMP certification", "launch the partner portal").
pub(crate) const STRONG_OUTCOME: &[&str] = &[
    "earn",
    "obtain",
    "pass",
    "complete",
    "finish",
    "launch",
    "ship",
    "release",
    "deploy",
    "publish",
    "deliver",
    "implement",
    "migrate",
    "submit",
    "sign",
    "certify",
    "roll",
    "introduce",
    "automate",
    "document",
    "establish",
    "attend",
    "present",
    "finalize",
    "finalise",
    "replace",
    "upgrade",
    "consolidate",
    "open",
    "renew",
    "file",
    "audit",
    "redesign",
    "refactor",
    "standardize",
    "standardise",
    "secure",
    "hire",
    "recruit",
    "host",
    "organize",
    "organise",
    "run",
    "conduct",
    "write",
    "build",
    "design",
    "create",
    "set",
    "adopt",
];

/// Nouns that make a weak outcome verb testable ("become a *certified* …",
/// "learn … through a *course*").
pub(crate) const OUTCOME_NOUNS: &[&str] = &[
    "certification",
    "certificate",
    "certified",
    "course",
    "degree",
    "exam",
    "examination",
    "license",
    "licence",
    "accreditation",
    "diploma",
    "bootcamp",
    "module",
    "modules",
    "training",
];

/// Determiners and quantifiers dropped from the front of a metric.
pub(crate) const DETERMINERS: &[&str] = &[
    "the",
    "our",
    "my",
    "a",
    "an",
    "its",
    "their",
    "your",
    "his",
    "her",
    "all",
    "every",
    "each",
    "team's",
    "company's",
    "this",
    "these",
    "that",
    "those",
    "any",
];

/// Words that end a metric phrase.
pub(crate) const METRIC_STOP: &[&str] = &[
    "from", "to", "by", "in", "within", "before", "during", "through", "via", "until", "till",
    "over", "at", "above", "below", "under", "while", "so", "with", "using", "across", "than",
    "versus", "vs", "compared", "beyond", "toward", "towards", "into", "without", "after", "as",
    "which", "that", "who", "per", "or", "because", "ensuring", "thereby",
];

/// Subject/lead-in words skipped before the verb ("We will", "Our goal is to").
pub(crate) const LEAD_IN: &[&str] = &[
    "i",
    "we",
    "will",
    "shall",
    "must",
    "should",
    "want",
    "aim",
    "plan",
    "to",
    "our",
    "my",
    "the",
    "team",
    "goal",
    "is",
    "objective",
    "be",
    "able",
    "need",
    "needs",
    "would",
    "like",
    "strive",
    "aims",
    "wants",
    "plans",
    "commit",
    "committed",
    "intend",
    "it",
    "can",
    ":",
    "and",
    "work",
    "focus",
    "on",
    "continue",
    "try",
    "help",
    "me",
    "us",
];

/// Comparators: `(words, direction hint)` where `true` = above, `false` = below.
pub(crate) const COMPARATORS: &[(&[&str], bool)] = &[
    (&["at", "least"], true),
    (&["no", "less", "than"], true),
    (&["more", "than"], true),
    (&["greater", "than"], true),
    (&["higher", "than"], true),
    (&["above"], true),
    (&["over"], true),
    (&["beyond"], true),
    (&["exceeding"], true),
    (&["at", "most"], false),
    (&["no", "more", "than"], false),
    (&["less", "than"], false),
    (&["fewer", "than"], false),
    (&["lower", "than"], false),
    (&["below"], false),
    (&["under"], false),
    (&["within"], false),
];

/// Nouns of change after a number: "a 20% increase in …".
pub(crate) fn change_noun(w: &str) -> Option<bool> {
    match w {
        "increase" | "growth" | "improvement" | "rise" | "uplift" | "gain" | "jump" | "lift"
        | "boost" | "expansion" => Some(true),
        "reduction" | "decrease" | "decline" | "drop" | "cut" | "fall" | "savings" => Some(false),
        _ => None,
    }
}

/// The verb's base form and class, for a word as written.
pub(crate) fn verb_class(w: &str) -> Option<(String, VerbClass)> {
    let candidates = [
        Some(w.to_owned()),
        w.strip_suffix("ies").map(|s| format!("{s}y")),
        w.strip_suffix("es").map(str::to_owned),
        w.strip_suffix('s').map(str::to_owned),
        w.strip_suffix("ing").map(str::to_owned),
        w.strip_suffix("ing").map(|s| format!("{s}e")),
        w.strip_suffix("ed").map(str::to_owned),
        w.strip_suffix('d').map(str::to_owned),
    ];
    for c in candidates.into_iter().flatten() {
        if c.len() < 2 {
            continue;
        }
        let class = if UP.contains(&c.as_str()) {
            VerbClass::Up
        } else if DOWN.contains(&c.as_str()) {
            VerbClass::Down
        } else if KEEP.contains(&c.as_str()) {
            VerbClass::Keep
        } else if SERVICE.contains(&c.as_str()) {
            VerbClass::Service
        } else if REACH.contains(&c.as_str()) {
            VerbClass::Reach
        } else {
            continue;
        };
        return Some((c, class));
    }
    None
}

/// Canonical unit for a noun written after a number: durations, currency
/// words, `%` words, `points`; otherwise the plural lower-case noun.
pub(crate) fn canonical_unit(word: &str) -> String {
    if let Some(u) = super::time::DurUnit::from_word(word) {
        return u.label().to_owned();
    }
    if let Some(code) = super::token::currency_word(word) {
        return code.to_owned();
    }
    match word {
        "pts" | "pt" | "point" | "points" => "points".to_owned(),
        "percent" | "pct" => "%".to_owned(),
        _ => plural(word),
    }
}

/// The plural of a lower-case English noun (simple rules + a few irregulars).
pub(crate) fn plural(word: &str) -> String {
    let w = word.to_lowercase();
    match w.as_str() {
        "person" => return "people".into(),
        "child" => return "children".into(),
        "man" => return "men".into(),
        "woman" => return "women".into(),
        "people" | "staff" | "sales" | "revenue" | "data" | "news" | "feedback" | "series"
        | "software" | "equipment" | "headcount" => return w,
        _ => {}
    }
    if w.ends_with("ss")
        || w.ends_with('x')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || w.ends_with("zz")
    {
        return format!("{w}es");
    }
    if w.ends_with('s') {
        return w;
    }
    if let Some(stem) = w.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) && !stem.is_empty() {
            return format!("{stem}ies");
        }
    }
    format!("{w}s")
}

/// The singular of a metric's last word when it is a plural measure noun
/// ("engagement scores" → "engagement score").
pub(crate) fn singular_measure(word: &str) -> Option<&'static str> {
    Some(match word {
        "scores" => "score",
        "rates" => "rate",
        "ratings" => "rating",
        "levels" => "level",
        "times" => "time",
        "values" => "value",
        "margins" => "margin",
        "indices" | "indexes" => "index",
        "ratios" => "ratio",
        _ => return None,
    })
}

/// The noun of a service verb, for the metric of a service level.
pub(crate) fn service_noun(verb: &str) -> &'static str {
    match verb {
        "respond" | "reply" | "answer" | "acknowledge" => "response time",
        "resolve" => "resolution time",
        "process" | "handle" => "processing time",
        "triage" => "triage time",
        "fulfil" | "fulfill" => "fulfilment time",
        _ => "turnaround time",
    }
}
