//! OS notifications for new inbox items: what to say is decided here (a
//! plain function, tested); the scheduler shows it through
//! `tauri-plugin-notification` and stamps the items as announced, so each
//! cause is announced once — also after a restart or a long sleep.

use stride_domain::alerts::AlertKind;
use stride_store::InboxItem;

/// The most items announced one by one; beyond it the rest are summed up.
pub const MAX_SINGLE: usize = 3;

/// One OS notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The headline.
    pub title: String,
    /// The sentence under it.
    pub body: String,
}

/// How urgent a kind is: the most urgent are announced by name.
fn urgency(kind: AlertKind) -> u8 {
    match kind {
        AlertKind::OffTrack => 0,
        AlertKind::LowProbability => 1,
        AlertKind::AtRisk => 2,
        AlertKind::MissedCheckIns => 3,
        AlertKind::ActivityBelowTarget => 4,
        AlertKind::CheckpointSoon => 5,
        AlertKind::CheckInDue => 6,
    }
}

/// The kind in words, for a notification's headline.
#[must_use]
pub fn kind_words(kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::OffTrack => "Off track",
        AlertKind::LowProbability => "Unlikely to make it",
        AlertKind::AtRisk => "At risk",
        AlertKind::MissedCheckIns => "Check-ins missed",
        AlertKind::ActivityBelowTarget => "Activity below target",
        AlertKind::CheckpointSoon => "Checkpoint coming up",
        AlertKind::CheckInDue => "Check-in due",
    }
}

/// What to show for `items` (new, unannounced inbox items): nothing for
/// none; one notice each for up to [`MAX_SINGLE`]; otherwise the most
/// urgent `MAX_SINGLE − 1` by name and one notice summing up the rest.
#[must_use]
pub fn plan(items: &[InboxItem]) -> Vec<Notice> {
    let mut sorted: Vec<&InboxItem> = items.iter().collect();
    sorted.sort_by(|a, b| {
        urgency(a.kind)
            .cmp(&urgency(b.kind))
            .then(b.raised_on.cmp(&a.raised_on))
            .then(a.goal_title.cmp(&b.goal_title))
    });
    let single = |i: &InboxItem| Notice {
        title: format!("{}: {}", kind_words(i.kind), i.goal_title),
        body: i.reason.clone(),
    };
    if sorted.len() <= MAX_SINGLE {
        return sorted.into_iter().map(single).collect();
    }
    let (named, rest) = sorted.split_at(MAX_SINGLE - 1);
    let mut out: Vec<Notice> = named.iter().map(|i| single(i)).collect();
    let mut kinds: Vec<(AlertKind, usize)> = Vec::new();
    for i in rest {
        match kinds.iter_mut().find(|(k, _)| *k == i.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((i.kind, 1)),
        }
    }
    kinds.sort_by_key(|(k, _)| urgency(*k));
    let parts: Vec<String> = kinds
        .iter()
        .map(|(k, n)| format!("{n} × {}", kind_words(*k).to_lowercase()))
        .collect();
    out.push(Notice {
        title: format!("{} more in your Stride inbox", rest.len()),
        body: parts.join(", "),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use stride_domain::GoalId;
    use stride_store::AlertState;

    fn item(kind: AlertKind, title: &str, day: u32) -> InboxItem {
        InboxItem {
            id: format!("{title}-{day}"),
            goal: GoalId::new(),
            goal_title: title.into(),
            kind,
            reason: format!("reason for {title}"),
            raised_on: NaiveDate::from_ymd_opt(2026, 5, day).unwrap(),
            state: AlertState::New,
        }
    }

    #[test]
    fn nothing_new_says_nothing() {
        assert!(plan(&[]).is_empty());
    }

    #[test]
    fn a_few_items_are_announced_one_by_one_most_urgent_first() {
        let notes = plan(&[
            item(AlertKind::CheckInDue, "Calls", 20),
            item(AlertKind::OffTrack, "Order processing", 20),
        ]);
        assert_eq!(
            notes,
            vec![
                Notice {
                    title: "Off track: Order processing".into(),
                    body: "reason for Order processing".into()
                },
                Notice {
                    title: "Check-in due: Calls".into(),
                    body: "reason for Calls".into()
                },
            ]
        );
    }

    #[test]
    fn many_items_become_two_by_name_and_a_summary() {
        let mut items: Vec<InboxItem> = (1..=5)
            .map(|d| item(AlertKind::CheckInDue, &format!("Goal {d}"), d))
            .collect();
        items.push(item(AlertKind::AtRisk, "Engagement", 3));
        items.push(item(AlertKind::OffTrack, "Order processing", 2));
        let notes = plan(&items);
        assert_eq!(notes.len(), MAX_SINGLE);
        assert_eq!(notes[0].title, "Off track: Order processing");
        assert_eq!(notes[1].title, "At risk: Engagement");
        assert_eq!(notes[2].title, "5 more in your Stride inbox");
        assert_eq!(notes[2].body, "5 × check-in due");
    }
}
