//! My grades: the grades a user puts in themselves, each with the page that states it. They
//! are kept as a CSV file in the record's columns plus `entered` (the date) and `note`, read
//! beside the built-in record like any file, and exported for colleagues, who open it like
//! any file.

use std::fmt::Write as _;

use crate::area::{AreaRegistry, Coverage};
use crate::forces::ForceRegistry;
use crate::grade::Cell;
use crate::import::{Source, parse_source};
use crate::period::Period;
use crate::problem::{Problem, ProblemKind, Rejected};
use crate::provenance::Reference;
use crate::units::UnitRegistry;

/// The name My grades are read and reported under.
pub const NAME: &str = "My grades";
/// The file they are kept in, in the app's data folder.
pub const FILE_NAME: &str = "my-grades.csv";
/// The columns, in order: the record's, then when and why.
pub const HEADER: [&str; 9] = [
    "unit",
    "period",
    "area",
    "grade",
    "carried_over",
    "source",
    "source_kind",
    "entered",
    "note",
];

/// One grade a user put in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MyGrade {
    /// The force or unit, by its display name.
    pub unit: String,
    pub period: Period,
    /// The area, by its name in the app.
    pub area: String,
    pub grade: Cell,
    pub carried_over: bool,
    /// The address of the page that states it.
    pub source: String,
    /// When it was put in, `YYYY-MM-DD`.
    pub entered: String,
    pub note: String,
}

/// Why a grade cannot go into My grades: the field and the reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Refused {
    /// The column it concerns (an index into [`HEADER`]).
    pub column: usize,
    pub reason: String,
}

fn refuse(column: &str, reason: String) -> Refused {
    Refused {
        column: HEADER.iter().position(|h| *h == column).unwrap_or(0),
        reason,
    }
}

/// The display name of a force or unit given by any of its names, and whether it is a
/// unit (a ROCU or British Transport Police).
fn unit_name(name: &str) -> Option<(String, bool)> {
    let forces = ForceRegistry::builtin();
    let units = UnitRegistry::builtin();
    if let Some(f) = forces.lookup(name).and_then(|i| forces.get(i)) {
        return Some((f.name.clone(), false));
    }
    units
        .lookup(name)
        .and_then(|i| units.get(i))
        .map(|u| (u.name.clone(), true))
}

impl MyGrade {
    /// Checks a grade before it goes in, and puts its names in the app's spelling: a known
    /// force or unit; an area the cycle assessed for it; a grade on that cycle's scale (no
    /// Adequate before 2021/22; "not graded" only where the cycle assessed the area); one
    /// web address.
    pub fn checked(mut self) -> Result<MyGrade, Refused> {
        let (unit, is_unit) = unit_name(&self.unit).ok_or_else(|| {
            refuse(
                "unit",
                format!(
                    "{:?} is not one of the 43 forces, the ROCUs or British Transport Police",
                    self.unit
                ),
            )
        })?;
        let area = AreaRegistry::builtin().lookup(&self.area).ok_or_else(|| {
            refuse(
                "area",
                format!("{:?} is not an area of the record", self.area),
            )
        })?;
        let period = self.period;
        match area.coverage(period, is_unit) {
            Coverage::NotAssessed | Coverage::Unknown => {
                return Err(refuse(
                    "area",
                    format!("{period} did not assess {} for {unit}", area.name),
                ));
            }
            Coverage::Ungraded if self.grade != Cell::NotGraded => {
                return Err(refuse(
                    "grade",
                    format!("{period} assessed {} without grading it", area.name),
                ));
            }
            _ => {}
        }
        if let Some(g) = self.grade.grade()
            && g == crate::Grade::Adequate
            && !period.is_five_grade_era()
        {
            return Err(refuse(
                "grade",
                format!("Adequate is not on {period}'s scale: it was added in 2021/22"),
            ));
        }
        let source = self.source.trim();
        if source.is_empty() {
            return Err(refuse(
                "source",
                "give the address of the page that states the grade (https://...)".into(),
            ));
        }
        if source.split_whitespace().count() != 1 || !Reference::is_address(source) {
            return Err(refuse(
                "source",
                format!("{source:?} is not a web address: give one address, http:// or https://"),
            ));
        }
        self.source = source.to_string();
        self.unit = unit;
        self.area = area.name.clone();
        self.note = self.note.replace(['\r', '\n'], " ").trim().to_string();
        Ok(self)
    }

    /// "Entered by you on 7 December 2026 from https://..." (and the note, where there is one).
    pub fn entered_line(&self) -> String {
        let when = jiff::civil::Date::strptime("%Y-%m-%d", &self.entered).map_or_else(
            |_| self.entered.clone(),
            |d| d.strftime("%-d %B %Y").to_string(),
        );
        let mut text = format!("Entered by you on {when} from {}", self.source);
        if !self.note.is_empty() {
            text += &format!(". Note: {}", self.note);
        }
        text
    }

    fn key(&self) -> (&str, Period, &str) {
        (&self.unit, self.period, &self.area)
    }
}

/// Every grade a user put in, in the order they were put in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MyGrades {
    pub grades: Vec<MyGrade>,
}

impl MyGrades {
    /// Puts a grade in, in place of the one for the same unit, period and area if there is
    /// one.
    pub fn set(&mut self, grade: MyGrade) {
        match self.grades.iter_mut().find(|g| g.key() == grade.key()) {
            Some(old) => *old = grade,
            None => self.grades.push(grade),
        }
    }

    /// Takes out the grade for a unit, period and area; whether there was one.
    pub fn remove(&mut self, unit: &str, period: Period, area: &str) -> bool {
        let before = self.grades.len();
        self.grades.retain(|g| g.key() != (unit, period, area));
        self.grades.len() != before
    }

    /// The grade put in for a unit (by display name), period and area.
    pub fn find(&self, unit: &str, period: Period, area: &str) -> Option<&MyGrade> {
        self.grades.iter().find(|g| g.key() == (unit, period, area))
    }

    pub fn is_empty(&self) -> bool {
        self.grades.is_empty()
    }

    pub fn len(&self) -> usize {
        self.grades.len()
    }

    /// The file's text: [`HEADER`], then a row per grade.
    pub fn to_csv(&self) -> String {
        let mut out = HEADER.join(",");
        out.push('\n');
        for g in &self.grades {
            let fields = [
                g.unit.as_str(),
                &g.period.to_string(),
                &g.area,
                g.grade.csv_text(),
                if g.carried_over { "yes" } else { "no" },
                &g.source,
                "other",
                &g.entered,
                &g.note,
            ];
            let line: Vec<String> = fields.iter().map(|f| quote(f)).collect();
            let _ = writeln!(out, "{}", line.join(","));
        }
        out
    }

    /// Reads a My grades file. Every row is checked as [`MyGrade::checked`] checks a grade
    /// put in by hand; any problem rejects the whole file, each at its line and column, so
    /// that nothing is half read (and the file is left as it is).
    pub fn parse(file: &str, text: &str) -> Result<MyGrades, Rejected> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header = reader
            .headers()
            .map_err(|e| Rejected::one(file, 1, 1, ProblemKind::Io(e.to_string())))?
            .clone();
        if header.iter().map(str::trim).collect::<Vec<_>>() != HEADER {
            let found = header.iter().collect::<Vec<_>>().join(",");
            return Err(Rejected::one(
                file,
                1,
                1,
                ProblemKind::Invalid(format!(
                    "the header should be {:?}; found {found:?}",
                    HEADER.join(",")
                )),
            ));
        }
        let mut grades = MyGrades::default();
        let mut problems = Vec::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    problems.push(Problem::error(
                        file,
                        line,
                        1,
                        ProblemKind::Invalid(e.to_string()),
                    ));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            match row(&record) {
                Ok(g) => grades.set(g),
                Err(r) => problems.push(Problem::error(
                    file,
                    line,
                    r.column as u64 + 1,
                    ProblemKind::Invalid(r.reason),
                )),
            }
        }
        if problems.is_empty() {
            Ok(grades)
        } else {
            Err(Rejected::new(file, problems))
        }
    }

    /// The grades as a source to merge beside the record (`None` when there are none).
    pub fn source(&self) -> Option<Source> {
        if self.is_empty() {
            return None;
        }
        // Checked as they went in; a failure here would be a bug, and drops nothing the
        // user has (the file is untouched), so it is reported by an empty source instead.
        parse_source(NAME, self.to_csv().as_bytes()).ok()
    }
}

/// One row of the file, checked.
fn row(record: &csv::StringRecord) -> Result<MyGrade, Refused> {
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    if record.len() != HEADER.len() {
        return Err(Refused {
            column: record.len().min(HEADER.len() - 1),
            reason: format!(
                "the row has {} fields; a row of My grades has {}",
                record.len(),
                HEADER.len()
            ),
        });
    }
    let period = field(1)
        .parse::<Period>()
        .map_err(|e| refuse("period", e.to_string()))?;
    let grade = Cell::parse(field(3)).map_err(|e| refuse("grade", e.to_string()))?;
    let carried_over = match field(4).to_lowercase().as_str() {
        "yes" => true,
        "no" | "" => false,
        other => {
            return Err(refuse(
                "carried_over",
                format!("{other:?} is not yes or no"),
            ));
        }
    };
    if jiff::civil::Date::strptime("%Y-%m-%d", field(7)).is_err() {
        return Err(refuse(
            "entered",
            format!("{:?} is not a date (YYYY-MM-DD)", field(7)),
        ));
    }
    MyGrade {
        unit: field(0).to_string(),
        period,
        area: field(2).to_string(),
        grade,
        carried_over,
        source: field(5).to_string(),
        entered: field(7).to_string(),
        note: field(8).to_string(),
    }
    .checked()
}

/// A CSV field, quoted where it needs to be.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Grade;

    fn grade(unit: &str, period: Period, area: &str, grade: Cell, source: &str) -> MyGrade {
        MyGrade {
            unit: unit.into(),
            period,
            area: area.into(),
            grade,
            carried_over: false,
            source: source.into(),
            entered: "2026-12-07".into(),
            note: String::new(),
        }
    }

    const PAGE: &str = "https://example.org/made-up-page";

    #[test]
    fn a_grade_is_checked_and_named_as_the_app_names_it() {
        let good = Cell::Graded(Grade::Good);
        let g = grade(
            "Hampshire and Isle of Wight Constabulary",
            Period::cycle(2018, 2019),
            "SOC",
            good,
            PAGE,
        )
        .checked()
        .expect("a good grade");
        assert_eq!(
            (g.unit.as_str(), g.area.as_str()),
            ("Hampshire", "Serious and organised crime")
        );
        let adequate = Cell::Graded(Grade::Adequate);
        let e = grade("Kent", Period::year(2017), "SOC", adequate, PAGE)
            .checked()
            .unwrap_err();
        assert!(e.reason.contains("Adequate is not on 2017's scale"), "{e}");
        let e = grade("Kent", Period::year(2014), "SOC", good, PAGE)
            .checked()
            .unwrap_err();
        assert_eq!(
            e.reason,
            "2014 did not assess Serious and organised crime for Kent"
        );
        let e = grade("Kent", Period::year(2017), "SOC", good, "my notebook")
            .checked()
            .unwrap_err();
        assert!(e.reason.contains("is not a web address"), "{e}");
        assert_eq!(HEADER[e.column], "source");
        let e = grade("SEROCU", Period::year(2017), "SOC", good, PAGE)
            .checked()
            .unwrap_err();
        assert!(e.reason.contains("did not assess"), "{e}");
    }

    #[test]
    fn the_file_reads_back_as_written_and_as_any_file() {
        let mut mine = MyGrades::default();
        let mut g = grade(
            "Kent",
            Period::cycle(2018, 2019),
            "Serious and organised crime",
            Cell::Graded(Grade::Good),
            PAGE,
        );
        g.note = "From the PCC's copy, page 3, \"Good\"".into();
        mine.set(g.clone().checked().unwrap());
        let text = mine.to_csv();
        assert_eq!(MyGrades::parse("my-grades.csv", &text).unwrap(), mine);
        let source = mine.source().expect("a source");
        assert_eq!(source.records.len(), 1);
        assert!(source.warnings.is_empty(), "{:?}", source.warnings);
        // The same unit, period and area again replaces it.
        g.grade = Cell::Graded(Grade::Outstanding);
        mine.set(g.checked().unwrap());
        assert_eq!(mine.len(), 1);
        assert!(mine.remove(
            "Kent",
            Period::cycle(2018, 2019),
            "Serious and organised crime"
        ));
        assert!(mine.is_empty());
    }

    #[test]
    fn a_wrong_row_is_named_by_line_and_column() {
        let text = format!(
            "{}\nKent,2018/19,Serious and organised crime,Good,no,{PAGE},other,2026-12-07,\n\
             Kent,2017,Serious and organised crime,Adequate,no,{PAGE},other,2026-12-07,\n",
            HEADER.join(",")
        );
        let err = MyGrades::parse("my-grades.csv", &text).unwrap_err();
        let first = err.problems.first().expect("a problem").to_string();
        assert!(first.starts_with("my-grades.csv:3:4: "), "{first}");
        assert!(MyGrades::parse("x.csv", "garbage\u{1}\u{2}").is_err());
    }
}
