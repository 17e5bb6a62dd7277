//! Who may see and write which goals (sync.md rule 6), computed from the
//! server's own org data — never from a payload.
//!
//! - own goals: write; reports' goals (transitively): write
//! - goals of units the user leads (and their sub-units): write
//! - goals of the user's unit and its ancestors: read
//! - goals that any of the above align to, transitively: read
//! - HR admins and admins: everything (not materialised)
//!
//! Check-ins, revisions, alignments and conflicts follow the goal that scopes
//! them; people, org units, cycles, KPIs and their points are visible to all.

use std::collections::{HashMap, HashSet, VecDeque};

use stride_protocol::{Access, Role};
use uuid::Uuid;

/// A person as scope sees them.
#[derive(Debug, Clone)]
pub(crate) struct PersonNode {
    pub manager: Option<Uuid>,
    pub unit: Option<Uuid>,
    pub role: Role,
}

/// An org unit as scope sees it.
#[derive(Debug, Clone)]
pub(crate) struct UnitNode {
    pub parent: Option<Uuid>,
    pub lead: Option<Uuid>,
}

/// A goal's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GoalOwner {
    Person(Uuid),
    Unit(Uuid),
}

/// Everything scope depends on.
#[derive(Debug, Default)]
pub(crate) struct OrgSnapshot {
    pub people: HashMap<Uuid, PersonNode>,
    pub units: HashMap<Uuid, UnitNode>,
    pub goals: Vec<(Uuid, GoalOwner)>,
    /// child → parents, live alignments only.
    pub parents: HashMap<Uuid, Vec<Uuid>>,
}

impl OrgSnapshot {
    /// The user and everyone below them in the reporting tree.
    pub(crate) fn self_and_reports(&self, user: Uuid) -> HashSet<Uuid> {
        let mut reports: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (id, p) in &self.people {
            if let Some(m) = p.manager {
                reports.entry(m).or_default().push(*id);
            }
        }
        bfs(user, |n| reports.get(&n).cloned().unwrap_or_default())
    }

    /// Units the user leads and every unit below them.
    pub(crate) fn led_units(&self, user: Uuid) -> HashSet<Uuid> {
        let mut children: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (id, u) in &self.units {
            if let Some(p) = u.parent {
                children.entry(p).or_default().push(*id);
            }
        }
        let mut out = HashSet::new();
        for (id, u) in &self.units {
            if u.lead == Some(user) {
                out.extend(bfs(*id, |n| children.get(&n).cloned().unwrap_or_default()));
            }
        }
        out
    }

    /// The user's unit and its ancestors.
    pub(crate) fn unit_chain(&self, user: Uuid) -> HashSet<Uuid> {
        let mut out = HashSet::new();
        let mut cur = self.people.get(&user).and_then(|p| p.unit);
        while let Some(u) = cur {
            if !out.insert(u) {
                break; // a cycle in bad data: stop
            }
            cur = self.units.get(&u).and_then(|n| n.parent);
        }
        out
    }

    /// The goals `user` may see and how; empty for roles that see everything
    /// (they are not materialised).
    pub(crate) fn scope_for(&self, user: Uuid) -> HashMap<Uuid, Access> {
        let Some(person) = self.people.get(&user) else {
            return HashMap::new();
        };
        if person.role.sees_everything() {
            return HashMap::new();
        }
        let people = self.self_and_reports(user);
        let led = self.led_units(user);
        let chain = self.unit_chain(user);
        let mut scope = HashMap::new();
        for (goal, owner) in &self.goals {
            let access = match owner {
                GoalOwner::Person(p) if people.contains(p) => Some(Access::Write),
                GoalOwner::Unit(u) if led.contains(u) => Some(Access::Write),
                GoalOwner::Unit(u) if chain.contains(u) => Some(Access::Read),
                _ => None,
            };
            if let Some(a) = access {
                scope.insert(*goal, a);
            }
        }
        // Aligned parents, transitively: read-only unless already writable.
        let seeds: Vec<Uuid> = scope.keys().copied().collect();
        let mut queue: VecDeque<Uuid> = seeds.into_iter().collect();
        let mut seen: HashSet<Uuid> = scope.keys().copied().collect();
        while let Some(g) = queue.pop_front() {
            for p in self.parents.get(&g).into_iter().flatten() {
                scope.entry(*p).or_insert(Access::Read);
                if seen.insert(*p) {
                    queue.push_back(*p);
                }
            }
        }
        scope
    }

    /// Who sees a goal that nothing aligns to yet (a new goal), and how.
    /// Equals what [`Self::scope_for`] gives each user for that goal.
    pub(crate) fn viewers_of_new_goal(&self, owner: GoalOwner) -> HashMap<Uuid, Access> {
        let mut out = HashMap::new();
        let scoped = |id: &Uuid| {
            self.people
                .get(id)
                .is_some_and(|p| !p.role.sees_everything())
        };
        match owner {
            GoalOwner::Person(p) => {
                // The owner and their managers, up the chain.
                let mut cur = Some(p);
                let mut seen = HashSet::new();
                while let Some(id) = cur {
                    if !seen.insert(id) {
                        break;
                    }
                    if scoped(&id) {
                        out.insert(id, Access::Write);
                    }
                    cur = self.people.get(&id).and_then(|n| n.manager);
                }
            }
            GoalOwner::Unit(u) => {
                for id in self.people.keys().filter(|id| scoped(id)) {
                    if self.led_units(*id).contains(&u) {
                        out.insert(*id, Access::Write);
                    } else if self.unit_chain(*id).contains(&u) {
                        out.insert(*id, Access::Read);
                    }
                }
            }
        }
        out
    }
}

fn bfs(start: Uuid, next: impl Fn(Uuid) -> Vec<Uuid>) -> HashSet<Uuid> {
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        for m in next(n) {
            if seen.insert(m) {
                queue.push_back(m);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(s: &mut OrgSnapshot, manager: Option<Uuid>, unit: Option<Uuid>, role: Role) -> Uuid {
        let id = Uuid::now_v7();
        s.people.insert(
            id,
            PersonNode {
                manager,
                unit,
                role,
            },
        );
        id
    }

    fn goal(s: &mut OrgSnapshot, owner: GoalOwner) -> Uuid {
        let id = Uuid::now_v7();
        s.goals.push((id, owner));
        id
    }

    #[test]
    fn managers_see_reports_transitively_and_reports_do_not_see_up() {
        let mut s = OrgSnapshot::default();
        let boss = person(&mut s, None, None, Role::Manager);
        let mid = person(&mut s, Some(boss), None, Role::Manager);
        let ic = person(&mut s, Some(mid), None, Role::Employee);
        let other = person(&mut s, None, None, Role::Employee);
        let g_ic = goal(&mut s, GoalOwner::Person(ic));
        let g_boss = goal(&mut s, GoalOwner::Person(boss));
        assert_eq!(s.scope_for(boss).get(&g_ic), Some(&Access::Write));
        assert_eq!(s.scope_for(mid).get(&g_ic), Some(&Access::Write));
        assert_eq!(s.scope_for(ic).get(&g_boss), None);
        assert!(s.scope_for(other).is_empty());
        // Aligning the report's goal to the boss's goal makes it readable.
        s.parents.insert(g_ic, vec![g_boss]);
        assert_eq!(s.scope_for(ic).get(&g_boss), Some(&Access::Read));
        assert_eq!(s.scope_for(other).get(&g_boss), None);
    }

    #[test]
    fn unit_goals_are_read_for_members_and_write_for_leads() {
        let mut s = OrgSnapshot::default();
        let company = Uuid::now_v7();
        let team = Uuid::now_v7();
        let lead = person(&mut s, None, Some(team), Role::Manager);
        let member = person(&mut s, Some(lead), Some(team), Role::Employee);
        s.units.insert(
            company,
            UnitNode {
                parent: None,
                lead: None,
            },
        );
        s.units.insert(
            team,
            UnitNode {
                parent: Some(company),
                lead: Some(lead),
            },
        );
        let g_company = goal(&mut s, GoalOwner::Unit(company));
        let g_team = goal(&mut s, GoalOwner::Unit(team));
        assert_eq!(s.scope_for(member).get(&g_company), Some(&Access::Read));
        assert_eq!(s.scope_for(member).get(&g_team), Some(&Access::Read));
        assert_eq!(s.scope_for(lead).get(&g_team), Some(&Access::Write));
        assert_eq!(s.scope_for(lead).get(&g_company), Some(&Access::Read));
    }

    #[test]
    fn viewers_of_a_new_goal_match_the_full_computation() {
        let mut s = OrgSnapshot::default();
        let company = Uuid::now_v7();
        let team = Uuid::now_v7();
        s.units.insert(
            company,
            UnitNode {
                parent: None,
                lead: None,
            },
        );
        let boss = person(&mut s, None, Some(company), Role::Manager);
        s.units.insert(
            team,
            UnitNode {
                parent: Some(company),
                lead: Some(boss),
            },
        );
        let ic = person(&mut s, Some(boss), Some(team), Role::Employee);
        let hr = person(&mut s, None, Some(company), Role::HrAdmin);
        let stranger = person(&mut s, None, None, Role::Employee);
        for owner in [
            GoalOwner::Person(ic),
            GoalOwner::Unit(team),
            GoalOwner::Unit(company),
        ] {
            let g = goal(&mut s, owner);
            let viewers = s.viewers_of_new_goal(owner);
            for user in [boss, ic, hr, stranger] {
                assert_eq!(
                    viewers.get(&user),
                    s.scope_for(user).get(&g),
                    "{owner:?} {user}"
                );
            }
        }
    }

    #[test]
    fn cycles_in_bad_data_terminate() {
        let mut s = OrgSnapshot::default();
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        s.people.insert(
            a,
            PersonNode {
                manager: Some(b),
                unit: None,
                role: Role::Manager,
            },
        );
        s.people.insert(
            b,
            PersonNode {
                manager: Some(a),
                unit: None,
                role: Role::Manager,
            },
        );
        let g = goal(&mut s, GoalOwner::Person(a));
        assert_eq!(s.scope_for(b).get(&g), Some(&Access::Write));
        assert_eq!(s.viewers_of_new_goal(GoalOwner::Person(a)).len(), 2);
    }
}
