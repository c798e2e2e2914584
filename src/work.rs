//! How many threads a large job (a library scan, a long article) may use.

use std::sync::OnceLock;

/// The most threads a job is split over: past this, a terminal reader's jobs gain nothing.
const MAX_THREADS: usize = 8;

/// The threads this process may run at once, from 1 to [`MAX_THREADS`]; asked of the system once
/// (on Linux the answer reads the cgroup files, so it is not free).
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, MAX_THREADS)
    })
}
