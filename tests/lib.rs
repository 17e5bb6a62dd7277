//! Cross-crate stories live in `stories/`; the end-to-end suite in `e2e/`.
//! This library is empty on purpose: the package exists for its tests.
#![forbid(unsafe_code)]
