//! One function per endpoint: convert, call the store, map the error.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use sha2::{Digest, Sha256};
use stride_protocol::{
    Cursor, ErrorCode, KpiPointsRequest, KpiPointsResponse, Op, PullRequest, PullResponse,
    PushRequest, PushResponse, SignInRequest, SignInResponse, UserInfo, DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT, MIN_SCHEMA_VERSION,
};

use super::error::ApiError;
use super::extract::{ApiJson, ApiKey, Auth};
use super::AppState;
use crate::auth::{dummy_hash, new_secret, secret_hash, verify_password};
use crate::store::{CursorState, PushedOp};

pub(super) async fn healthz(State(st): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let info = st.store.info().await?;
    Ok(Json(serde_json::json!({
        "status": "ok",
        "backend": format!("{:?}", st.store.backend()).to_lowercase(),
        "head_seq": info.head_seq,
    })))
}

pub(super) async fn openapi() -> impl IntoResponse {
    Json(super::openapi::document())
}

pub(super) async fn sign_in(
    State(st): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    ApiJson(req): ApiJson<SignInRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    let email = req.email.trim().to_lowercase();
    let ip = addr.ip();
    if let Err(wait) = st.limiter.check(&email, ip, Instant::now()) {
        tracing::warn!(%email, %ip, "sign-in rate limited");
        return Err(ApiError {
            retry_after: Some(wait.as_secs().max(1)),
            ..ApiError::new(
                ErrorCode::RateLimited,
                "too many failed sign-ins; wait and try again",
            )
        });
    }
    let account = st.store.account_by_email(&email).await?;
    let (hash, active) = match &account {
        Some(a) => (a.password_hash.clone(), a.active),
        None => (dummy_hash().to_owned(), false),
    };
    let password = req.password;
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    let Some(account) = account.filter(|_| matches && active) else {
        st.limiter.fail(&email, ip, Instant::now());
        return Err(ApiError::new(
            ErrorCode::InvalidCredentials,
            "wrong email or password",
        ));
    };
    st.limiter.reset(&email, ip);
    let token = new_secret("sts_")?;
    let now = Utc::now();
    let expires_at = now + st.settings.token_ttl;
    st.store
        .create_session(
            account.caller.person_id,
            &secret_hash(&token),
            now,
            expires_at,
        )
        .await?;
    tracing::info!(person = %account.caller.person_id, "signed in");
    let c = account.caller;
    Ok(Json(SignInResponse {
        token,
        expires_at,
        user: UserInfo {
            id: stride_domain::PersonId::from_uuid(c.person_id),
            name: c.name,
            email: c.email,
            role: c.role,
        },
    }))
}

pub(super) async fn sign_out(
    State(st): State<AppState>,
    auth: Auth,
) -> Result<StatusCode, ApiError> {
    st.store
        .revoke_session(&auth.token_hash, Utc::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn payload_hash(op: &Op) -> String {
    let bytes = serde_json::to_vec(op).unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(super) async fn push(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(req): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    let max = st.settings.max_ops_per_push;
    if req.ops.len() > max {
        return Err(ApiError::new(
            ErrorCode::PayloadTooLarge,
            format!("at most {max} ops per push; split the batch"),
        ));
    }
    if req.schema_version < MIN_SCHEMA_VERSION
        || req
            .ops
            .iter()
            .any(|o| o.schema_version < MIN_SCHEMA_VERSION)
    {
        return Err(ApiError::new(
            ErrorCode::UpgradeRequired,
            format!("this server needs schema version {MIN_SCHEMA_VERSION} or newer; keep the outbox and upgrade Stride"),
        ));
    }
    let now = Utc::now();
    st.store
        .bind_device(&auth.caller, req.device_id, now)
        .await?;
    let ops: Vec<PushedOp<'_>> = req
        .ops
        .iter()
        .map(|op| PushedOp {
            op,
            payload_hash: payload_hash(op),
            effective_hlc: st.effective_hlc(op.hlc),
        })
        .collect();
    let results = st
        .store
        .apply_ops(&auth.caller, req.device_id, &ops, now)
        .await?;
    Ok(Json(PushResponse {
        results,
        server_hlc: st.tick(),
    }))
}

fn decode_cursor(c: &Cursor) -> Result<CursorState, ApiError> {
    URL_SAFE_NO_PAD
        .decode(c.0.as_bytes())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| ApiError::from(crate::Error::InvalidCursor))
}

fn encode_cursor(c: &CursorState) -> Cursor {
    Cursor(URL_SAFE_NO_PAD.encode(serde_json::to_vec(c).unwrap_or_default()))
}

async fn pull(st: AppState, auth: Auth, req: PullRequest) -> Result<Json<PullResponse>, ApiError> {
    let cursor = req.cursor.as_ref().map(decode_cursor).transpose()?;
    let limit = req
        .limit
        .unwrap_or(DEFAULT_PULL_LIMIT)
        .clamp(1, MAX_PULL_LIMIT);
    let page = st.store.pull(&auth.caller, cursor, limit).await?;
    Ok(Json(PullResponse {
        changes: page.changes,
        move_in: page.move_in,
        revoke: page.revoke,
        cursor: encode_cursor(&page.next),
        has_more: page.has_more,
        server_hlc: st.tick(),
        min_schema: MIN_SCHEMA_VERSION,
    }))
}

pub(super) async fn pull_get(
    State(st): State<AppState>,
    auth: Auth,
    query: Result<Query<PullRequest>, QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let Query(req) = query.map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.body_text()))?;
    pull(st, auth, req).await
}

pub(super) async fn pull_post(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(req): ApiJson<PullRequest>,
) -> Result<Json<PullResponse>, ApiError> {
    pull(st, auth, req).await
}

pub(super) async fn kpi_points(
    State(st): State<AppState>,
    _key: ApiKey,
    Path(key): Path<String>,
    ApiJson(req): ApiJson<KpiPointsRequest>,
) -> Result<Json<KpiPointsResponse>, ApiError> {
    let hlc = st.tick();
    let resp = st
        .store
        .ingest_kpi_points(&key, &req.points, hlc, Utc::now())
        .await?;
    Ok(Json(resp))
}
