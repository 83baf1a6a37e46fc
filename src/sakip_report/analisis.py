"""Stage 3 — compute: the analyses an evaluator asks of a performance report (PermenPANRB 53/2014,
Bab III "Akuntabilitas Kinerja"), from the computed results and the rules of aturan.toml.

Each function returns a frame of numbers (never strings) that keeps the cells of its figures:
progress towards the Renstra's end target, the national standard, efficiency (capaian kinerja
against serapan anggaran) per sasaran and per program, the programs behind each sasaran, and the
average capaian per sasaran and for the agency. An analysis whose data the agency did not give
comes back empty, and its slide is left out.
"""
from __future__ import annotations

import pandas as pd

from .compute import AnalysisRules, Band, Results, Rules, capaian_value, kategori, predikat
from .formatting import is_missing
from .normalise import S1, S2, TAHUNAN

_ORDER = {S1: 1, S2: 2, TAHUNAN: 3}  # a year's annual figure is its latest


EFISIENSI = {  # the efficiency measure, by name (aturan.toml [efisiensi] rumus)
    "capaian - serapan": lambda capaian, serapan: capaian - serapan,
    "capaian / serapan": lambda capaian, serapan: capaian / serapan * 100 if serapan else None,
}


def now(results: Results, kode: str):
    """An indicator's capaian row for the deck's period: its semester's, else (year-end) the
    year's annual one; None when neither has a target or realisasi."""
    p = results.period
    rows = results.capaian[(results.capaian["kode"] == kode) & (results.capaian["tahun"] == p.tahun)]
    for periode in [p.semester, TAHUNAN] if p.semester == S2 else [p.semester]:
        row = rows[rows["periode"] == periode]
        if len(row) and not (is_missing(row.iloc[0]["target"]) and is_missing(row.iloc[0]["realisasi"])):
            return row.iloc[0]
    return None


def latest_realisasi(results: Results, kode: str):
    """The indicator's most recent realisasi up to the deck's period (its capaian row), or None."""
    p = results.period
    rows = results.capaian[(results.capaian["kode"] == kode) & results.capaian["realisasi"].notna()]
    rows = rows[(rows["tahun"] < p.tahun) | ((rows["tahun"] == p.tahun) &
                                             (rows["periode"].map(_ORDER) <= _ORDER[p.semester]))]
    if rows.empty:
        return None
    return rows.assign(_o=rows["periode"].map(_ORDER)).sort_values(["tahun", "_o"]).iloc[-1]


def first_realisasi(results: Results, kode: str):
    """The indicator's earliest realisasi (the Renstra's starting point), or None."""
    rows = results.capaian[(results.capaian["kode"] == kode) & results.capaian["realisasi"].notna()]
    if rows.empty:
        return None
    return rows.assign(_o=rows["periode"].map(_ORDER)).sort_values(["tahun", "_o"]).iloc[0]


def renstra(results: Results, rules: AnalysisRules) -> pd.DataFrame:
    """Per IKU with an end target: the realisasi to date, its share of the end target (by the
    indicator's own formula) and a status against the straight path from its first realisasi to
    the end target (lower-is-better indicators are on track at or below the path)."""
    rows = []
    for ind in _iku(results).itertuples():
        end = getattr(ind, "target_akhir", None)
        latest = latest_realisasi(results, ind.kode)
        if is_missing(end) or latest is None:
            continue
        year_end = getattr(ind, "tahun_akhir", None)
        rows.append({"kode": ind.kode, "induk": ind.induk, "nama": ind.nama, "satuan": ind.satuan,
                     "polaritas": ind.polaritas, "realisasi": latest["realisasi"], "tahun_realisasi": int(latest["tahun"]),
                     "sumber_realisasi": latest["sumber_realisasi"], "target_akhir": end,
                     "tahun_akhir": None if is_missing(year_end) else int(year_end),
                     "sumber_target_akhir": getattr(ind, "sumber_target_akhir", None),
                     "capaian_akhir": capaian_value(end, latest["realisasi"], ind.rumus),
                     "status": _status(results, ind, latest, end, year_end, rules)})
    return pd.DataFrame(rows)


def _status(results, ind, latest, end, year_end, rules: AnalysisRules) -> str:
    """On track, needs acceleration, or reached, against the straight path to the end target."""
    lower_better = ind.polaritas == "negatif"
    realisasi = latest["realisasi"]
    if (realisasi <= end) if lower_better else (realisasi >= end):
        return rules.tercapai
    start = first_realisasi(results, ind.kode)
    if start is None or is_missing(year_end) or int(year_end) <= int(start["tahun"]):
        return rules.perlu_percepatan
    share = min(max((int(latest["tahun"]) - int(start["tahun"])) / (int(year_end) - int(start["tahun"])), 0.0), 1.0)
    expected = start["realisasi"] + (end - start["realisasi"]) * share
    slack = abs(end - start["realisasi"]) * rules.toleransi / 100
    on_track = realisasi <= expected + slack if lower_better else realisasi >= expected - slack
    return rules.sesuai_jalur if on_track else rules.perlu_percepatan


def standar(results: Results) -> pd.DataFrame:
    """Per IKU with a national standard: the realisasi of the deck's period against it, and whether
    it meets it (at or below it for a lower-is-better indicator)."""
    rows = []
    for ind in _iku(results).itertuples():
        value = getattr(ind, "standar", None)
        row = now(results, ind.kode)
        if is_missing(value) or row is None or is_missing(row["realisasi"]):
            continue
        meets = row["realisasi"] <= value if ind.polaritas == "negatif" else row["realisasi"] >= value
        rows.append({"kode": ind.kode, "induk": ind.induk, "nama": ind.nama, "satuan": ind.satuan,
                     "realisasi": row["realisasi"], "sumber_realisasi": row["sumber_realisasi"], "standar": value,
                     "rujukan_standar": getattr(ind, "rujukan_standar", None),
                     "sumber_standar": getattr(ind, "sumber_standar", None), "memenuhi": bool(meets)})
    return pd.DataFrame(rows)


def _iku(results: Results) -> pd.DataFrame:
    ind = results.indikator
    return ind[ind["jenis"] == "IKU"].sort_values("no", kind="stable")


def _mean_capaian(results: Results, kodes) -> tuple[float | None, int, list[str]]:
    """(mean capaian of the indicators for the deck's period, how many had one, their cells)."""
    values, cells = [], []
    for kode in kodes:
        row = now(results, kode)
        if row is not None and not is_missing(row["capaian"]):
            values.append(row["capaian"])
            cells += [row["sumber_target"], row["sumber_realisasi"]]
    return (sum(values) / len(values) if values else None), len(values), [c for c in cells if isinstance(c, str)]


def rata_rata(results: Results, rules: Rules) -> pd.DataFrame:
    """Per sasaran the mean capaian of its IKU for the deck's period, with its category and
    predicate; a last row (kode None) for the agency: the mean over every IKU."""
    iku = _iku(results)
    rows = []
    for s in results.sasaran.itertuples():
        mean, count, cells = _mean_capaian(results, iku.loc[iku["induk"] == s.kode, "kode"])
        if count:
            rows.append({"kode": s.kode, "nama": s.nama, "jumlah": count, "rata_rata": mean,
                         "kategori": kategori(mean, rules), "predikat": predikat(mean, rules), "sumber": cells})
    if rows:
        mean, count, cells = _mean_capaian(results, iku["kode"])
        rows.append({"kode": None, "nama": None, "jumlah": count, "rata_rata": mean,
                     "kategori": kategori(mean, rules), "predikat": predikat(mean, rules), "sumber": cells})
    return pd.DataFrame(rows)


def efisiensi(results: Results, rules: AnalysisRules, tingkat: str) -> pd.DataFrame:
    """Per sasaran (IKU) or program (IKP): the mean capaian kinerja, the serapan anggaran
    (realisasi / anggaran × 100) and the efficiency measure of aturan.toml with its category."""
    jenis, units = ("IKU", results.sasaran) if tingkat == "sasaran" else ("IKP", results.program)
    ind = results.indikator[results.indikator["jenis"] == jenis]
    measure = EFISIENSI[rules.efisiensi_rumus]
    rows = []
    for u in units.itertuples():
        mean, count, cells = _mean_capaian(results, ind.loc[ind["induk"] == u.kode, "kode"])
        serapan = u.capaian  # realisasi / anggaran × 100, computed with the budget
        if not count or is_missing(serapan):
            continue
        value = measure(mean, serapan)
        budget_cells = [c for c in _listed(u.sumber_anggaran) + _listed(u.sumber_realisasi) if isinstance(c, str)]
        rows.append({"kode": u.kode, "nama": u.nama, "capaian": mean, "serapan": serapan, "nilai": value,
                     "kategori": _band(value, rules.efisiensi_kategori), "sumber_capaian": cells,
                     "sumber_serapan": budget_cells})
    return pd.DataFrame(rows)


def _listed(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _band(value, bands: tuple[Band, ...]) -> str:
    if is_missing(value):
        return "-"
    return next((b.label for b in bands if b.holds(value)), "-")


def pendukung(results: Results) -> pd.DataFrame:
    """Per sasaran its programs (the pohon's links), each with the mean capaian of its IKP for the
    deck's period and its budget absorption."""
    ikp = results.indikator[results.indikator["jenis"] == "IKP"]
    rows = []
    program = results.program.sort_values("no", kind="stable")
    for s in results.sasaran.itertuples():
        for prog in program[program["sasaran"] == s.kode].itertuples():
            mine = ikp[ikp["induk"] == prog.kode]
            mean, count, cells = _mean_capaian(results, mine["kode"])
            rows.append({"sasaran": s.kode, "sasaran_nama": s.nama, "kode": prog.kode, "nama": prog.nama,
                         "indikator": tuple(mine["nama"]), "capaian": mean, "sumber_capaian": cells,
                         "anggaran": prog.anggaran, "realisasi": prog.realisasi, "serapan": prog.capaian,
                         "sumber_anggaran": prog.sumber_anggaran, "sumber_realisasi": prog.sumber_realisasi})
    return pd.DataFrame(rows)
