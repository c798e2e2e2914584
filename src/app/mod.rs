//! The interactive reader's state: App, Action, update and the key table.
