//! The planar partition of the land into sphere and context regions.
//!
//! Every region is built with boolean operations on the lon/lat plane from the
//! admin-0/admin-1 sources; the remainders of Russia and China take whatever is
//! left, so the regions cover the land without gaps. Borders are made to
//! coincide exactly afterwards by [`crate::topology`].

use anyhow::{bail, Result};
use geo::{BooleanOps, Buffer, Coord, LineString, MapCoords, MultiPolygon, Orient};

use crate::geom::{self, coord, extend, length_inside, rect, union_all};
use crate::history::{Area, Cut, History};
use crate::sources::Sources;

/// A region before topology cleaning.
#[derive(Debug, Clone)]
pub struct RawRegion {
    pub id: &'static str,
    pub geometry: MultiPolygon<f64>,
}

/// Region ids in output order. The first fourteen are the 1907–1916 regions;
/// the rest (issue 15) are each cut out of one of them, named in [`PARENT`].
pub const IDS: [&str; 25] = [
    "korea",
    "kwantung",
    "south_manchuria",
    "north_manchuria",
    "barga",
    "cer_zone_barga",
    "east_inner_mongolia",
    "west_inner_mongolia",
    "outer_mongolia",
    "tannu_uriankhai",
    "karafuto",
    "japan",
    "russian_empire",
    "china_proper",
    "north_sakhalin",
    "kurils",
    "korea_north",
    "cer_zone",
    "cer_zone_south",
    "smr_zone",
    "jehol",
    "jirim",
    "ordos_hetao",
    "occupied_china_1937",
    "occupied_china_1938",
];

/// For each 1905–1945 region, the 1907–1916 region it was cut from: drawing a
/// parent together with its children gives back the parent's old outline.
pub const PARENT: [(&str, &str); 11] = [
    ("north_sakhalin", "russian_empire"),
    ("kurils", "japan"),
    ("korea_north", "korea"),
    ("cer_zone", "north_manchuria"),
    ("cer_zone_south", "south_manchuria"),
    ("smr_zone", "south_manchuria"),
    ("jehol", "east_inner_mongolia"),
    ("jirim", "east_inner_mongolia"),
    ("ordos_hetao", "west_inner_mongolia"),
    ("occupied_china_1937", "china_proper"),
    ("occupied_china_1938", "china_proper"),
];

/// Longest part of a closing loop allowed inside the territory (degrees); it
/// may only touch it where it meets the cut line.
const LOOP_INSIDE_MAX: f64 = 1e-6;

/// Splits `territory` along the polyline `line` into (left part, rest): the
/// first part is the territory inside the polygon `line` + `closing_loop`.
/// Fails if the closing loop crosses the territory.
pub fn cut(
    what: &str,
    territory: &MultiPolygon<f64>,
    line: &[Coord<f64>],
    closing_loop: &[Coord<f64>],
) -> Result<(MultiPolygon<f64>, MultiPolygon<f64>)> {
    let (Some(&first), Some(&last)) = (line.first(), line.last()) else {
        bail!("{what}: empty cut line");
    };
    // The loop runs from the line's last point back to its first.
    let mut lp = vec![last];
    lp.extend_from_slice(closing_loop);
    lp.push(first);
    let (inside, at) = length_inside(&LineString(lp), territory);
    if inside > LOOP_INSIDE_MAX {
        let at = at.map_or(String::new(), |c| format!(" near {:.3},{:.3}", c.x, c.y));
        bail!("{what}: the closing loop crosses the territory it cuts ({inside:.4} degrees inside{at})");
    }
    let mut ring = line.to_vec();
    ring.extend_from_slice(closing_loop);
    let cutter = geom::polygon(ring);
    Ok((
        territory.intersection(&cutter),
        territory.difference(&cutter),
    ))
}

fn fixed_cut(
    what: &str,
    spec: &Cut,
    territory: &MultiPolygon<f64>,
) -> Result<(MultiPolygon<f64>, MultiPolygon<f64>)> {
    let line: Vec<Coord<f64>> = spec.line.iter().copied().map(coord).collect();
    let lp: Vec<Coord<f64>> = spec.closing_loop.iter().copied().map(coord).collect();
    cut(what, territory, &line, &lp)
}

/// The Manchurian cut line: the treaty line extended a little past both ends
/// (past P1 into Russia/Korea, past Q4 into Mongolia) so the cut is clean.
pub fn manchuria_cut_line(treaty: &[Coord<f64>], extend_deg: f64) -> Result<Vec<Coord<f64>>> {
    if treaty.len() < 2 {
        bail!("treaty line has fewer than two points");
    }
    let n = treaty.len();
    let mut line = vec![extend(treaty[1], treaty[0], extend_deg)];
    line.extend_from_slice(treaty);
    line.push(extend(treaty[n - 2], treaty[n - 1], extend_deg));
    Ok(line)
}

/// A strip `half_width_km` either side of a polyline, buffered in a plane
/// whose x is scaled by cos(latitude) so the width is even in kilometres.
pub fn strip(line: &[Coord<f64>], half_width_km: f64) -> Result<MultiPolygon<f64>> {
    let Some(mean_lat) =
        (!line.is_empty()).then(|| line.iter().map(|c| c.y).sum::<f64>() / line.len() as f64)
    else {
        bail!("strip: empty line");
    };
    let k = mean_lat.to_radians().cos();
    let plane = LineString(line.iter().map(|c| Coord { x: c.x * k, y: c.y }).collect());
    let buffered = plane.buffer(half_width_km / 111.2);
    Ok(buffered.map_coords(|c| Coord { x: c.x / k, y: c.y }))
}

/// The hand-drawn area of `spec` as polygons.
fn area(what: &str, spec: &Area) -> Result<MultiPolygon<f64>> {
    // Oriented first: a clockwise ring would otherwise be read as a hole.
    let polys: Vec<MultiPolygon<f64>> = spec
        .rings()
        .map(|ring| {
            geom::polygon(ring.iter().copied().map(coord).collect())
                .orient(geo::orient::Direction::Default)
        })
        .collect();
    if polys.is_empty() {
        bail!("[{what}]: no polygon");
    }
    Ok(union_all(&polys))
}

/// Strips of `half_width_km` either side of the named `[[railways]]`.
fn rail_strips(hist: &History, ids: &[String], half_width_km: f64) -> Result<MultiPolygon<f64>> {
    let strips = ids
        .iter()
        .map(|id| {
            let Some(r) = hist.railways.iter().find(|r| &r.id == id) else {
                bail!("[railway_zones]: no railway '{id}'");
            };
            let line: Vec<Coord<f64>> = r
                .stations
                .iter()
                .map(|s| Coord { x: s.0, y: s.1 })
                .collect();
            strip(&line, half_width_km)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(union_all(&strips))
}

pub struct Built {
    pub regions: Vec<RawRegion>,
}

/// Builds all regions. `treaty` is the combined 1907 + 1912 line (P1 … Q4).
pub fn build(src: &Sources, hist: &History, treaty: &[Coord<f64>]) -> Result<Built> {
    let chn = src.country("CHN")?;
    let rus = src.country("RUS")?;
    let mng = src.country("MNG")?.clone();
    let prov = |name: &str| -> Result<MultiPolygon<f64>> {
        Ok(src.province("CHN", name)?.intersection(chn))
    };
    let hlj = prov("Heilongjiang")?;
    let jl = prov("Jilin")?;
    let ln = prov("Liaoning")?;
    let nm = prov("Nei Mongol")?;
    let hebei = prov("Hebei")?;
    let beijing = prov("Beijing")?;

    let korea = src.country("KOR")?.union(src.country("PRK")?);

    // Kwantung: Liaoning south of the lease boundary.
    let (kwantung, _) = fixed_cut("kwantung", &hist.kwantung, &ln)?;

    // North/south of the combined treaty line, over the three provinces and Nei Mongol.
    let manchu = union_all([&hlj, &jl, &ln]);
    let territory = manchu.union(&nm);
    let line = manchuria_cut_line(treaty, hist.manchuria_cut.extend_deg)?;
    // The line itself may only meet Mongolia at its (extended) end.
    let (crossing, _) = length_inside(&LineString(line[..line.len() - 2].to_vec()), &mng);
    if crossing > LOOP_INSIDE_MAX {
        bail!("the 1912 line crosses Outer Mongolia before Q4 ({crossing:.4} degrees inside)");
    }
    let lp: Vec<Coord<f64>> = hist
        .manchuria_cut
        .closing_loop
        .iter()
        .copied()
        .map(coord)
        .collect();
    let (north, _) = cut("manchuria", &territory, &line, &lp)?;
    let x122 = hist
        .line_1907
        .waypoints
        .iter()
        .find_map(|w| w.meridian)
        .unwrap_or(122.0);
    let north_manchuria = north.intersection(&rect(x122, -90.0, 180.0, 90.0));
    let barga_all = north.intersection(&rect(-180.0, -90.0, x122, 90.0));
    // The CER zone through Barga: Russian under the 1896 contract while the
    // land around it was left undefined.
    let zone = &hist.cer_zone;
    let Some(cer) = hist.railways.iter().find(|r| r.id == zone.railway) else {
        bail!("[cer_zone]: no railway '{}'", zone.railway);
    };
    let cer_line: Vec<Coord<f64>> = cer
        .stations
        .iter()
        .map(|s| Coord { x: s.0, y: s.1 })
        .collect();
    let cer_zone = strip(&cer_line, zone.half_width_km)?.intersection(&barga_all);
    let barga = barga_all.difference(&cer_zone);
    let south_manchuria = manchu.difference(&north).difference(&kwantung);
    let nm_south = nm.difference(&north);

    // Inner Mongolia: Nei Mongol south of the line plus Hebei/Beijing north of the wall.
    let (beyond_wall, _) = fixed_cut("great_wall", &hist.great_wall, &hebei.union(&beijing))?;
    let inner = nm_south.union(&beyond_wall);
    let m = hist.peking_meridian.lon;
    let east_im = inner.intersection(&rect(m, -90.0, 180.0, 90.0));
    // Alashan and Ejin were not among the six leagues of Inner Mongolia: they
    // stay with China, outside the 1912 division.
    let (alashan, _) = fixed_cut("alashan", &hist.alashan, &nm_south)?;
    let west_im = inner
        .intersection(&rect(-180.0, -90.0, m, 90.0))
        .difference(&alashan);

    // Russian units.
    let sakhalin = src.province("RUS", "Sakhalin")?.intersection(rus);
    let s = &hist.sakhalin;
    let karafuto =
        sakhalin.intersection(&rect(-180.0, -90.0, s.kurils_min_lon, s.karafuto_max_lat));
    let kurils = sakhalin.intersection(&rect(s.kurils_min_lon, -90.0, 180.0, 90.0));
    let tuva = src.province("RUS", "Tuva")?.intersection(rus);
    let japan = src.country("JPN")?.union(&kurils);
    let russian_empire = rus
        .difference(&union_all([&tuva, &karafuto, &kurils]))
        .union(src.country("KAZ")?);
    let china_proper = chn
        .difference(&union_all([&territory, &beyond_wall]))
        .union(&alashan);

    // Issue 15: the 1905–1945 regions, each cut out of one 1907–1916 region.
    let zones = &hist.railway_zones;
    let cer_strip = rail_strips(hist, &zones.cer, zones.half_width_km)?;
    let smr_strip = rail_strips(hist, &zones.smr, zones.half_width_km)?.difference(&cer_strip);
    let cer_zone_north = north_manchuria.intersection(&cer_strip);
    let north_manchuria = north_manchuria.difference(&cer_strip);
    let cer_zone_south = south_manchuria.intersection(&cer_strip);
    let smr_zone = south_manchuria.intersection(&smr_strip);
    let south_manchuria = south_manchuria
        .difference(&cer_strip)
        .difference(&smr_strip);

    let jehol = east_im.intersection(&area("jehol", &hist.jehol)?);
    let rest = east_im.difference(&jehol);
    let jirim = rest.intersection(&area("jirim", &hist.jirim)?);
    let east_im = rest.difference(&jirim);
    let ordos = west_im.intersection(&area("ordos_hetao", &hist.ordos_hetao)?);
    let west_im = west_im.difference(&ordos);

    let occ37 = china_proper.intersection(&area("occupied_china_1937", &hist.occupied_china_1937)?);
    let occ38 = china_proper
        .intersection(&area("occupied_china_1938", &hist.occupied_china_1938)?)
        .difference(&occ37);
    let china_proper = china_proper.difference(&occ37).difference(&occ38);

    let north_sakhalin =
        sakhalin.intersection(&rect(-180.0, s.karafuto_max_lat, s.kurils_min_lon, 90.0));
    let russian_empire = russian_empire.difference(&north_sakhalin);
    let japan = japan.difference(&kurils);
    let k = hist.korea_division.lat;
    let korea_north = korea.intersection(&rect(-180.0, k, 180.0, 90.0));
    let korea = korea.difference(&korea_north);

    let pick = |id: &'static str| -> Result<MultiPolygon<f64>> {
        Ok(match id {
            "korea" => korea.clone(),
            "kwantung" => kwantung.clone(),
            "south_manchuria" => south_manchuria.clone(),
            "north_manchuria" => north_manchuria.clone(),
            "barga" => barga.clone(),
            "cer_zone_barga" => cer_zone.clone(),
            "east_inner_mongolia" => east_im.clone(),
            "west_inner_mongolia" => west_im.clone(),
            "outer_mongolia" => mng.clone(),
            "tannu_uriankhai" => tuva.clone(),
            "karafuto" => karafuto.clone(),
            "japan" => japan.clone(),
            "russian_empire" => russian_empire.clone(),
            "china_proper" => china_proper.clone(),
            "north_sakhalin" => north_sakhalin.clone(),
            "kurils" => kurils.clone(),
            "korea_north" => korea_north.clone(),
            "cer_zone" => cer_zone_north.clone(),
            "cer_zone_south" => cer_zone_south.clone(),
            "smr_zone" => smr_zone.clone(),
            "jehol" => jehol.clone(),
            "jirim" => jirim.clone(),
            "ordos_hetao" => ordos.clone(),
            "occupied_china_1937" => occ37.clone(),
            "occupied_china_1938" => occ38.clone(),
            other => bail!("unknown region {other}"),
        })
    };
    let regions = IDS
        .iter()
        .map(|&id| {
            let geometry = pick(id)?;
            if geometry.0.is_empty() {
                bail!("region {id} came out empty");
            }
            Ok(RawRegion { id, geometry })
        })
        .collect::<Result<_>>()?;
    Ok(Built { regions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Area;
    fn area(m: &MultiPolygon<f64>) -> f64 {
        m.unsigned_area()
    }

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    #[test]
    fn cut_splits_a_square_along_a_line() {
        let sq = rect(0.0, 0.0, 2.0, 2.0);
        let line = [c(-0.1, 1.0), c(2.1, 1.0)];
        let lp = [c(2.1, 3.0), c(-0.1, 3.0)];
        let (north, south) = cut("t", &sq, &line, &lp).unwrap();
        assert!((area(&north) - 2.0).abs() < 1e-9);
        assert!((area(&south) - 2.0).abs() < 1e-9);
    }

    #[test]
    fn strip_is_even_in_kilometres() {
        // 10 km either side of a meridian segment at 60 N: 0.18 deg of longitude wide
        // on each side (cos 60 = 0.5), 0.09 deg of latitude past each end.
        let s = strip(&[c(10.0, 59.5), c(10.0, 60.5)], 10.0).unwrap();
        let r = geo::BoundingRect::bounding_rect(&s).unwrap();
        assert!((r.min().x - (10.0 - 0.1799)).abs() < 0.002, "{r:?}");
        assert!((r.max().y - (60.5 + 0.0899)).abs() < 0.002, "{r:?}");
    }

    #[test]
    fn cut_rejects_a_loop_through_the_territory() {
        let sq = rect(0.0, 0.0, 2.0, 2.0);
        let line = [c(-0.1, 1.0), c(2.1, 1.0)];
        let lp = [c(1.0, 1.5)];
        let err = cut("t", &sq, &line, &lp).unwrap_err().to_string();
        assert!(err.contains("closing loop crosses"), "{err}");
    }
}
