//! Extractors: JSON bodies with coded rejections, the signed-in caller, the
//! integration API key.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::Json;
use serde::de::DeserializeOwned;
use stride_protocol::ErrorCode;

use super::error::ApiError;
use super::AppState;
use crate::auth::secret_hash;
use crate::store::Caller;

/// A JSON body; a bad one becomes `{code, message}` (400/413/415/422).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Self(v)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

fn json_rejection(r: &JsonRejection) -> ApiError {
    let code = match r.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::InvalidBody,
        _ => ErrorCode::MalformedJson,
    };
    let message = match code {
        ErrorCode::PayloadTooLarge => format!(
            "the body is larger than the maximum of {} bytes; send smaller batches",
            stride_protocol::MAX_BODY_BYTES
        ),
        ErrorCode::UnsupportedMediaType => "send the body as application/json".to_owned(),
        _ => r.body_text(),
    };
    ApiError::new(code, message)
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The signed-in caller (from a live session token).
#[derive(Debug, Clone)]
pub struct Auth {
    /// Who.
    pub caller: Caller,
    /// The session's token hash (for sign-out).
    pub token_hash: String,
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = bearer(parts) else {
            return Err(ApiError::new(
                ErrorCode::Unauthorized,
                "sign in first and send Authorization: Bearer <token>",
            ));
        };
        let token_hash = secret_hash(token);
        match state
            .store
            .caller_for_token(&token_hash, chrono::Utc::now())
            .await?
        {
            Some(caller) => Ok(Self { caller, token_hash }),
            None => Err(ApiError::new(
                ErrorCode::Unauthorized,
                "the session has expired or was signed out; sign in again",
            )),
        }
    }
}

/// A live integration API key.
#[derive(Debug, Clone, Copy)]
pub struct ApiKey;

impl FromRequestParts<AppState> for ApiKey {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let valid = match bearer(parts) {
            Some(key) => state.store.api_key_valid(&secret_hash(key)).await?,
            None => false,
        };
        if valid {
            Ok(Self)
        } else {
            Err(ApiError::new(
                ErrorCode::Unauthorized,
                "send a live integration API key as Authorization: Bearer <key> (stride-server admin issue-key)",
            ))
        }
    }
}
