//! The error body of every non-2xx response: `{code, message}` with a stable
//! code the client switches on, and a sentence for people.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Stable error codes. Renaming one is a protocol change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body is not JSON (syntax) or not valid UTF-8.
    MalformedJson,
    /// 422: JSON of the wrong shape or types.
    InvalidBody,
    /// 400: a value that parses but is not acceptable (bad date, unknown KPI period…).
    InvalidInput,
    /// 400: a pull cursor that this server did not issue.
    InvalidCursor,
    /// 401: no, unknown, expired or revoked token (or API key).
    Unauthorized,
    /// 401: wrong email or password.
    InvalidCredentials,
    /// 403: signed in, but not allowed.
    Forbidden,
    /// 403: the device id belongs to another user.
    DeviceMismatch,
    /// 404: no such thing, or not visible to the caller.
    NotFound,
    /// 405: the path exists with other methods.
    MethodNotAllowed,
    /// 409: the same op id was pushed before with a different payload.
    IdempotencyConflict,
    /// 409: something with that name or email exists already.
    AlreadyExists,
    /// 410: the cursor is from another server epoch or scope; push the outbox, then re-download.
    ResetRequired,
    /// 413: the body or batch is over the maximum named in the message.
    PayloadTooLarge,
    /// 415: the body is not `application/json`.
    UnsupportedMediaType,
    /// 426: the client's schema version is below the server's minimum; keep the outbox and upgrade.
    UpgradeRequired,
    /// 429: too many attempts; retry after the `Retry-After` seconds.
    RateLimited,
    /// 500: the server failed; details are in its log, never in the body.
    Internal,
    /// 503: the server cannot reach its database.
    Unavailable,
}

impl ErrorCode {
    /// The HTTP status that goes with the code.
    #[must_use]
    pub const fn status(self) -> u16 {
        match self {
            Self::MalformedJson | Self::InvalidInput | Self::InvalidCursor => 400,
            Self::Unauthorized | Self::InvalidCredentials => 401,
            Self::Forbidden | Self::DeviceMismatch => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::IdempotencyConflict | Self::AlreadyExists => 409,
            Self::ResetRequired => 410,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::InvalidBody => 422,
            Self::UpgradeRequired => 426,
            Self::RateLimited => 429,
            Self::Internal => 500,
            Self::Unavailable => 503,
        }
    }

    /// The stable text form.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MalformedJson => "malformed_json",
            Self::InvalidBody => "invalid_body",
            Self::InvalidInput => "invalid_input",
            Self::InvalidCursor => "invalid_cursor",
            Self::Unauthorized => "unauthorized",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Forbidden => "forbidden",
            Self::DeviceMismatch => "device_mismatch",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::IdempotencyConflict => "idempotency_conflict",
            Self::AlreadyExists => "already_exists",
            Self::ResetRequired => "reset_required",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::UpgradeRequired => "upgrade_required",
            Self::RateLimited => "rate_limited",
            Self::Internal => "internal",
            Self::Unavailable => "unavailable",
        }
    }

    /// Every code (for documentation and tests).
    pub const ALL: &'static [Self] = &[
        Self::MalformedJson,
        Self::InvalidBody,
        Self::InvalidInput,
        Self::InvalidCursor,
        Self::Unauthorized,
        Self::InvalidCredentials,
        Self::Forbidden,
        Self::DeviceMismatch,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::IdempotencyConflict,
        Self::AlreadyExists,
        Self::ResetRequired,
        Self::PayloadTooLarge,
        Self::UnsupportedMediaType,
        Self::UpgradeRequired,
        Self::RateLimited,
        Self::Internal,
        Self::Unavailable,
    ];
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What went wrong, for programs.
    pub code: ErrorCode,
    /// What went wrong, for people (never internals).
    pub message: String,
}

impl ErrorBody {
    /// An error body.
    #[must_use]
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_stable_names_and_map_to_4xx_or_5xx() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), *code);
            assert!((400..600).contains(&code.status()));
        }
        let body = ErrorBody::new(ErrorCode::PayloadTooLarge, "at most 1048576 bytes");
        let v = serde_json::to_value(&body).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code":"payload_too_large","message":"at most 1048576 bytes"})
        );
    }
}
