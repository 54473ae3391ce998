//! Loading treaty files: what is accepted and what is refused, with the message.

use super::*;

const MINIMAL: &str = r#"
title = "T"
first_year = 1907
last_year = 1917
[[powers]]
id = "a"
name = "A"
adjective = "A-ish"
[[agreements]]
id = "one"
name = "One"
signed = 1907-07-30
place = "P"
signatories = ["x"]
summary = "s"
[[agreements]]
id = "two"
name = "Two"
signed = 1912-07-08
place = "P"
signatories = ["x"]
summary = "s"
"#;

#[test]
fn picks_latest_agreement_signed_by_the_year() {
    let t = Treaties::from_toml_str(MINIMAL, "t.toml").unwrap();
    assert_eq!(t.agreement_in_force(1907).unwrap().id, "one");
    assert_eq!(t.agreement_in_force(1911).unwrap().id, "one");
    assert_eq!(t.agreement_in_force(1912).unwrap().id, "two");
    assert_eq!(t.agreement_in_force(1917).unwrap().id, "two");
    let err = t.agreement_in_force(1906).unwrap_err().to_string();
    assert!(err.contains("1907 to 1917"), "{err}");
    assert!(t.agreement_in_force(1918).is_err());
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let err = Treaties::from_toml_str("title = \"T\"\nfirst_year = = 3\n", "x.toml")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("x.toml: "), "{err}");
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn same_day_agreements_are_refused() {
    let text = MINIMAL.replace("1912-07-08", "1907-07-30");
    let err = Treaties::from_toml_str(&text, "t.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("both dated 30 July 1907"), "{err}");
}

#[test]
fn unknown_power_and_unknown_field_are_refused() {
    let text = format!(
        "{MINIMAL}[[agreements.assignments]]\nregion = \"r\"\npower = \"zz\"\nstatus = \"sphere\"\n"
    );
    let err = Treaties::from_toml_str(&text, "t.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown power 'zz'"), "{err}");
    let text = MINIMAL.replace("place = \"P\"", "place = \"P\"\ncolour = 1");
    let err = Treaties::from_toml_str(&text, "t.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field"), "{err}");
}

#[test]
fn an_agreement_after_last_year_is_refused() {
    let text = MINIMAL.replace("1912-07-08", "1950-07-08");
    let err = Treaties::from_toml_str(&text, "t.toml")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "t.toml: agreement 'two' was signed in 1950, after last_year 1917: no map could show it"
    );
}

#[test]
fn budgets_are_checked() {
    let text = MINIMAL.replace("last_year = 1917", "last_year = 2917");
    let err = Treaties::from_toml_str(&text, "t.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("is 1011 years; the limit is 500"), "{err}");
    let text = MINIMAL.replace(
        "summary = \"s\"",
        &format!("summary = \"{}\"", "s".repeat(2001)),
    );
    let err = Treaties::from_toml_str(&text, "t.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("agreements[0].summary: is 2001 characters long; the limit is 2000"),
        "{err}"
    );
    let text = MINIMAL.replace("name = \"One\"", &format!("name = \"{}\"", "n".repeat(201)));
    let err = Treaties::from_toml_str(&text, "t.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("agreements[0].name: is 201 characters long; the limit is 200"),
        "{err}"
    );
}

#[test]
fn bundled_file_loads() {
    let t = Treaties::from_toml_str(crate::data::embedded::TREATIES, "treaties.toml").unwrap();
    let ids: Vec<_> = t.agreements.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["1905", "1907", "1910", "1912", "1916", "1925", "1941", "1945"]
    );
    assert_eq!(t.agreements[3].signed.to_string(), "8 July 1912");
    let series: Vec<_> = t.series().map(|a| a.id.as_str()).collect();
    assert_eq!(series, ["1907", "1910", "1912", "1916"]);
    // The program reads it without the string pass, which this load has just passed.
    let bundled = Treaties::bundled().unwrap();
    assert_eq!(format!("{bundled:?}"), format!("{t:?}"));
}

#[test]
fn unions_and_the_lapse_are_checked() {
    let with = |extra: &str| Treaties::from_toml_str(&format!("{MINIMAL}{extra}"), "t.toml");
    let ok = with(
        "[[unions]]\nid = \"ab\"\nname = \"AB\"\nregions = [\"a\", \"b\"]\nuntil = 1912-07-08\n\
         [lapse]\ndate = 1917-11-08\ntitle = \"lapsed\"\nnote = \"n\"\n",
    )
    .unwrap();
    let union = &ok.unions[0];
    let day = |y, m, d| Date {
        year: y,
        month: m,
        day: d,
    };
    assert!(union.joined_on(day(1912, 7, 7)));
    // The same regions may be joined again at another time.
    let twice = with(
        "[[unions]]\nid = \"ab\"\nname = \"AB\"\nregions = [\"a\", \"b\"]\nuntil = 1910-01-01\n\
         [[unions]]\nid = \"ab\"\nname = \"AB\"\nregions = [\"a\", \"b\"]\nfrom = 1910-01-01\n",
    );
    assert!(twice.is_ok(), "{:?}", twice.err());
    assert!(!union.joined_on(day(1912, 7, 8)));
    assert_eq!(ok.lapse.unwrap().date, day(1917, 11, 8));
    for (extra, words) in [
        (
            "[[unions]]\nid = \"a1\"\nname = \"A\"\nregions = [\"a\"]\nuntil = 1912-07-08\n",
            "joins at least two regions",
        ),
        (
            "[[unions]]\nid = \"ab\"\nname = \"AB\"\nregions = [\"a\", \"b\"]\n",
            "give 'until'",
        ),
        (
            "[[unions]]\nid = \"ab\"\nname = \"AB\"\nregions = [\"a\", \"b\"]\nfrom = 1910-01-01\n\
             [[unions]]\nid = \"bc\"\nname = \"BC\"\nregions = [\"b\", \"c\"]\nfrom = 1910-01-01\n",
            "region 'b' is already in union 'ab' at the same time",
        ),
        (
            "[[unions]]\nid = \"ab\"\nname = \"AB\"\nregions = [\"a\", \"b\"]\nuntil = 1910-01-01\n\
             [[unions]]\nid = \"bc\"\nname = \"BC\"\nregions = [\"b\", \"c\"]\nuntil = 1912-01-01\n",
            "region 'b' is already in union 'ab' at the same time",
        ),
        (
            "[[unions]]\nid = \"ab\"\nname = \"AB\"\nregions = [\"a\", \"b\"]\nfrom = 1912-01-01\nuntil = 1910-01-01\n",
            "'from' is not before 'until'",
        ),
        (
            "[[years]]\nyear = 1950\ncaption = \"c\"\n",
            "year 1950 is outside",
        ),
        (
            "[[powers]]\nid = \"b\"\nname = \"B\"\nadjective = \"B\"\nnames = [{ from = 1912-01-01, name = \"X\", adjective = \"X\" }, { from = 1913-01-01, name = \"Y\", adjective = \"Y\" }]\n",
            "names 'X' and 'Y' overlap",
        ),
        (
            "[[powers]]\nid = \"b\"\nname = \"B\"\nadjective = \"B\"\nmark = \"(B)\"\n",
            "mark '(B)' must be one to four letters",
        ),
        (
            "[[powers]]\nid = \"b\"\nname = \"B\"\nadjective = \"B\"\nmark = \"\"\n",
            "mark '' must be one to four letters",
        ),
        (
            "[[events]]\ndate = 1910-01-01\nregion = \"a\"\npower = \"a\"\nstatus = \"outside\"\n",
            "is 'outside' but names power 'a'",
        ),
    ] {
        let err = with(extra).unwrap_err().to_string();
        assert!(err.contains(words), "{err}");
    }
}

#[test]
fn powers_are_named_by_period() {
    let text = MINIMAL.replace(
        "adjective = \"A-ish\"",
        "adjective = \"A-ish\"\nnames = [{ until = 1910-01-01, name = \"Old A\", adjective = \"Old\" }, { from = 1912-01-01, name = \"New A\", adjective = \"New\" }]",
    );
    let t = Treaties::from_toml_str(&text, "t.toml").unwrap();
    let a = t.power("a").unwrap();
    let on = |y| a.adjective_on(Date::end_of_year(y));
    assert_eq!(on(1909), "Old");
    assert_eq!(
        on(1911),
        "A-ish",
        "between two periods, the power's own name"
    );
    assert_eq!(on(1912), "New");
}

#[test]
fn a_power_without_a_mark_is_marked_by_its_initial() {
    let text = MINIMAL.replace("name = \"A\"", "name = \"árva\"");
    let t = Treaties::from_toml_str(&text, "t.toml").unwrap();
    assert_eq!(t.power("a").unwrap().mark(), "Á");
    let marked = MINIMAL.replace(
        "adjective = \"A-ish\"",
        "adjective = \"A-ish\"\nmark = \"US\"",
    );
    let t = Treaties::from_toml_str(&marked, "t.toml").unwrap();
    assert_eq!(t.power("a").unwrap().mark(), "US");
}
