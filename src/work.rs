//! How many threads a large job (a library scan, a long article) may use.

use std::sync::{Arc, Mutex, OnceLock};

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

/// Runs `jobs` at once, the first on this thread and each other on a thread of its own, and
/// returns their results in order. A thread that cannot be started leaves its job to this one;
/// a job that panics panics here.
pub fn in_parallel<R: Send>(jobs: Vec<impl FnOnce() -> R + Send>) -> Vec<R> {
    let mut jobs = jobs.into_iter();
    let Some(first) = jobs.next() else {
        return Vec::new();
    };
    std::thread::scope(|s| {
        let started: Vec<_> = jobs
            .map(|job| {
                // Shared, so the job is still here to run when its thread cannot start.
                let slot = Arc::new(Mutex::new(Some(job)));
                let theirs = Arc::clone(&slot);
                std::thread::Builder::new()
                    .spawn_scoped(s, move || take(&theirs).map(|j| j()))
                    .map_err(|_| take(&slot))
            })
            .collect();
        let mut out = vec![first()];
        for h in started {
            let result = match h {
                Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                Err(job) => job.map(|j| j()),
            };
            out.extend(result);
        }
        out
    })
}

/// Runs `a` and `b` and returns both results: `b` on a thread of its own when `apart` (and the
/// thread can start), else after `a` on this one. A panic in either panics here.
pub fn join<A, B: Send>(
    apart: bool,
    a: impl FnOnce() -> A,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !apart {
        let first = a();
        return (first, b());
    }
    std::thread::scope(|s| {
        let slot = Arc::new(Mutex::new(Some(b)));
        let theirs = Arc::clone(&slot);
        let started = std::thread::Builder::new()
            .spawn_scoped(s, move || take(&theirs).map(|j| j()))
            .ok();
        let first = a();
        let second = match started {
            Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => None,
        };
        // The job is still in its slot when its thread could not start.
        let second = second.or_else(|| take(&slot).map(|j| j()));
        (
            first,
            second.expect("the second job ran on its thread or here"),
        )
    })
}

/// The job in `slot`, if no one took it yet.
fn take<J>(slot: &Mutex<Option<J>>) -> Option<J> {
    slot.lock().unwrap_or_else(|e| e.into_inner()).take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_order_of_the_jobs() {
        let jobs: Vec<_> = (0..6u64)
            .map(|i| move || (0..=i * 1000).sum::<u64>())
            .collect();
        let want: Vec<u64> = (0..6u64).map(|i| (0..=i * 1000).sum()).collect();
        assert_eq!(in_parallel(jobs), want);
        assert_eq!(in_parallel(Vec::<fn() -> u8>::new()), Vec::<u8>::new());
    }

    #[test]
    fn join_returns_both_results_apart_or_together() {
        let me = std::thread::current().id();
        let (a, b) = join(true, || 2 + 2, || std::thread::current().id());
        assert_eq!(a, 4);
        assert_ne!(b, me, "apart: the second job runs on its own thread");
        let (a, b) = join(false, || "x", || std::thread::current().id());
        assert_eq!((a, b), ("x", me));
    }

    #[test]
    fn jobs_run_on_other_threads() {
        let me = std::thread::current().id();
        let ids = in_parallel((0..3).map(|_| || std::thread::current().id()).collect());
        assert_eq!(ids[0], me);
        assert!(ids[1..].iter().all(|id| *id != me));
    }

    #[test]
    #[should_panic(expected = "job 2 failed")]
    fn a_panicking_job_panics_the_caller() {
        let jobs: Vec<_> = (0..3)
            .map(|i| {
                move || {
                    assert_ne!(i, 2, "job {i} failed");
                    i
                }
            })
            .collect();
        in_parallel(jobs);
    }
}
