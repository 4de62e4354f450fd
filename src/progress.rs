//! What a build tells while it runs: how far it is (a line that updates itself on a
//! terminal, plain lines otherwise), and with `--timings` where the time went.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Counters a build updates and a reporter thread reads.
#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    done: AtomicUsize,
    total: AtomicUsize,
    /// Images made or taken from the cache, of how many: they go alongside the pages.
    images_done: AtomicUsize,
    images_total: AtomicUsize,
    finished: AtomicBool,
}

impl Progress {
    /// Starts a stage of `total` steps.
    pub fn stage(&self, name: &'static str, total: usize) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = name;
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Starts the images: `total` to make or take from the cache.
    pub fn images(&self, total: usize) {
        self.images_done.store(0, Ordering::Relaxed);
        self.images_total.store(total, Ordering::Relaxed);
    }

    pub fn image_done(&self) {
        self.images_done.fetch_add(1, Ordering::Relaxed);
    }

    fn line(&self) -> String {
        let stage = *self.stage.lock().unwrap_or_else(|e| e.into_inner());
        let (done, total) = (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        );
        let images = match (
            self.images_done.load(Ordering::Relaxed),
            self.images_total.load(Ordering::Relaxed),
        ) {
            (done, total) if total > 0 && done < total => format!(", images: {done}/{total}"),
            _ => String::new(),
        };
        if total == 0 {
            return format!("{stage}…{images}");
        }
        format!("{stage}: {done}/{total} ({}%){images}", done * 100 / total)
    }
}

/// Reports a build's progress on standard error once it has run for a second: a line
/// redrawn ten times a second on a terminal, a plain line every five seconds otherwise.
pub struct Reporter {
    progress: Arc<Progress>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Reporter {
    pub fn start(progress: Arc<Progress>) -> Reporter {
        let shared = progress.clone();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let terminal = std::io::stderr().is_terminal();
            let every = if terminal {
                Duration::from_millis(100)
            } else {
                Duration::from_secs(5)
            };
            let mut next = started + Duration::from_secs(1);
            let mut drawn = false;
            loop {
                std::thread::sleep(Duration::from_millis(50));
                if shared.finished.load(Ordering::Relaxed) {
                    break;
                }
                if Instant::now() < next {
                    continue;
                }
                next += every;
                let mut err = std::io::stderr().lock();
                if terminal {
                    let _ = write!(err, "\r{}\x1b[K", shared.line());
                    drawn = true;
                } else {
                    let _ = writeln!(err, "{}", shared.line());
                }
                let _ = err.flush();
            }
            if drawn {
                let _ = write!(std::io::stderr(), "\r\x1b[K");
            }
        });
        Reporter {
            progress,
            thread: Some(thread),
        }
    }
}

impl Drop for Reporter {
    fn drop(&mut self) {
        self.progress.finished.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Where a build's time went: phases in order, and rendering per template.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// (phase, seconds it took, CPU seconds of every thread in it where the system says).
    pub phases: Vec<(String, f64, Option<f64>)>,
    /// (template, renders, seconds in all), the slowest first.
    pub templates: Vec<(String, u64, f64)>,
    /// Markdown files rendered, and the seconds it took in all (threads added up).
    pub markdown: (u64, f64),
    /// Images made, images taken from the cache, and the seconds they took in all.
    pub images: (usize, usize, f64),
    /// Compressed copies made (`precompress`), and the seconds it took (threads added up).
    pub compression: (u64, f64),
}

impl Timings {
    pub fn to_text(&self) -> String {
        let mut out = String::from("phase                     seconds       CPU   cores\n");
        for (name, s, cpu) in &self.phases {
            out.push_str(&format!("{name:<24} {s:>8.3}"));
            if let Some(cpu) = cpu {
                // How many cores the phase kept busy (at 1/100 s, the clock's tick).
                out.push_str(&format!("  {cpu:>8.2}"));
                if *s >= 0.05 {
                    out.push_str(&format!("  {:>6.2}", cpu / s));
                }
            }
            out.push('\n');
        }
        out.push_str("\ntemplate                                renders   seconds   ms each\n");
        let (n, s) = self.markdown;
        if n > 0 {
            out.push_str(&format!(
                "{:<38} {n:>9} {s:>9.3} {:>9.3}\n",
                "(Markdown, highlighting)",
                s * 1000.0 / n as f64
            ));
        }
        let (n, s) = self.compression;
        if n > 0 {
            out.push_str(&format!(
                "{:<38} {n:>9} {s:>9.3} {:>9.3}\n",
                "(precompressed copies, .gz and .br)",
                s * 1000.0 / n as f64
            ));
        }
        for (name, n, s) in &self.templates {
            out.push_str(&format!(
                "{name:<38} {n:>9} {s:>9.3} {:>9.3}\n",
                s * 1000.0 / *n as f64
            ));
        }
        let (made, reused, s) = self.images;
        if made + reused > 0 {
            out.push_str(&format!(
                "\nimages: {made} made, {reused} from the cache, {s:.3} seconds (threads added up)\n"
            ));
        }
        out.push_str("(seconds of rendering add up the time of every thread)\n");
        out
    }
}
