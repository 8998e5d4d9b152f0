"""A release's tables as CSV, XLSX (openpyxl) and JSON, each with its data dictionary.

One row per city and period (``2019-11``; yearly totals as ``2019``; the national totals as the city
``Sverige``, kommunkod ``0000``), one column per measure in snake case and, beside each, a
``<measure>_flag``: ``suppressed`` (disclosure control) or ``not_shared`` (the city's agreement does not
cover it); an empty value is always flagged.
"""

from __future__ import annotations

import csv
import io
import json

from domain.national.measures import NATIONAL_MEASURES
from domain.national.models import Release, ReleaseRow
from domain.national.releases import NATION_UUID, dictionary

NATION_NAME, NATION_CODE = "Sverige", "0000"


def columns() -> list[str]:
    out = ["city", "kommunkod", "period"]
    for m in NATIONAL_MEASURES:
        out += [m, f"{m}_flag"]
    return out


def table(release: Release, rows: list[ReleaseRow]) -> list[dict]:
    """The release as flat records, national totals last, months before years."""
    cities = {c["city_id"]: c for c in release.cities}
    out = []
    for r in rows:
        if r.city_id == NATION_UUID:
            name, code = NATION_NAME, NATION_CODE
        else:
            meta = cities.get(str(r.city_id), {})
            name, code = meta.get("name") or str(r.city_id), meta.get("kommunkod") or ""
        record: dict = {"city": name, "kommunkod": code, "period": r.period}
        for m in NATIONAL_MEASURES:
            if m not in r.values:
                record[m], record[f"{m}_flag"] = None, "not_shared"
            elif r.values[m] is None:
                record[m], record[f"{m}_flag"] = None, "suppressed"
            else:
                record[m], record[f"{m}_flag"] = r.values[m], None
        out.append(record)
    out.sort(key=lambda x: (x["kommunkod"] == NATION_CODE, x["city"], len(x["period"]), x["period"]))
    return out


def metadata(release: Release) -> dict:
    return {"id": release.id, "created_at": release.created_at.isoformat() if release.created_at else None,
            "created_by": release.created_by, "watermark": release.watermark, "method": release.method,
            "parameters": release.parameters, "content_hash": release.content_hash, "methodology": release.methodology}


def to_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(), lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return buffer.getvalue()


def to_json(release: Release, records: list[dict]) -> str:
    return json.dumps({"release": metadata(release), "dictionary": dictionary(release.method), "rows": records},
                      ensure_ascii=False, indent=1)


def to_xlsx(release: Release, records: list[dict]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    data = book.create_sheet("data")
    data.append(columns())
    for r in records:
        data.append([r[c] for c in columns()])
    words = book.create_sheet("dictionary")
    words.append(["column", "meaning"])
    for entry in dictionary(release.method):
        words.append([entry["column"], entry["meaning"]])
    about = book.create_sheet("release")
    for key, value in metadata(release).items():
        about.append([key, json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FORMATS = {"csv": ("text/csv; charset=utf-8", "csv"), "json": ("application/json", "json"),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")}


def render(release: Release, rows: list[ReleaseRow], fmt: str) -> bytes:
    records = table(release, rows)
    if fmt == "csv":
        return to_csv(records).encode()
    if fmt == "json":
        return to_json(release, records).encode()
    return to_xlsx(release, records)
