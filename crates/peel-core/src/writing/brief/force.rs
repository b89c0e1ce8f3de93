//! A page per force: one force's grades in every area and cycle, its movement, how it
//! stands against its region, its ROCU, the user's groups it is in and England and Wales,
//! and the pages its grades were read on.

use super::doc::{Block, Document, Table, TableCell};
use super::{NATIONAL, compare_table, pages_list, scorecard_table};
use crate::aggregate::{self, GroupDef, GroupKind};
use crate::dataset::{Dataset, Grades};
use crate::filter::Filter;
use crate::groups::{ForceGroup, groups_of};
use crate::narrative;
use crate::period::PeriodIx;

/// The briefing on one force (by any name the data knows it by), with `area` the area
/// whose comparison it shows and `filter` its periods and ROCU rule. `None` where no area
/// grades the force.
pub fn force_briefing(
    grades: &Grades,
    area: &str,
    force: &str,
    filter: &Filter,
    groups: &[ForceGroup],
    date: &str,
) -> Option<Document> {
    let data = grades
        .area(area)
        .filter(|d| d.find_force(force).is_some())
        .or_else(|| {
            grades
                .datasets()
                .iter()
                .find(|d| d.find_force(force).is_some())
        })?;
    let f = data.find_force(force)?;
    let name = data.force(f).name.clone();
    let periods = filter.period_indices(data);
    let mut doc = Document {
        title: format!("{name}: PEEL grades"),
        page_title: format!("PEEL briefing: {name}"),
        meta: format!("Briefing of {date}. {}", facts(data, f)),
        date: date.to_string(),
        blocks: vec![Block::heading(2, "Grades in every area and cycle")],
    };
    let table = scorecard_table(grades, &name, &|_| true);
    let notes = super::table_notes(&table);
    doc.blocks.push(Block::Table(table));
    doc.blocks.extend(notes);
    doc.blocks
        .extend(movement(grades, data, f, &periods, filter));
    doc.blocks.extend(standing(
        data,
        f,
        &periods,
        filter,
        &groups_of(groups, &name),
    ));
    let parts: Vec<(&Dataset, Vec<usize>, Vec<PeriodIx>)> = grades
        .datasets()
        .iter()
        .filter_map(|d| Some((d, vec![d.find_force(&name)?], d.period_ixs().collect())))
        .collect();
    let borrowed: Vec<(&Dataset, &[usize], &[PeriodIx])> =
        parts.iter().map(|(d, f, p)| (*d, &f[..], &p[..])).collect();
    doc.blocks
        .extend(pages_list(&narrative::cited_pages_in(&borrowed)));
    Some(doc)
}

/// "Kent Police; South East; ROCU now SEROCU."
fn facts(data: &Dataset, f: usize) -> String {
    let force = data.force(f);
    match force.info {
        Some(info) => {
            let rocu = if info.rocu_now.is_empty() {
                "no ROCU".to_string()
            } else {
                format!("ROCU now {}", info.rocu_now)
            };
            format!("{}; {}; {rocu}.", info.official_name, info.region)
        }
        None => format!("{}.", force.name),
    }
}

/// The force's movement: in words for the area shown, and area by area.
fn movement(
    grades: &Grades,
    data: &Dataset,
    f: usize,
    periods: &[PeriodIx],
    filter: &Filter,
) -> Vec<Block> {
    let mut out = vec![
        Block::heading(2, "Movement"),
        Block::text(narrative::force_summary(
            data,
            f,
            periods,
            filter.rocu_membership,
        )),
    ];
    let name = &data.force(f).name;
    let rows: Vec<Vec<TableCell>> = grades
        .datasets()
        .iter()
        .filter_map(|d| {
            let g = d.find_force(name)?;
            let all: Vec<PeriodIx> = d.period_ixs().collect();
            let graded: Vec<PeriodIx> = all
                .iter()
                .copied()
                .filter(|&p| d.cell(g, p).is_some())
                .collect();
            let (&first, &last) = (graded.first()?, graded.last()?);
            let grade = |p: PeriodIx| {
                d.cell(g, p).map_or(String::new(), |c| {
                    format!("{} ({})", c.label(), d.period(p))
                })
            };
            Some(vec![
                TableCell::Text(d.area().into()),
                TableCell::Number(graded.len().to_string()),
                TableCell::Text(grade(first)),
                TableCell::Text(grade(last)),
                TableCell::Text(filter.movement_label(d, g, &all)),
            ])
        })
        .collect();
    let partial = grades.datasets().iter().any(|d| {
        d.find_force(name).is_some_and(|g| {
            let all: Vec<PeriodIx> = d.period_ixs().collect();
            let rule = filter.movement_rule;
            crate::Movement::described(d, g, &all, rule).1 != crate::movement::Covers::All
        })
    });
    if !rows.is_empty() {
        out.push(Block::Table(Table {
            head: [
                "Area",
                "Grades in the record",
                "First",
                "Latest",
                "Movement",
            ]
            .map(String::from)
            .into(),
            rows,
            matrix: false,
        }));
        if partial {
            out.extend(
                crate::movement::covers_note(crate::movement::Covers::NotComparable)
                    .map(Block::note),
            );
        }
    }
    out
}

/// The force beside its region, its ROCU, the groups it is in and England and Wales, in
/// the area shown.
fn standing(
    data: &Dataset,
    f: usize,
    periods: &[PeriodIx],
    filter: &Filter,
    groups: &[&ForceGroup],
) -> Vec<Block> {
    let force = data.force(f);
    let membership = filter.rocu_membership;
    let mut defs = vec![
        GroupDef {
            name: force.name.clone(),
            kind: GroupKind::Forces(vec![f]),
        },
        GroupDef::baseline(),
    ];
    if let Some(region) = force.region() {
        defs.push(GroupDef {
            name: region.into(),
            kind: GroupKind::Region(region.into()),
        });
    }
    if let Some(rocu) = data.latest_rocu(f, periods, membership) {
        defs.push(GroupDef {
            name: rocu.into(),
            kind: GroupKind::Rocu(rocu.into()),
        });
    }
    defs.extend(groups.iter().map(|g| g.def(data)));
    let shown = vec![true; data.forces().len()];
    let rows = aggregate::compare(data, &shown, periods, &defs, membership);
    let cells = aggregate::columns_in_tallies(rows.iter().map(|r| (r.period, &r.tally)));
    vec![
        Block::heading(
            2,
            format!(
                "Against its region, ROCU, groups and {NATIONAL}: {}",
                data.area()
            ),
        ),
        Block::Table(compare_table(&rows, &cells)),
        Block::note(format!(
            "The force's own row first. {NATIONAL} is every force; the region, ROCU and \
             groups count every member, whatever the filters. Mean score: {}.",
            narrative::score_key()
        )),
    ]
}
