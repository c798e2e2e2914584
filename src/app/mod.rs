//! The interactive reader's state: App, Action, update and the key table.

/// Names of every action, as the config's `[keys]` table spells them.
pub fn action_names() -> Vec<&'static str> {
    Vec::new()
}
