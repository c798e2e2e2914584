//! How many threads a large job (a library scan, a long article) may use, and running jobs on
//! them: rayon's pool, sized once to this machine (at most [`MAX_THREADS`]).

use rayon::prelude::*;
use std::sync::OnceLock;

/// The most threads a job is split over: past this, a terminal reader's jobs gain nothing.
const MAX_THREADS: usize = 8;

/// The threads this process may run at once, from 1 to [`MAX_THREADS`]; asked of the system once
/// (on Linux the answer reads the cgroup files, so it is not free). The first call sizes
/// rayon's pool to it, so a many-core machine does not start a thread per core.
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        let n = std::thread::available_parallelism()
            .map_or(2, std::num::NonZero::get)
            .clamp(1, MAX_THREADS);
        // Fails only when the pool is already running (a test harness, a library user): then
        // that pool is used as it is.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("byline-work-{i}"))
            .build_global();
        n
    })
}

/// Runs `jobs` at once on the pool and returns their results in order. A job that panics
/// panics here.
pub fn in_parallel<R: Send>(jobs: Vec<impl FnOnce() -> R + Send>) -> Vec<R> {
    threads();
    jobs.into_par_iter().map(|job| job()).collect()
}

/// Runs `a` and `b` and returns both results: at once when `apart`, else `b` after `a` on this
/// thread. A panic in either panics here.
pub fn join<A: Send, B: Send>(
    apart: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !apart {
        let first = a();
        return (first, b());
    }
    threads();
    rayon::join(a, b)
}

/// Runs `job` on every item of `items` at once, in contiguous runs of at least `min_run`
/// items, and returns the results in the items' order.
pub fn map_runs<T: Sync, R: Send>(
    items: &[T],
    min_run: usize,
    job: impl Fn(&T) -> Option<R> + Sync + Send,
) -> Vec<R> {
    threads();
    items
        .par_iter()
        .with_min_len(min_run.max(1))
        .filter_map(job)
        .collect()
}

/// Runs `job` on every item of `items` at once, in contiguous runs of at least `min_run` items.
pub fn each_mut<T: Send>(items: &mut [T], min_run: usize, job: impl Fn(&mut T) + Sync + Send) {
    threads();
    items
        .par_iter_mut()
        .with_min_len(min_run.max(1))
        .for_each(job);
}

/// Runs `job`, the reading of one big file for a pass over the library, one such job at a
/// time in the whole process, and hands what it freed back to the system when it is done.
/// A big file's tree and blocks take tens of megabytes for a moment; mimalloc keeps freed
/// memory until a later allocation purges it, and a reader sitting idle after its passes makes
/// none, so those megabytes stayed resident as long as it ran (a 50 MB page of text kept
/// 60–75 MB). One job at a time keeps the moment's peak to one file's, where the index and
/// the related pass each read theirs at once.
pub fn big_job<R>(job: impl FnOnce() -> R) -> R {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    // A job that panicked poisons the lock but leaves nothing behind it to guard.
    let turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let result = job();
    give_back();
    drop(turn);
    result
}

/// Hands the memory this process has freed back to the system now, rather than when a later
/// allocation would. It walks this thread's heap: for the end of a big job, not for every file.
#[allow(unsafe_code)]
pub fn give_back() {
    // SAFETY: `mi_collect` takes no pointer and may be called on any thread at any time; it
    // only returns free pages of the allocator this crate installs (`lib.rs`).
    unsafe { libmimalloc_sys::mi_collect(true) }
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
        let (a, b) = join(true, || 2 + 2, || "four");
        assert_eq!((a, b), (4, "four"));
        let (a, b) = join(false, || "x", || std::thread::current().id());
        assert_eq!((a, b), ("x", me), "together: both on this thread");
    }

    #[test]
    fn runs_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..10_000).collect();
        let odd_tripled = map_runs(&items, 16, |&i| (i % 2 == 1).then(|| u64::from(i) * 3));
        let want: Vec<u64> = items
            .iter()
            .filter(|i| *i % 2 == 1)
            .map(|&i| u64::from(i) * 3)
            .collect();
        assert_eq!(odd_tripled, want);
        let mut all = items.clone();
        each_mut(&mut all, 100, |i| *i += 1);
        assert!(all.iter().zip(&items).all(|(a, b)| *a == b + 1));
    }

    #[test]
    fn big_jobs_run_one_at_a_time_and_return_their_results() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let running = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let jobs: Vec<_> = (0..8u64)
            .map(|i| {
                let (running, most) = (&running, &most);
                move || {
                    big_job(|| {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(5));
                        running.fetch_sub(1, Ordering::SeqCst);
                        vec![i; 1 << 16].iter().sum::<u64>()
                    })
                }
            })
            .collect();
        let sums: Vec<u64> = std::thread::scope(|s| {
            let handles: Vec<_> = jobs.into_iter().map(|j| s.spawn(j)).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(sums, (0..8u64).map(|i| i << 16).collect::<Vec<_>>());
        assert_eq!(most.load(Ordering::SeqCst), 1, "two big jobs ran at once");
    }

    #[test]
    fn a_big_job_that_panics_does_not_stop_the_next() {
        let failed = std::panic::catch_unwind(|| big_job(|| panic!("the page did not parse")));
        assert!(failed.is_err());
        assert_eq!(big_job(|| "next"), "next");
    }

    #[test]
    fn the_pool_is_sized_to_the_machine() {
        let n = threads();
        assert!((1..=MAX_THREADS).contains(&n));
        assert!(rayon::current_num_threads() >= 1);
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
