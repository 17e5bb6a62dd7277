//! Results kept in memory between identical reads: one value per key, valid
//! while the store's write generation (in the key) is unchanged and for at
//! most [`TTL`] (writes by another process on the same file show up after
//! that long).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use stride_domain::{CycleId, StatusThresholds};

/// How long a kept result may serve when nothing was written through this store.
pub(crate) const TTL: Duration = Duration::from_secs(10 * 60);

/// (as-of day, cycle, thresholds as bits, write generation).
pub(crate) type Key = (NaiveDate, Option<CycleId>, u64, u64, u64);

/// One kept value.
#[derive(Debug)]
pub(crate) struct Memo<V> {
    slot: Arc<Mutex<Option<(Key, Instant, V)>>>,
}

impl<V> Clone for Memo<V> {
    fn clone(&self) -> Self {
        Self {
            slot: Arc::clone(&self.slot),
        }
    }
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Self {
            slot: Arc::new(Mutex::new(None)),
        }
    }
}

impl<V: Clone> Memo<V> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(Key, Instant, V)>> {
        self.slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The value kept for `key`, if still fresh.
    pub(crate) fn get(&self, key: &Key) -> Option<V> {
        self.lock()
            .as_ref()
            .filter(|(k, made, _)| k == key && made.elapsed() < TTL)
            .map(|(_, _, v)| v.clone())
    }

    /// Keeps `value` for `key` (replacing whatever was kept).
    pub(crate) fn put(&self, key: Key, value: V) {
        *self.lock() = Some((key, Instant::now(), value));
    }
}

/// The key of a read on `as_of` for `cycle` at the store's `generation`.
pub(crate) fn key(
    as_of: NaiveDate,
    thresholds: &StatusThresholds,
    cycle: Option<CycleId>,
    generation: u64,
) -> Key {
    (
        as_of,
        cycle,
        thresholds.at_risk_gap.to_bits(),
        thresholds.off_track_gap.to_bits(),
        generation,
    )
}
