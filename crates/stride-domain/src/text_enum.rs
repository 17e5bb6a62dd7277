//! One macro for the crate's closed vocabularies (directions, states, kinds …).
//!
//! Every such enum gets the same stable text form everywhere: serde
//! (`snake_case`), [`as_str`](crate::Direction::as_str), `Display`, `FromStr`
//! and — behind the `sqlx` feature — SQLite TEXT. The store persists these
//! names, so renaming a variant is a schema change.

/// Defines a fieldless enum with a stable snake_case text form.
///
/// `$what` names the vocabulary in errors ("direction", "goal state", …).
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [Self] = &[ $( Self::$variant ),+ ];

            /// The stable text form (also the serde and SQLite form).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $text, )+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::DomainError;

            /// Parses the stable text form (exact, after trimming whitespace).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim() {
                    $( $text => Ok(Self::$variant), )+
                    _ => Err($crate::error::DomainError::UnknownVariant {
                        what: $what,
                        input: s.chars().take(64).collect(),
                        expected: concat!($( $text, " " ),+).trim_end(),
                    }),
                }
            }
        }

        #[cfg(feature = "sqlx")]
        impl sqlx::Type<sqlx::Sqlite> for $name {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <str as sqlx::Type<sqlx::Sqlite>>::type_info()
            }

            fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
                <str as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Sqlite as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Sqlite>>::encode(self.as_str(), buf)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $name {
            fn decode(
                value: <sqlx::Sqlite as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<'r, sqlx::Sqlite>>::decode(value)?;
                Ok(text.parse::<Self>()?)
            }
        }
    };
}

pub(crate) use text_enum;
