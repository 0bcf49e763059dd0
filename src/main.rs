//! The `am2amp` binary: parses arguments, renders diagnostics, sets the exit code.

/// mimalloc (v2, without transparent huge pages): a converted file makes thousands of small
/// allocations, and glibc's malloc and free were a quarter of a bulk run's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v2's `mimalloc.h` (libmimalloc-sys names no constant
/// for it): how many milliseconds freed memory waits before going back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Purging at once keeps the peak memory of bulk runs near glibc's (the benchmark's
    // 2,000 configs: 11.7 MB, glibc 10.6 MB, mimalloc's default 10 ms delay 14 MB), for a
    // little of the time won.
    // SAFETY: sets a plain integer option; mimalloc reads options atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    am2amp::cli::main()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purge_delay_is_the_option_we_set() {
        // Nothing has set options in the test harness, so they hold mimalloc v2's documented
        // defaults: the eager-commit delay (1), the purge delay (10 ms) and the NUMA node
        // count (0) in a row tell that the number is the purge delay of the mimalloc built.
        // SAFETY: reads options.
        let around = [-1, 0, 1]
            .map(|d| unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY + d) });
        assert_eq!(around, [1, 10, 0]);
    }
}
