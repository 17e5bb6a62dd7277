//! The OpenAPI 3.1 description of the API, written by hand next to the
//! router (a test checks every routed path is described).

use serde_json::{json, Value};
use stride_protocol::ErrorCode;

fn error_responses(codes: &[u16]) -> Value {
    let mut map = serde_json::Map::new();
    for c in codes {
        map.insert(
            c.to_string(),
            json!({"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}),
        );
    }
    Value::Object(map)
}

fn with_ok(ok: Value, errors: &[u16]) -> Value {
    let mut v = error_responses(errors);
    if let (Value::Object(m), Value::Object(o)) = (&mut v, ok) {
        m.extend(o);
    }
    v
}

fn body(schema: &str) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}})
}

fn ok(schema: &str) -> Value {
    json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}})
}

/// The document served at `/api/openapi.json`.
#[must_use]
pub fn document() -> Value {
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Stride sync server",
            "version": format!("{}", stride_protocol::PROTOCOL_VERSION),
            "description": "Offline-first sync for Stride: sign in, push outbox ops, pull scoped changes, ingest KPI values. Every error body is {code, message}."
        },
        "components": {
            "securitySchemes": {
                "session": {"type": "http", "scheme": "bearer", "description": "token from /api/v1/auth/sign-in"},
                "apiKey": {"type": "http", "scheme": "bearer", "description": "integration key from `stride-server admin issue-key`"}
            },
            "schemas": {
                "Error": {"type": "object", "required": ["code", "message"], "properties": {
                    "code": {"type": "string", "enum": codes}, "message": {"type": "string"}}},
                "SignInRequest": {"type": "object", "required": ["email", "password"], "additionalProperties": false,
                    "properties": {"email": {"type": "string"}, "password": {"type": "string"}}},
                "SignInResponse": {"type": "object", "properties": {"token": {"type": "string"},
                    "expires_at": {"type": "string", "format": "date-time"},
                    "user": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                        "email": {"type": "string"}, "role": {"type": "string", "enum": ["employee", "manager", "hr_admin", "admin"]}}}}},
                "Hlc": {"type": "integer", "format": "int64", "minimum": 0, "description": "48 bits of milliseconds, 16 bits of counter"},
                "PushRequest": {"type": "object", "required": ["device_id", "schema_version", "ops"], "additionalProperties": false, "properties": {
                    "device_id": {"type": "string", "format": "uuid"}, "schema_version": {"type": "integer"},
                    "ops": {"type": "array", "maxItems": stride_protocol::MAX_OPS_PER_PUSH, "items": {"$ref": "#/components/schemas/Op"}}}},
                "Op": {"type": "object", "required": ["op_id", "device_seq", "hlc", "schema_version", "entity", "entity_id", "kind", "fields"], "properties": {
                    "op_id": {"type": "string", "format": "uuid"}, "device_seq": {"type": "integer", "minimum": 1},
                    "hlc": {"$ref": "#/components/schemas/Hlc"}, "schema_version": {"type": "integer"},
                    "entity": {"type": "string", "enum": ["org_unit", "person", "cycle", "goal", "alignment", "check_in", "revision", "kpi", "kpi_point", "conflict"]},
                    "entity_id": {"type": "string", "format": "uuid"}, "kind": {"type": "string", "enum": ["create", "update"]},
                    "fields": {"type": "object", "additionalProperties": {"type": "object", "required": ["value"], "properties": {
                        "value": {}, "base_hlc": {"oneOf": [{"$ref": "#/components/schemas/Hlc"}, {"type": "null"}]}}}}}},
                "PushResponse": {"type": "object", "properties": {"server_hlc": {"$ref": "#/components/schemas/Hlc"},
                    "results": {"type": "array", "items": {"type": "object", "required": ["op_id", "replayed", "status"], "properties": {
                        "op_id": {"type": "string"}, "replayed": {"type": "boolean"},
                        "status": {"type": "string", "enum": ["applied", "duplicate", "conflict", "rejected", "gap"]},
                        "seq": {"type": "integer"}, "hlc": {"$ref": "#/components/schemas/Hlc"}, "code": {"type": "string"},
                        "reason": {"type": "string"}, "expected_seq": {"type": "integer"}, "conflicts": {"type": "array"}}}}}},
                "PullRequest": {"type": "object", "additionalProperties": false, "properties": {
                    "cursor": {"type": "string"}, "limit": {"type": "integer", "minimum": 1, "maximum": stride_protocol::MAX_PULL_LIMIT},
                    "device_id": {"type": "string", "format": "uuid"}}},
                "Change": {"type": "object", "properties": {"entity": {"type": "string"}, "id": {"type": "string"}, "seq": {"type": "integer"},
                    "access": {"type": "string", "enum": ["read", "write"]}, "deleted": {"type": "boolean"}, "row": {"type": "object"},
                    "clocks": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Hlc"}}}},
                "PullResponse": {"type": "object", "properties": {
                    "changes": {"type": "array", "items": {"$ref": "#/components/schemas/Change"}},
                    "move_in": {"type": "array", "items": {"$ref": "#/components/schemas/Change"}},
                    "revoke": {"type": "array", "items": {"type": "object", "properties": {"entity": {"type": "string"}, "id": {"type": "string"}, "seq": {"type": "integer"}}}},
                    "cursor": {"type": "string"}, "has_more": {"type": "boolean"}, "server_hlc": {"$ref": "#/components/schemas/Hlc"},
                    "min_schema": {"type": "integer"}}},
                "KpiPointsRequest": {"type": "object", "required": ["points"], "additionalProperties": false, "properties": {
                    "points": {"type": "array", "items": {"type": "object", "required": ["period_start", "value"], "properties": {
                        "period_start": {"type": "string", "format": "date"}, "value": {"type": "number"}}}}}},
                "KpiPointsResponse": {"type": "object", "properties": {"kpi_id": {"type": "string"}, "results": {"type": "array", "items": {
                    "type": "object", "properties": {"id": {"type": "string"}, "period_start": {"type": "string", "format": "date"},
                    "outcome": {"type": "string", "enum": ["created", "updated", "unchanged"]}}}}}}
            }
        },
        "paths": {
            "/healthz": {"get": {"summary": "Liveness and database reachability", "responses": with_ok(json!({"200": {"description": "ok"}}), &[503])}},
            "/api/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "ok"}}}},
            "/api/v1/auth/sign-in": {"post": {"summary": "Sign in with email and password (rate limited per email and IP)",
                "requestBody": body("SignInRequest"), "responses": with_ok(ok("SignInResponse"), &[400, 401, 413, 415, 422, 429])}},
            "/api/v1/auth/sign-out": {"post": {"summary": "Revoke the calling session", "security": [{"session": []}],
                "responses": with_ok(json!({"204": {"description": "signed out"}}), &[401])}},
            "/api/v1/sync/push": {"post": {"summary": "Push outbox ops: idempotent per op id, ordered per device, one result per op",
                "security": [{"session": []}], "requestBody": body("PushRequest"),
                "responses": with_ok(ok("PushResponse"), &[400, 401, 403, 409, 413, 415, 422, 426])}},
            "/api/v1/sync/pull": {
                "get": {"summary": "Pull a page of scoped changes after a cursor", "security": [{"session": []}],
                    "parameters": [{"name": "cursor", "in": "query", "schema": {"type": "string"}},
                                   {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                                   {"name": "device_id", "in": "query", "schema": {"type": "string"}}],
                    "responses": with_ok(ok("PullResponse"), &[400, 401, 410])},
                "post": {"summary": "Pull (the same, with a JSON body)", "security": [{"session": []}], "requestBody": body("PullRequest"),
                    "responses": with_ok(ok("PullResponse"), &[400, 401, 410, 413, 415, 422])}},
            "/api/v1/kpis/{key}/points": {"post": {"summary": "Record KPI values, idempotent per (KPI, period)", "security": [{"apiKey": []}],
                "parameters": [{"name": "key", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": body("KpiPointsRequest"), "responses": with_ok(ok("KpiPointsResponse"), &[400, 401, 404, 413, 415, 422])}}
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_error_code_and_endpoint_is_described() {
        let doc = super::document();
        let codes = doc["components"]["schemas"]["Error"]["properties"]["code"]["enum"]
            .as_array()
            .map_or(0, Vec::len);
        assert_eq!(codes, stride_protocol::ErrorCode::ALL.len());
        for path in [
            "/healthz",
            "/api/openapi.json",
            "/api/v1/auth/sign-in",
            "/api/v1/auth/sign-out",
            "/api/v1/sync/push",
            "/api/v1/sync/pull",
            "/api/v1/kpis/{key}/points",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path}");
        }
    }
}
