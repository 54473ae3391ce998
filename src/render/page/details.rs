//! What the page says about each year and each thing on its map, as JSON for its script: the
//! agreement in force, and for every region, line and railway drawn, the facts the model
//! resolved for that year.

use serde_json::{json, Map, Value};

use crate::model::{line_confidence, TreatyMap, PAGE_WORDS};

/// The page's data: its words and one entry per year, in the order of `maps`.
pub(super) fn page_data(maps: &[TreatyMap]) -> Value {
    let words: Map<String, Value> = PAGE_WORDS
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    json!({
        "words": words,
        "years": maps.iter().map(year).collect::<Vec<_>>(),
    })
}

fn year(map: &TreatyMap) -> Value {
    let ag = map.agreement;
    let mut regions = Map::new();
    for r in &map.regions {
        let power = r.power.map(|p| {
            p.period_on(map.as_of)
                .map_or(p.name.as_str(), |n| n.name.as_str())
        });
        let status = r.status.map(|s| match r.power {
            Some(_) => format!("{} {}", r.adjective, s.describe()),
            None => s.describe().to_string(),
        });
        regions.insert(
            r.id.to_string(),
            json!({
                "name": r.name,
                "label": r.description(),
                "power": power,
                "status": status,
                "lapsed": r.lapsed,
                "since": r.since.map(|d| d.to_string()),
                "set_by": r.set_by.map(|a| format!("{}, {}", a.name, a.signed)),
                "basis": r.note,
                "sources": r.set_by.map(|a| a.sources.join(", ")),
            }),
        );
    }
    let mut lines = Map::new();
    for l in &map.lines {
        lines.insert(
            l.id.to_string(),
            json!({
                "name": l.name,
                "label": l.name,
                "treaty": l.label,
                "confidence": line_confidence(l.uncertain),
            }),
        );
    }
    let mut railways = Map::new();
    for r in &map.railways {
        railways.insert(
            r.name.clone(),
            json!({
                "name": r.name,
                "label": r.name,
                "opened": r.opened,
            }),
        );
    }
    json!({
        "year": map.year,
        "title": map.texts.title,
        "subtitle": map.texts.subtitle,
        "detail": map.texts.detail,
        "agreement": {
            "name": ag.name,
            "signed": match &ag.signed_old_style {
                Some(os) => format!("{} ({os} O.S.)", ag.signed),
                None => ag.signed.to_string(),
            },
            "place": ag.place,
            "signatories": ag.signatories,
            "public_part": ag.public_part,
            "secret_part": ag.secret_part,
            "summary": ag.summary,
            "sources": ag.sources.join(", "),
        },
        "regions": regions,
        "lines": lines,
        "railways": railways,
    })
}
