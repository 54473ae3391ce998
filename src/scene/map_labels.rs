//! Names on the map, placed without collisions in order of importance. Each sphere's name first
//! holds a place inside its region that leaves every main town a place by its dot
//! ([`super::region_labels`]); the treaty lines' tags and the main towns' names then go beside
//! their line or dot, clear of the held places (a town that finds no other place takes one
//! back); the spheres' names take their places; the main towns still without one go out on
//! leader lines, the names that did not fit inside go to callouts ([`super::callouts`]), then
//! the powers' and neighbours' land and the other towns. Lower ranks yield. A town whose dot
//! coincides with another's shares its dot and its label.

use super::callouts::{place_callouts, Callout, Neighbours};
use super::clip::{self, Px};
use super::frame::MapTransform;
use super::labels::{self, Bounds, Occupied, Placement, SLOTS};
use super::layout::{Detail, Layout};
use super::map::RegionPixels;
use super::region_labels::RegionName;
use super::sphere_parts::SpherePart;
use super::text::{self, Face};
use super::{text_bounds, Align, Feature, Group, Item, LayerId, Scene, TextItem};
use crate::color::Rgb;
use crate::data::geodata::Role;
use crate::model::{palette, LineView, PlaceView, TreatyMap};
use crate::projection::fit::PixelBox;
use rayon::prelude::*;

/// The gap between a town's dot and its name, in units.
const NEAR: f64 = 5.5;

/// A town on this page: its dot, the name to print and the size to print it at.
struct Town<'m> {
    place: &'m PlaceView<'m>,
    at: Px,
    name: String,
    size: f64,
}

/// The towns this page shows, each dot once: a town within a dot's width of a more important
/// one joins its label ("Antung / Sinuiju"); one closer to a more important town than about
/// two of its names' height yields (on a small map, where the two names could not both fit).
fn towns<'m>(map: &'m TreatyMap<'m>, layout: &Layout, t: &MapTransform, r: f64) -> Vec<Town<'m>> {
    let mut ranked: Vec<&PlaceView> = map.places.iter().collect();
    ranked.sort_by_key(|p| p.rank);
    let mut towns: Vec<Town> = Vec::new();
    for place in ranked {
        let size = layout.type_scale.place[usize::from(place.rank.clamp(1, 3)) - 1];
        if size <= 0.0 || (layout.detail == Detail::Panel && place.rank != 1) {
            continue;
        }
        let at = t.px(place.location.x(), place.location.y());
        if !layout.frame.contains(at) {
            continue;
        }
        // Main towns yield only to a dot they would cover; the others also to crowding.
        let crowd = if place.rank == 1 {
            3.0 * r
        } else {
            (3.0 * r).max(2.2 * size)
        };
        let near = towns
            .iter_mut()
            .find(|o| (o.at.0 - at.0).hypot(o.at.1 - at.1) < crowd);
        match near {
            // Twin towns (Antung and Sinuiju across the Yalu) share a dot and a label.
            Some(other)
                if km_apart(other.place, place) < 15.0
                    && (other.at.0 - at.0).hypot(other.at.1 - at.1) < 3.0 * r =>
            {
                other.name = format!("{} / {}", other.name, place.name)
            }
            // Otherwise the less important town yields its dot on this small a map.
            Some(_) => {}
            None => towns.push(Town {
                place,
                at,
                name: place.name.clone(),
                size,
            }),
        }
    }
    towns
}

/// Great-circle distance between two places, in km.
fn km_apart(a: &PlaceView, b: &PlaceView) -> f64 {
    use geo::{Distance, Haversine};
    Haversine.distance(a.location, b.location) / 1000.0
}

/// Place dots, then every label.
pub(super) fn draw(
    scene: &mut Scene,
    map: &TreatyMap<'_>,
    layout: &Layout,
    t: &MapTransform,
    region_pixels: &[(usize, RegionPixels)],
    treaty_paths: &[(usize, Vec<Vec<Px>>)],
    occupied: &mut Occupied,
) {
    let u = layout.unit;
    let frame = layout.frame;
    let r = 3.2 * u;
    let towns = towns(map, layout, t, r);
    for town in &towns {
        scene
            .group(
                LayerId::Places,
                Group {
                    title: Some(town.name.clone()),
                    ..Group::of(Feature::Place(town.place.id.to_string()))
                },
            )
            .items
            .push(Item::Dot {
                center: town.at,
                radius: r,
                fill: palette::INK,
                stroke: Some((palette::PAPER, 1.0 * u)),
            });
        occupied.add(Bounds {
            x0: town.at.0 - r,
            y0: town.at.1 - r,
            x1: town.at.0 + r,
            y1: town.at.1 + r,
        });
    }
    let ts = &layout.type_scale;
    let tags: Vec<(usize, Vec<Placement>)> = treaty_paths
        .iter()
        .map(|(i, pieces)| (*i, tag_candidates(&map.lines[*i], pieces, ts.tag, u)))
        .collect();
    // Sphere regions in pixels, to a few pixels (a callout is tested against them many times):
    // a callout must not sit over or by another one. Worked out on the other core while the
    // regions' names are prepared.
    let simplified = || -> Vec<(&str, Vec<SpherePart>)> {
        region_pixels
            .par_iter()
            .filter(|(i, _)| map.regions[*i].role == Role::Sphere)
            .map(|(i, p)| {
                let parts = p
                    .visible
                    .iter()
                    .filter_map(|part| {
                        SpherePart::new(geo::SimplifyVw::simplify_vw(part, 25.0 * u * u))
                    })
                    .collect();
                (map.regions[*i].id, parts)
            })
            .collect()
    };
    let (main, minor): (Vec<&Town>, Vec<&Town>) =
        towns.iter().partition(|town| town.place.rank == 1);
    let (spheres_first, context_last): (Vec<_>, Vec<_>) = region_pixels
        .iter()
        .partition(|(index, _)| map.regions[*index].role == Role::Sphere);
    // Lines' tags go where a name does not need the last free place beside its line.
    let slots: Vec<Vec<Bounds>> = tags
        .iter()
        .map(|(_, candidates)| candidates.iter().map(|c| c.bounds.grown(2.0 * u)).collect())
        .collect();
    let keeps_room = |occupied: &Occupied, b: &[Bounds]| leaves_a_place(&slots, occupied, b);
    // Each region's name prepared (its outline coarsened, its pole found) region by region
    // over the cores. A name is measured on a pool thread: in the page's CJK form there too.
    let lang = scene.lang;
    let names = |regions: Vec<&(usize, RegionPixels)>| -> Vec<RegionName> {
        regions
            .into_par_iter()
            .filter_map(|(index, pixels)| {
                let _cjk = text::set_cjk(lang);
                RegionName::new(&map.regions[*index], pixels, &frame, ts.region, ts.min, u)
            })
            .collect()
    };
    let (spheres, (sphere_names, context_names)) = rayon::join(simplified, || {
        rayon::join(|| names(spheres_first), || names(context_last))
    });
    // Each sphere's name holds a place inside its region that leaves every main town a place
    // by its dot, while those towns' names go beside their dots.
    let town_slots: Vec<Vec<Bounds>> = main
        .iter()
        .map(|town| near_slots(town, &frame, u))
        .chain(slots.iter().cloned())
        .collect();
    let keeps_town_room =
        |occupied: &Occupied, b: &[Bounds]| leaves_a_place(&town_slots, occupied, b);
    let mut held: Vec<Option<Vec<TextItem>>> = Vec::with_capacity(sphere_names.len());
    for name in &sphere_names {
        held.push(name.inside(&frame, occupied, &keeps_town_room));
        hold(occupied, &held, u);
    }
    // A name that finds no such place may take a main town's last place by its dot (the town
    // goes out on a leader line): a sphere named out at sea reads worse than a town on a leader.
    // Where another name's held place is in the way, that one moves if it finds another.
    for i in 0..sphere_names.len() {
        if held[i].is_some() {
            continue;
        }
        held[i] = sphere_names[i].inside(&frame, occupied, &keeps_room);
        if held[i].is_some() {
            hold(occupied, &held, u);
            continue;
        }
        let mut bare = occupied.clone();
        bare.release();
        let Some(wanted) = sphere_names[i].inside(&frame, &bare, &keeps_room) else {
            continue;
        };
        let wanted: Vec<Bounds> = wanted
            .iter()
            .map(|t| text_bounds(t).grown(2.0 * u))
            .collect();
        let in_the_way = (0..held.len()).filter(|&j| {
            held[j].iter().flatten().any(|t| {
                let b = text_bounds(t).grown(2.0 * u);
                wanted.iter().any(|w| w.overlaps(&b))
            })
        });
        for j in in_the_way.collect::<Vec<_>>() {
            let kept = held[j].take();
            hold(occupied, &held, u);
            held[i] = sphere_names[i].inside(&frame, occupied, &keeps_room);
            hold(occupied, &held, u);
            if held[i].is_some() {
                held[j] = sphere_names[j]
                    .inside(&frame, occupied, &keeps_town_room)
                    .or_else(|| sphere_names[j].inside(&frame, occupied, &keeps_room));
            }
            if held[j].is_none() {
                held[i] = None;
                held[j] = kept;
            }
            hold(occupied, &held, u);
            if held[i].is_some() {
                break;
            }
        }
    }
    // The lines' tags, in a place that leaves each main town one by its dot where they can;
    // then the main towns' names by their dots.
    let main_slots = &town_slots[..main.len()];
    for (i, candidates) in tags {
        let (kind, other): (Vec<Placement>, Vec<Placement>) = candidates
            .into_iter()
            .partition(|c| leaves_a_place(main_slots, occupied, &[c.bounds.grown(2.0 * u)]));
        let chosen = labels::place(occupied, &frame, kind)
            .or_else(|| labels::place(occupied, &frame, other));
        let tag = &map.lines[i];
        label_line(
            scene,
            tag,
            chosen.into_iter().collect(),
            &frame,
            occupied,
            ts.tag,
            u,
        );
    }
    // A town's name that finds every place by its dot taken takes a place a region's name
    // held, if that gives it one: the region's name looks again afterwards.
    let mut main_far: Vec<&Town> = Vec::new();
    // The town with the fewest free places by its dot chooses next: one with several can still
    // move aside, one hemmed in (by a sphere's name between its dots) cannot.
    let mut waiting: Vec<(&Town, &Vec<Bounds>)> = main.into_iter().zip(main_slots).collect();
    while !waiting.is_empty() {
        let next = (0..waiting.len())
            .min_by_key(|&i| waiting[i].1.iter().filter(|s| occupied.is_free(s)).count())
            .unwrap_or(0);
        let (town, slots) = waiting.remove(next);
        if label_town(scene, town, &frame, occupied, u, Reach::Near) {
            continue;
        }
        let blocking: Vec<usize> = (0..held.len())
            .filter(|&r| {
                held[r].iter().flatten().any(|item| {
                    let b = text_bounds(item).grown(2.0 * u);
                    slots.iter().any(|s| s.overlaps(&b))
                })
            })
            .collect();
        // Only where the name then finds another place inside: a region's name outranks a
        // town's place by its dot (the town goes out on a leader line instead).
        let freed = blocking.into_iter().any(|r| {
            let kept = held[r].take();
            hold(occupied, &held, u);
            let moved = near_place(town, &frame, occupied, u).and_then(|p| {
                let mut trial = occupied.clone();
                trial.add(p.bounds.grown(1.5 * u));
                sphere_names[r].inside(&frame, &trial, &keeps_town_room)
            });
            let placed =
                moved.is_some() && label_town(scene, town, &frame, occupied, u, Reach::Near);
            held[r] = if placed { moved } else { kept };
            hold(occupied, &held, u);
            placed
        });
        if !freed {
            main_far.push(town);
        }
    }
    // A name takes the place it held; one that held none tries again (the towns may have left
    // it room elsewhere), clear of the places the others hold.
    let pending: Vec<Callout> = sphere_names
        .into_iter()
        .zip(held)
        .filter_map(|(name, held)| {
            let items = held.or_else(|| name.inside(&frame, occupied, &keeps_room));
            name.place(scene, items, occupied)
        })
        .collect();
    occupied.release();
    // The main towns that found no room by their dots, on a leader line (they are never
    // dropped); the names that must go out to a callout; the powers' own land and the
    // neighbours last: their large areas leave them room anywhere.
    for town in &main_far {
        label_town(scene, town, &frame, occupied, u, Reach::Far);
    }
    let neighbours = Neighbours {
        over: &|own, b| over_other_sphere(&spheres, own, b),
        nearer: &|own, at, reach| other_sphere_within(&spheres, own, at, reach),
    };
    // Callouts on an overview's panel only where it is wide enough (some 24 names' heights)
    // to tell a leader line from a border: there a sphere too small for its name is named
    // beside it, as on a map of its own, rather than not at all.
    let callouts_fit = layout.detail == Detail::Full || frame.width >= 24.0 * ts.region;
    let callouts = |scene: &mut Scene, occupied: &mut Occupied, pending| {
        if callouts_fit {
            place_callouts(scene, pending, &frame, occupied, u, &neighbours);
        }
    };
    callouts(scene, occupied, pending);
    let pending: Vec<Callout> = context_names
        .into_iter()
        .filter_map(|name| {
            let items = name.inside(&frame, occupied, &|_, _| true);
            name.place(scene, items, occupied)
        })
        .collect();
    callouts(scene, occupied, pending);
    // Every other town that can sit by its dot does, before any name goes out on a leader line
    // and takes the room another town needed beside its own dot.
    let minor_far: Vec<&Town> = minor
        .into_iter()
        .filter(|town| !label_town(scene, town, &frame, occupied, u, Reach::Near))
        .collect();
    for town in minor_far {
        label_town(scene, town, &frame, occupied, u, Reach::Far);
    }
}

/// Whether a box covers a sphere region other than `own`. Sampled on a grid over the box: a
/// long name can cover a region between its corners. Each part keeps its box, so a sample is
/// tested only against the parts that could hold it.
fn over_other_sphere(spheres: &[(&str, Vec<SpherePart>)], own: &str, b: &Bounds) -> bool {
    // A point (a box's centre) is one sample.
    let (columns, rows) = if b.x1 > b.x0 || b.y1 > b.y0 {
        (8, 2)
    } else {
        (0, 0)
    };
    let sample = |i: u32, j: u32| {
        (
            b.x0 + (b.x1 - b.x0) * f64::from(i) / f64::from(columns.max(1)),
            b.y0 + (b.y1 - b.y0) * f64::from(j) / f64::from(rows.max(1)),
        )
    };
    spheres
        .iter()
        .filter(|(id, _)| *id != own)
        .flat_map(|(_, parts)| parts)
        // No sample of the box can lie in a part whose box it misses.
        .filter(|part| {
            let (min, max) = (part.bounds.min(), part.bounds.max());
            b.x0 <= max.x && b.x1 >= min.x && b.y0 <= max.y && b.y1 >= min.y
        })
        .any(|part| (0..=columns).any(|i| (0..=rows).any(|j| part.contains(sample(i, j)))))
}

/// Whether a sphere region other than `own` comes within `reach` px of a point.
fn other_sphere_within(spheres: &[(&str, Vec<SpherePart>)], own: &str, at: Px, reach: f64) -> bool {
    use geo::{Distance, Euclidean};
    let point = geo::Point::new(at.0, at.1);
    spheres
        .iter()
        .filter(|(id, _)| *id != own)
        .any(|(_, parts)| {
            parts.iter().any(
                |SpherePart {
                     bounds, polygon, ..
                 }| {
                    let near_box = bounds.min().x - reach <= at.0
                        && bounds.max().x + reach >= at.0
                        && bounds.min().y - reach <= at.1
                        && bounds.max().y + reach >= at.1;
                    near_box && Euclidean.distance(&point, polygon) < reach
                },
            )
        })
}

/// How far from its dot a town's name may go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Beside the dot only.
    Near,
    /// Out along a leader line too; a name that cannot be placed is dropped.
    Far,
}

/// A town's name beside its dot; farther out with a leader line if the near slots are taken and
/// `reach` allows. Whether it was placed.
fn label_town(
    scene: &mut Scene,
    town: &Town,
    frame: &PixelBox,
    occupied: &mut Occupied,
    u: f64,
    reach: Reach,
) -> bool {
    let size = town.size;
    let face = Face::Regular;
    let w = text::width(&town.name, size, face);
    let (ascent, descent) = (size * text::CAP_HEIGHT, size * text::DESCENT);
    let near = NEAR * u;
    // Not too far: a long leader makes a name hard to attach to its dot.
    // A main town may go four steps further than the others: it must never be dropped.
    let count = match reach {
        Reach::Near => 1,
        Reach::Far if town.place.rank == 1 => 8,
        Reach::Far => 2,
    };
    let rings: Vec<f64> = (0..count)
        .map(|i| near + size * 1.1 * f64::from(i))
        .collect();
    let mut placed: Option<(Placement, bool)> = None;
    for (i, gap) in rings.iter().enumerate() {
        let candidates = SLOTS
            .iter()
            .map(|&slot| labels::candidate(town.at, slot, w, ascent, descent, *gap));
        if let Some(p) = labels::place(occupied, frame, candidates) {
            placed = Some((p, i > 0));
            break;
        }
    }
    let Some((p, far)) = placed else {
        if reach == Reach::Far {
            scene.lost_a_main_name |= town.place.rank == 1;
            scene.dropped_labels.push(town.name.clone());
        }
        return false;
    };
    occupied.add(p.bounds.grown(1.5 * u));
    let group = scene.group(
        LayerId::Labels,
        Group::of(Feature::Place(town.place.id.to_string())),
    );
    if far {
        group.items.push(leader(town.at, &p.bounds, 0.7 * u));
    }
    group
        .items
        .push(backing(&p.bounds, (1.5 * u, 1.0 * u), 0.72, None));
    group.items.push(Item::Text(TextItem {
        text: town.name.clone(),
        x: p.x,
        baseline: p.baseline,
        size,
        face,
        color: palette::INK,
        align: Align::Left,
        halo: None,
    }));
    true
}

/// The place beside its dot [`label_town`] would give a town's name now, if any.
fn near_place(town: &Town, frame: &PixelBox, occupied: &Occupied, u: f64) -> Option<Placement> {
    let w = text::width(&town.name, town.size, Face::Regular);
    let (ascent, descent) = (town.size * text::CAP_HEIGHT, town.size * text::DESCENT);
    let candidates = SLOTS
        .iter()
        .map(|&slot| labels::candidate(town.at, slot, w, ascent, descent, NEAR * u));
    labels::place(occupied, frame, candidates)
}

/// Holds the places of the regions' names found so far (and only those).
fn hold(occupied: &mut Occupied, held: &[Option<Vec<TextItem>>], u: f64) {
    occupied.release();
    for item in held.iter().flatten().flatten() {
        occupied.reserve(text_bounds(item).grown(2.0 * u));
    }
}

/// Whether boxes leave each label whose places they cover (`slots`, one list per label) at
/// least one free place. A label with no free place left loses nothing: it goes out on a
/// leader line whatever covers its places.
fn leaves_a_place(slots: &[Vec<Bounds>], occupied: &Occupied, boxes: &[Bounds]) -> bool {
    let clear = |s: &Bounds| !boxes.iter().any(|b| s.overlaps(b));
    slots.iter().all(|own| {
        own.iter().all(clear)
            || own.iter().any(|s| clear(s) && occupied.is_free(s))
            || !own.iter().any(|s| occupied.is_free(s))
    })
}

/// The boxes a town's name could take beside its dot, as [`label_town`] tries them first.
fn near_slots(town: &Town, frame: &PixelBox, u: f64) -> Vec<Bounds> {
    let w = text::width(&town.name, town.size, Face::Regular);
    let (ascent, descent) = (town.size * text::CAP_HEIGHT, town.size * text::DESCENT);
    SLOTS
        .iter()
        .map(|&slot| labels::candidate(town.at, slot, w, ascent, descent, NEAR * u).bounds)
        .filter(|b| b.inside(frame))
        .collect()
}

/// A thin line from `from` to the nearest point of a label's box.
pub(super) fn leader(from: Px, to: &Bounds, width: f64) -> Item {
    let nearest = (from.0.clamp(to.x0, to.x1), from.1.clamp(to.y0, to.y1));
    Item::Line {
        points: vec![from, nearest],
        color: palette::INK,
        width,
    }
}

/// The boxes a line's tag may take: beside points along its longest visible piece, never on it.
fn tag_candidates(state: &LineView<'_>, pieces: &[Vec<Px>], size: f64, u: f64) -> Vec<Placement> {
    let w = text::width(state.tag, size, Face::Bold);
    let Some(longest) = pieces
        .iter()
        .max_by(|a, b| clip::length(a).total_cmp(&clip::length(b)))
    else {
        return Vec::new();
    };
    let total = clip::length(longest);
    let mut candidates = Vec::new();
    for fraction in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8] {
        let p = point_along(longest, total * fraction);
        for &slot in &SLOTS {
            candidates.push(labels::candidate(
                p,
                slot,
                w,
                size * text::CAP_HEIGHT,
                size * text::DESCENT,
                7.0 * u,
            ));
        }
    }
    // Tags must sit beside their line, never on it.
    candidates.retain(|c| {
        !longest
            .windows(2)
            .any(|s| c.bounds.grown(2.0 * u).touches_segment(s[0], s[1]))
    });
    candidates
}

/// A line's tag in the first free place of `candidates` (see [`tag_candidates`]).
fn label_line(
    scene: &mut Scene,
    state: &LineView<'_>,
    clear: Vec<Placement>,
    frame: &PixelBox,
    occupied: &mut Occupied,
    size: f64,
    u: f64,
) {
    let tag = state.tag;
    match labels::place(occupied, frame, clear) {
        Some(p) => {
            occupied.add(p.bounds.grown(2.0 * u));
            let outline = Some((palette::TREATY_LINE, 0.8 * u));
            let group = scene.group(
                LayerId::Labels,
                Group::of(Feature::Line(state.id.to_string())),
            );
            group
                .items
                .push(backing(&p.bounds, (3.0 * u, 2.0 * u), 0.85, outline));
            group.items.push(Item::Text(TextItem {
                text: tag.to_string(),
                x: p.x,
                baseline: p.baseline,
                size,
                face: Face::Bold,
                color: palette::TREATY_LINE,
                align: Align::Left,
                halo: None,
            }));
        }
        None => scene.dropped_labels.push(tag.to_string()),
    }
}

/// A translucent paper box behind a label, `pad` (x, y) px larger than its text.
fn backing(b: &Bounds, pad: (f64, f64), opacity: f64, stroke: Option<(Rgb, f64)>) -> Item {
    Item::Rect {
        rect: PixelBox {
            left: b.x0 - pad.0,
            top: b.y0 - pad.1,
            width: b.x1 - b.x0 + 2.0 * pad.0,
            height: b.y1 - b.y0 + 2.0 * pad.1,
        },
        fill: Some((palette::PAPER, opacity)),
        stroke,
    }
}

fn point_along(path: &[Px], distance: f64) -> Px {
    let mut left = distance;
    for s in path.windows(2) {
        let d = ((s[1].0 - s[0].0).powi(2) + (s[1].1 - s[0].1).powi(2)).sqrt();
        if d >= left && d > 0.0 {
            let t = left / d;
            return (
                s[0].0 + (s[1].0 - s[0].0) * t,
                s[0].1 + (s[1].1 - s[0].1) * t,
            );
        }
        left -= d;
    }
    *path.last().unwrap_or(&(0.0, 0.0))
}
