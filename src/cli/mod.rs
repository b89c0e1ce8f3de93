//! The command line: a thin front end over [`crate::core`], for scripted briefings and for
//! using the data without a display.

mod select;
mod text;

use select::require_period;
pub use select::{Selection, load};
use text::{summary_text, transitions_text};

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::aggregate::{self, Grouping};
use crate::core::export::{self, WriteError};
use crate::core::filter::{
    ChangeCondition, Direction, Filter, Movement, parse_change, parse_grade_condition,
};
use crate::core::narrative;
use crate::core::workbook::{Part, WorkbookError};
use crate::core::{
    Cell, Dataset, ForceGroup, Grades, Period, PeriodIx, Rejected, RocuMembership, Source,
};

#[derive(Debug, Parser)]
#[command(
    name = "peel-explorer",
    version,
    about = "Explore HMICFRS PEEL grades of the 43 police forces of England and Wales",
    long_about = "Explore HMICFRS PEEL grades of the 43 police forces of England and Wales.\n\n\
                  With no subcommand, opens the window (on the built-in Figure 7 data of the \
                  2018 Serious and Organised Crime Strategy, plus any FILEs named).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// CSV files to open in the window beside the built-in data.
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the (filtered) grades as CSV, or as an Excel workbook.
    Export {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// long: one row per force and period; wide: one row per force; xlsx: an Excel
        /// workbook of both, grades filled in their colours, with the sources and filters.
        #[arg(long, value_enum, default_value_t = Shape::Long)]
        format: Shape,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Count grades per period, nationally or per region or ROCU.
    Summary {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// How to group forces.
        #[arg(long, value_enum, default_value_t = By::National)]
        by: By,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Count how forces moved between two periods (a from-grade × to-grade matrix).
    Transitions {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// The earlier period, e.g. 2015.
        #[arg(long, value_parser = parse_period)]
        from: Period,
        /// The later period, e.g. 2016.
        #[arg(long, value_parser = parse_period)]
        to: Period,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Write a briefing pack: one self-contained HTML file (tables, charts as inline SVG,
    /// the map, comparison and summaries) that prints cleanly to PDF, or with
    /// `--output NAME.docx` a Word document (Word's heading styles, real tables, the
    /// charts as pictures with alt text).
    Brief {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// A page on one force instead (any name the importer accepts): its grades in every
        /// area and cycle, its movement, how it stands against its region, ROCU, groups
        /// and England and Wales, and its sources.
        #[arg(long = "force", value_name = "FORCE")]
        force: Option<String>,
        /// The areas the scorecard of each force covers (repeatable), or `all`; by default
        /// the area of the briefing and the pillars (Effectiveness, Efficiency, Legitimacy).
        #[arg(long = "scorecard", value_name = "AREA")]
        scorecard: Vec<String>,
        #[command(flatten)]
        output: BriefOutputArgs,
    },
    /// Write a synthetic long CSV for benchmarks: the 43 forces and made-up ones, graded
    /// over consecutive years from 2000 (deterministic for a seed).
    #[command(hide = true)]
    Generate {
        /// How many forces (the first 43 are the real ones).
        #[arg(long, default_value_t = 50_000)]
        forces: usize,
        /// How many yearly periods.
        #[arg(long, default_value_t = 20)]
        periods: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Print how much of the published PEEL record is built in (cycle by area, with the
    /// gaps named), as data/README.md carries it; --write FILE replaces the table there.
    Coverage {
        /// The README whose coverage table to replace (between its markers).
        #[arg(long, value_name = "FILE")]
        write: Option<PathBuf>,
    },
    /// List every grade a cycle gave that is not in the record (nor in any file loaded):
    /// each unit, area and cycle, to find and add.
    Gaps {
        #[command(flatten)]
        data: DataArgs,
        /// Only this cycle, e.g. 2021/22.
        #[arg(long, value_parser = parse_period)]
        period: Option<Period>,
        /// Only this force or unit (any name the importer accepts).
        #[arg(long = "force", value_name = "FORCE")]
        force: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        output: BriefOutputArgs,
    },
    /// Validate CSV files, each on its own: prints every problem as FILE:LINE:COL and exits 1
    /// on any error.
    Check {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct DataArgs {
    /// A CSV file of grades to load (repeatable), wide or long.
    #[arg(long = "data", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Leave out the built-in data (Figure 7 and the published PEEL record).
    #[arg(long)]
    pub no_builtin: bool,
    /// The inspection area to use, e.g. "Investigating crime" (any name or short form of
    /// it). Without it: every area for export and summary, the built-in one for brief.
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,
}

#[derive(Clone, Debug, Args)]
pub struct FilterArgs {
    /// Only forces in this region (repeatable: any of them).
    #[arg(long, value_name = "REGION")]
    pub region: Vec<String>,
    /// Only forces in this ROCU (repeatable: any of them).
    #[arg(long, value_name = "ROCU")]
    pub rocu: Vec<String>,
    /// Only forces in this country (England or Wales).
    #[arg(long, value_name = "COUNTRY")]
    pub country: Vec<String>,
    /// Only forces whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only forces with this grade in this period, e.g. 2016=RI (repeatable).
    #[arg(long, value_name = "PERIOD=GRADE", value_parser = parse_grade_condition)]
    pub grade: Vec<(Period, Cell)>,
    /// Only forces whose grade went this way between two periods, e.g.
    /// 2015..2016=declined (improved, declined or unchanged; repeatable: any of them).
    #[arg(long, value_name = "FROM..TO=DIRECTION", value_parser = parse_change)]
    pub change: Vec<(Period, Period, Direction)>,
    /// Only forces whose grades moved so across the periods in range (repeatable).
    #[arg(long, value_name = "MOVEMENT", value_parser = parse_movement)]
    pub movement: Vec<Movement>,
    /// The first period in range.
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub since: Option<Period>,
    /// The last period in range.
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub until: Option<Period>,
    /// ROCU membership: at the time of each grade, or now.
    #[arg(long, value_enum, default_value_t = Membership::AtTheTime)]
    pub rocu_membership: Membership,
    /// A group of your own to compare, e.g. "Peers=Kent,Essex,Surrey" (any spelling of a
    /// force; repeatable). `summary --by group` counts each; a briefing compares them.
    #[arg(long = "group", value_name = "NAME=FORCE,...", value_parser = parse_group)]
    pub groups: Vec<ForceGroup>,
    /// Groups from a CSV of group,force rows (as the window saves them).
    #[arg(long, value_name = "FILE")]
    pub groups_file: Option<PathBuf>,
    /// Only forces in this group of yours (by name; repeatable: any of them).
    #[arg(long, value_name = "NAME")]
    pub in_group: Vec<String>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists (`--force` says the same).
    #[arg(long, alias = "force")]
    pub overwrite: bool,
}

/// A briefing's output: as [`OutputArgs`], but `--force` names a force there.
#[derive(Debug, Args)]
pub struct BriefOutputArgs {
    /// Write to this file (.html or .docx) instead of standard output (HTML).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub overwrite: bool,
}

impl BriefOutputArgs {
    fn args(&self) -> OutputArgs {
        OutputArgs {
            output: self.output.clone(),
            overwrite: self.overwrite,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shape {
    Long,
    Wide,
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum By {
    National,
    Region,
    Rocu,
    /// England and Wales, then each group given with --group or --groups-file.
    Group,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Membership {
    AtTheTime,
    Now,
}

fn parse_group(text: &str) -> Result<ForceGroup, String> {
    ForceGroup::parse_arg(text).map_err(|e| e.to_string())
}

fn parse_period(text: &str) -> Result<Period, String> {
    text.parse::<Period>().map_err(|e| e.to_string())
}

fn parse_movement(text: &str) -> Result<Movement, String> {
    text.parse()
}

/// What went wrong on the command line.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Rejected(Rejected),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("could not write output: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Workbook(#[from] WorkbookError),
}

/// Runs a subcommand; prints errors to standard error. Returns the process's exit code.
pub fn run(command: Command) -> ExitCode {
    if let Command::Check { files } = &command {
        return check(files);
    }
    match run_command(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Rejected(rejected)) => {
            for problem in &rejected.problems {
                eprintln!("{problem}");
            }
            eprintln!("error: {rejected}");
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Prints the coverage table, or writes it into a README between its markers.
fn coverage(write: Option<&std::path::Path>) -> Result<(), CliError> {
    use crate::core::coverage;
    let Some(path) = write else {
        return emit(
            &OutputArgs {
                output: None,
                overwrite: false,
            },
            coverage::markdown().as_bytes(),
        );
    };
    let readme = std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("could not read {}: {e}", path.display())))?;
    let new = coverage::replace_in(&readme).ok_or_else(|| {
        CliError::Usage(format!(
            "{} has no coverage markers ({} ... {})",
            path.display(),
            coverage::BEGIN,
            coverage::END
        ))
    })?;
    export::write_atomic(path, new.as_bytes(), true).map_err(CliError::from)
}

/// `gaps`: every grade a cycle gave that is not loaded, as CSV (`unit,area,period`) or as
/// text grouped by cycle and area.
fn gaps(
    data: &DataArgs,
    period: Option<Period>,
    force: Option<&str>,
    format: Format,
    output: &OutputArgs,
) -> Result<(), CliError> {
    use crate::core::coverage;
    let grades = load(data)?;
    let area = match &data.area {
        Some(name) => Some(select::area_name(&grades, name)?),
        None => None,
    };
    let unit = force.map(select::unit_name).transpose()?;
    let gaps: Vec<coverage::Gap> = coverage::gaps_in(&grades)
        .into_iter()
        .filter(|g| area.as_ref().is_none_or(|a| &g.area == a))
        .filter(|g| period.is_none_or(|p| g.period == p))
        .filter(|g| unit.as_ref().is_none_or(|u| &g.unit == u))
        .collect();
    let bytes = match format {
        Format::Csv => csv_bytes(|out| export::write_gaps(&gaps, out))?,
        Format::Text => text::gaps_text(&gaps).into_bytes(),
    };
    emit(output, &bytes)
}

/// Validates each file on its own. Prints every problem; exits 1 on any error.
fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for path in files {
        let (problems, summary) = match crate::core::load_file(path) {
            Ok(source) => {
                let mut periods: Vec<Period> = source.records.iter().map(|r| r.period).collect();
                periods.sort_unstable();
                periods.dedup();
                let summary = format!(
                    "{}: ok: {} force(s), {} period(s), {} grade(s), {} warning(s)",
                    path.display(),
                    source.forces.len(),
                    periods.len(),
                    source.records.len(),
                    source.warnings.len()
                );
                (source.warnings, summary)
            }
            Err(rejected) => {
                failed = true;
                let summary = format!("{}: rejected", path.display());
                (rejected.problems, summary)
            }
        };
        for problem in &problems {
            let _ = writeln!(out, "{problem}");
        }
        let _ = writeln!(out, "{summary}");
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn emit(output: &OutputArgs, bytes: &[u8]) -> Result<(), CliError> {
    match &output.output {
        Some(path) => match export::write_atomic(path, bytes, output.overwrite) {
            Err(WriteError::Exists(name)) => {
                return Err(CliError::Usage(format!(
                    "{name} already exists; add --overwrite to replace it, or choose another \
                     --output"
                )));
            }
            written => written?,
        },
        None => match std::io::stdout().lock().write_all(bytes) {
            // The reader has what it wanted (`| head`): stop quietly, as command-line tools
            // do.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            written => written?,
        },
    }
    Ok(())
}

/// `brief`: one area (the named one, or the built-in one), with a scorecard of every area
/// when there are several; or with `force`, a page on that force.
fn brief(
    data: &DataArgs,
    filter: &FilterArgs,
    (force, scorecard): (Option<&str>, &[String]),
    output: &OutputArgs,
) -> Result<(), CliError> {
    use crate::core::brief;
    let format = brief_format(output)?;
    let which = match scorecard {
        [] => brief::ScorecardAreas::ShownAndPillars,
        [one] if one.eq_ignore_ascii_case("all") => brief::ScorecardAreas::All,
        names => brief::ScorecardAreas::These(names.to_vec()),
    };
    // The window's range unless one is given: Figure 7's years in its area, as the window
    // opens on them.
    let window_range;
    let unnamed = data.area.is_none() && !data.no_builtin;
    let filter = if filter.since.is_none() && filter.until.is_none() && unnamed {
        window_range = FilterArgs {
            until: crate::core::Filter::figure7_years().until,
            ..filter.clone()
        };
        &window_range
    } else {
        filter
    };
    let (grades, mut all) = Selection::with_grades(data, filter, false)?;
    let s = all.swap_remove(0);
    let groups = select::groups(filter)?;
    let date = brief::today();
    let doc = match force {
        Some(name) => {
            brief::force_briefing(&grades, s.data.area(), name, &s.filter, &groups, &date)
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "--force {name:?}: no area loaded grades that force"
                    ))
                })?
        }
        None => brief::briefing_document(
            &grades,
            &s.data,
            &s.filter,
            &s.forces,
            &s.periods,
            (&groups, &which),
            &date,
        ),
    };
    let bytes = match format {
        BriefFormat::Html => brief::html::render(&doc).into_bytes(),
        BriefFormat::Word => {
            let state = crate::gui::AppState::on_grades(grades, s.data.area(), s.filter);
            crate::gui::word::briefing_docx(&state, &doc).map_err(CliError::Usage)?
        }
    };
    emit(output, &bytes)
}

/// The formats a briefing is written in.
enum BriefFormat {
    Html,
    Word,
}

/// The briefing's format, from the output file's extension (HTML on standard output). An
/// extension that is neither is refused, not written as HTML under another name.
fn brief_format(output: &OutputArgs) -> Result<BriefFormat, CliError> {
    let Some(path) = &output.output else {
        return Ok(BriefFormat::Html);
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => Ok(BriefFormat::Html),
        "docx" => Ok(BriefFormat::Word),
        _ => Err(CliError::Usage(format!(
            "{}: a briefing is written as HTML (.html) or Word (.docx); name the file with \
             one of those",
            path.display()
        ))),
    }
}

/// What a CSV writer writes, as bytes.
fn csv_bytes(write: impl FnOnce(&mut Vec<u8>) -> csv::Result<()>) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    Ok(bytes)
}

/// `summary`: grade counts per period and group, for one area or each in turn.
fn summary(
    data: &DataArgs,
    filter: &FilterArgs,
    by: By,
    format: Format,
    output: &OutputArgs,
) -> Result<(), CliError> {
    // Several areas and none named: each area's summary, one after another.
    let all = Selection::all(data, filter, false)?;
    let grouping = match by {
        By::National | By::Group => Grouping::National,
        By::Region => Grouping::Region,
        By::Rocu => Grouping::Rocu,
    };
    let groups = select::groups(filter)?;
    if by == By::Group && groups.is_empty() {
        return Err(CliError::Usage(
            "--by group needs a group: give --group \"NAME=Force,Force,...\" or \
             --groups-file FILE"
                .into(),
        ));
    }
    let summaries: Vec<Vec<aggregate::GroupPeriod>> = all
        .iter()
        .map(|s| {
            let membership = s.filter.rocu_membership;
            if by == By::Group {
                aggregate::group_summary(&s.data, &s.forces, &s.periods, &groups, membership)
            } else {
                aggregate::summary(&s.data, &s.forces, &s.periods, grouping, membership)
            }
        })
        .collect();
    let adequate = all
        .iter()
        .any(|s| aggregate::adequate_in_use(&s.data, &s.forces, &s.periods));
    let bytes = match format {
        Format::Csv => {
            let parts: Vec<(&str, &[aggregate::GroupPeriod])> = all
                .iter()
                .zip(&summaries)
                .map(|(s, rows)| (s.data.area(), &rows[..]))
                .collect();
            csv_bytes(|out| export::write_distribution_areas(&parts, adequate, out))?
        }
        Format::Text => {
            let mut text = String::new();
            for (s, rows) in all.iter().zip(&summaries) {
                if all.len() > 1 {
                    text += &format!("Area: {}\n", s.data.area());
                }
                // Units (ROCUs, British Transport Police) are not counted among forces.
                let forces = s
                    .forces
                    .iter()
                    .filter(|&&f| s.data.force(f).is_force())
                    .count();
                text += &summary_text(rows, adequate, forces, &s.filter);
                if all.len() > 1 {
                    text += "\n";
                }
            }
            text.into_bytes()
        }
    };
    emit(output, &bytes)
}

fn run_command(command: Command) -> Result<(), CliError> {
    match command {
        Command::Check { .. } => Ok(()),
        Command::Coverage { write } => coverage(write.as_deref()),
        Command::Gaps {
            data,
            period,
            force,
            format,
            output,
        } => gaps(&data, period, force.as_deref(), format, &output.args()),
        Command::Generate {
            forces,
            periods,
            seed,
            output,
        } => {
            let text = crate::core::synthetic::long_csv(forces, periods, seed);
            emit(&output, text.as_bytes())
        }
        Command::Export {
            data,
            filter,
            format,
            output,
        } => {
            if format == Shape::Xlsx && output.output.is_none() && std::io::stdout().is_terminal() {
                return Err(CliError::Usage(
                    "a workbook is not text: give --output FILE.xlsx, or redirect standard \
                     output"
                        .into(),
                ));
            }
            // Every area (or the one named) for the long CSV and the workbook's Long sheet;
            // the wide CSV and the Grades sheet take the one shown, as in the window.
            let (grades, all) = Selection::with_grades(&data, &filter, format == Shape::Wide)?;
            let shown = grades.default_area().map(Dataset::area);
            let Some(main) = all
                .iter()
                .find(|s| Some(s.data.area()) == shown)
                .or(all.first())
            else {
                return Err(CliError::Usage("no grades in the data".into()));
            };
            let parts: Vec<Part<'_>> = all.iter().map(Selection::part).collect();
            let format = match format {
                Shape::Long => export::Format::Long,
                Shape::Wide => export::Format::Wide,
                Shape::Xlsx => export::Format::Workbook,
            };
            let date = crate::core::brief::today();
            let bytes = export::bytes(format, main.part(), &parts, &main.filter, &date)
                .map_err(CliError::Usage)?;
            emit(&output, &bytes)
        }
        Command::Summary {
            data,
            filter,
            by,
            format,
            output,
        } => summary(&data, &filter, by, format, &output),
        Command::Transitions {
            data,
            filter,
            from,
            to,
            format,
            output,
        } => {
            let s = Selection::all(&data, &filter, true)?.swap_remove(0);
            let from = require_period(&s.data, from)?;
            let to = require_period(&s.data, to)?;
            let t = aggregate::transitions(&s.data, &s.forces, from, to);
            let adequate = aggregate::adequate_in_use(&s.data, &s.forces, &[from, to]);
            let bytes = match format {
                Format::Csv => csv_bytes(|out| export::write_transitions(&t, adequate, out))?,
                Format::Text => transitions_text(&t, adequate, &s.filter).into_bytes(),
            };
            emit(&output, &bytes)
        }
        Command::Brief {
            data,
            filter,
            force,
            scorecard,
            output,
        } => brief(
            &data,
            &filter,
            (force.as_deref(), &scorecard),
            &output.args(),
        ),
    }
}
