//! Results kept in memory between identical reads: one value per slot,
//! valid for its key — which holds the store's write generation — and for at
//! most [`TTL`] (writes by another process on the same file show up after
//! that long). Used for the dashboard, its charts and the alignment map's
//! roll-up.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use stride_domain::{CycleId, StatusThresholds};

/// How long a kept result may serve when nothing was written through this store.
pub(crate) const TTL: Duration = Duration::from_secs(10 * 60);

/// The key of a dashboard read: (as-of day, cycle, thresholds as bits, write generation).
pub(crate) type Key = (NaiveDate, Option<CycleId>, u64, u64, u64);

/// One kept value and its key.
#[derive(Debug)]
pub(crate) struct Memo<K, V> {
    slot: Arc<Mutex<Option<(K, Instant, V)>>>,
}

impl<K, V> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        Self {
            slot: Arc::clone(&self.slot),
        }
    }
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Self {
            slot: Arc::new(Mutex::new(None)),
        }
    }
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(K, Instant, V)>> {
        self.slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The value kept for `key`, if still fresh.
    pub(crate) fn get(&self, key: &K) -> Option<V> {
        self.find(|k| k == key)
    }

    /// The value kept, if still fresh and its key satisfies `pred`.
    pub(crate) fn find(&self, pred: impl FnOnce(&K) -> bool) -> Option<V> {
        self.lock()
            .as_ref()
            .filter(|(k, made, _)| made.elapsed() < TTL && pred(k))
            .map(|(_, _, v)| v.clone())
    }

    /// Keeps `value` for `key` (replacing whatever was kept).
    pub(crate) fn put(&self, key: K, value: V) {
        *self.lock() = Some((key, Instant::now(), value));
    }
}

/// The thresholds as exact bits (part of every key).
pub(crate) fn bits(thresholds: &StatusThresholds) -> (u64, u64) {
    (
        thresholds.at_risk_gap.to_bits(),
        thresholds.off_track_gap.to_bits(),
    )
}

/// The key of a read on `as_of` for `cycle` at the store's `generation`.
pub(crate) fn key(
    as_of: NaiveDate,
    thresholds: &StatusThresholds,
    cycle: Option<CycleId>,
    generation: u64,
) -> Key {
    let (a, b) = bits(thresholds);
    (as_of, cycle, a, b, generation)
}
