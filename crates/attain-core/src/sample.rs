//! The built-in sample: Bến Tre's level-2 e-ID accounts as of 14-11-2023, by district.
//!
//! The province's totals are the published ones (received 822.139 and activated 663.614 of
//! 930.767, i.e. 88,33% and 71,30%). The district figures were made up for the sample so that
//! they add up to those totals; the app labels them as sample data.

/// The sample's file name, as the app shows it.
pub const FILE_NAME: &str = "mau-ben-tre-2023-11-14.csv";

/// The sample as a semicolon-separated CSV in the Vietnamese number style, the way
/// Vietnamese-locale Excel saves a report: title block, header, body, totals row, note.
pub const CSV: &str = "\
CÔNG AN TỈNH BẾN TRE;;;;
BÁO CÁO KẾT QUẢ THU NHẬN, KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ MỨC ĐỘ 2;;;;
(Số liệu tính đến ngày 14/11/2023);;;;
;;;;
STT;Đơn vị;Chỉ tiêu được giao;Thu nhận;Kích hoạt
1;Thành phố Bến Tre;94.469;89.934;75.670
2;Châu Thành;117.340;105.723;87.418
3;Chợ Lách;82.536;72.136;56.950
4;Mỏ Cày Nam;102.424;91.465;74.770
5;Mỏ Cày Bắc;84.525;72.776;59.167
6;Giồng Trôm;126.290;111.640;89.666
7;Bình Đại;97.452;84.004;67.242
8;Ba Tri;127.284;111.883;89.099
9;Thạnh Phú;98.447;82.578;63.632
;Tổng cộng;930.767;822.139;663.614
;;;;
Ghi chú: số liệu từng huyện là dữ liệu mẫu, chỉ để minh họa; tổng toàn tỉnh là số đã công bố.;;;;
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, guess_mapping, TargetSource};
    use crate::ingest::read_workbook;
    use crate::table::Table;
    use crate::table::{RowKind, Value};

    #[test]
    fn sample_reproduces_the_published_totals() {
        let wb = read_workbook(FILE_NAME, CSV.as_bytes()).unwrap();
        let table = Table::from_sheet(&wb.sheets[0]).unwrap();
        let mapping = guess_mapping(&table).unwrap();
        assert_eq!(mapping.unit, 1);
        let pairs: Vec<(usize, Option<TargetSource>)> = mapping
            .indicators
            .iter()
            .map(|i| (i.achieved, i.target))
            .collect();
        // One target shared by both indicators.
        assert_eq!(
            pairs,
            vec![
                (3, Some(TargetSource::Column(2))),
                (4, Some(TargetSource::Column(2)))
            ]
        );
        assert_eq!(table.rows_of(RowKind::Header), vec![5]);
        assert_eq!(table.rows_of(RowKind::Title), vec![1, 2, 3]);
        assert_eq!(table.rows_of(RowKind::Footer), vec![17]);
        let a = analyze(&table, &mapping).unwrap();
        let received = &a.indicators[0];
        assert_eq!(received.units.len(), 9);
        assert_eq!(received.total.achieved, 822_139.0);
        assert_eq!(received.total.target, 930_767.0);
        assert_eq!(
            crate::report::format::rate(received.total.rate(), crate::report::Lang::Vi),
            "88,33%"
        );
        assert_eq!(
            crate::report::format::rate(a.indicators[1].total.rate(), crate::report::Lang::Vi),
            "71,30%"
        );
        // The sheet's totals row agrees with the units.
        assert_eq!(a.warnings, vec![]);
        assert_eq!(a.whole_label.as_deref(), Some("Tổng cộng"));
        // The sample's own totals row is kept aside, not counted as a unit.
        assert!(a.skipped.is_empty());
        assert_eq!(table.rows_of(RowKind::Total), vec![15]);
        assert_eq!(table.totals[0].values[3], Value::Number(822_139.0));
    }
}
