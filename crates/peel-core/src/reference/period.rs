//! Inspection periods: a single year (`2015`), an inspection cycle over two years
//! (`2021/22`) or a longer one (`2023-25`, which HMICFRS writes with an en dash); and the
//! inspectorate's regional serious and organised crime inspections, one round published
//! from December 2022 to 2025, which are one period of their own
//! (`SOC inspections 2022-25`), not one per publication year.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A period label, ordered in time: `2015 < 2016 < 2018/19 < 2021/22 < 2022 < 2023-25`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    /// The year the period starts in.
    pub start: u16,
    /// The year a cycle ends in (`2022` for `2021/22`, `2025` for `2023-25`), or `None`
    /// for a single year.
    pub end: Option<u16>,
    /// The inspection programme (PEEL unless said otherwise).
    #[serde(default, skip_serializing_if = "Programme::is_peel")]
    pub programme: Programme,
}

/// The inspection programme a period belongs to.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Programme {
    /// PEEL: a year or a cycle.
    #[default]
    Peel,
    /// The inspectorate's "Serious and organised crime inspections": one report per
    /// region, grading each force and its ROCU, published December 2022 to 2025.
    SocInspections,
}

impl Programme {
    fn is_peel(&self) -> bool {
        *self == Programme::Peel
    }
}

/// How the regional serious and organised crime inspections are labelled.
pub const SOC_INSPECTIONS_LABEL: &str = "SOC inspections";
/// The other names a file may give that round of inspections.
const SOC_INSPECTIONS_NAMES: &[&str] = &[
    "soc inspections",
    "serious and organised crime inspections",
    "regional soc inspections",
    "soc regional",
    "regional soc",
];

impl Period {
    pub const fn year(year: u16) -> Period {
        Period {
            start: year,
            end: None,
            programme: Programme::Peel,
        }
    }

    pub const fn cycle(start: u16, end: u16) -> Period {
        Period {
            start,
            end: Some(end),
            programme: Programme::Peel,
        }
    }

    /// The regional serious and organised crime inspections (December 2022 to 2025): after
    /// PEEL 2021/22 and before PEEL 2023-25 in time order.
    pub const SOC_INSPECTIONS: Period = Period {
        start: 2022,
        end: Some(2025),
        programme: Programme::SocInspections,
    };

    /// The inspectorate's cycles, in time order: PEEL 2014 to 2018/19, 2021/22, the
    /// regional serious and organised crime inspections, and PEEL 2023-25.
    pub const CYCLES: [Period; 8] = [
        Period::year(2014),
        Period::year(2015),
        Period::year(2016),
        Period::year(2017),
        Period::cycle(2018, 2019),
        Period::cycle(2021, 2022),
        Period::SOC_INSPECTIONS,
        Period::cycle(2023, 2025),
    ];

    /// The label where space is short (a column, a picker, an axis): "SOC 2022-25" for the
    /// regional inspections, the full label otherwise. The full one goes in hovers, keys
    /// and anything written out.
    pub fn short_label(self) -> String {
        let full = self.to_string();
        match full.strip_prefix(SOC_INSPECTIONS_LABEL) {
            Some(rest) if self.programme == Programme::SocInspections => format!("SOC{rest}"),
            _ => full,
        }
    }

    /// Whether this is one of the inspectorate's cycles ([`Period::CYCLES`]), whose areas
    /// `data/areas.csv` records.
    pub fn is_known_cycle(self) -> bool {
        Period::CYCLES.contains(&self)
    }

    /// From the 2021/22 cycle on, PEEL uses five grades and its grades are not directly
    /// comparable with earlier ones.
    pub fn is_five_grade_era(self) -> bool {
        self.start >= 2021
    }

    /// Regional Organised Crime Unit membership changed after 2018 (Kent moved to ERSOU,
    /// the North West ROCU was renamed): periods starting in 2019 or later use the current
    /// membership.
    pub fn uses_current_rocus(self) -> bool {
        self.start >= 2019
    }

    /// One of 64 slots, spreading periods so that 32 consecutive years and the cycles
    /// starting in them all get different ones (for lookups among a few periods).
    pub fn slot(self) -> usize {
        let cycle = if self.end.is_some() { 32 } else { 0 };
        let programme = self.programme as u32 * 16;
        ((u32::from(self.start) + cycle + programme) % 64) as usize
    }
}

/// A period's place among one dataset's periods (time order): the column of its grade
/// matrix. Forces are plain indices, so passing a force where a period is wanted (or the
/// two the wrong way round) does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PeriodIx(usize);

impl PeriodIx {
    /// The period at `index` in a dataset's [`periods`](crate::Dataset::periods).
    pub const fn new(index: usize) -> PeriodIx {
        PeriodIx(index)
    }

    /// The periods at the given positions, in that order.
    pub fn many(indices: impl IntoIterator<Item = usize>) -> Vec<PeriodIx> {
        indices.into_iter().map(PeriodIx).collect()
    }

    /// Its position, for indexing a list with one entry per period.
    pub const fn get(self) -> usize {
        self.0
    }
}

impl fmt::Display for PeriodIx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Indices of a few periods (a data set's, sorted), found in constant time for the usual
/// case: a slot per [`Period::slot`], and a search only when two periods share a slot.
#[derive(Clone, Debug)]
pub struct PeriodIndex {
    periods: Vec<Period>,
    slots: [Option<(Period, usize)>; 64],
}

impl PeriodIndex {
    /// The distinct periods of `all`, sorted, and their index.
    pub fn collect(all: impl IntoIterator<Item = Period>) -> PeriodIndex {
        let mut periods = Vec::new();
        let mut slots: [Option<(Period, usize)>; 64] = [None; 64];
        for period in all {
            match slots[period.slot()] {
                Some((there, _)) if there == period => {}
                None => {
                    slots[period.slot()] = Some((period, 0));
                    periods.push(period);
                }
                Some(_) => {
                    if !periods.contains(&period) {
                        periods.push(period);
                    }
                }
            }
        }
        periods.sort_unstable();
        let mut slots: [Option<(Period, usize)>; 64] = [None; 64];
        for (i, &period) in periods.iter().enumerate() {
            slots[period.slot()].get_or_insert((period, i));
        }
        PeriodIndex { periods, slots }
    }

    pub fn get(&self, period: Period) -> Option<usize> {
        match self.slots[period.slot()] {
            Some((there, i)) if there == period => Some(i),
            Some(_) => self.periods.binary_search(&period).ok(),
            None => None,
        }
    }

    pub fn periods(&self) -> &[Period] {
        &self.periods
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.programme == Programme::SocInspections {
            f.write_str(SOC_INSPECTIONS_LABEL)?;
            f.write_str(" ")?;
        }
        match self.end {
            None => write!(f, "{}", self.start),
            Some(end) if end == self.start + 1 => write!(f, "{}/{:02}", self.start, end % 100),
            Some(end) => write!(f, "{}-{:02}", self.start, end % 100),
        }
    }
}

/// The longest inspection cycle read, in years from its first to its last.
pub const MAX_CYCLE_YEARS: u16 = 5;

/// A period label that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "bad period label {0:?}; expected a year such as 2015, or a cycle such as 2021/22 or \
     2023-25 (a \"PEEL\" in front is fine)"
)]
pub struct BadPeriod(pub String);

fn parse_year(text: &str) -> Option<u16> {
    year_of(text.as_bytes())
}

/// A plain four-digit year from 1900 to 2999, read from bytes.
pub fn year_of(bytes: &[u8]) -> Option<u16> {
    let &[a, b, c, d] = bytes else {
        return None;
    };
    let digits = [a, b, c, d];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year = digits
        .iter()
        .fold(0u16, |y, digit| y * 10 + u16::from(digit - b'0'));
    (1900..=2999).contains(&year).then_some(year)
}

impl FromStr for Period {
    type Err = BadPeriod;

    /// Accepts `2015`, `2021/22`, `2021-22`, `2021/2022`, cycles of up to
    /// [`MAX_CYCLE_YEARS`] years (`2023-25`, `2023–25`, `2023/25`, `2023-2025`), and a
    /// `PEEL` prefix in any case; and the regional serious and organised crime
    /// inspections by name (`SOC inspections 2022-25`, `Serious and organised crime
    /// inspections`, with or without the years).
    fn from_str(text: &str) -> Result<Period, BadPeriod> {
        if let Some(year) = parse_year(text) {
            return Ok(Period::year(year));
        }
        let bad = || BadPeriod(text.trim().to_string());
        let trimmed = text.trim();
        let lower = trimmed.to_lowercase();
        if let Some(name) = SOC_INSPECTIONS_NAMES.iter().find(|n| lower.starts_with(*n)) {
            let years = lower[name.len()..].trim();
            return match years {
                "" | "2022-25" | "2022\u{2013}25" | "2022/25" | "2022-2025" => {
                    Ok(Period::SOC_INSPECTIONS)
                }
                _ => Err(bad()),
            };
        }
        let trimmed = match trimmed.get(..5) {
            Some(prefix) if prefix.eq_ignore_ascii_case("peel ") => trimmed[5..].trim(),
            _ => trimmed,
        };
        if let Some(year) = parse_year(trimmed) {
            return Ok(Period::year(year));
        }
        let (start, end) = trimmed.split_once(['/', '-', '\u{2013}']).ok_or_else(bad)?;
        let start = parse_year(start.trim()).ok_or_else(bad)?;
        let end = end.trim();
        let end = match end.len() {
            2 if end.bytes().all(|b| b.is_ascii_digit()) => {
                let yy: u16 = end.parse().map_err(|_| bad())?;
                let century = start - start % 100;
                let mut year = century + yy;
                if year < start {
                    year += 100;
                }
                year
            }
            4 => parse_year(end).ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        if end <= start || end - start > MAX_CYCLE_YEARS {
            return Err(bad());
        }
        Ok(Period::cycle(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_index_finds_every_period_even_in_a_shared_slot() {
        // 2000 and 2064 share a slot, as do 2000/01 and 2032.
        let all = [2064, 2000, 2015, 2000, 2064]
            .map(Period::year)
            .into_iter()
            .chain([Period::cycle(2000, 2001), Period::year(2032)]);
        let index = PeriodIndex::collect(all);
        let periods = index.periods().to_vec();
        assert_eq!(periods.len(), 5);
        assert!(periods.windows(2).all(|w| w[0] < w[1]));
        for (i, &p) in periods.iter().enumerate() {
            assert_eq!(index.get(p), Some(i));
        }
        assert_eq!(index.get(Period::year(2016)), None);
        assert_eq!(index.get(Period::year(2128)), None);
    }

    #[test]
    fn parses_years_and_cycles() {
        assert_eq!("2015".parse(), Ok(Period::year(2015)));
        assert_eq!(" 2021/22 ".parse(), Ok(Period::cycle(2021, 2022)));
        assert_eq!("2021-22".parse(), Ok(Period::cycle(2021, 2022)));
        assert_eq!("2021/2022".parse(), Ok(Period::cycle(2021, 2022)));
        assert_eq!("2099/00".parse(), Ok(Period::cycle(2099, 2100)));
        assert_eq!("PEEL 2017".parse(), Ok(Period::year(2017)));
        assert_eq!("PEEL 2021/22".parse(), Ok(Period::cycle(2021, 2022)));
        assert_eq!("peel 2021/22".parse(), Ok(Period::cycle(2021, 2022)));
        for text in [
            "2023-25",
            "2023\u{2013}25",
            "2023/25",
            "2023-2025",
            "PEEL 2023-25",
        ] {
            assert_eq!(text.parse(), Ok(Period::cycle(2023, 2025)), "{text:?}");
        }
        assert_eq!(Period::cycle(2023, 2025).to_string(), "2023-25");
    }

    #[test]
    fn rejects_bad_labels() {
        for text in [
            "",
            "15",
            "twenty",
            "2017/15",
            "2015/2030",
            "2021/2",
            "20155",
            "2015/",
            "0000",
            "PEEL",
            "2021/21",
        ] {
            assert!(text.parse::<Period>().is_err(), "{text:?}");
        }
    }

    #[test]
    fn displays_and_orders_in_time() {
        assert_eq!(Period::cycle(2021, 2022).to_string(), "2021/22");
        assert_eq!(Period::year(2015).to_string(), "2015");
        let mut periods = [
            Period::year(2022),
            Period::cycle(2021, 2022),
            Period::year(2015),
            Period::cycle(2018, 2019),
        ];
        periods.sort();
        let labels: Vec<_> = periods.iter().map(|p| p.to_string()).collect();
        assert_eq!(labels, ["2015", "2018/19", "2021/22", "2022"]);
        // The 2023-25 cycle comes after 2021/22 (and after a bare 2023).
        assert!(Period::cycle(2023, 2025) > Period::cycle(2021, 2022));
        assert!(Period::cycle(2023, 2025) > Period::year(2023));
    }

    #[test]
    fn the_regional_soc_inspections_are_one_period_between_the_cycles() {
        let soc = Period::SOC_INSPECTIONS;
        assert_eq!(soc.to_string(), "SOC inspections 2022-25");
        for text in [
            "SOC inspections 2022-25",
            "soc inspections",
            "Serious and organised crime inspections",
            "SOC regional",
            "SOC inspections 2022\u{2013}25",
        ] {
            assert_eq!(text.parse(), Ok(soc), "{text:?}");
        }
        assert!("SOC inspections 2019-20".parse::<Period>().is_err());
        assert!(soc > Period::cycle(2021, 2022) && soc < Period::cycle(2023, 2025));
        assert!(soc.is_five_grade_era() && soc.uses_current_rocus());
        let index = PeriodIndex::collect([soc, Period::cycle(2022, 2025), Period::year(2022)]);
        assert_eq!(index.periods().len(), 3);
        assert_eq!(index.get(soc), Some(2));
        assert_eq!(index.get(Period::cycle(2022, 2025)), Some(1));
    }

    #[test]
    fn eras() {
        assert!(!Period::year(2017).is_five_grade_era());
        assert!(Period::cycle(2021, 2022).is_five_grade_era());
        assert!(!Period::cycle(2018, 2019).uses_current_rocus());
        assert!(Period::year(2019).uses_current_rocus());
    }
}
