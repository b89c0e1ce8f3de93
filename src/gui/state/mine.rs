//! My grades in the window: the form that adds or corrects a grade, the user's own file in
//! the app's data folder (read at every start, written at every change, atomically), the
//! last change undoable, and a file that cannot be read kept as it is and not written over
//! until the user chooses. Applied here, by [`AppState::apply`], the one place state
//! changes.

use std::path::PathBuf;

use super::{Action, AppState};
use crate::core::my_grades::{self, MyGrade, MyGrades};
use crate::core::{Cell, Period, Source};

/// The user's own grades and what the window knows of them.
#[derive(Clone, Debug, Default)]
pub struct Mine {
    pub grades: MyGrades,
    /// The grades as a source merged beside the record.
    pub(super) source: Option<Source>,
    /// Where they are kept (none in the browser, which keeps them in the page's storage,
    /// nor in a window with no data folder).
    pub path: Option<PathBuf>,
    /// The kept file could not be read: what was wrong. It is left as it is and not
    /// written over until the user chooses to start afresh.
    pub unreadable: Option<String>,
    /// My grades before the last change.
    pub undo: Option<MyGrades>,
    /// The form, while it is open.
    pub form: Option<GradeForm>,
}

/// The form that adds a grade to My grades or corrects one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradeForm {
    pub unit: String,
    pub area: String,
    pub period: Period,
    pub grade: Option<Cell>,
    pub carried_over: bool,
    pub source: String,
    pub note: String,
    /// Why the last Save was refused.
    pub error: Option<String>,
    /// Correcting a grade (the record's or the user's own), not filling a gap.
    pub correcting: bool,
    /// The user already has a grade here (it can be removed).
    pub mine: bool,
}

/// A change to My grades or its form.
#[derive(Clone, Debug, PartialEq)]
pub enum MineAction {
    /// Open the form on a force (by name), area and period.
    Open {
        force: String,
        area: String,
        period: Period,
    },
    SetGrade(Cell),
    SetCarried(bool),
    SetSource(String),
    SetNote(String),
    Save,
    Cancel,
    /// Take out the user's grade the form is on.
    Remove,
    /// Put My grades back as they were before the last change.
    Undo,
    /// Read My grades from the data folder's file (at start).
    Read(PathBuf),
    /// My grades as the browser's storage keeps them (at start).
    ReadText(String),
    /// The kept file could not be read: keep it aside under another name and start a new
    /// one.
    StartAfresh,
}

impl AppState {
    pub(super) fn apply_mine(&mut self, action: MineAction) {
        match action {
            MineAction::Open {
                force,
                area,
                period,
            } => self.open_form(force, area, period),
            MineAction::SetGrade(cell) => self.edit_form(|f| f.grade = Some(cell)),
            MineAction::SetCarried(on) => self.edit_form(|f| f.carried_over = on),
            MineAction::SetSource(text) => self.edit_form(|f| f.source = text),
            MineAction::SetNote(text) => self.edit_form(|f| f.note = text),
            MineAction::Cancel => self.mine.form = None,
            MineAction::Save => self.save_form(),
            MineAction::Remove => {
                if let Some(f) = self.mine.form.clone() {
                    let mut grades = self.mine.grades.clone();
                    if grades.remove(&f.unit, f.period, &f.area) {
                        let done = format!("Removed your grade for {}, {}.", f.unit, f.period);
                        self.change_mine(grades, &done);
                    }
                }
            }
            MineAction::Undo => {
                if let Some(before) = self.mine.undo.take() {
                    self.change_mine(before, "Undid the last change to My grades.");
                    self.mine.undo = None;
                }
            }
            MineAction::Read(path) => self.read_mine(path),
            MineAction::ReadText(text) => match MyGrades::parse(my_grades::NAME, &text) {
                Ok(grades) => self.use_mine(grades),
                Err(rejected) => self.unreadable_mine(&rejected),
            },
            MineAction::StartAfresh => self.start_afresh(),
        }
    }

    fn edit_form(&mut self, edit: impl FnOnce(&mut GradeForm)) {
        if let Some(form) = &mut self.mine.form {
            edit(form);
            form.error = None;
        }
    }

    fn open_form(&mut self, force: String, area: String, period: Period) {
        let mine = self.mine.grades.find(&force, period, &area).cloned();
        let cell = self.grades.area(&area).and_then(|d| {
            let f = d.find_force(&force)?;
            d.cell(f, d.period_index(period)?)
        });
        self.mine.form = Some(match mine {
            Some(g) => GradeForm {
                unit: g.unit,
                area: g.area,
                period,
                grade: Some(g.grade),
                carried_over: g.carried_over,
                source: g.source,
                note: g.note,
                error: None,
                correcting: true,
                mine: true,
            },
            None => GradeForm {
                unit: force,
                area,
                period,
                grade: None,
                carried_over: false,
                source: String::new(),
                note: String::new(),
                error: None,
                correcting: cell.is_some(),
                mine: false,
            },
        });
    }

    fn save_form(&mut self) {
        let Some(form) = self.mine.form.clone() else {
            return;
        };
        let Some(grade) = form.grade else {
            self.set_form_error("Choose a grade.");
            return;
        };
        let entered = MyGrade {
            unit: form.unit.clone(),
            period: form.period,
            area: form.area.clone(),
            grade,
            carried_over: form.carried_over,
            source: form.source.clone(),
            entered: crate::core::brief::today(),
            note: form.note.clone(),
        };
        match entered.checked() {
            Ok(g) => {
                let mut grades = self.mine.grades.clone();
                let done = format!(
                    "{} for {}, {} ({}) is in My grades.",
                    g.grade.label(),
                    g.unit,
                    g.period,
                    g.area
                );
                grades.set(g);
                self.change_mine(grades, &done);
            }
            Err(refused) => self.set_form_error(&refused.reason),
        }
    }

    fn set_form_error(&mut self, text: &str) {
        if let Some(form) = &mut self.mine.form {
            form.error = Some(text.to_string());
        }
    }

    /// Puts `grades` in place of My grades if they merge beside what is loaded: kept for
    /// undo, written to the file, shown everywhere. If they do not (a loaded file gives
    /// another grade), nothing changes and the form says why.
    fn change_mine(&mut self, grades: MyGrades, done: &str) {
        let old = std::mem::replace(&mut self.mine.source, grades.source());
        match self.merge(self.settings.builtin, None, None) {
            Ok(merged) => {
                let before = std::mem::replace(&mut self.mine.grades, grades);
                self.mine.undo = Some(before);
                self.mine.form = None;
                self.write_mine();
                self.use_grades(merged);
                self.notify(done.to_string(), false);
            }
            Err(rejected) => {
                self.mine.source = old;
                let text = format!("Not saved: {rejected}");
                self.set_form_error(&text);
                if self.mine.form.is_none() {
                    self.notify(text, true);
                }
            }
        }
    }

    /// Writes My grades to their file (write, then rename), unless the file there could
    /// not be read and the user has not chosen to start afresh.
    fn write_mine(&mut self) {
        let (Some(path), None) = (&self.mine.path, &self.mine.unreadable) else {
            return;
        };
        let bytes = self.mine.grades.to_csv();
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = crate::core::export::write_atomic(path, bytes.as_bytes(), true) {
            self.notify(format!("My grades could not be saved: {e}"), true);
        }
    }

    fn read_mine(&mut self, path: PathBuf) {
        self.mine.path = Some(path.clone());
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) => {
                let text = format!("My grades ({}) could not be read: {e}", path.display());
                self.mine.unreadable = Some(text.clone());
                self.notify(text, true);
                return;
            }
        };
        let name = path.display().to_string();
        match String::from_utf8(text) {
            Ok(text) => match MyGrades::parse(&name, &text) {
                Ok(grades) => self.use_mine(grades),
                Err(rejected) => self.unreadable_mine(&rejected),
            },
            Err(_) => self.unreadable_mine(&crate::core::Rejected::one(
                &name,
                1,
                1,
                crate::core::ProblemKind::Invalid("the file is not UTF-8 text".into()),
            )),
        }
    }

    fn use_mine(&mut self, grades: MyGrades) {
        self.mine.source = grades.source();
        self.mine.grades = grades;
        match self.merge(self.settings.builtin, None, None) {
            Ok(merged) => self.use_grades(merged),
            Err(rejected) => {
                // A loaded file disagrees with My grades: show the record without them.
                self.mine.source = None;
                self.reject(rejected);
            }
        }
    }

    fn unreadable_mine(&mut self, rejected: &crate::core::Rejected) {
        let first = rejected
            .problems
            .first()
            .map_or_else(|| rejected.to_string(), ToString::to_string);
        let text = format!(
            "My grades could not be read, so none are shown; the file is left as it is and \
             will not be written over until you choose (Sources > My grades): {first}"
        );
        self.mine.unreadable = Some(text.clone());
        self.notify(text, true);
    }

    fn start_afresh(&mut self) {
        if let Some(path) = &self.mine.path
            && path.exists()
        {
            let aside = path.with_extension("csv.unreadable");
            if let Err(e) = std::fs::rename(path, &aside) {
                self.notify(
                    format!("The unreadable file could not be kept aside: {e}"),
                    true,
                );
                return;
            }
            let text = format!(
                "The unreadable My grades file is kept as {}.",
                aside.display()
            );
            self.notify(text, false);
        }
        self.mine.unreadable = None;
        self.write_mine();
    }

    /// What a grade cell's hover adds for a grade the user put in.
    pub fn my_grade(&self, force: &str, period: Period) -> Option<&MyGrade> {
        self.mine.grades.find(force, period, self.data.area())
    }
}

impl MineAction {
    /// Whether it can change the grades shown (not only the form).
    pub fn changes_grades(&self) -> bool {
        !matches!(
            self,
            MineAction::Open { .. }
                | MineAction::SetGrade(_)
                | MineAction::SetCarried(_)
                | MineAction::SetSource(_)
                | MineAction::SetNote(_)
                | MineAction::Cancel
        )
    }
}

impl From<MineAction> for Action {
    fn from(action: MineAction) -> Action {
        Action::Mine(action)
    }
}
