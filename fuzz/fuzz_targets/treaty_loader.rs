//! Any text as a treaty file; a file that loads must answer every year without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spheres_map::data::treaties::Treaties;

fuzz_target!(|text: &str| {
    let Ok(treaties) = Treaties::from_toml_str(text, "treaties.toml") else {
        return;
    };
    let _ = treaties.referenced_regions();
    for agreement in &treaties.agreements {
        let year = agreement.signed.year;
        for y in [year.saturating_sub(1), year, year.saturating_add(1)] {
            let _ = treaties.agreement_in_force(y);
        }
        let _ = agreement.signed.to_string();
    }
    for y in [i32::MIN, treaties.first_year, treaties.last_year, i32::MAX] {
        let _ = treaties.agreement_in_force(y);
    }
});
