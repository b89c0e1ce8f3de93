//! The charts the window draws, and everything it can write: what each is called, its
//! heading and its default file name.

/// A chart that can be saved as a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chart {
    Distribution,
    Transitions,
    Flows,
    Trajectories,
    Compare,
    Map,
}

impl Chart {
    pub fn label(self) -> &'static str {
        match self {
            Chart::Distribution => "Grades per period",
            Chart::Transitions => "Transition matrix",
            Chart::Flows => "Flows",
            Chart::Trajectories => "Trajectories",
            Chart::Compare => "Comparison",
            Chart::Map => "Map",
        }
    }

    /// The heading the chart is shown under.
    pub fn title(self) -> &'static str {
        match self {
            Chart::Distribution => "Grades per period",
            Chart::Transitions => "Transitions between two periods",
            Chart::Flows => "Flows across all periods in range",
            Chart::Trajectories => "Trajectories",
            Chart::Compare => "Groups side by side",
            Chart::Map => "Map",
        }
    }

    fn file_stem(self) -> &'static str {
        match self {
            Chart::Distribution => "peel-grades-per-period",
            Chart::Transitions => "peel-transitions",
            Chart::Flows => "peel-flows",
            Chart::Trajectories => "peel-trajectories",
            Chart::Compare => "peel-comparison",
            Chart::Map => "peel-map",
        }
    }

    /// Every chart, in the order the views show them.
    pub const ALL: [Chart; 6] = [
        Chart::Distribution,
        Chart::Transitions,
        Chart::Flows,
        Chart::Trajectories,
        Chart::Compare,
        Chart::Map,
    ];
}

/// Something to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportKind {
    CsvLong,
    CsvWide,
    /// An Excel workbook: the grades in their colours, every area's grades, provenance.
    Xlsx,
    Briefing,
    /// The briefing as a Word document.
    Word,
    /// The user's groups, as a CSV of group,force rows.
    Groups,
    /// My grades, as a CSV in the record's columns.
    MyGrades,
    /// A briefing on the force in the profile: Word if set, else HTML.
    ForceBrief {
        word: bool,
    },
    Png(Chart),
}

impl ExportKind {
    pub fn label(self) -> String {
        match self {
            ExportKind::CsvLong => "CSV, one row per grade".into(),
            ExportKind::CsvWide => "CSV, one row per force".into(),
            ExportKind::Xlsx => "Excel workbook".into(),
            ExportKind::Briefing => "briefing pack (HTML)".into(),
            ExportKind::Word => "briefing (Word)".into(),
            ExportKind::Groups => "groups (CSV)".into(),
            ExportKind::MyGrades => "my grades (CSV)".into(),
            ExportKind::ForceBrief { word: true } => "briefing on this force (Word)".into(),
            ExportKind::ForceBrief { word: false } => "briefing on this force (HTML)".into(),
            ExportKind::Png(chart) => format!("{} (PNG)", chart.label()),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::CsvLong
            | ExportKind::CsvWide
            | ExportKind::Groups
            | ExportKind::MyGrades => "csv",
            ExportKind::Xlsx => "xlsx",
            ExportKind::Briefing => "html",
            ExportKind::Word | ExportKind::ForceBrief { word: true } => "docx",
            ExportKind::ForceBrief { word: false } => "html",
            ExportKind::Png(_) => "png",
        }
    }

    pub fn default_name(self) -> String {
        let stem = match self {
            ExportKind::CsvLong => "peel-grades",
            ExportKind::CsvWide => "peel-grades-wide",
            ExportKind::Xlsx => "peel-grades",
            ExportKind::Briefing | ExportKind::Word => "peel-briefing",
            ExportKind::Groups => "peel-groups",
            ExportKind::MyGrades => "my-grades",
            ExportKind::ForceBrief { .. } => "peel-force-briefing",
            ExportKind::Png(chart) => chart.file_stem(),
        };
        format!("{stem}.{}", self.extension())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        assert_eq!(ExportKind::CsvLong.default_name(), "peel-grades.csv");
        assert_eq!(ExportKind::Png(Chart::Map).default_name(), "peel-map.png");
        assert_eq!(ExportKind::Xlsx.default_name(), "peel-grades.xlsx");
        assert_eq!(ExportKind::Word.default_name(), "peel-briefing.docx");
    }
}
