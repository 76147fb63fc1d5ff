//! Re-taking a lock a test just dropped. Every process another test spawns
//! (the CLI, the crash harness) briefly holds a copy of every open file of
//! this process, a released lock included, until it execs; under load that
//! window is long enough to refuse the next opener. gehoor itself spawns
//! nothing while it holds a lock, so only tests wait for it to pass.

use std::time::{Duration, Instant};

use gehoor::Error;
use gehoor::notes::{Session, Store, WriteHandle};

pub fn open_for_write(store: &Store, id: uuid::Uuid) -> (Session, WriteHandle) {
    retry(|| store.open_for_write(id)).unwrap_or_else(|e| panic!("open {id} for writing: {e:?}"))
}

/// `f` again while it fails only because the lock is still held, for up to
/// five seconds; any other outcome is returned as it is.
pub fn retry<T>(mut f: impl FnMut() -> Result<T, Error>) -> Result<T, Error> {
    let start = Instant::now();
    loop {
        match f() {
            Err(Error::SessionLocked { .. }) if start.elapsed() < Duration::from_secs(5) => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}
