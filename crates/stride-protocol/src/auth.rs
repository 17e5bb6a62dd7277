//! Sign-in: email and password in, a bearer token with its expiry out.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use stride_domain::PersonId;

/// A person's role on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Own goals and check-ins.
    Employee,
    /// Also their reports' items, transitively.
    Manager,
    /// Everything in the organisation.
    HrAdmin,
    /// Everything, and the server's administration.
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: &'static [Self] = &[Self::Employee, Self::Manager, Self::HrAdmin, Self::Admin];

    /// The stable text form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Employee => "employee",
            Self::Manager => "manager",
            Self::HrAdmin => "hr_admin",
            Self::Admin => "admin",
        }
    }

    /// Whether the role reads and writes every goal.
    #[must_use]
    pub const fn sees_everything(self) -> bool {
        matches!(self, Self::HrAdmin | Self::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown role `{}` (expected employee, manager, hr_admin or admin)",
                    s.chars().take(32).collect::<String>()
                )
            })
    }
}

/// `POST /api/v1/auth/sign-in` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    /// The account's email (case-insensitive).
    pub email: String,
    /// The password.
    pub password: String,
}

/// The signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    /// Their person id (the same id the synced `person` row has).
    pub id: PersonId,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Role.
    pub role: Role,
}

/// `POST /api/v1/auth/sign-in` response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInResponse {
    /// The bearer token (`Authorization: Bearer <token>`); shown once, stored hashed.
    pub token: String,
    /// When the token stops working.
    pub expires_at: DateTime<Utc>,
    /// Who signed in.
    pub user: UserInfo,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_round_trips() {
        let resp = SignInResponse {
            token: "t".into(),
            expires_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            user: UserInfo {
                id: PersonId::new(),
                name: "Ana".into(),
                email: "ana@example.com".into(),
                role: Role::HrAdmin,
            },
        };
        let json = serde_json::to_value(&resp).unwrap();
        assert_eq!(json["user"]["role"], "hr_admin");
        assert_eq!(json["expires_at"], "2027-01-15T08:00:00Z");
        assert_eq!(
            serde_json::from_value::<SignInResponse>(json).unwrap(),
            resp
        );
    }

    #[test]
    fn sign_in_request_rejects_unknown_fields() {
        let bad = r#"{"email":"a@b.c","password":"x","admin":true}"#;
        assert!(serde_json::from_str::<SignInRequest>(bad).is_err());
    }

    #[test]
    fn roles_parse() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), *r);
        }
        assert!("root".parse::<Role>().is_err());
        assert!(Role::Admin.sees_everything() && !Role::Manager.sees_everything());
    }
}
