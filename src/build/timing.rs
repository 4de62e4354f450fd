//! How long each phase of a build took: `dala build --timings`, and with `DALA_PHASES`
//! set, printed as the build goes (for profiling; see bench/README.md).
//!
//! Each phase has its wall time and, where the system tells it, the CPU time the whole
//! process spent in it (every thread, user and system): their ratio is how many of the
//! machine's cores the phase kept busy.

use std::time::Instant;

pub(super) struct Phases {
    start: Instant,
    on: bool,
    /// When the last phase ended, the process's CPU seconds then, and each phase so far.
    list: std::sync::Mutex<(Instant, Option<f64>, Vec<Phase>)>,
}

/// One phase: its name, its wall seconds, and the process's CPU seconds in it.
pub(super) type Phase = (String, f64, Option<f64>);

impl Phases {
    pub(super) fn new() -> Phases {
        let start = Instant::now();
        Phases {
            start,
            on: std::env::var_os("DALA_PHASES").is_some(),
            list: std::sync::Mutex::new((start, cpu_seconds(), Vec::new())),
        }
    }

    pub(super) fn tick(&self, what: &str) {
        let now = Instant::now();
        let cpu = cpu_seconds();
        let mut list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        let took = now.duration_since(list.0).as_secs_f64();
        let busy = cpu.zip(list.1).map(|(now, then)| now - then);
        list.0 = now;
        list.1 = cpu;
        list.2.push((what.to_string(), took, busy));
        if self.on {
            eprintln!("{what}: {:.3}", self.start.elapsed().as_secs_f64());
        }
    }

    pub(super) fn list(&self) -> Vec<Phase> {
        self.list
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .2
            .clone()
    }
}

/// The CPU seconds this process has used so far, every thread, user and system: from
/// `/proc/self/stat` (Linux; in clock ticks of 1/100 s), else `None`.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces:
    // utime and stime are the 14th and 15th fields of the line.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_process_cpu_time_grows_with_work() {
        let Some(before) = super::cpu_seconds() else {
            return; // not Linux
        };
        let mut x = 0u64;
        let start = std::time::Instant::now();
        while start.elapsed().as_millis() < 300 {
            x = x.wrapping_mul(31).wrapping_add(7);
        }
        std::hint::black_box(x);
        let after = super::cpu_seconds().unwrap();
        assert!(after - before >= 0.1, "{before} -> {after}");
    }
}
