//! The command line as a user runs it: `attain inspect` and `attain analyze` on the project's
//! fixtures, through the engine's session like the app's worker.

use attain_core::session::{Command, Session};
use std::process::Command as Run;

fn fixture(name: &str) -> String {
    format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn attain(args: &[&str]) -> (String, bool) {
    let out = Run::new(env!("CARGO_BIN_EXE_attain"))
        .args(args)
        .output()
        .expect("the attain binary runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.success(),
    )
}

/// The results CSV the app's worker gives for a file opened in it.
fn app_csv(path: &str) -> String {
    let bytes = std::fs::read(path).expect("fixture");
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    let mut s = Session::new();
    let command = Command::Open {
        name,
        options: Default::default(),
        templates: Vec::new(),
    };
    let answer = s.run(command, bytes).expect("opens");
    let results = s.sources()[answer.current].results().expect("results");
    attain_core::report::csv::results_csv(results)
}

#[test]
fn analyze_gives_the_apps_export_byte_for_byte() {
    for name in [
        "analysis/ben-tre-2023-11-14.xlsx",
        "analysis/binh-thuan-2023-06-19-long.csv",
        "reports/ben-tre-report-cp1258.csv",
    ] {
        let path = fixture(name);
        let (cli, ok) = attain(&["analyze", &path]);
        assert!(ok, "{name}");
        // The command line writes the CSV without the BOM Excel needs.
        assert_eq!(cli, app_csv(&path).trim_start_matches('\u{feff}'), "{name}");
    }
}

#[test]
fn inspect_reports_the_sheet_the_table_and_the_guess() {
    let (out, ok) = attain(&[
        "inspect",
        &fixture("reports/ben-tre-multi.xlsx"),
        "--lang",
        "en",
    ]);
    assert!(ok);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let file = if json.is_array() { &json[0] } else { &json };
    assert_eq!(file["sheet"], "BC 14-11");
    assert_eq!(file["sheets"].as_array().map(Vec::len), Some(3));
    assert_eq!(file["as_of"]["date"], "2023-11-14");
    assert_eq!(file["table"]["buckets"]["data"]["count"], 9);
    assert_eq!(
        file["mapping_guess"]["indicators"][0]["achieved"],
        "Thu nhận › Số lượng"
    );
    // A file that is no spreadsheet: a clear message, not a panic.
    let (out, ok) = attain(&["inspect", &fixture("bao-cao.pdf"), "--lang", "en"]);
    assert!(!ok);
    assert!(out.contains("PDF"), "{out}");
}

/// Runs the binary with its error stream too.
fn attain_err(args: &[&str]) -> (String, String, bool) {
    let out = Run::new(env!("CARGO_BIN_EXE_attain"))
        .args(args)
        .output()
        .expect("the attain binary runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

#[test]
fn analyze_combines_a_folder_of_district_reports_with_a_targets_file() {
    // The folder holds the three reports and the assignment: the assignment given apart.
    let dir = std::env::temp_dir().join(format!("attain-cli-combine-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("tuan-46")).unwrap();
    for f in [
        "chau-thanh-2023-11-14.xlsx",
        "cho-lach-2023-11-14.csv",
        "mo-cay-nam-2023-11-14.xlsx",
    ] {
        std::fs::copy(
            fixture(&format!("combine/{f}")),
            dir.join("tuan-46").join(f),
        )
        .unwrap();
    }
    // A file that is not a report among them gets its message; the others combine.
    std::fs::write(
        dir.join("tuan-46").join("ghi-chu.txt"),
        "Gửi trước thứ Sáu.\n",
    )
    .unwrap();
    let targets = fixture("combine/giao-chi-tieu-2023.xlsx");
    let folder = dir.to_string_lossy().into_owned();
    let (out, err, ok) = attain_err(&[
        "analyze",
        &folder,
        "--targets",
        &targets,
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("ghi-chu.txt"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = &json["reports"][0]["files"];
    assert_eq!(files.as_array().map(Vec::len), Some(3));
    assert_eq!(files[1]["office"], "Huyện Chợ Lách");
    assert_eq!(json["reports"][0]["as_of"], "2023-11-14");
    assert_eq!(
        json["not_reported"],
        serde_json::json!([
            { "unit": "Xã Hòa Nghĩa", "parents": ["Chợ Lách"] },
            { "unit": "Xã Tân Thiền", "parents": ["Chợ Lách"] }
        ])
    );
    assert_eq!(json["targets"]["matched"], 46);
    assert_eq!(
        json["targets"]["unmatched_in_report"][0]["unit"],
        "Xã Tân Thiềng"
    );
    let rows = json["rows"].as_array().unwrap();
    let district = rows
        .iter()
        .find(|r| r["unit"] == "Mỏ Cày Nam" && r["indicator"] == "Thu nhận")
        .unwrap();
    assert_eq!(district["achieved"], 91465.0);
    assert_eq!(district["target"], 102424.0);
    let unit = rows.iter().find(|r| r["unit"] == "Xã Sơn Định").unwrap();
    assert_eq!(unit["file"], "cho-lach-2023-11-14.csv");
    assert!(json["summary"]
        .as_str()
        .unwrap()
        .contains("Not reported (2): Xã Hòa Nghĩa (Chợ Lách), Xã Tân Thiền (Chợ Lách)."));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn analyze_writes_the_tidy_results_as_parquet() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let files: Vec<String> = [
        "combine/chau-thanh-2023-11-14.xlsx",
        "combine/cho-lach-2023-11-14.csv",
        "combine/mo-cay-nam-2023-11-14.xlsx",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    let targets = fixture("combine/giao-chi-tieu-2023.xlsx");
    let out = Run::new(env!("CARGO_BIN_EXE_attain"))
        .arg("analyze")
        .args(&files)
        .args(["--targets", &targets, "--format", "parquet"])
        .output()
        .expect("the attain binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(&out.stdout[..4], b"PAR1");
    let path = std::env::temp_dir().join(format!("attain-tidy-{}.parquet", std::process::id()));
    std::fs::write(&path, &out.stdout).unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let names: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "as_of",
            "parent_1",
            "parent_2",
            "parent_3",
            "parents",
            "unit",
            "indicator",
            "achieved",
            "target",
            "rate",
            "gap",
            "file"
        ]
    );
    // Two indicators of 47 units; Mỏ Cày Nam's received and targets add up to its figures.
    let rows: Vec<parquet::record::Row> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), 2 * 47);
    let field = |r: &parquet::record::Row, name: &str| {
        r.get_column_iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, f)| f.clone())
            .unwrap()
    };
    let (mut achieved, mut target) = (0.0, 0.0);
    for r in &rows {
        if field(r, "parent_1") == Field::Str("Mỏ Cày Nam".into())
            && field(r, "indicator") == Field::Str("Thu nhận".into())
        {
            let Field::Double(a) = field(r, "achieved") else {
                panic!()
            };
            let Field::Double(t) = field(r, "target") else {
                panic!()
            };
            achieved += a;
            target += t;
            assert_eq!(
                field(r, "file"),
                Field::Str("mo-cay-nam-2023-11-14.xlsx".into())
            );
            assert_eq!(field(r, "parent_2"), Field::Null);
        }
    }
    assert_eq!((achieved, target), (91_465.0, 102_424.0));
    // 14-11-2023 as a date: days since 1970-01-01.
    assert_eq!(field(&rows[0], "as_of"), Field::Date(19_675));
    let _ = std::fs::remove_file(&path);
}

/// `attain report` writes the official Excel sheet (read back with the same total), the Word
/// report (a .docx package) and refuses an output it cannot write, in the user's language.
#[test]
fn report_writes_the_official_excel_and_word_files() {
    let dir = std::env::temp_dir().join(format!("attain-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("bao-cao.xlsx");
    let docx = dir.join("bao-cao.docx");
    let source = fixture("reports/ben-tre-report.xlsx");
    for out in [&xlsx, &docx] {
        let (_, ok) = attain(&[
            "report",
            &source,
            "--agency",
            "Công an tỉnh Bến Tre",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(ok, "{out:?}");
    }
    let (csv, ok) = attain(&["analyze", xlsx.to_str().unwrap()]);
    assert!(ok);
    let total = csv.lines().find(|l| l.starts_with("total,")).unwrap();
    assert!(total.contains(",822139,930767,"), "{total}");
    assert_eq!(&std::fs::read(&docx).unwrap()[..2], b"PK");
    let (_, err, ok) = attain_err(&["report", &source, "--out", "x.pdf", "--lang", "en"]);
    assert!(!ok);
    assert!(
        err.contains("--out x.pdf: name a file ending in .xlsx, .docx or .html"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Three reporting dates: the JSON has the whole at each date, the Excel export the dates ×
/// units sheet.
#[test]
fn analyze_gives_the_trend_of_three_dates() {
    let dir = std::env::temp_dir().join(format!("attain-trend-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (date, a, b) in [
        ("2024-01-05", 40, 50),
        ("2024-01-12", 60, 80),
        ("2024-02-14", 75, 110),
    ] {
        let csv = format!("Xã,Chỉ tiêu,Kích hoạt\nXã Một,100,{a}\nXã Hai,200,{b}\n");
        std::fs::write(dir.join(format!("xa-{date}.csv")), csv).unwrap();
    }
    let folder = dir.to_str().unwrap();
    let (json, ok) = attain(&["analyze", folder, "--format", "json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["trend"]["dates"],
        serde_json::json!(["2024-01-05", "2024-01-12", "2024-02-14"])
    );
    let achieved: Vec<f64> = v["trend"]["whole"][0]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["achieved"].as_f64().unwrap())
        .collect();
    assert_eq!(achieved, [90.0, 140.0, 185.0]);
    let out = Run::new(env!("CARGO_BIN_EXE_attain"))
        .args(["analyze", folder, "--format", "xlsx", "--lang", "en"])
        .output()
        .unwrap();
    let book = attain_core::read_workbook("x.xlsx", &out.stdout).unwrap();
    assert_eq!(book.sheets[1].name, "By date");
    std::fs::remove_dir_all(&dir).ok();
}

/// A district's report before the 2025 reform and its province's after: each unit's code and
/// the register's version, and the changes with the old units each new one absorbed.
#[test]
fn analyze_gives_codes_and_the_changes_across_the_reform() {
    let folder = format!("{}/../../tests/fixtures/reform", env!("CARGO_MANIFEST_DIR"));
    let (json, ok) = attain(&["analyze", &folder, "--format", "json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["register"]["version"], "2025-07-01");
    assert_eq!(v["register"]["home"]["name"], "Tỉnh Cà Mau");
    assert_eq!(v["register"]["not_in_report"][0]["unit"], "Xã Đất Mũi");
    let row = |name: &str| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(row("Xã Nguyễn Phích")["code"], "32044");
    assert_eq!(row("Xã Đá Bạc")["code"], "32104");
    let change = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["unit"] == "Xã Nguyễn Phích")
        .cloned()
        .unwrap();
    assert_eq!(change["achieved_before"], 5640.0);
    assert_eq!(change["change"], 1549.0);
    assert_eq!(
        change["absorbed"],
        serde_json::json!(["Thị trấn U Minh", "Xã Khánh Thuận", "Xã Nguyễn Phích"])
    );
    assert_eq!(change["approximate"], true);
    assert_eq!(v["reform"]["approximate"], true);
    assert_eq!(v["reform"]["splits"].as_array().unwrap().len(), 3);
}
