//! Re-taking a lock a test just dropped. Every process another test spawns
//! (the CLI, the crash harness) briefly holds a copy of every open file of
//! this process, a released lock included, until it execs; under load that
//! window is long enough to refuse the next opener. gehoor itself spawns
//! nothing while it holds a lock, so only tests wait for it to pass.

use std::time::{Duration, Instant};

use gehoor::Error;
use gehoor::notes::{Session, Store, WriteHandle};

pub fn open_for_write(store: &Store, id: uuid::Uuid) -> (Session, WriteHandle) {
    let start = Instant::now();
    loop {
        match store.open_for_write(id) {
            Ok(opened) => return opened,
            Err(Error::SessionLocked { .. }) if start.elapsed() < Duration::from_secs(5) => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("open {id} for writing: {e:?}"),
        }
    }
}
