//! The one error type that reaches the web view.
//!
//! Every command maps its failure into [`IpcError`]: a tagged enum with a
//! stable `code`, a human `message` and, for input errors, the `field` the UI
//! shows the message next to. Internal causes are logged here, never sent.

use serde::Serialize;
use stride_store::StoreError;
use ts_rs::TS;

/// An error as the UI receives it. `code` is stable; `message` is for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum IpcError {
    /// The input was rejected; `field` names it when one field is at fault.
    #[error("{message}")]
    InvalidInput {
        /// A human sentence saying what is wrong and how to fix it.
        message: String,
        /// The offending field, in the UI's (camelCase) naming.
        field: Option<String>,
    },
    /// Something the UI named does not exist (any more).
    #[error("{message}")]
    NotFound {
        /// A human sentence.
        message: String,
        /// Always null; present so every variant has the same shape.
        field: Option<String>,
    },
    /// The change conflicts with existing data.
    #[error("{message}")]
    Conflict {
        /// A human sentence.
        message: String,
        /// The field involved, when one is.
        field: Option<String>,
    },
    /// The local database could not be opened, read or written.
    #[error("{message}")]
    Storage {
        /// A human sentence; the cause is in the log file.
        message: String,
        /// Always null.
        field: Option<String>,
    },
    /// A bug or an unexpected condition; details are in the log file.
    #[error("{message}")]
    Internal {
        /// A human sentence; the cause is in the log file.
        message: String,
        /// Always null.
        field: Option<String>,
    },
}

impl IpcError {
    /// The stable machine code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidInput { .. } => "invalid_input",
            Self::NotFound { .. } => "not_found",
            Self::Conflict { .. } => "conflict",
            Self::Storage { .. } => "storage",
            Self::Internal { .. } => "internal",
        }
    }

    /// An input error on `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::InvalidInput {
            message: message.into(),
            field: Some(field.into()),
        }
    }
}

impl From<StoreError> for IpcError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { .. } => Self::NotFound {
                message: capitalise(&err.to_string()),
                field: None,
            },
            StoreError::Invalid { field, message } => Self::InvalidInput { message, field },
            StoreError::Conflict(message) => Self::Conflict {
                message,
                field: None,
            },
            StoreError::TooNew { .. } | StoreError::Backup { .. } => Self::Storage {
                message: err.to_string(),
                field: None,
            },
            StoreError::Migrate(_) | StoreError::Database(_) => {
                tracing::error!(error = %err, "storage error");
                Self::Storage {
                    message: "Stride could not read or write its database. The details are in the log file.".into(),
                    field: None,
                }
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_a_tagged_object_with_code_message_and_field() {
        let json = serde_json::to_value(IpcError::invalid(
            "target",
            "Target must differ from baseline.",
        ))
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "invalid_input", "message": "Target must differ from baseline.", "field": "target"})
        );
    }

    #[test]
    fn database_internals_are_not_sent() {
        let err: IpcError = StoreError::Database(sqlx_error()).into();
        assert_eq!(err.code(), "storage");
        assert!(!err.to_string().contains("secret-internal-detail"));
    }

    #[test]
    fn not_found_is_a_sentence() {
        let err: IpcError = StoreError::not_found("goal 42").into();
        assert_eq!(err.code(), "not_found");
        assert_eq!(err.to_string(), "Goal 42 not found");
    }

    fn sqlx_error() -> stride_store::sqlx::Error {
        stride_store::sqlx::Error::Protocol("secret-internal-detail".into())
    }
}
