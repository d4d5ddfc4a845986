//! Runs the layout engine on a worker thread, or inline (tests), behind one handle.
//!
//! The worker owns the engine, takes requests over a bounded channel, publishes positions
//! into a shared snapshot and calls `wake` (the app's repaint request) after each batch. When
//! the layout settles or is paused, the worker blocks on its channel: no CPU is used.

use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TryRecvError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{LayoutEngine, LayoutParams, LayoutStatus};

/// What the app asks of the layout.
pub enum Request {
    /// A new engine (new network, reload or restart); `epoch` tags what it publishes.
    Replace(Box<LayoutEngine>, u64),
    /// Drag node `i` to a position and pin it.
    DragTo(usize, [f32; 2]),
    /// Pin or unpin node `i`.
    SetPinned(usize, bool),
    /// Put node `i` somewhere (undo of a move) with this pin state.
    Place(usize, [f32; 2], bool),
    /// Unpin everyone.
    UnpinAll,
    /// New slider values.
    SetParams(LayoutParams),
    /// Pause (true) or resume (false).
    SetPaused(bool),
    /// Warm the layout up again.
    Reheat(f32),
    /// Stop the thread.
    Shutdown,
}

/// The latest published state of the layout.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// Which engine this came from (see [`Request::Replace`]).
    pub epoch: u64,
    /// Bumped on every publish.
    pub generation: u64,
    /// Positions by dense index.
    pub positions: Vec<[f32; 2]>,
    /// Pinned flags by dense index.
    pub pinned: Vec<bool>,
    /// Running or settled.
    pub status: LayoutStatus,
    /// Whether the user paused it.
    pub paused: bool,
    /// Steps taken.
    pub steps: u64,
}

impl Default for Snapshot {
    fn default() -> Self {
        Self {
            epoch: 0,
            generation: 0,
            positions: Vec::new(),
            pinned: Vec::new(),
            status: LayoutStatus::Settled,
            paused: false,
            steps: 0,
        }
    }
}

/// How the worker paces a small layout so people see it move: at most this many steps per
/// frame of [`FRAME`]. Large layouts take longer than a frame per step anyway.
const STEPS_PER_FRAME: u32 = 4;
const FRAME: Duration = Duration::from_millis(16);

struct State {
    engine: Option<LayoutEngine>,
    epoch: u64,
    paused: bool,
}

impl State {
    fn running(&self) -> bool {
        !self.paused && self.engine.as_ref().is_some_and(|e| e.status() == LayoutStatus::Running)
    }

    /// Applies a request; false means shut down.
    fn apply(&mut self, request: Request) -> bool {
        match request {
            Request::Replace(engine, epoch) => {
                self.engine = Some(*engine);
                self.epoch = epoch;
            }
            Request::DragTo(i, p) => {
                if let Some(e) = &mut self.engine {
                    e.drag_to(i, p);
                }
            }
            Request::SetPinned(i, pinned) => {
                if let Some(e) = &mut self.engine {
                    e.set_pinned(i, pinned);
                }
            }
            Request::Place(i, p, pinned) => {
                if let Some(e) = &mut self.engine {
                    e.put(i, p, pinned);
                }
            }
            Request::UnpinAll => {
                if let Some(e) = &mut self.engine {
                    e.unpin_all();
                }
            }
            Request::SetParams(params) => {
                if let Some(e) = &mut self.engine {
                    e.set_params(params);
                }
            }
            Request::SetPaused(paused) => self.paused = paused,
            Request::Reheat(fraction) => {
                if let Some(e) = &mut self.engine {
                    e.reheat(fraction);
                }
            }
            Request::Shutdown => return false,
        }
        true
    }

    fn publish(&self, into: &mut Snapshot) {
        into.epoch = self.epoch;
        into.paused = self.paused;
        match &self.engine {
            Some(e) => {
                e.write_positions(&mut into.positions);
                into.pinned.clear();
                into.pinned.extend((0..e.len()).map(|i| e.pinned(i)));
                into.status = e.status();
                into.steps = e.steps();
            }
            None => {
                into.positions.clear();
                into.pinned.clear();
                into.status = LayoutStatus::Settled;
                into.steps = 0;
            }
        }
    }
}

enum Mode {
    Inline(Box<State>),
    Threaded { tx: SyncSender<Request>, shared: Arc<Mutex<Snapshot>>, thread: Option<JoinHandle<()>> },
}

/// The app's handle on the layout, threaded or inline.
pub struct LayoutHandle {
    mode: Mode,
    epoch: u64,
    latest: Snapshot,
}

impl LayoutHandle {
    /// Steps the layout inside [`Self::poll`] on the caller's thread (tests, tiny tools).
    pub fn inline() -> Self {
        Self {
            mode: Mode::Inline(Box::new(State { engine: None, epoch: 0, paused: false })),
            epoch: 0,
            latest: Snapshot::default(),
        }
    }

    /// Runs the layout on a worker thread named "layout". `wake` is called after each publish.
    /// Falls back to inline stepping if the thread cannot be started.
    pub fn threaded(wake: impl Fn() + Send + 'static) -> Self {
        let (tx, rx) = sync_channel::<Request>(256);
        let shared = Arc::new(Mutex::new(Snapshot::default()));
        let worker_shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("layout".into())
            .spawn(move || worker_loop(&rx, &worker_shared, &wake));
        match spawned {
            Ok(thread) => Self {
                mode: Mode::Threaded { tx, shared, thread: Some(thread) },
                epoch: 0,
                latest: Snapshot::default(),
            },
            Err(err) => {
                log::error!("cannot start the layout thread, stepping inline: {err}");
                Self::inline()
            }
        }
    }

    /// Whether this handle steps on the caller's thread.
    pub fn is_inline(&self) -> bool {
        matches!(self.mode, Mode::Inline(_))
    }

    fn send(&mut self, request: Request) {
        match &mut self.mode {
            Mode::Inline(state) => {
                state.apply(request);
                state.publish(&mut self.latest);
                self.latest.generation += 1;
            }
            Mode::Threaded { tx, .. } => {
                // A full channel only happens if the worker is stuck; dropping a drag is harmless.
                if tx.try_send(request).is_err() {
                    log::warn!("layout worker is busy; request dropped");
                }
            }
        }
    }

    /// Starts laying out a new engine. Positions of the old one are no longer reported.
    pub fn replace(&mut self, engine: LayoutEngine) {
        self.epoch += 1;
        // Show the start positions at once, before the worker publishes.
        engine.write_positions(&mut self.latest.positions);
        self.latest.pinned = (0..engine.len()).map(|i| engine.pinned(i)).collect();
        self.latest.status = engine.status();
        self.latest.steps = engine.steps();
        self.latest.epoch = self.epoch;
        let epoch = self.epoch;
        self.send(Request::Replace(Box::new(engine), epoch));
    }

    /// Drags node `i` to `p` and pins it.
    pub fn drag_to(&mut self, i: usize, p: [f32; 2]) {
        // Move it locally too, so the drag follows the cursor without waiting for the worker.
        if let Some(slot) = self.latest.positions.get_mut(i) {
            *slot = p;
        }
        if let Some(slot) = self.latest.pinned.get_mut(i) {
            *slot = true;
        }
        self.send(Request::DragTo(i, p));
    }

    /// Pins or unpins node `i`.
    pub fn set_pinned(&mut self, i: usize, pinned: bool) {
        if let Some(slot) = self.latest.pinned.get_mut(i) {
            *slot = pinned;
        }
        self.send(Request::SetPinned(i, pinned));
    }

    /// Puts node `i` at `p` with a pin state (undoing a move).
    pub fn place(&mut self, i: usize, p: [f32; 2], pinned: bool) {
        if let Some(slot) = self.latest.positions.get_mut(i) {
            *slot = p;
        }
        if let Some(slot) = self.latest.pinned.get_mut(i) {
            *slot = pinned;
        }
        self.send(Request::Place(i, p, pinned));
    }

    /// Unpins everyone.
    pub fn unpin_all(&mut self) {
        self.latest.pinned.iter_mut().for_each(|p| *p = false);
        self.send(Request::UnpinAll);
    }

    /// New slider values.
    pub fn set_params(&mut self, params: LayoutParams) {
        self.send(Request::SetParams(params));
    }

    /// Pauses or resumes.
    pub fn set_paused(&mut self, paused: bool) {
        self.latest.paused = paused;
        self.send(Request::SetPaused(paused));
    }

    /// Warms the layout up again.
    pub fn reheat(&mut self, fraction: f32) {
        self.send(Request::Reheat(fraction));
    }

    /// Takes in new positions: inline, steps for up to `budget`; threaded, copies the worker's
    /// latest snapshot. Returns true when positions or status changed.
    pub fn poll(&mut self, budget: Duration) -> bool {
        match &mut self.mode {
            Mode::Inline(state) => {
                if !state.running() {
                    return false;
                }
                // Same pacing as the worker: a few steps per frame, so it animates.
                if let Some(e) = &mut state.engine {
                    let start = Instant::now();
                    for _ in 0..STEPS_PER_FRAME {
                        if e.step() == LayoutStatus::Settled || start.elapsed() >= budget {
                            break;
                        }
                    }
                }
                state.publish(&mut self.latest);
                self.latest.generation += 1;
                true
            }
            Mode::Threaded { shared, .. } => {
                let Ok(snapshot) = shared.lock() else { return false };
                if snapshot.epoch != self.epoch || snapshot.generation == self.latest.generation {
                    return false;
                }
                self.latest.generation = snapshot.generation;
                self.latest.positions.clone_from(&snapshot.positions);
                self.latest.pinned.clone_from(&snapshot.pinned);
                self.latest.status = snapshot.status;
                self.latest.paused = snapshot.paused;
                self.latest.steps = snapshot.steps;
                true
            }
        }
    }

    /// The latest positions, status and pins.
    pub fn snapshot(&self) -> &Snapshot {
        &self.latest
    }

    /// Whether something still moves (running and not paused).
    pub fn is_moving(&self) -> bool {
        self.latest.status == LayoutStatus::Running && !self.latest.paused
    }
}

impl Drop for LayoutHandle {
    fn drop(&mut self) {
        if let Mode::Threaded { tx, thread, .. } = &mut self.mode {
            tx.try_send(Request::Shutdown).ok();
            if let Some(t) = thread.take() {
                t.join().ok();
            }
        }
    }
}

fn worker_loop(rx: &Receiver<Request>, shared: &Mutex<Snapshot>, wake: &dyn Fn()) {
    let mut state = State { engine: None, epoch: 0, paused: false };
    let mut scratch = Snapshot::default();
    let mut generation = 0u64;
    loop {
        // Idle: block until asked for something (0% CPU while settled or paused).
        if !state.running() {
            let Ok(request) = rx.recv() else { return };
            if !state.apply(request) {
                return;
            }
        }
        // Take everything that is waiting.
        loop {
            match rx.try_recv() {
                Ok(request) => {
                    if !state.apply(request) {
                        return;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        let frame_start = Instant::now();
        if state.running()
            && let Some(engine) = &mut state.engine
        {
            for _ in 0..STEPS_PER_FRAME {
                if engine.step() == LayoutStatus::Settled || frame_start.elapsed() >= FRAME {
                    break;
                }
            }
        }
        state.publish(&mut scratch);
        generation += 1;
        scratch.generation = generation;
        if let Ok(mut snapshot) = shared.lock() {
            std::mem::swap(&mut *snapshot, &mut scratch);
        }
        wake();
        // Pace small layouts to the frame rate, but wake at once for a request (a drag).
        if state.running() {
            let left = FRAME.saturating_sub(frame_start.elapsed());
            if !left.is_zero() {
                match rx.recv_timeout(left) {
                    Ok(request) => {
                        if !state.apply(request) {
                            return;
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutGraph;

    fn engine() -> LayoutEngine {
        let g = LayoutGraph {
            keys: (0..30).map(|i| format!("p{i}")).collect(),
            edges: (0..29).map(|i| (i, i + 1, 1.0)).collect(),
            radii: Vec::new(),
            rooms: Vec::new(),
        };
        LayoutEngine::new(&g, 1, &[], LayoutParams::default())
    }

    #[test]
    fn threaded_worker_settles_and_publishes() {
        let mut h = LayoutHandle::threaded(|| {});
        h.replace(engine());
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            h.poll(Duration::ZERO);
            if h.snapshot().status == LayoutStatus::Settled && h.snapshot().steps > 0 {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(h.snapshot().status, LayoutStatus::Settled);
        assert_eq!(h.snapshot().positions.len(), 30);
        // Same picture as stepping inline with the same seed.
        let mut inline = engine();
        inline.run_to_settle(10_000);
        assert_eq!(h.snapshot().positions, inline.positions());
    }

    #[test]
    fn inline_pause_and_resume() {
        let mut h = LayoutHandle::inline();
        h.replace(engine());
        h.set_paused(true);
        assert!(!h.poll(Duration::from_millis(5)));
        assert_eq!(h.snapshot().steps, 0);
        h.set_paused(false);
        assert!(h.poll(Duration::from_millis(1)));
        assert!(h.snapshot().steps > 0);
    }
}
