//! Hybrid logical clock (Kulkarni et al., 2014), packed into an `i64`:
//! the upper 48 bits hold milliseconds since the Unix epoch, the lower 16 bits
//! a logical counter. Packed values order exactly as `(millis, counter)`.
//!
//! The clock never goes backwards: [`Hlc::tick`] (a local event) and
//! [`Hlc::receive`] (seeing a remote clock) both return a value strictly
//! greater than the current one, and `receive` also exceeds the remote value.
//! Ties between equal clocks of different writers break on the op id (see
//! `push`), never on arrival order.

use std::fmt;

use serde::{Deserialize, Serialize};

const COUNTER_BITS: u32 = 16;
const COUNTER_MASK: i64 = (1 << COUNTER_BITS) - 1;

/// A hybrid logical clock value. Serialises as the packed integer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "i64", into = "i64")]
pub struct Hlc(i64);

/// A packed value that is not a clock (negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidHlc(pub i64);

impl fmt::Display for InvalidHlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is not a hybrid logical clock (must be >= 0)", self.0)
    }
}

impl std::error::Error for InvalidHlc {}

impl Hlc {
    /// The zero clock (before every event).
    pub const ZERO: Self = Self(0);

    /// The largest representable milliseconds value (2^47 − 1: the sign bit stays clear).
    pub const MAX_MILLIS: i64 = (1 << 47) - 1;

    /// A clock at `millis` with `counter`; `millis` is clamped to `0..=MAX_MILLIS`.
    #[must_use]
    pub const fn new(millis: i64, counter: u16) -> Self {
        let ms = if millis < 0 {
            0
        } else if millis > Self::MAX_MILLIS {
            Self::MAX_MILLIS
        } else {
            millis
        };
        Self((ms << COUNTER_BITS) | counter as i64)
    }

    /// Reads a packed value (as stored or sent on the wire).
    ///
    /// # Errors
    /// [`InvalidHlc`] for a negative value.
    pub const fn from_packed(packed: i64) -> Result<Self, InvalidHlc> {
        if packed < 0 {
            Err(InvalidHlc(packed))
        } else {
            Ok(Self(packed))
        }
    }

    /// The packed value.
    #[must_use]
    pub const fn packed(self) -> i64 {
        self.0
    }

    /// Milliseconds since the Unix epoch (the physical part).
    #[must_use]
    pub const fn millis(self) -> i64 {
        self.0 >> COUNTER_BITS
    }

    /// The logical counter.
    #[must_use]
    pub const fn counter(self) -> u16 {
        // Masked to 16 bits, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let c = (self.0 & COUNTER_MASK) as u16;
        c
    }

    /// The clock for a local (or send) event at wall time `now_ms`:
    /// `l' = max(l, now)`; the counter increments when `l` did not advance.
    #[must_use]
    pub fn tick(self, now_ms: i64) -> Self {
        let l = self.millis();
        let now = now_ms.clamp(0, Self::MAX_MILLIS);
        if now > l {
            Self::new(now, 0)
        } else {
            self.bump()
        }
    }

    /// The clock after seeing `remote` at wall time `now_ms`:
    /// `l' = max(l, l_m, now)`, with the counter rules of the paper. The
    /// result is strictly greater than both `self` and `remote`.
    #[must_use]
    pub fn receive(self, remote: Self, now_ms: i64) -> Self {
        let now = now_ms.clamp(0, Self::MAX_MILLIS);
        let (l, lm) = (self.millis(), remote.millis());
        if now > l && now > lm {
            return Self::new(now, 0);
        }
        // Not advanced by the wall clock: continue after the larger of the two.
        self.max(remote).bump()
    }

    /// The next clock value: counter + 1, or the next millisecond when the
    /// counter is exhausted (keeps the clock strictly increasing).
    fn bump(self) -> Self {
        if self.counter() == u16::MAX {
            Self::new(self.millis().saturating_add(1), 0)
        } else {
            Self(self.0 + 1)
        }
    }

    /// Whether this clock is more than `max_drift_ms` ahead of `now_ms`.
    #[must_use]
    pub const fn is_ahead_of(self, now_ms: i64, max_drift_ms: i64) -> bool {
        self.millis() > now_ms.saturating_add(max_drift_ms)
    }
}

impl TryFrom<i64> for Hlc {
    type Error = InvalidHlc;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Self::from_packed(value)
    }
}

impl From<Hlc> for i64 {
    fn from(h: Hlc) -> Self {
        h.0
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.millis(), self.counter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn packs_millis_and_counter() {
        let h = Hlc::new(1_700_000_000_000, 7);
        assert_eq!(h.millis(), 1_700_000_000_000);
        assert_eq!(h.counter(), 7);
        assert_eq!(Hlc::from_packed(h.packed()), Ok(h));
        assert_eq!(h.to_string(), "1700000000000.7");
        assert!(Hlc::from_packed(-1).is_err());
    }

    #[test]
    fn tick_follows_the_wall_clock_and_counts_when_it_stalls() {
        let h = Hlc::ZERO.tick(1000);
        assert_eq!((h.millis(), h.counter()), (1000, 0));
        let h2 = h.tick(1000);
        assert_eq!((h2.millis(), h2.counter()), (1000, 1));
        // The wall clock went backwards: the HLC does not.
        let h3 = h2.tick(500);
        assert_eq!((h3.millis(), h3.counter()), (1000, 2));
        let h4 = h3.tick(2000);
        assert_eq!((h4.millis(), h4.counter()), (2000, 0));
    }

    #[test]
    fn receive_from_the_future_continues_after_it() {
        let local = Hlc::new(1000, 3);
        let remote = Hlc::new(5000, 9);
        let r = local.receive(remote, 1200);
        assert_eq!((r.millis(), r.counter()), (5000, 10));
    }

    #[test]
    fn receive_ties_take_the_larger_counter_plus_one() {
        let local = Hlc::new(1000, 3);
        let remote = Hlc::new(1000, 8);
        let r = local.receive(remote, 900);
        assert_eq!((r.millis(), r.counter()), (1000, 9));
        let r2 = remote.receive(local, 900);
        assert_eq!(r, r2, "receive is symmetric on ties");
    }

    #[test]
    fn counter_overflow_moves_to_the_next_millisecond() {
        let h = Hlc::new(1000, u16::MAX);
        let t = h.tick(1000);
        assert_eq!((t.millis(), t.counter()), (1001, 0));
        assert!(t > h);
    }

    #[test]
    fn drift_check() {
        let h = Hlc::new(200_000, 0);
        assert!(h.is_ahead_of(100_000, 60_000));
        assert!(!h.is_ahead_of(150_000, 60_000));
    }

    #[test]
    fn serde_is_the_packed_integer() {
        let h = Hlc::new(42, 1);
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            (42_i64 << 16 | 1).to_string()
        );
        assert!(serde_json::from_str::<Hlc>("-5").is_err());
    }

    proptest! {
        #[test]
        fn order_is_millis_then_counter(a in 0..Hlc::MAX_MILLIS, ca: u16, b in 0..Hlc::MAX_MILLIS, cb: u16) {
            let (x, y) = (Hlc::new(a, ca), Hlc::new(b, cb));
            prop_assert_eq!(x.cmp(&y), (a, ca).cmp(&(b, cb)));
        }

        #[test]
        fn tick_is_strictly_monotone(start in 0..1_000_000_000_i64, c: u16, nows in proptest::collection::vec(0..2_000_000_000_i64, 1..50)) {
            let mut h = Hlc::new(start, c);
            for now in nows {
                let next = h.tick(now);
                prop_assert!(next > h);
                prop_assert!(next.millis() >= now.min(Hlc::MAX_MILLIS));
                h = next;
            }
        }

        #[test]
        fn receive_never_goes_backwards(l in 0..1_000_000_000_i64, lc: u16, r in 0..1_000_000_000_i64, rc: u16, now in 0..1_000_000_000_i64) {
            let (local, remote) = (Hlc::new(l, lc), Hlc::new(r, rc));
            let out = local.receive(remote, now);
            prop_assert!(out > local);
            prop_assert!(out > remote);
            prop_assert!(out.millis() >= now);
            // Within the larger of the inputs' physical times and now, plus at most
            // one millisecond of counter overflow.
            prop_assert!(out.millis() <= l.max(r).max(now) + 1);
        }

        #[test]
        fn happened_before_orders_clocks(skew_a in -7_200_000..7_200_000_i64, skew_b in -7_200_000..7_200_000_i64, t in 1_000_000_000..2_000_000_000_i64) {
            // A writes, B sees A's clock and then writes: B's clock sorts after
            // A's whatever the two wall clocks' skew.
            let a = Hlc::ZERO.tick(t + skew_a);
            let b_seen = Hlc::ZERO.tick(t + skew_b).receive(a, t + skew_b);
            let b = b_seen.tick(t + skew_b);
            prop_assert!(b > a);
        }
    }
}
