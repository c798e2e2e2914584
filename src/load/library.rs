//! The library scan: which files under the given paths are articles.
