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

EFISIENSI = {  # the efficiency measure, by name (aturan.toml [efisiensi] rumus)
    "capaian - serapan": lambda capaian, serapan: capaian - serapan,
    "capaian / serapan": lambda capaian, serapan: capaian / serapan * 100 if serapan else None,
}


# --- which figure is "the year's" and "the period's": one rule for tables, notes, charts, analyses ---
def capaian_lookup(results: Results) -> dict:
    """(kode, tahun, periode) → capaian row (a named tuple)."""
    return {(r.kode, r.tahun, r.periode): r for r in results.capaian.itertuples()}


def attr(row, name):
    """An attribute of an optional capaian row."""
    return None if row is None else getattr(row, name)


def _best(rows):
    """The first of the rows with a realisasi, else the first with a target, else the first there is."""
    rows = [r for r in rows if r is not None]
    return (next((r for r in rows if not is_missing(r.realisasi)), None)
            or next((r for r in rows if not is_missing(r.target)), None) or (rows[0] if rows else None))


def year_row(cap: dict, kode: str, tahun: int):
    """A whole year's row: the annual columns', or semester II's where they hold the realisasi."""
    return _best([cap.get((kode, tahun, TAHUNAN)), cap.get((kode, tahun, S2))])


def period_row(cap: dict, kode: str, p):
    """The deck period's row: semester I's in a semester-I deck; at year's end semester II's, or
    the annual columns' where they hold the realisasi."""
    if p.semester == S1:
        return cap.get((kode, p.tahun, S1))
    return _best([cap.get((kode, p.tahun, S2)), cap.get((kode, p.tahun, TAHUNAN))])


def _when(row) -> float:
    """A row's point in time, in years: a semester-I figure stands half a year before its year's end."""
    return row.tahun - (0.5 if row.periode == S1 else 0.0)


def latest_realisasi(cap: dict, kode: str, p):
    """The indicator's most recent realisasi up to the deck's period (its row), or None."""
    rows = [period_row(cap, kode, p)] + [year_row(cap, kode, t) for t in sorted({t for k, t, _ in cap if k == kode
                                                                                   and t < p.tahun}, reverse=True)]
    return next((r for r in rows if r is not None and not is_missing(r.realisasi)), None)


def first_realisasi(cap: dict, kode: str):
    """The indicator's earliest realisasi (where its Renstra starts from), or None."""
    rows = [r for (k, _, _), r in cap.items() if k == kode and not is_missing(r.realisasi)]
    return min(rows, key=_when, default=None)


def now(cap: dict, kode: str, p):
    """The deck period's row when it holds a figure, else None."""
    row = period_row(cap, kode, p)
    return None if row is None or (is_missing(row.target) and is_missing(row.realisasi)) else row


def renstra(results: Results, rules: AnalysisRules) -> pd.DataFrame:
    """Per IKU with an end target: the realisasi to date, its share of the end target (by the
    indicator's own formula) and a status against the straight path from its first realisasi to
    the end target (lower-is-better indicators are on track at or below the path).

    The share is None where the formula divides by zero (an end target of 0, or a realisasi of 0 under T/R), and never below 0:
    a realisasi that moved away from a lower-is-better end target ((2T-R)/T with R above 2T) counts
    0 %, with `di_bawah_nol` set and the formula's own value in `capaian_akhir_rumus` (the rule is
    written down in aturan.toml [renstra])."""
    cap, rows = capaian_lookup(results), []
    for ind in _iku(results).itertuples():
        end = getattr(ind, "target_akhir", None)
        latest = latest_realisasi(cap, ind.kode, results.period)
        if is_missing(end) or latest is None:
            continue
        year_end = getattr(ind, "tahun_akhir", None)
        rows.append({"kode": ind.kode, "induk": ind.induk, "nama": ind.nama, "satuan": ind.satuan, "sumber": ind.sumber,
                     "polaritas": ind.polaritas, "realisasi": latest.realisasi, "tahun_realisasi": int(latest.tahun),
                     "sumber_realisasi": latest.sumber_realisasi, "target_akhir": end,
                     "tahun_akhir": None if is_missing(year_end) else int(year_end),
                     "sumber_target_akhir": getattr(ind, "sumber_target_akhir", None),
                     **_share(capaian_value(end, latest.realisasi, ind.rumus)),
                     "status": _status(first_realisasi(cap, ind.kode), latest, ind.polaritas, end, year_end, rules)})
    return pd.DataFrame(rows)


def _share(value: float | None) -> dict:
    """The share of the end target as shown (at least 0), whether it was below 0, and the formula's own value."""
    below = value is not None and value < 0
    return {"capaian_akhir": 0.0 if below else value, "di_bawah_nol": below, "capaian_akhir_rumus": value}


def _status(start, latest, polaritas: str, end, year_end, rules: AnalysisRules) -> str:
    """Reached, on track, or needing acceleration, against the straight path from the first
    realisasi (at its time) to the end target at the end of its year; a semester-I realisasi
    stands half a year earlier on that path."""
    lower_better = polaritas == "negatif"
    realisasi = latest.realisasi
    if (realisasi <= end) if lower_better else (realisasi >= end):
        return rules.tercapai
    if start is None or is_missing(year_end) or int(year_end) <= _when(start):
        return rules.perlu_percepatan
    share = min(max((_when(latest) - _when(start)) / (int(year_end) - _when(start)), 0.0), 1.0)
    expected = start.realisasi + (end - start.realisasi) * share
    slack = abs(end - start.realisasi) * rules.toleransi / 100
    on_track = realisasi <= expected + slack if lower_better else realisasi >= expected - slack
    return rules.sesuai_jalur if on_track else rules.perlu_percepatan


def standar(results: Results) -> pd.DataFrame:
    """Per IKU with a national standard: the realisasi of the deck's period against it, and whether
    it meets it (at or below it for a lower-is-better indicator); an IKU whose realisasi is not
    reported yet is there too, with its period's target, `realisasi` and `memenuhi` None."""
    cap, rows = capaian_lookup(results), []
    for ind in _iku(results).itertuples():
        value = getattr(ind, "standar", None)
        if is_missing(value):
            continue
        row = period_row(cap, ind.kode, results.period)
        realisasi = attr(row, "realisasi")
        meets = None if is_missing(realisasi) else bool(realisasi <= value if ind.polaritas == "negatif"
                                                        else realisasi >= value)
        rows.append({"kode": ind.kode, "induk": ind.induk, "nama": ind.nama, "satuan": ind.satuan, "sumber": ind.sumber,
                     "target": attr(row, "target"), "realisasi": None if is_missing(realisasi) else realisasi,
                     "sumber_realisasi": attr(row, "sumber_realisasi"), "standar": value,
                     "rujukan_standar": getattr(ind, "rujukan_standar", None),
                     "sumber_standar": getattr(ind, "sumber_standar", None), "memenuhi": meets})
    return pd.DataFrame(rows)


def _iku(results: Results) -> pd.DataFrame:
    ind = results.indikator
    return ind[ind["jenis"] == "IKU"].sort_values("no", kind="stable")


def _mean_capaian(results: Results, cap: dict, kodes) -> tuple[float | None, int, list[str]]:
    """(mean capaian of the indicators for the deck's period, how many had one, their cells)."""
    values, cells = [], []
    for kode in kodes:
        row = now(cap, kode, results.period)
        if row is not None and not is_missing(row.capaian):
            values.append(row.capaian)
            cells += [row.sumber_target, row.sumber_realisasi]
    return (sum(values) / len(values) if values else None), len(values), [c for c in cells if isinstance(c, str)]


def _left_out(results: Results, cap: dict, iku: pd.DataFrame) -> tuple[tuple, ...]:
    """(nama, target, realisasi) of each IKU without a capaian for the deck's period: left out of a mean."""
    out = []
    for ind in iku.itertuples():
        row = period_row(cap, ind.kode, results.period)
        if is_missing(attr(row, "capaian")):
            out.append((ind.nama, attr(row, "target"), attr(row, "realisasi")))
    return tuple(out)


def rata_rata(results: Results, rules: Rules, sasaran: dict[str, str]) -> pd.DataFrame:
    """Per sasaran with IKU (kode → name, every one of the agency's, budget or not) the mean capaian
    of its IKU for the deck's period, with its category and predicate; a last row (kode None) for
    the agency: the mean over every IKU. `jumlah` counts every IKU, `dihitung` those with a capaian
    (the mean's), `kecuali` names the others: (nama, target, realisasi) of each."""
    iku, cap = _iku(results), capaian_lookup(results)
    rows = []
    for kode, nama in sasaran.items():
        mine = iku[iku["induk"] == kode]
        if len(mine):
            rows.append({"kode": kode, "nama": nama, **_average(results, rules, cap, mine)})
    if rows:
        rows.append({"kode": None, "nama": None, **_average(results, rules, cap, iku)})
    return pd.DataFrame(rows)


def _average(results: Results, rules: Rules, cap: dict, iku: pd.DataFrame) -> dict:
    mean, count, cells = _mean_capaian(results, cap, iku["kode"])
    return {"jumlah": len(iku), "dihitung": count, "kecuali": _left_out(results, cap, iku), "rata_rata": mean,
            "kategori": kategori(mean, rules), "predikat": predikat(mean, rules), "sumber": cells}


def efisiensi(results: Results, rules: AnalysisRules, tingkat: str) -> pd.DataFrame:
    """Per sasaran (IKU) or program (IKP): the mean capaian kinerja, the serapan anggaran
    (realisasi / anggaran × 100) and the efficiency measure of aturan.toml with its category."""
    jenis, units = ("IKU", results.sasaran) if tingkat == "sasaran" else ("IKP", results.program)
    ind = results.indikator[results.indikator["jenis"] == jenis]
    measure, cap = EFISIENSI[rules.efisiensi_rumus], capaian_lookup(results)
    rows = []
    for u in units.itertuples():
        mean, count, cells = _mean_capaian(results, cap, ind.loc[ind["induk"] == u.kode, "kode"])
        serapan = u.capaian  # realisasi / anggaran × 100, computed with the budget
        if not count or is_missing(serapan):
            continue
        value = measure(mean, serapan)
        budget_cells = [c for c in _listed(u.sumber_anggaran) + _listed(u.sumber_realisasi) if isinstance(c, str)]
        rows.append({"kode": u.kode, "nama": u.nama, "sumber": u.sumber, "capaian": mean, "serapan": serapan, "nilai": value,
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
    rows, cap = [], capaian_lookup(results)
    program = results.program.sort_values("no", kind="stable")
    for s in results.sasaran.itertuples():
        for prog in program[program["sasaran"] == s.kode].itertuples():
            mine = ikp[ikp["induk"] == prog.kode]
            mean, count, cells = _mean_capaian(results, cap, mine["kode"])
            rows.append({"sasaran": s.kode, "sasaran_nama": s.nama, "kode": prog.kode, "nama": prog.nama,
                         "indikator": tuple(mine["nama"]), "capaian": mean, "sumber_capaian": cells,
                         "anggaran": prog.anggaran, "realisasi": prog.realisasi, "serapan": prog.capaian,
                         "sumber_anggaran": prog.sumber_anggaran, "sumber_realisasi": prog.sumber_realisasi})
    return pd.DataFrame(rows)
