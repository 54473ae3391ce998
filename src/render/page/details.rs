//! What the page says about each year and each thing on its map, as JSON for its script: the
//! agreement in force, and for every region, line and railway drawn, the facts the model
//! resolved for that year.

use serde_json::{json, Map, Value};

use crate::model::strings::strings;
use crate::model::TreatyMap;
use crate::options::Lang;

/// The page's data: its words in `lang` and one entry per year, in the order of `maps`.
pub(super) fn page_data(maps: &[TreatyMap], lang: Lang) -> Value {
    let page = &strings(lang).page;
    let words: Map<String, Value> = page.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    let confidence =
        |uncertain: bool| page[if uncertain { "uncertain" } else { "certain" }].clone();
    json!({
        "words": words,
        "years": maps.iter().map(|m| year(m, &confidence)).collect::<Vec<_>>(),
    })
}

fn year(map: &TreatyMap, confidence: &dyn Fn(bool) -> String) -> Value {
    let ag = map.agreement;
    // The agreement's facts in the page's language where its strings file has them.
    let s = map.strings;
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
                "confidence": confidence(l.uncertain),
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
            "name": s.tr(&ag.name),
            "signed": format!(
                "{}{}",
                s.date(ag.signed),
                ag.signed_old_style
                    .as_deref()
                    .and_then(|d| s.old_style_date(d))
                    .map(|d| s.fill("old_style", &[("date", &d)]))
                    .unwrap_or_default()
            ),
            "place": s.tr(&ag.place),
            "signatories": ag.signatories.iter().map(|n| s.tr(n)).collect::<Vec<_>>(),
            "public_part": ag.public_part.as_deref().map(|t| s.tr(t)),
            "secret_part": ag.secret_part.as_deref().map(|t| s.tr(t)),
            "summary": s.tr(&ag.summary),
            "sources": ag.sources.join(", "),
        },
        "regions": regions,
        "lines": lines,
        "railways": railways,
    })
}
