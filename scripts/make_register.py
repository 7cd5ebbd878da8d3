#!/usr/bin/env python3
"""Writes Attain's register of Vietnam's administrative units from the PyPI package
vietnamadminunits 1.0.4 (MIT licence, https://pypi.org/project/vietnamadminunits/1.0.4/):
the 34 provinces and 3,321 communes, wards and special zones in force from 1 July 2025 (codes
of Decision 19/2025/QĐ-TTg, type, centre point), the 63 provinces, their districts and about
10,000 communes before that date (codes, type), and each old commune's new commune(s): the
default one first, more than one where the old commune was split.

usage: scripts/make_register.py [WHEEL] > crates/attain-core/data/register-2025-07-01.tsv
(without WHEEL the wheel is downloaded with pip into a temporary folder).

The output is UTF-8 text, one record per line, tab-separated, the first field its kind:
  V  valid-from            the date the new units are in force
  P  code name lat lon     a province after the reform
  W  province code name type lat lon
                           a commune after the reform (type: Xã, Phường, Đặc khu)
  p  code name             a province before the reform
  d  province code name type
                           a district before the reform
  w  district code name type new[,new…]
                           a commune before the reform and the code(s) of the new commune(s)
                           it went into, the default first (an island district without
                           communes has one row with an empty code and name)
Codes are read with the file's version: old codes were reused for other units.
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

VERSION = "1.0.4"


def wheel_path():
    if len(sys.argv) > 1:
        return sys.argv[1]
    folder = tempfile.mkdtemp()
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", folder,
         f"vietnamadminunits=={VERSION}"],
        check=True,
    )
    return os.path.join(folder, f"vietnamadminunits-{VERSION}-py3-none-any.whl")


def main():
    folder = tempfile.mkdtemp()
    with zipfile.ZipFile(wheel_path()) as z:
        z.extract("vietnamadminunits/data/dataset.db", folder)
        z.extract("vietnamadminunits/data/converter_2025.json", folder)
    data = os.path.join(folder, "vietnamadminunits", "data")
    db = sqlite3.connect(os.path.join(data, "dataset.db"))
    conv = json.load(open(os.path.join(data, "converter_2025.json"), encoding="utf-8"))
    out = sys.stdout
    out.write(f"# Attain's unit register, from PyPI vietnamadminunits {VERSION} (MIT); "
              "made by scripts/make_register.py\n")
    out.write("V\t2025-07-01\n")

    # After the reform.
    new_code = {}
    provinces = {}
    for (pcode, pname, plat, plon, pkey, wcode, wname, wtype, wlat, wlon, wkey) in db.execute(
        "select provinceCode, province, provinceLat, provinceLon, provinceKey, wardCode, ward, "
        "wardType, wardLat, wardLon, wardKey from admin_units order by provinceCode, wardCode"
    ):
        provinces.setdefault(pcode, (pname, plat, plon))
        new_code[(pkey, wkey)] = wcode
    for pcode, (pname, plat, plon) in sorted(provinces.items()):
        out.write(f"P\t{pcode}\t{pname}\t{plat}\t{plon}\n")
    for (pcode, wcode, wname, wtype, wlat, wlon) in db.execute(
        "select provinceCode, wardCode, ward, wardType, wardLat, wardLon from admin_units "
        "order by provinceCode, wardCode"
    ):
        out.write(f"W\t{pcode}\t{wcode}\t{wname}\t{wtype}\t{wlat}\t{wlon}\n")

    # The old commune → new commune(s) table, by the package's keys.
    new_province_of = {}
    for new_p, olds in conv["DICT_PROVINCE"].items():
        for old_p in olds:
            new_province_of[old_p] = new_p
    goes_to = {}
    for new_p, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_w, olds in wards.items():
            for old in olds:
                goes_to.setdefault(old, []).append((True, new_code[(new_p, new_w)]))
    for new_p, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            goes_to[old] = [(t["isDefaultNewWard"], new_code[(new_p, t["newWardKey"])])
                            for t in targets]

    # Before the reform.
    seen_p, seen_d = set(), set()
    rows = list(db.execute(
        "select provinceCode, province, provinceKey, districtCode, district, districtType, "
        "districtKey, wardCode, ward, wardType, wardKey from admin_units_legacy "
        "order by provinceCode, districtCode, wardCode"
    ))
    for (pcode, pname, *_rest) in rows:
        if pcode not in seen_p:
            seen_p.add(pcode)
            out.write(f"p\t{pcode}\t{pname}\n")
    for (pcode, _pn, _pk, dcode, dname, dtype, *_rest) in rows:
        if dcode not in seen_d:
            seen_d.add(dcode)
            out.write(f"d\t{pcode}\t{dcode}\t{dname}\t{dtype}\n")
    missing = []
    for (pcode, _pn, pkey, dcode, _dn, _dt, dkey, wcode, wname, wtype, wkey) in rows:
        key = f"{pkey}_{dkey}_{wkey or ''}"
        targets = goes_to.get(key)
        if not targets:
            missing.append(key)
            continue
        # The default new commune first.
        codes = [c for d, c in targets if d] + [c for d, c in targets if not d]
        out.write(f"w\t{dcode}\t{wcode or ''}\t{wname or ''}\t{wtype or ''}\t{','.join(codes)}\n")
    if missing:
        sys.exit(f"no new commune for {len(missing)} old ones: {missing[:5]}")


if __name__ == "__main__":
    main()
