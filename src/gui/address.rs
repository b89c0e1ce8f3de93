//! The view, area and filters as a page address's fragment
//! (`#view=map&area=Serious%20and%20organised%20crime&until=2017&region=Wales`), so a link
//! to the browser build opens the same view. Written after every change, read at start.

use std::fmt::Write;

use crate::core::{Movement, Period};
use crate::gui::state::{Settings, View};

/// The fragment (without `#`) for the settings, with `area` the area on screen.
pub fn fragment(settings: &Settings, area: &str) -> String {
    let filter = &settings.filter;
    let mut out = format!("view={}", settings.view.label().to_lowercase());
    let mut add = |key: &str, value: &str| {
        let _ = write!(out, "&{key}={}", encode(value));
    };
    if !area.is_empty() {
        add("area", area);
    }
    if let Some(since) = filter.since {
        add("since", &since.to_string());
    }
    if let Some(until) = filter.until {
        add("until", &until.to_string());
    }
    for r in &filter.regions {
        add("region", r);
    }
    for r in &filter.rocus {
        add("rocu", r);
    }
    for c in &filter.countries {
        add("country", c);
    }
    for m in &filter.movements {
        add("movement", m.key());
    }
    if !filter.search.trim().is_empty() {
        add("search", filter.search.trim());
    }
    out
}

/// Sets the view, area and filters a fragment names. A fragment with no `view` is not
/// one of these and changes nothing; pieces it does not name are cleared, so the page
/// shows what the link showed. Unknown keys and values are passed over.
pub fn apply(settings: &mut Settings, fragment: &str) {
    let pairs: Vec<(&str, String)> = fragment
        .trim_start_matches('#')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k, decode(v)))
        .collect();
    let Some(view) = pairs.iter().find(|(k, _)| *k == "view").and_then(|(_, v)| {
        View::ALL
            .into_iter()
            .find(|w| w.label().eq_ignore_ascii_case(v))
    }) else {
        return;
    };
    settings.view = view;
    let filter = &mut settings.filter;
    filter.since = None;
    filter.until = None;
    filter.regions.clear();
    filter.rocus.clear();
    filter.countries.clear();
    filter.movements.clear();
    filter.search.clear();
    for (key, value) in pairs {
        match key {
            "area" => settings.area_choice = Some(value),
            "since" => filter.since = value.parse::<Period>().ok(),
            "until" => filter.until = value.parse::<Period>().ok(),
            "region" => {
                filter.regions.insert(value);
            }
            "rocu" => {
                filter.rocus.insert(value);
            }
            "country" => {
                filter.countries.insert(value);
            }
            "movement" => {
                if let Ok(m) = value.parse::<Movement>() {
                    filter.movements.insert(m);
                }
            }
            "search" => filter.search = value,
            _ => {}
        }
    }
}

/// Percent-encodes all but letters, digits and `-_.~/`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~/".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Undoes [`encode`] (and `+` for a space); a broken escape is kept as it is.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_round_trips_through_the_address() {
        let mut s = Settings {
            view: View::Map,
            ..Settings::default()
        };
        s.filter.regions.insert("Wales".into());
        s.filter.regions.insert("South West".into());
        s.filter.movements.insert(Movement::Declined);
        s.filter.since = Some(Period::year(2016));
        s.filter.until = Some(Period::cycle(2021, 2022));
        s.filter.search = "Avon & Somerset".into();
        let text = fragment(&s, "Serious and organised crime");
        assert!(
            text.starts_with("view=map&area=Serious%20and%20organised%20crime&since=2016"),
            "{text}"
        );
        let mut back = Settings::default();
        apply(&mut back, &format!("#{text}"));
        assert_eq!(back.view, View::Map);
        assert_eq!(
            back.area_choice.as_deref(),
            Some("Serious and organised crime")
        );
        assert_eq!(back.filter, s.filter);
    }

    #[test]
    fn an_address_that_is_not_a_view_changes_nothing() {
        let mut s = Settings::default();
        let before = s.clone();
        apply(&mut s, "");
        apply(&mut s, "#top");
        apply(&mut s, "view=nowhere&region=Wales");
        assert_eq!(s, before);
        // Unknown keys and bad values pass over; broken escapes stay as they are.
        apply(&mut s, "view=compare&since=soon&colour=red&search=100%");
        assert_eq!(s.view, View::Compare);
        assert_eq!(s.filter.since, None);
        assert_eq!(s.filter.search, "100%");
    }
}
