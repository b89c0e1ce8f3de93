//! The user's own groups of forces: made from the selection, edited member by member,
//! deleted, read from a `group,force` CSV; chosen as a filter and compared beside the
//! baseline. Applied here, by [`AppState::apply`], the one place state changes.

use super::{Action, AppState, CompareBy, View};
use crate::core::ForceGroup;

/// A change to the user's groups.
#[derive(Clone, Debug, PartialEq)]
pub enum GroupAction {
    /// Make a group of this name from the forces selected (or none yet).
    New(String),
    /// Put a force (by display name) in a group, or take it out.
    ToggleMember {
        group: String,
        force: String,
    },
    Delete(String),
    /// Groups read from a file (its name): each replaces a group of its name.
    Load(String, Vec<ForceGroup>),
    /// Show only forces in this group (or stop).
    ToggleFilter(String),
    /// Show this group beside England and Wales in Compare.
    Compare(String),
}

impl AppState {
    pub(super) fn apply_group(&mut self, action: GroupAction) {
        match action {
            GroupAction::New(name) => self.new_group(name),
            GroupAction::ToggleMember { group, force } => {
                if let Some(g) = self.settings.groups.iter_mut().find(|g| g.name == group) {
                    if g.contains(&force) {
                        g.forces.retain(|f| *f != force);
                    } else {
                        g.add(force);
                    }
                }
            }
            GroupAction::Delete(name) => self.settings.groups.retain(|g| g.name != name),
            GroupAction::Load(file, groups) => {
                let n = groups.len();
                for group in groups {
                    match self
                        .settings
                        .groups
                        .iter_mut()
                        .find(|g| g.name == group.name)
                    {
                        Some(old) => *old = group,
                        None => self.settings.groups.push(group),
                    }
                }
                let s = if n == 1 { "" } else { "s" };
                self.apply(Action::Notify(
                    format!("Read {n} group{s} from {file}."),
                    false,
                ));
            }
            GroupAction::Compare(name) => {
                let s = &mut self.settings;
                if s.compare_by != CompareBy::Groups {
                    s.compare_by = CompareBy::Groups;
                    s.compare_groups.clear();
                }
                if !s.compare_groups.contains(&name) {
                    s.compare_groups.push(name);
                }
                s.view = View::Compare;
            }
            GroupAction::ToggleFilter(name) => {
                let filter = &mut self.settings.filter;
                if filter.groups.iter().any(|g| g.name == name) {
                    filter.groups.retain(|g| g.name != name);
                } else if let Some(g) = self.settings.groups.iter().find(|g| g.name == name) {
                    filter.groups.push(g.clone());
                }
            }
        }
        self.keep_groups_in_step();
    }

    fn new_group(&mut self, name: String) {
        let name = name.trim().to_string();
        if name.is_empty() {
            self.apply(Action::Notify("A group needs a name.".into(), true));
            return;
        }
        if self.settings.groups.iter().any(|g| g.name == name) {
            self.apply(Action::Notify(
                format!("There is a group called {name} already: choose another name."),
                true,
            ));
            return;
        }
        let forces: Vec<String> = self
            .selection
            .names()
            .iter()
            .filter(|n| {
                self.data
                    .find_force(n)
                    .is_some_and(|f| self.data.force(f).is_force())
            })
            .cloned()
            .collect();
        self.settings.groups.push(ForceGroup { name, forces });
    }

    /// The filter's and the comparison's copies of the groups follow their definitions:
    /// a group changed is changed there, a group deleted is gone from them.
    fn keep_groups_in_step(&mut self) {
        let s = &mut self.settings;
        let groups = &s.groups;
        s.filter.groups = s
            .filter
            .groups
            .iter()
            .filter_map(|chosen| groups.iter().find(|g| g.name == chosen.name).cloned())
            .collect();
        if s.compare_by == CompareBy::Groups {
            s.compare_groups
                .retain(|name| groups.iter().any(|g| g.name == *name));
        }
    }
}
