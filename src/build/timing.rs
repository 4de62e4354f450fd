//! How long each phase of a build took: `dala build --timings`, and with `DALA_PHASES`
//! set, printed as the build goes (for profiling; see bench/README.md).

pub(super) struct Phases {
    start: std::time::Instant,
    on: bool,
    /// Each phase and how long it took.
    list: std::sync::Mutex<(std::time::Instant, Vec<(String, f64)>)>,
}

impl Phases {
    pub(super) fn new() -> Phases {
        let start = std::time::Instant::now();
        Phases {
            start,
            on: std::env::var_os("DALA_PHASES").is_some(),
            list: std::sync::Mutex::new((start, Vec::new())),
        }
    }

    pub(super) fn tick(&self, what: &str) {
        let now = std::time::Instant::now();
        let mut list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        let took = now.duration_since(list.0).as_secs_f64();
        list.0 = now;
        list.1.push((what.to_string(), took));
        if self.on {
            eprintln!("{what}: {:.3}", self.start.elapsed().as_secs_f64());
        }
    }

    pub(super) fn list(&self) -> Vec<(String, f64)> {
        self.list
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .1
            .clone()
    }
}
