//! Drives the real `gehoor` binary in a pseudo-terminal, the way a person
//! at a terminal would, and reads the screen back through a vt100 parser.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Tui {
    master: Option<Box<dyn MasterPty + Send>>,
    /// Our own copy of the master: portable-pty's writer sends a newline
    /// and Ctrl-D when dropped, which a text editor takes as keys (Ctrl-J
    /// deletes to the start of the line), and no closing window does that.
    writer: Option<std::fs::File>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for assertions about escape sequences.
    raw: Arc<Mutex<Vec<u8>>>,
    stop_reader: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Tui {
    /// A failed test must not leave a gehoor behind.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait()
            && let Some(pid) = self.child.process_id()
        {
            // SAFETY: as in `signal_pid`.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            let _ = self.child.wait();
        }
    }
}

/// Read the master side until told to stop. Our own descriptor, polled with
/// a timeout, so `hang_up` can close every copy of the master and the
/// program sees its terminal disappear.
fn spawn_reader(
    fd: std::os::fd::OwnedFd,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<()> {
    use std::os::fd::AsRawFd;
    std::thread::spawn(move || {
        let mut file = std::fs::File::from(fd);
        let mut buf = [0u8; 8192];
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            let mut p = libc::pollfd {
                fd: file.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one pollfd on this stack frame, valid for the call.
            if unsafe { libc::poll(&mut p, 1, 50) } <= 0 {
                continue;
            }
            match file.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    screen.lock().unwrap().process(&buf[..n]);
                    raw.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            }
        }
    })
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gehoor"))
}

/// The environment every run gets: its own data folder and home, English,
/// no user config, a plain terminal type.
pub fn command(program: &Path, args: &[&str], data: &Path, home: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home);
    cmd.env("GEHOOR_DATA_DIR", data);
    cmd.env("GEHOOR_CONFIG", "/dev/null");
    cmd.env("LANG", "C.UTF-8");
    cmd.cwd(home);
    cmd
}

impl Tui {
    pub fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn gehoor");
        drop(pair.slave);
        let master_fd = pair.master.as_raw_fd().expect("a unix pty");
        // SAFETY: the master is open for as long as `pair.master` lives;
        // borrowing its number to duplicate it is all this does.
        let master = unsafe { std::os::fd::BorrowedFd::borrow_raw(master_fd) };
        let fd = master.try_clone_to_owned().expect("dup the pty master");
        let writer = std::fs::File::from(master.try_clone_to_owned().expect("dup the pty master"));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop_reader = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader = spawn_reader(fd, screen.clone(), raw.clone(), stop_reader.clone());
        Tui {
            master: Some(pair.master),
            writer: Some(writer),
            child,
            screen,
            raw,
            stop_reader,
            reader: Some(reader),
        }
    }

    /// Type text or key sequences (`"\r"` Enter, `"\x1b"` Esc, `"\t"` Tab).
    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    /// Close the terminal under the program, as closing its window does.
    pub fn hang_up(&mut self) {
        self.stop_reader
            .store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        self.writer = None;
        self.master = None;
    }

    /// Esc, sent alone and followed by a pause so it is not read as the
    /// start of an escape sequence.
    pub fn esc(&mut self) {
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(150));
    }

    /// A key, then a pause for the program to draw it.
    pub fn key(&mut self, keys: &str) {
        self.send(keys);
        std::thread::sleep(Duration::from_millis(120));
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.screen.lock().unwrap().screen())
    }

    /// Wait until the screen shows `needle`; panics with the screen if not.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |s| s.contains(needle))
    }

    pub fn wait_until(&self, what: &str, mut ok: impl FnMut(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.contents();
            if ok(&text) {
                return text;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what:?}; the screen shows:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// The emulated screen takes the new size before the program hears of
    /// it: a redraw that arrived first would be clipped to the old size.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Wait for the program to exit; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        self.wait_exit_within(TIMEOUT)
    }

    pub fn wait_exit_within(&mut self, limit: Duration) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                panic!(
                    "gehoor did not exit; the screen shows:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn signal(&self, sig: &str) {
        signal_pid(self.pid(), sig);
    }

    /// A real SIGKILL: portable-pty's `kill` sends SIGHUP first, which
    /// gehoor handles by saving, and that is not the crash being tested.
    pub fn sigkill(&mut self) {
        signal_pid(self.pid(), "KILL");
        let _ = self.child.wait();
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

pub fn signal_pid(pid: u32, sig: &str) {
    let number = match sig {
        "TERM" => libc::SIGTERM,
        "HUP" => libc::SIGHUP,
        "INT" => libc::SIGINT,
        "KILL" => libc::SIGKILL,
        "WINCH" => libc::SIGWINCH,
        other => panic!("no signal {other}"),
    };
    // SAFETY: kill(2) takes two integers and touches no memory of ours.
    let rc = unsafe { libc::kill(pid as libc::pid_t, number) };
    assert_eq!(rc, 0, "kill -{sig} {pid}");
}

/// The pid of the first child of `parent` (gehoor under `sh -c`).
pub fn child_of(parent: u32) -> Option<u32> {
    let start = Instant::now();
    while start.elapsed() < TIMEOUT {
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // "pid (comm) state ppid ...": comm may hold spaces, so split after ')'.
            let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
                continue;
            };
            let ppid = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok());
            if ppid == Some(parent) {
                return Some(pid);
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// The only session file in `<data>/sessions/`.
pub fn session_file(data: &Path) -> PathBuf {
    let dir = data.join("sessions");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "toml")
                && !p.file_name().unwrap().to_string_lossy().starts_with('.')
        })
        .collect();
    assert_eq!(files.len(), 1, "one session file in {}", dir.display());
    files.into_iter().next().unwrap()
}

pub fn draft_file(session: &Path) -> PathBuf {
    let stem = session.file_stem().unwrap().to_string_lossy().into_owned();
    session.with_file_name(format!(".{stem}.autosave.toml"))
}

pub fn read_session(path: &Path) -> gehoor::notes::Session {
    gehoor::notes::store::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The session note held by the autosave draft, if there is one.
pub fn read_draft_note(session: &Path) -> Option<String> {
    let path = draft_file(session);
    let text = std::fs::read_to_string(&path).ok()?;
    Some(
        gehoor::notes::parse_session(&path, &text)
            .unwrap_or_else(|e| panic!("draft {}: {e}", path.display()))
            .note,
    )
}
