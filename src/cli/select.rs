//! Loading the data a command names, choosing its area, and checking and applying its
//! filter flags: the one step every data command starts with.

use super::*;

/// Loads the built-in data (unless left out) and the named files. Warnings go to
/// standard error.
pub fn load(data: &DataArgs) -> Result<Grades, CliError> {
    let mut files = Vec::with_capacity(data.files.len());
    for path in &data.files {
        files.push(crate::core::load_file(path).map_err(CliError::Rejected)?);
    }
    // The built-in data is read once and borrowed, not copied.
    let mut sources: Vec<&Source> = Vec::with_capacity(files.len() + 16);
    if !data.no_builtin {
        sources.extend(Source::builtin_sources());
    }
    sources.extend(&files);
    if sources.is_empty() {
        return Err(CliError::Usage(
            "no data: give --data FILE, or leave out --no-builtin".into(),
        ));
    }
    // Every warning when there are a few; the first ones and a count when there are many.
    const SHOWN: usize = 20;
    let total: usize = sources.iter().map(|s| s.warnings.len()).sum();
    for warning in sources.iter().flat_map(|s| &s.warnings).take(SHOWN) {
        eprintln!("{warning}");
    }
    if total > SHOWN {
        eprintln!(
            "... and {} more warnings (peel-explorer check FILE lists them all)",
            total - SHOWN
        );
    }
    let grades = Grades::from_source_refs(&sources).map_err(CliError::Rejected)?;
    // A file that disagrees with the published record is loaded; each difference is said.
    for difference in grades.record_differences() {
        eprintln!("{difference}");
    }
    Ok(grades)
}

/// What every subcommand that reads grades works on: one area's data, the filter its
/// flags describe, the forces that filter keeps and the periods in range.
pub struct Selection {
    pub data: Dataset,
    pub filter: Filter,
    /// Indices into [`Dataset::forces`], in the dataset's order.
    pub forces: Vec<usize>,
    /// Indices into [`Dataset::periods`], in time order.
    pub periods: Vec<PeriodIx>,
}

impl Selection {
    /// Loads the data, checks the filter flags against it and applies them, in the area
    /// named, or the only one, or else the built-in one.
    pub fn new(data: &DataArgs, filter: &FilterArgs) -> Result<Selection, CliError> {
        Selection::all(data, filter, false).map(|mut areas| areas.swap_remove(0))
    }

    /// [`Selection::new`] for every area loaded (or only the one named), in order.
    /// `one` asks for a single area: with several loaded and none named, that is an
    /// error naming them.
    pub fn all(
        data: &DataArgs,
        filter: &FilterArgs,
        one: bool,
    ) -> Result<Vec<Selection>, CliError> {
        Selection::with_grades(data, filter, one).map(|(_, all)| all)
    }

    /// The grades selected, as a workbook takes them.
    pub fn part(&self) -> Part<'_> {
        Part {
            data: &self.data,
            forces: &self.forces,
            periods: &self.periods,
        }
    }

    /// [`Selection::all`], with every area's grades as loaded.
    pub fn with_grades(
        data: &DataArgs,
        filter: &FilterArgs,
        one: bool,
    ) -> Result<(Grades, Vec<Selection>), CliError> {
        let grades = load(data)?;
        let names: Vec<&str> = grades.areas().collect();
        let chosen: Vec<&Dataset> = match &data.area {
            Some(wanted) => vec![find_area(&grades, wanted)?],
            // One area wanted: the built-in one, as the window opens on, where it is loaded.
            None if one && grades.area(crate::core::area::BUILTIN_AREA).is_some() => grades
                .area(crate::core::area::BUILTIN_AREA)
                .into_iter()
                .collect(),
            None if one && names.len() > 1 => {
                return Err(CliError::Usage(format!(
                    "the data has several areas; name one with --area: {}",
                    names.join(", ")
                )));
            }
            None => grades.datasets().iter().collect(),
        };
        let Some(&first) = chosen.first() else {
            return Err(CliError::Usage("no grades in the data".into()));
        };
        // Names and periods in the flags are checked against the first area's data.
        let filter = filter.to_filter(first)?;
        let all = chosen
            .into_iter()
            .map(|data| {
                let forces = filter.apply(data);
                let periods = filter.period_indices(data);
                Selection {
                    data: data.clone(),
                    filter: filter.clone(),
                    forces,
                    periods,
                }
            })
            .collect();
        Ok((grades, all))
    }
}

/// The loaded area a name stands for: its own name or any the area reference knows it by.
fn find_area<'g>(grades: &'g Grades, wanted: &str) -> Result<&'g Dataset, CliError> {
    let known = crate::core::area::AreaRegistry::builtin()
        .lookup(wanted)
        .map(|a| a.name.as_str());
    grades
        .datasets()
        .iter()
        .find(|d| Some(d.area()) == known || d.area().eq_ignore_ascii_case(wanted.trim()))
        .ok_or_else(|| {
            let names: Vec<&str> = grades.areas().collect();
            CliError::Usage(format!(
                "no grades for the area {wanted:?}; the data has: {}",
                names.join(", ")
            ))
        })
}

/// Finds `wanted` among `choices` ignoring case, or explains what is accepted.
fn pick(kind: &str, wanted: &str, choices: &[&str]) -> Result<String, CliError> {
    choices
        .iter()
        .find(|c| c.eq_ignore_ascii_case(wanted.trim()))
        .map(|c| c.to_string())
        .ok_or_else(|| {
            CliError::Usage(format!(
                "unknown {kind} {wanted:?}; the data has: {}",
                choices.join(", ")
            ))
        })
}

impl FilterArgs {
    /// The core filter these flags describe, with names checked against the data.
    pub fn to_filter(&self, data: &Dataset) -> Result<Filter, CliError> {
        let membership = match self.rocu_membership {
            Membership::AtTheTime => RocuMembership::AtTheTime,
            Membership::Now => RocuMembership::Current,
        };
        let mut filter = Filter {
            search: self.search.clone().unwrap_or_default(),
            since: self.since,
            until: self.until,
            rocu_membership: membership,
            movements: self.movement.iter().copied().collect(),
            ..Filter::default()
        };
        let regions = data.regions();
        for r in &self.region {
            filter.regions.insert(pick("region", r, regions)?);
        }
        let rocus = data.rocus(membership);
        for r in &self.rocu {
            filter.rocus.insert(pick("ROCU", r, rocus)?);
        }
        let countries = data.countries();
        for c in &self.country {
            filter.countries.insert(pick("country", c, countries)?);
        }
        for &(period, cell) in &self.grade {
            require_period(data, period)?;
            filter.add_grade(period, cell);
        }
        for &(from, to, direction) in &self.change {
            require_period(data, from)?;
            require_period(data, to)?;
            let change = filter.change.get_or_insert_with(|| ChangeCondition {
                from,
                to,
                directions: Default::default(),
                steps: Default::default(),
            });
            if (change.from, change.to) != (from, to) {
                return Err(CliError::Usage(
                    "--change takes one pair of periods at a time".into(),
                ));
            }
            change.directions.insert(direction);
        }
        if !self.in_group.is_empty() {
            let groups = groups(self)?;
            for name in &self.in_group {
                let group = groups
                    .iter()
                    .find(|g| g.name.eq_ignore_ascii_case(name.trim()));
                let Some(group) = group else {
                    let known: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
                    return Err(CliError::Usage(format!(
                        "--in-group {name:?}: no such group; the groups given are: {}",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    )));
                };
                filter.groups.push(group.clone());
            }
        }
        Ok(filter)
    }
}

/// The groups given with `--group` and in `--groups-file`, in that order. A bad row in the
/// file is an error naming its line and column.
pub fn groups(args: &FilterArgs) -> Result<Vec<ForceGroup>, CliError> {
    let mut groups = args.groups.clone();
    if let Some(path) = &args.groups_file {
        let bytes =
            std::fs::read(path).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?;
        let read = crate::core::groups::read_csv(&path.display().to_string(), &bytes)
            .map_err(|e| CliError::Usage(e.to_string()))?;
        groups.extend(read);
    }
    Ok(groups)
}

pub(super) fn require_period(data: &Dataset, period: Period) -> Result<PeriodIx, CliError> {
    data.period_index(period).ok_or_else(|| {
        let have: Vec<String> = data.periods().iter().map(|p| p.to_string()).collect();
        CliError::Usage(format!(
            "period {period} is not in the data; it has {}",
            have.join(", ")
        ))
    })
}

/// The loaded area a name (or alias, or short form) stands for, or an error naming those
/// loaded.
pub(super) fn area_name(grades: &Grades, name: &str) -> Result<String, CliError> {
    let known = crate::core::area::AreaRegistry::builtin().lookup(name);
    let wanted = known.map_or(name, |a| a.name.as_str());
    grades
        .areas()
        .find(|a| a.eq_ignore_ascii_case(wanted))
        .map(str::to_string)
        .ok_or_else(|| {
            let loaded: Vec<&str> = grades.areas().collect();
            CliError::Usage(format!(
                "no area {name:?} in the data; the areas are: {}",
                loaded.join("; ")
            ))
        })
}

/// The display name of a force or unit given by any of its names.
pub(super) fn unit_name(name: &str) -> Result<String, CliError> {
    let forces = crate::core::ForceRegistry::builtin();
    let units = crate::core::units::UnitRegistry::builtin();
    forces
        .lookup(name)
        .and_then(|i| forces.get(i))
        .map(|f| f.name.clone())
        .or_else(|| {
            units
                .lookup(name)
                .and_then(|i| units.get(i))
                .map(|u| u.name.clone())
        })
        .ok_or_else(|| {
            CliError::Usage(format!(
                "{name:?} is not one of the 43 forces, the ROCUs or British Transport Police"
            ))
        })
}
