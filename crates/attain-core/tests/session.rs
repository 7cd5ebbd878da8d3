//! The engine's session, driven by commands as the command line drives it: files added in any
//! order give the same reporting dates, the user's as-of date and mapping take effect, a sheet
//! is asked for by name or each sheet is a date, and errors name the file.

use attain_core::analysis::rows::ResultsQuery;
use attain_core::analysis::series::OutlookStatus;
use attain_core::analysis::{Mapping, MappingError};
use attain_core::dates::Date;
use attain_core::session::{Session, Sheets, SourceError};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn add(session: &mut Session, path: &str, sheets: Sheets) -> Result<usize, SourceError> {
    let file = path.rsplit('/').next().unwrap_or(path);
    session.add_file(file, &fixture(path), &Default::default(), &sheets)
}

const BEFORE: &str = "analysis/ben-tre-2023-11-07.xlsx";
const NOW: &str = "analysis/ben-tre-2023-11-14.xlsx";

#[test]
fn two_dates_in_either_order_give_the_same_series() {
    let mut views = Vec::new();
    for order in [[BEFORE, NOW], [NOW, BEFORE]] {
        let mut s = Session::new();
        for f in order {
            assert_eq!(add(&mut s, f, Sheets::Best), Ok(1));
        }
        s.set_deadline(Date::new(2023, 12, 15));
        let series = s.series().unwrap();
        let latest = &s.sources()[series.latest];
        assert_eq!(latest.name, "ben-tre-2023-11-14.xlsx");
        let c = series.comparison.clone().unwrap();
        assert_eq!(c.indicators[0].total.delta(), Some(30_287.0));
        assert_eq!(series.outlooks[0].1.status, OutlookStatus::OnTrack);
        let window = s
            .results(
                &ResultsQuery {
                    limit: 50,
                    ..Default::default()
                },
                "Tổng cộng",
            )
            .unwrap();
        assert_eq!(window.total.achieved, Some(822_139.0));
        assert_eq!(window.total.change.unwrap().delta, Some(30_287.0));
        views.push((window, c, series.outlooks));
    }
    assert_eq!(views[0], views[1]);
}

#[test]
fn the_users_as_of_date_and_mapping_take_effect() {
    let mut s = Session::new();
    add(&mut s, BEFORE, Sheets::Best).unwrap();
    add(&mut s, NOW, Sheets::Best).unwrap();
    // Dating the 07-11 report after the other makes it the latest.
    s.set_as_of(0, Date::new(2023, 11, 21));
    let series = s.series().unwrap();
    assert_eq!(series.latest, 0);
    s.set_as_of(0, None);
    assert_eq!(s.series().unwrap().latest, 1);
    // The activated column against the same target: 663.614 / 930.767.
    let m = s.sources()[1].mapping.clone();
    let activated = Mapping {
        indicators: vec![m.indicators[1].clone()],
        ..m.clone()
    };
    s.set_mapping(1, activated).unwrap();
    let t = &s.sources()[1].analysis.indicators[0].total;
    assert_eq!((t.achieved, t.target), (663_614.0, 930_767.0));
    // A mapping without an indicator is refused, naming the file; the last good one stays.
    let none = Mapping {
        indicators: vec![],
        ..m
    };
    assert_eq!(
        s.set_mapping(1, none),
        Err(SourceError::Mapping {
            file: "ben-tre-2023-11-14.xlsx".into(),
            error: MappingError::NoIndicator
        })
    );
    assert_eq!(
        s.sources()[1].analysis.indicators[0].total.achieved,
        663_614.0
    );
}

#[test]
fn sheets_by_name_or_each_a_date_and_errors_that_name_the_file() {
    let mut s = Session::new();
    assert_eq!(
        add(
            &mut s,
            "reports/ben-tre-multi.xlsx",
            Sheets::Named("BC 14-11".into())
        ),
        Ok(1)
    );
    assert_eq!(s.sources()[0].found_as_of, Date::new(2023, 11, 14));
    assert_eq!(
        add(
            &mut s,
            "reports/ben-tre-multi.xlsx",
            Sheets::Named("Nope".into())
        ),
        Err(SourceError::NoSuchSheet {
            file: "ben-tre-multi.xlsx".into(),
            sheet: "Nope".into()
        })
    );
    let mut each = Session::new();
    let n = add(&mut each, "reports/ben-tre-multi.xlsx", Sheets::Each).unwrap();
    assert!(n >= 2, "{n}");
    assert!(each
        .sources()
        .iter()
        .all(|s| s.name.starts_with("ben-tre-multi.xlsx › ")));
    assert!(matches!(
        add(&mut each, "bao-cao.pdf", Sheets::Best),
        Err(SourceError::Read { file, error: attain_core::ReadError::Pdf }) if file == "bao-cao.pdf"
    ));
    assert!(Session::new().series().is_none());
}
