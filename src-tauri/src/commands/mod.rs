//! Thin Tauri commands: convert the input, call a plain function, map the error.
//!
//! [`ipc_commands!`] is the one list of commands. From it come the invoke
//! handler, the typed TypeScript wrappers in `ui/src/ipc/bindings.ts` (see
//! `crate::bindings`) and — checked by a test — the ACL manifest that
//! `build.rs` reads from `names.in`.

pub mod app;
pub mod browse;
pub mod goals;
pub mod inbox;
pub mod insight;
pub mod new_goal;
pub mod onboarding;
pub mod sync;

use ts_rs::{Config, TypeVisitor, TS};

/// One command as the bindings generator sees it.
pub struct CommandSpec {
    /// The Rust (snake_case) command name.
    pub name: &'static str,
    /// Argument names (snake_case) and their TypeScript types.
    pub args: Vec<(&'static str, String)>,
    /// The TypeScript type of a successful result.
    pub ret: String,
}

macro_rules! ipc_commands {
    ($( $module:ident :: $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty ; )*) => {
        /// The invoke handler with every command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$( $module::$name ),*]
        }

        /// Every command, in declaration order.
        pub fn specs(cfg: &Config) -> Vec<CommandSpec> {
            vec![$(
                CommandSpec {
                    name: stringify!($name),
                    args: vec![$( (stringify!($arg), <$ty as TS>::name(cfg)) ),*],
                    ret: <$ret as TS>::name(cfg),
                },
            )*]
        }

        /// Visits every argument and result type (for the bindings).
        pub fn visit_types(v: &mut impl TypeVisitor) {
            $( $( v.visit::<$ty>(); )* v.visit::<$ret>(); )*
        }
    };
}

// name(args…) -> success type. Every command returns Result<_, IpcError>.
ipc_commands! {
    app::app_info() -> app::AppInfo;
    onboarding::onboarding_state() -> onboarding::OnboardingState;
    onboarding::open_demo() -> onboarding::OnboardingState;
    onboarding::start_empty(input: onboarding::StartEmptyInput) -> onboarding::OnboardingState;
    goals::list_goals(input: goals::ListGoalsInput) -> Vec<stride_store::GoalSummary>;
    goals::goal_detail(id: String, as_of: Option<String>) -> stride_store::GoalDetail;
    goals::goal_map(input: goals::GoalMapInput) -> stride_store::CascadeLevel;
    goals::goal_map_search(text: String, unit: Option<String>) -> Vec<stride_store::CascadeHit>;
    goals::dashboard(as_of: Option<String>, cycle: Option<String>) -> stride_store::Dashboard;
    goals::add_check_in(input: goals::CheckInInput) -> stride_domain::CheckIn;
    goals::undo_check_in(id: String) -> stride_domain::GoalId;
    goals::revise_goal(input: goals::ReviseInput) -> Vec<stride_domain::Revision>;
    new_goal::check_goal(input: new_goal::CheckGoalInput) -> stride_domain::smart::SmartCheck;
    new_goal::goal_form_defaults(input: new_goal::CheckGoalInput) -> new_goal::GoalFormDefaults;
    new_goal::create_goal(input: new_goal::NewGoalInput) -> stride_domain::GoalId;
    new_goal::goal_templates() -> Vec<new_goal::TemplateView>;
    new_goal::search_goals(text: String, limit: Option<u32>) -> Vec<stride_store::GoalLink>;
    new_goal::apply_to_team(input: new_goal::ApplyToTeamInput) -> Vec<stride_domain::GoalId>;
    new_goal::owner_choices() -> Vec<stride_store::OwnerChoice>;
    insight::goal_insight(id: String, as_of: Option<String>, dark: bool) -> insight::GoalInsight;
    insight::team_overview(as_of: Option<String>) -> Vec<stride_store::TeamMember>;
    insight::alignment_problems() -> stride_store::AlignmentProblems;
    insight::dashboard_charts(as_of: Option<String>, cycle: Option<String>, dark: bool) -> insight::DashboardCharts;
    inbox::inbox(as_of: Option<String>) -> Vec<stride_store::InboxItem>;
    inbox::set_alert_state(input: inbox::AlertStateInput) -> ();
    inbox::weekly_digest(as_of: Option<String>) -> inbox::DigestView;
    inbox::save_digest(as_of: Option<String>) -> String;
    browse::cycles() -> Vec<stride_domain::Cycle>;
    browse::global_search(text: String) -> browse::SearchResults;
    browse::kpis() -> Vec<browse::KpiView>;
    sync::sync_status() -> crate::sync::SyncStatus;
    sync::sync_sign_in(input: crate::sync::SignInInput) -> crate::sync::SyncStatus;
    sync::sync_now() -> crate::sync::SyncStatus;
    sync::sync_sign_out() -> crate::sync::SyncStatus;
    sync::sync_conflicts() -> Vec<crate::sync::ConflictView>;
    sync::keep_mine(id: String) -> ();
    sync::dismiss_conflict(id: String) -> ();
    sync::sync_attention() -> Vec<crate::sync::AttentionView>;
    sync::dismiss_attention(op_id: String) -> ();
}
