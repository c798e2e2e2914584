//! The interactive session: terminal setup and restore, the event loop, and the effects that
//! need the terminal (suspend, browser, clipboard).

mod backend;
mod effects;
mod outside;
mod term;
mod term_events;
mod watching;

use crate::app::keymap::Keymap;
use crate::app::{Action, App, Effect, Msg};
use crate::load::library::Library;
use crate::theme::Theme;
use anyhow::Result;
use crossterm::event::Event;
use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use term_events::TermEvents;

/// What the reader starts with.
pub struct Launch {
    /// The articles.
    pub library: Library,
    /// The library index to open at once, if any.
    pub open: Option<usize>,
    /// Styles.
    pub theme: Theme,
    /// The most columns a line of article text takes.
    pub measure: u16,
    /// Whether to capture the mouse (wheel and clicks).
    pub mouse: bool,
    /// The key bindings (`Keymap::from_config` applies the config's `[keys]`).
    pub keymap: Keymap,
    /// How the list writes dates (the config's `date_format`).
    pub date_format: String,
    /// Justify paragraphs (the config's `justify`, `--justify`, or the last run's `J`).
    pub justify: bool,
    /// One pane at a time (the config's `zoom`, or the last run's `z`).
    pub zoom: bool,
    /// The list pane's look (the config's `list_*` options, the width the last run's `<`/`>`
    /// left).
    pub list_look: crate::config::list::ListLook,
    /// The state folder and what it remembered of the layout, where the last `z` and `J` are
    /// written at quit; `None` with `--no-state`.
    pub view: Option<(std::path::PathBuf, crate::state::view::View)>,
    /// How pictures are drawn (the config's `pictures`, `BYLINE_PICTURES`), not yet detected.
    pub pictures: crate::pictures::service::Mode,
    /// Read marks, bookmarks and positions (`Store::disabled()` for `--no-state`).
    pub state: crate::state::Store,
    /// The store being opened on a thread (and what opening it said), when there is one to
    /// open: it replaces `state` once it comes, so the first frame does not wait for a big
    /// `state.json`.
    pub state_arriving: Option<std::thread::JoinHandle<(crate::state::Store, Vec<String>)>>,
    /// What opening the state said (a corrupt file moved aside), for the status bar.
    pub state_warnings: Vec<String>,
    /// Folders the library was scanned from: watched, so the list follows their files.
    pub watch: Vec<std::path::PathBuf>,
    /// The whole library to read on a worker, when `library` is the one file opened first.
    pub arriving: Option<crate::app::arrival::Wanted>,
    /// The catalogue of list rows to save once the first frame is drawn (the library's files
    /// changed since it was last saved).
    pub catalogue: Option<crate::load::catalog::Pending>,
    /// The files whose rows came from the catalogue without a stat: stat'ed after that save,
    /// and those that changed are read again as the watcher's are.
    pub recheck: Option<crate::load::catalog::Recheck>,
    /// Where to keep the library's first rows for the next launch's first frame: the cache and
    /// the library's roots. The rows are taken after the first frame (and written after the save).
    pub front: Option<(crate::load::catalog::Cache, Vec<std::path::PathBuf>)>,
    /// Where the library's search index is kept between runs (`None` with `--no-cache`).
    pub index: Option<crate::search::disk::Place>,
}

/// The catalogue's save on a thread of its own, started after the first frame so that frame
/// does not wait for it, and waited for at quit for up to [`SAVE_WAIT`]: a save cut short
/// leaves its temp file or a torn log record, which the next launch ignores (the kill -9
/// harness holds it to that), and that launch reads the changed files again. A first launch's
/// catalogue, made from a full walk after the first frame, can take seconds at 100,000 articles.
struct CatalogueSave {
    pending: Option<crate::load::catalog::Pending>,
    recheck: Option<crate::load::catalog::Recheck>,
    front: Option<(crate::load::catalog::Cache, Vec<std::path::PathBuf>)>,
    done: Option<std::sync::mpsc::Receiver<()>>,
}

/// How long quitting waits for the catalogue's save.
const SAVE_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

impl CatalogueSave {
    /// Starts the save, then the check of the files taken on trust (those that changed go to
    /// the inbox as changed files); a failure is said in the status bar through the inbox.
    /// `library` is the first frame's, whose first rows become the next launch's front page
    /// (a few hundred rows copied: taken here, after that frame, not before it).
    fn start(
        &mut self,
        inbox: std::sync::mpsc::Sender<Msg>,
        library: &crate::load::library::Library,
    ) {
        let front = self.front.take().and_then(|(cache, roots)| {
            crate::load::catalog::front::Page::of(&cache, &roots, library)
        });
        let (pending, recheck) = (self.pending.take(), self.recheck.take());
        if pending.is_none() && recheck.is_none() && front.is_none() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let save = move || {
            crate::app::arrival::keep_after_launch(pending, front, recheck, &inbox);
            let _ = tx.send(());
        };
        self.done = std::thread::Builder::new()
            .name("byline-catalogue".into())
            .spawn(save)
            .ok()
            .map(|_| rx);
    }

    /// Waits for the save to end, for [`SAVE_WAIT`] at most.
    fn finish(self) {
        if let Some(done) = self.done {
            // Ended (a message) or gone (a panic: the sender dropped) both end the wait.
            let _ = done.recv_timeout(SAVE_WAIT);
        }
    }
}

/// The terminal's cell size in pixels, when it tells (TIOCGWINSZ); else 10×20.
fn font_size() -> (u16, u16) {
    match crossterm::terminal::window_size() {
        Ok(w) if w.width > 0 && w.height > 0 && w.columns > 0 && w.rows > 0 => {
            ((w.width / w.columns).max(1), (w.height / w.rows).max(1))
        }
        _ => (10, 20),
    }
}

/// Runs the reader until the user quits; the terminal is restored however it ends.
pub fn run(launch: Launch) -> Result<()> {
    let signals = Signals::default();
    let mut ids = Vec::new();
    // Every signal whose default is to end the process ends the reader the way `q` does, with
    // the marks saved and the terminal restored, then exits 128 + its number as shells expect.
    // SIGINT too: Ctrl-C arrives as a key in raw mode, so only `kill -INT` sends it.
    for sig in TERMINATING {
        ids.push(signal_hook::flag::register_usize(
            sig,
            signals.ended_by.clone(),
            sig as usize,
        )?);
    }
    // A stop from outside (`kill -TSTP`, a terminal's job control) gives the terminal back first.
    for sig in [
        signal_hook::consts::SIGTSTP,
        signal_hook::consts::SIGTTIN,
        signal_hook::consts::SIGTTOU,
    ] {
        ids.push(signal_hook::flag::register(sig, signals.stop.clone())?);
    }
    // After a stop the reader could not see (SIGSTOP), SIGCONT takes the terminal again.
    ids.push(signal_hook::flag::register(
        signal_hook::consts::SIGCONT,
        signals.resumed.clone(),
    )?);
    term::install_panic_hook(launch.mouse);
    let mut app = App::new(launch.library, launch.theme, launch.measure);
    app.keymap = launch.keymap;
    app.date_format = launch.date_format;
    app.justify = launch.justify;
    app.list_look = launch.list_look.clone();
    app.hyperlinks = hyperlinks_wanted(
        std::env::var("BYLINE_HYPERLINKS").ok().as_deref(),
        std::env::var("TERM").ok().as_deref(),
    );
    app.set_zoom(launch.zoom);
    app.index_place = launch.index;
    // The worker reports into the inbox once the whole library is read.
    if let Some(wanted) = launch.arriving {
        app.read_library_in_background(wanted);
    }
    // The hint names the key the user's table binds.
    app.greet();
    // The marks of the rows on screen are read once the size is known, the rest right after
    // the first frame.
    match launch.state_arriving {
        Some(opening) => app.attach_store_arriving(opening),
        None => app.attach_store_lazily(launch.state),
    }
    // Saves run on a worker: a held lock or a slow disk never stops the keys.
    app.save_in_background();
    // Adding watches to every folder of a big library takes a while: a worker does it while the
    // first frame is prepared, and sends the changes into the inbox from then on.
    watching::start(launch.watch, app.sender());
    let mut guard = term::Session::enter(launch.mouse)?;
    let events = TermEvents::start(app.sender())?;
    refresh_size(&mut app, &guard)?;
    let pictures = launch.pictures.detect(&|k| std::env::var(k).ok());
    if pictures != crate::pictures::service::Mode::Off {
        app.show_pictures(pictures, font_size());
    }
    app.start(launch.open);
    app.sync_marks_on_screen();
    if !launch.state_warnings.is_empty() {
        app.update(Msg::Failed(launch.state_warnings.join("; ")));
    }
    let mut save = CatalogueSave {
        pending: launch.catalogue,
        recheck: launch.recheck,
        front: launch.front,
        done: None,
    };
    let result = event_loop(&mut app, &mut guard, &events, &signals, &mut save);
    // Quit, a signal or an error: the marks are saved however the loop ended, and first, before
    // anything is written to a terminal that may be gone.
    let saved = app.flush_state();
    if let Some((dir, view)) = &launch.view {
        let remembered = view
            .after_run((launch.zoom, launch.justify), (app.zoom(), app.justify))
            .with_list_width(launch.list_look.width, app.list_look.width);
        if remembered != *view {
            // Losing a layout toggle is not worth a complaint on the way out.
            let _ = remembered.save(dir);
        }
    }
    drop(events);
    drop(guard);
    save.finish();
    if let Err(e) = saved {
        // Never `eprintln!`: on a dead terminal it panics, unwinding past everything.
        let _ = writeln!(std::io::stderr(), "byline: {e:#}");
    }
    // The signals do their usual work again once the reader is gone.
    for id in ids {
        signal_hook::low_level::unregister(id);
    }
    let mut sig = signals.ended_by.load(Ordering::Relaxed);
    if sig == 0
        && let Err(e) = &result
        && terminal_gone(e)
    {
        // The terminal went away with no SIGHUP reaching the reader (its parent ignored it):
        // the same end as the hangup signal's, marks saved, status 129. The line reaches a
        // stderr sent elsewhere (`2>log`); on the dead terminal it is lost, never a panic.
        let _ = writeln!(std::io::stderr(), "byline: {e:#}");
        sig = signal_hook::consts::SIGHUP as usize;
    }
    if sig != 0 {
        // The terminal is back and the marks are saved: exit as a shell expects of a process
        // that a signal ended (143 for SIGTERM, 129 for SIGHUP, 130 for SIGINT).
        std::process::exit(128 + i32::try_from(sig).unwrap_or(0));
    }
    result
}

/// The terminal's events stopped: it is gone (a closed tab, a dropped SSH link).
#[derive(Debug)]
struct TerminalGone(String);

impl std::fmt::Display for TerminalGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "reading the terminal: {}", self.0)
    }
}

impl std::error::Error for TerminalGone {}

/// Whether the loop ended because its terminal went away: reading it failed, or writing a frame
/// failed on a terminal that no longer answers as one (a hung-up pty fails every ioctl).
fn terminal_gone(e: &anyhow::Error) -> bool {
    use std::io::IsTerminal as _;
    e.downcast_ref::<TerminalGone>().is_some() || !std::io::stdout().is_terminal()
}

/// The signals whose default action ends the process, each handled as a request to quit.
const TERMINATING: [std::ffi::c_int; 9] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGUSR1,
    signal_hook::consts::SIGUSR2,
    signal_hook::consts::SIGALRM,
    signal_hook::consts::SIGVTALRM,
    signal_hook::consts::SIGPROF,
];

/// What the signal handlers have said since the loop last looked.
#[derive(Default)]
struct Signals {
    /// The number of the signal that ended the reader, 0 while none has.
    ended_by: Arc<AtomicUsize>,
    /// A stop signal came from outside.
    stop: Arc<AtomicBool>,
    /// The process was continued.
    resumed: Arc<AtomicBool>,
}

/// The loop: draw, wait for a message (a terminal event or a worker's news), hand it and every
/// message already waiting to `update`, carry out the effects they return.
fn event_loop(
    app: &mut App,
    session: &mut term::Session,
    events: &TermEvents,
    signals: &Signals,
    save: &mut CatalogueSave,
) -> Result<()> {
    let mut first_frame = true;
    let mut draw = true;
    loop {
        if draw {
            session.terminal.draw(|f| crate::ui::render(app, f))?;
        }
        if first_frame {
            // Library-sized work starts once the first frame is on screen.
            first_frame = false;
            app.update(Msg::FirstFrame);
            save.start(app.sender(), &app.library);
            continue;
        }
        if signals.stop.swap(false, Ordering::Relaxed) {
            // As Ctrl-Z does: marks saved, terminal given back, then stopped.
            signals.resumed.store(false, Ordering::Relaxed);
            perform(app, session, events, Effect::Suspend)?;
            signals.resumed.store(false, Ordering::Relaxed);
            draw = true;
            continue;
        }
        if signals.resumed.swap(false, Ordering::Relaxed) {
            // Stopped by a signal the reader could not see: the shell may have changed the
            // terminal meanwhile, so take it again and draw everything.
            session.outside(|| ())?;
            refresh_size(app, session)?;
            draw = true;
            continue;
        }
        let Some(first) = wait(app, &signals.ended_by) else {
            return Ok(());
        };
        // Take every message already waiting before the next frame, so held keys and resize
        // storms never queue frames. Of a run of resizes only the last is applied: each one
        // lays the article out again, and the sizes in between are never drawn.
        let mut batch = vec![first];
        while let Some(m) = app.next_message(Some(Duration::ZERO)) {
            batch.push(m);
        }
        let last_resize = batch.iter().rposition(is_resize);
        draw = false;
        for (i, msg) in batch.into_iter().enumerate() {
            if is_resize(&msg) && Some(i) != last_resize {
                continue;
            }
            match handle(app, session, events, msg)? {
                Some(changed) => draw |= changed,
                None => return Ok(()),
            }
        }
        // A preview that takes no longer than this is drawn in the next frame instead of its
        // placeholder; a longer one is drawn when it comes, and keys go on meanwhile. Whatever
        // comes in the meantime (a key too) is handled as any message is.
        if app.preview_pending()
            && let Some(m) = app.next_message(Some(PREVIEW_GRACE))
        {
            match handle(app, session, events, m)? {
                Some(changed) => draw |= changed,
                None => return Ok(()),
            }
        }
    }
}

/// Hands `msg` to `update` and carries out the effect; `None` when byline should quit, else
/// whether the screen changed.
fn handle(
    app: &mut App,
    session: &mut term::Session,
    events: &TermEvents,
    msg: Msg,
) -> Result<Option<bool>> {
    if let Msg::TerminalLost(e) = msg {
        return Err(TerminalGone(e).into());
    }
    let key = matches!(msg, Msg::Terminal(_));
    let effect = app.update(msg);
    let mut changed = effect != Effect::Quiet;
    if !perform(app, session, events, effect)? {
        return Ok(None);
    }
    if key {
        // Keys that keep coming never leave the loop idle: a save may come due.
        changed |= app.update(Msg::Tick(Instant::now())) != Effect::Quiet;
    }
    Ok(Some(changed))
}

/// Whether `msg` is a terminal resize.
fn is_resize(msg: &Msg) -> bool {
    matches!(msg, Msg::Terminal(Event::Resize(..)))
}

/// How long the loop waits for a message before a tick: the longest a termination signal or a
/// due save waits.
const IDLE_TICK: Duration = Duration::from_millis(250);

/// How long the loop, having handled a key, waits for the preview it asked for before drawing:
/// a short article's page (a millisecond or two) comes in time for the frame, so moving through
/// the list does not flash the placeholder; a long article's never holds the frame up for more.
const PREVIEW_GRACE: Duration = Duration::from_millis(5);

/// Waits for the next message; a tick when none comes for a while. `None` when a termination
/// signal came.
fn wait(app: &App, ended_by: &AtomicUsize) -> Option<Msg> {
    if ended_by.load(Ordering::Relaxed) != 0 {
        return None;
    }
    let msg = app
        .next_message(Some(IDLE_TICK))
        .unwrap_or_else(|| Msg::Tick(Instant::now()));
    (ended_by.load(Ordering::Relaxed) == 0).then_some(msg)
}

/// Carries out what an update asked of the terminal; false when byline should quit.
fn perform(
    app: &mut App,
    session: &mut term::Session,
    events: &TermEvents,
    effect: Effect,
) -> Result<bool> {
    match effect {
        Effect::None | Effect::Quiet => {}
        Effect::Quit => return Ok(false),
        Effect::Suspend => {
            app.update(Msg::Leaving);
            // The shell reads the terminal meanwhile: the reader must not take its keys.
            events.pause();
            let suspended = session.suspend();
            events.resume();
            suspended?;
            refresh_size(app, session)?;
        }
        Effect::OpenUrl(url) => {
            events.pause();
            let msg = session.outside(|| effects::open_url(&url));
            events.resume();
            let msg = msg?;
            if let Err(e) = msg {
                app.update(Msg::Failed(format!("{e:#}")));
            }
            refresh_size(app, session)?;
        }
        Effect::Copy(text) => copy(app, &text)?,
        Effect::CopyText(article) => {
            let text = outside::article_text(&article.0, app.measure());
            let title = crate::sanitize::clean_line(&article.0.header.title);
            app.say(format!("copied the text of {title}"));
            copy(app, &text)?;
        }
        Effect::Pipe { command, article } => {
            let text = outside::article_text(&article.0, app.measure());
            run_outside(app, session, events, || outside::pipe(&command, &text))?;
        }
        Effect::Page(article) => {
            let text = outside::article_text(&article.0, app.measure());
            run_outside(app, session, events, || outside::page(&text))?;
        }
        Effect::Edit(path) => run_outside(app, session, events, || outside::edit(&path))?,
        Effect::Save { path, article } => match outside::save(&path, &article.0, app.measure()) {
            Ok(msg) => app.say(crate::sanitize::clean_line(&msg)),
            Err(e) => app.complain(crate::sanitize::clean_line(&format!("{e:#}"))),
        },
    }
    Ok(true)
}

/// Tells the model the terminal's size, which may have changed while byline was away from it.
fn refresh_size(app: &mut App, session: &term::Session) -> Result<()> {
    let size = session.terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    Ok(())
}

/// Puts `text` on the clipboard: OSC 52 to the terminal, and a clipboard program when one is
/// present (tmux drops OSC 52 unless told to pass it on); the status bar says which.
fn copy(app: &mut App, text: &str) -> Result<()> {
    effects::osc52_copy(text)?;
    copy_note(app, text);
    Ok(())
}

/// Adds how the copy was made to the status message.
fn copy_note(app: &mut App, text: &str) {
    let how = match outside::copy_with_program(text) {
        Some(program) => format!(" (with {program})"),
        None => " (OSC 52 only: if nothing arrives, install wl-copy or xclip, or let the \
                 terminal or tmux take OSC 52)"
            .to_string(),
    };
    let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
    app.say(format!("{said}{how}"));
}

/// Runs `f` with the terminal given back, then takes it again and reports its result.
fn run_outside(
    app: &mut App,
    session: &mut term::Session,
    events: &TermEvents,
    f: impl FnOnce() -> Result<String>,
) -> Result<()> {
    // The program reads the terminal meanwhile: the reader must not take its keys.
    events.pause();
    let out = session.outside(f);
    events.resume();
    match out? {
        Ok(msg) if msg.is_empty() => {}
        Ok(msg) => app.say(crate::sanitize::clean_line(&msg)),
        Err(e) => app.complain(crate::sanitize::clean_line(&format!("{e:#}"))),
    }
    refresh_size(app, session)
}

/// Whether links are drawn as OSC 8 hyperlinks: yes, unless `BYLINE_HYPERLINKS` says `0`/`off`/
/// `no`, or the terminal is the Linux console or a dumb one (which would show the sequences).
/// Terminals that know nothing of OSC 8 ignore it.
fn hyperlinks_wanted(setting: Option<&str>, term: Option<&str>) -> bool {
    match setting.map(str::trim) {
        Some(v) if ["0", "off", "no", "false"].contains(&v.to_ascii_lowercase().as_str()) => false,
        Some(v) if ["1", "on", "yes", "true"].contains(&v.to_ascii_lowercase().as_str()) => true,
        _ => !matches!(term, Some("linux" | "dumb")),
    }
}

#[cfg(test)]
mod hyperlink_tests {
    use super::hyperlinks_wanted;

    #[test]
    fn hyperlinks_are_on_unless_turned_off_or_the_console_cannot() {
        assert!(hyperlinks_wanted(None, Some("xterm-256color")));
        assert!(hyperlinks_wanted(None, None));
        assert!(!hyperlinks_wanted(Some("0"), Some("xterm-256color")));
        assert!(!hyperlinks_wanted(Some("Off"), None));
        assert!(!hyperlinks_wanted(None, Some("linux")));
        assert!(!hyperlinks_wanted(None, Some("dumb")));
        assert!(hyperlinks_wanted(Some("on"), Some("linux")));
    }
}
