//! The monkey test: random clicks, keys, drags, typing and file drops on the real app.
//! Nothing may panic, and the derived data must stay consistent with the data after every
//! step. MONKEY_STEPS sets how many steps (default 1500); MONKEY_SEED the seed.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::common;

use common::Dropped;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use peel_explorer::core::sort::sort_rows;
use peel_explorer::gui::files::FileDialogs;
use peel_explorer::gui::{AppState, PeelApp};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Dialogs that answer with whatever the monkey last put there.
struct Monkeyish {
    open: Mutex<Option<Vec<PathBuf>>>,
    save: Mutex<Option<PathBuf>>,
}

impl FileDialogs for Monkeyish {
    fn pick_csv(&self) -> Option<Vec<PathBuf>> {
        self.open.lock().ok()?.clone()
    }
    fn save(&self, _: &str, _: &str) -> Option<PathBuf> {
        self.save.lock().ok()?.clone()
    }
}

/// What must always hold.
fn check(h: &Harness<'_, PeelApp>, step: usize) {
    let state = &h.state().state;
    let derived = state.cached();
    let n = state.data.forces().len();
    let mut seen = vec![false; n];
    for &f in &derived.rows {
        assert!(f < n, "step {step}: row {f} out of range");
        assert!(!seen[f], "step {step}: row {f} twice");
        seen[f] = true;
    }
    assert_eq!(derived.shown.len(), n, "step {step}");
    for (f, shown) in derived.shown.iter().enumerate() {
        assert_eq!(*shown, seen[f], "step {step}: force {f} shown {shown}");
    }
    assert_eq!(derived.movements.len(), n, "step {step}");
    assert!(
        derived
            .periods
            .iter()
            .all(|&p| p.get() < state.data.periods().len())
    );
    // Figure 7's area, built in and alone, grades all 43 forces (other areas of the record
    // may grade fewer: the picker lets the monkey choose them).
    let builtin_area = state.data.area() == peel_explorer::core::area::BUILTIN_AREA;
    if state.settings.builtin && state.files.is_empty() && builtin_area {
        let forces = state.data.forces().iter().filter(|f| f.is_force()).count();
        assert_eq!(forces, 43, "step {step}: Figure 7's area has the 43 forces");
    }
    // The rows shown are what the filter and the sort give on the data now: a change
    // that failed to mark the cache stale shows up here.
    let filter = &state.settings.filter;
    let periods = filter.period_indices(&state.data);
    let movements: Vec<_> = (0..n)
        .map(|f| filter.movement(&state.data, f, &periods))
        .collect();
    let mut expected = filter.apply(&state.data);
    sort_rows(
        &state.data,
        &movements,
        state.settings.sort,
        filter.rocu_membership,
        &periods,
        &mut expected,
    );
    assert_eq!(
        derived.rows, expected,
        "step {step}: rows differ from a fresh filter"
    );
    assert_eq!(derived.periods, periods, "step {step}");
    // The profile is the focused force's.
    let focus = state
        .selection
        .focus()
        .and_then(|name| state.data.find_force(name));
    assert_eq!(derived.focus, focus, "step {step}: focus");
    assert_eq!(
        derived.profile.as_ref().map(|p| p.force),
        focus,
        "step {step}"
    );
}

/// A number from the environment, or the default.
fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_use_never_breaks_the_app() {
    let steps: usize = env_or("MONKEY_STEPS", 1500);
    let seed: u64 = env_or("MONKEY_SEED", 0x5EED_CAFE);
    let mut rng = Rng(seed | 1);

    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "force,year,grade\nKent,2018/19,Good\nGwent,2018/19,RI\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "force,2016\nKent,Gud\n").unwrap();
    let conflict = dir.path().join("conflict.csv");
    std::fs::write(&conflict, "force,2016\nKent,Inadequate\n").unwrap();
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, (0..=255u8).cycle().take(3000).collect::<Vec<_>>()).unwrap();
    let files = [good, bad, conflict, junk, dir.path().join("missing.csv")];

    let dialogs = Arc::new(Monkeyish {
        open: Mutex::new(None),
        save: Mutex::new(None),
    });
    let double = Arc::clone(&dialogs);
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |_cc| PeelApp::with_dialogs(AppState::default(), double));
    h.run_steps(3);

    let clickable = [
        Role::Button,
        Role::CheckBox,
        Role::RadioButton,
        Role::ComboBox,
        Role::Slider,
        Role::TextInput,
        Role::Label,
    ];
    let keys = [
        egui::Key::ArrowDown,
        egui::Key::ArrowUp,
        egui::Key::PageDown,
        egui::Key::Enter,
        egui::Key::Escape,
        egui::Key::Tab,
        egui::Key::ArrowLeft,
        egui::Key::ArrowRight,
    ];
    for step in 0..steps {
        match rng.below(10) {
            0..=4 => {
                let role = clickable[rng.below(clickable.len())];
                let count = h.query_all_by_role(role).count();
                if count > 0 {
                    let i = rng.below(count);
                    if let Some(node) = h.query_all_by_role(role).nth(i) {
                        node.click();
                    }
                }
            }
            5 => h.key_press(keys[rng.below(keys.len())]),
            6 => {
                let pick =
                    |rng: &mut Rng| egui::pos2(rng.below(1366) as f32, rng.below(768) as f32);
                let (from, to) = (pick(&mut rng), pick(&mut rng));
                h.drag_at(from);
                h.hover_at(to);
                h.drop_at(to);
            }
            7 => {
                let file = files[rng.below(files.len())].clone();
                h.input_mut().dropped_files.push(Arc::new(Dropped(file)));
            }
            8 => {
                // What the next dialog answers: nothing, a file, or a place to save.
                let file = files[rng.below(files.len())].clone();
                *dialogs.open.lock().unwrap() = (rng.below(2) == 0).then(|| vec![file]);
                *dialogs.save.lock().unwrap() = (rng.below(2) == 0)
                    .then(|| dir.path().join(format!("out{}.csv", rng.below(3))));
            }
            _ => {
                let focused = h
                    .get_all_by_role(Role::TextInput)
                    .find(|n| n.is_focused())
                    .is_some();
                if focused {
                    let words = ["york", "Kent", "zz", "", "/nowhere.csv", "Wales"];
                    if let Some(node) = h
                        .query_all_by_role(Role::TextInput)
                        .find(|n| n.is_focused())
                    {
                        node.type_text(words[rng.below(words.len())]);
                    }
                } else {
                    h.key_press(egui::Key::Enter);
                }
            }
        }
        h.run_steps(2);
        check(&h, step);
    }
    // Settle background jobs, then check once more.
    common::wait_for(&mut h, |h| !h.state().state.busy);
    check(&h, steps);
}
