//! Lettering for black-and-white maps: without colour, a hatch direction alone makes the reader
//! decode the key, so every area a power holds also carries the power's mark after its name
//! ("KOREA (J)"), and the key's entries of that power start with it ("(J) Japanese sphere of
//! special interests"), which says once whose each mark is.

use super::strings::Strings;
use super::RegionView;
use crate::data::treaties::Power;
use crate::data::Dataset;

/// The mark of `power` as the language writes it, brackets included: "(J)", "（日）"; in capitals,
/// as the names it follows, so the key prints it as the map does.
fn mark_of(power: &Power, strings: &Strings) -> String {
    let english = power.mark();
    strings
        .fill("mark", &[("letters", strings.tr(&english))])
        .to_uppercase()
}

/// Adds its holder's mark to the map name of every region a power holds, claims or occupies,
/// except the regions named for the power itself (Japan, the Russian Empire under any of its
/// names) and land the map leaves unnamed.
pub(super) fn letter(regions: &mut [RegionView<'_>], dataset: &Dataset, strings: &Strings) {
    for region in regions.iter_mut() {
        let Some(power) = region.power else {
            continue;
        };
        if region.status.is_none()
            || region.map_label.is_empty()
            || names_its_holder(region.id, power, dataset)
        {
            continue;
        }
        let mark = mark_of(power, strings);
        region.map_label = strings
            .fill("map_mark", &[("name", &region.map_label), ("mark", &mark)])
            .to_uppercase();
        region.mark = Some(mark);
    }
}

/// Whether the region's own name already names the power: its home land, or a region whose
/// English name is one of the power's names.
fn names_its_holder(id: &str, power: &Power, dataset: &Dataset) -> bool {
    let english = dataset.geodata.region(id).map(|r| r.name.as_str());
    power.home.as_deref() == Some(id)
        || english
            .is_some_and(|name| name == power.name || power.periods.iter().any(|p| p.name == name))
}

#[cfg(test)]
mod tests {
    use super::super::key::{Key, Swatch};
    use super::super::TreatyMap;
    use crate::data::Dataset;
    use crate::options::{Lang, Style};

    /// The marks of Japan, Russia and the United States as each language prints them.
    const MARKS: [(Lang, [&str; 3]); 6] = [
        (Lang::En, ["(J)", "(R)", "(US)"]),
        (Lang::Ja, ["（日）", "（露）", "（米）"]),
        (Lang::Ru, ["(Я)", "(Р)", "(США)"]),
        (Lang::Zh, ["（日）", "（俄）", "（美）"]),
        (Lang::ZhHant, ["（日）", "（俄）", "（美）"]),
        (Lang::Ko, ["(일)", "(러)", "(미)"]),
    ];
    /// Years with every kind of hold: spheres, the lease, colonies, the Japanese occupation of
    /// northern Sakhalin, Manchukuo, occupied China and the zones of 1945.
    const YEARS: [i32; 7] = [1905, 1907, 1912, 1920, 1933, 1938, 1945];

    fn mark_of(lang: Lang, power: &str) -> &'static str {
        let index = ["japan", "russia", "usa"]
            .iter()
            .position(|p| *p == power)
            .unwrap_or_else(|| panic!("no mark for power '{power}'"));
        MARKS.iter().find(|(l, _)| *l == lang).unwrap().1[index]
    }

    /// The labels of the key's area entries.
    fn area_labels(key: &Key) -> Vec<&str> {
        key.sections
            .iter()
            .flat_map(|s| &s.entries)
            .filter(|e| matches!(e.swatch, Swatch::Area(_)))
            .map(|e| e.label.as_str())
            .collect()
    }

    #[test]
    fn in_black_and_white_every_held_region_carries_its_holders_mark() {
        let data = Dataset::embedded().unwrap();
        for (lang, _) in MARKS {
            for year in YEARS {
                let what = format!("{} {year}", lang.code());
                let mono = TreatyMap::for_year_in(&data, year, lang, Style::Mono).unwrap();
                let colour = TreatyMap::for_year_in(&data, year, lang, Style::Colour).unwrap();
                let mut marked = 0;
                for (m, c) in mono.regions.iter().zip(&colour.regions) {
                    assert_eq!(m.id, c.id, "{what}");
                    assert_eq!(c.mark, None, "{what}: {} is marked in colour", c.id);
                    // Japan and the Russian Empire (or Soviet Union) are named for the power.
                    let named_for_it = ["japan", "russian_empire"].contains(&m.id);
                    match (m.power, m.status) {
                        (Some(power), Some(_)) if !named_for_it => {
                            let mark = mark_of(lang, &power.id);
                            assert_eq!(m.mark.as_deref(), Some(mark), "{what}: {}", m.id);
                            let bare = m.map_label.strip_suffix(mark).map(str::trim_end);
                            assert_eq!(bare, Some(c.map_label.as_str()), "{what}: {}", m.id);
                            marked += 1;
                        }
                        _ => {
                            assert_eq!(m.mark, None, "{what}: {}", m.id);
                            assert_eq!(m.map_label, c.map_label, "{what}: {}", m.id);
                        }
                    }
                }
                assert!(marked >= 3, "{what}: only {marked} regions marked");
            }
        }
    }

    #[test]
    fn names_read_with_their_marks() {
        let data = Dataset::embedded().unwrap();
        let label = |lang, year, id| {
            let map = TreatyMap::for_year_in(&data, year, lang, Style::Mono).unwrap();
            map.region(id).unwrap().map_label.clone()
        };
        assert_eq!(
            label(Lang::En, 1912, "south_manchuria"),
            "SOUTH MANCHURIA (J)"
        );
        assert_eq!(
            label(Lang::En, 1912, "outer_mongolia"),
            "OUTER MONGOLIA (R)"
        );
        assert_eq!(label(Lang::En, 1912, "russian_empire"), "RUSSIAN EMPIRE");
        assert_eq!(label(Lang::Ja, 1912, "korea"), "朝鮮（日）");
        assert_eq!(label(Lang::Ru, 1907, "korea"), "КОРЕЯ (Я)");
        assert_eq!(label(Lang::Ko, 1912, "outer_mongolia"), "외몽골 (러)");
    }

    #[test]
    fn the_key_says_whose_each_mark_is_in_black_and_white_only() {
        let data = Dataset::embedded().unwrap();
        for (lang, _) in MARKS {
            for year in YEARS {
                let what = format!("{} {year}", lang.code());
                let colour = TreatyMap::for_year_in(&data, year, lang, Style::Colour).unwrap();
                let mono = TreatyMap::for_year_in(&data, year, lang, Style::Mono).unwrap();
                let (plain, marked) = (area_labels(&colour.key), area_labels(&mono.key));
                assert_eq!(plain.len(), marked.len(), "{what}");
                let mut explained = 0;
                for (plain, marked) in plain.iter().zip(&marked) {
                    let mark = MARKS.iter().find(|(l, _)| *l == lang).unwrap().1;
                    assert!(
                        !mark.iter().any(|m| plain.contains(m)),
                        "{what}: a mark in colour, '{plain}'"
                    );
                    if marked == plain {
                        continue;
                    }
                    // The power's own entry, under its adjective of the day: a mark the map
                    // shows, before the words of the colour key.
                    let (m, rest) = mark
                        .iter()
                        .find_map(|m| Some((*m, marked.strip_prefix(m)?.trim_start())))
                        .unwrap_or_else(|| panic!("{what}: '{marked}' starts with no mark"));
                    assert_eq!(rest, *plain, "{what}");
                    assert!(
                        mono.regions.iter().any(|r| r.mark.as_deref() == Some(m)),
                        "{what}: the key explains {m}, which no name carries"
                    );
                    explained += 1;
                }
                // Every mark a name carries is explained, with the power's adjective.
                for region in &mono.regions {
                    let Some(mark) = &region.mark else { continue };
                    let adjective = region.adjective;
                    assert!(
                        marked
                            .iter()
                            .any(|l| l.starts_with(mark.as_str()) && l.contains(adjective)),
                        "{what}: {mark} ({adjective}) not in the key {marked:?}"
                    );
                }
                assert!(explained >= 2, "{what}: {explained} entries with marks");
            }
        }
        // A series names the Russian power by each of its periods, under its one mark.
        let maps: Vec<_> = [1912, 1925]
            .iter()
            .map(|&y| TreatyMap::for_year_in(&data, y, Lang::En, Style::Mono).unwrap())
            .collect();
        let series = Key::for_maps(&maps);
        let labels = area_labels(&series);
        assert!(
            labels.contains(&"(R) Russian/Soviet territory"),
            "{labels:?}"
        );
    }
}
