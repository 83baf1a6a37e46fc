"""Stage 3 — compute: capaian, categories, budget totals and per-sasaran allocations.

Inputs are the normalised frames; outputs are new frames of numbers (never strings) that still
carry the source cells of every figure. Nothing here formats or draws.
"""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .formatting import format_capaian, format_integer, format_value, is_missing
from .load import norm
from .normalise import S2, TAHUNAN, SourceData
from .period import PeriodError, parse_period
from .problems import WARNING, Problem, TemplateProblem

# Capaian formulas by name, T = target, R = realisasi. Which one an indicator uses is data
# (Polaritas / Rumus Capaian columns); regions differ for lower-is-better indicators.
FORMULAS = {
    "r/t": lambda t, r: r / t * 100,
    "(2t-r)/t": lambda t, r: (2 * t - r) / t * 100,
    "t/r": lambda t, r: t / r * 100,
}


@dataclass(frozen=True)
class Band:
    """A labelled range: `low`/`high` bounds (None: open on that side), each inclusive or not."""

    label: str
    low: float | None = None
    low_included: bool = True
    high: float | None = None
    high_included: bool = True

    def holds(self, value: float) -> bool:
        above = self.low is None or value > self.low or (self.low_included and value == self.low)
        below = self.high is None or value < self.high or (self.high_included and value == self.high)
        return above and below


@dataclass(frozen=True)
class AnalysisRules:
    """The rules of the performance-report analyses (aturan.toml `[renstra]` and `[efisiensi]`)."""

    tercapai: str = "Target akhir tercapai"
    sesuai_jalur: str = "Sesuai jalur"
    perlu_percepatan: str = "Perlu percepatan"
    toleransi: float = 0.0  # percent of the path's span a realisasi may fall short and still be on track
    efisiensi_rumus: str = "capaian - serapan"
    efisiensi_kategori: tuple[Band, ...] = ()


@dataclass(frozen=True)
class Rules:
    """Category bands, predicates and default formulas (from templates/aturan.toml)."""

    kategori: tuple[Band, ...]
    predikat: tuple[Band, ...]
    rumus_positif: str
    rumus_negatif: str
    analisis: AnalysisRules = AnalysisRules()


# The bounds a band of aturan.toml may have: key → (which end, included).
BOUNDS = {"min": ("low", True), "lebih_dari": ("low", False), "maks": ("high", True), "kurang_dari": ("high", False)}


def load_rules(path: Path) -> Rules:
    """Read the rules file; a band with an unknown key, two bounds on one end, or a range of values
    that no band names is a TemplateProblem naming the file."""
    where = Path(path).name
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        rules = Rules(_bands(raw["kategori"], where, "kategori"), _bands(raw["predikat"], where, "predikat"),
                      norm(raw["capaian"]["positif"]), norm(raw["capaian"]["negatif"]), _analysis(raw, where))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateProblem(f"{where}: {exc}") from None
    except KeyError as exc:
        raise TemplateProblem(f"{where}: bagian {exc} tidak ada") from None
    for table in ("kategori", "predikat"):
        _check_cover(getattr(rules, table), where, table)
    return rules


EFISIENSI_RUMUS = ("capaian - serapan", "capaian / serapan")


def _analysis(raw: dict, where: str) -> AnalysisRules:
    """`[renstra]` and `[efisiensi]` of the rules file; a file that predates them gets the defaults."""
    renstra, efisiensi = raw.get("renstra", {}), raw.get("efisiensi", {})
    rumus = " ".join(str(efisiensi.get("rumus", "capaian - serapan")).lower().split())
    if rumus not in EFISIENSI_RUMUS:
        raise TemplateProblem(f"{where}: [efisiensi] rumus {rumus!r} tidak dikenal; pilihan: {', '.join(EFISIENSI_RUMUS)}")
    defaults = AnalysisRules()
    bands = _bands(efisiensi["kategori"], where, "efisiensi.kategori") if "kategori" in efisiensi else ()
    if bands:
        _check_cover(bands, where, "efisiensi.kategori")
    return AnalysisRules(renstra.get("tercapai", defaults.tercapai), renstra.get("sesuai_jalur", defaults.sesuai_jalur),
                         renstra.get("perlu_percepatan", defaults.perlu_percepatan),
                         float(renstra.get("toleransi", defaults.toleransi)), rumus, bands)


def _bands(entries: list[dict], where: str, table: str) -> tuple[Band, ...]:
    bands = []
    for entry in entries:
        unknown = set(entry) - set(BOUNDS) - {"label"}
        if unknown or "label" not in entry:
            raise TemplateProblem(f"{where}: [[{table}]] {entry.get('label', '?')!r}: kunci {sorted(unknown)} tidak "
                                  f"dikenal; pakai label dan batas {', '.join(BOUNDS)}")
        ends: dict[str, tuple[float, bool]] = {}
        for key, (end, included) in BOUNDS.items():
            if key in entry:
                if end in ends:
                    raise TemplateProblem(f"{where}: [[{table}]] {entry['label']!r}: dua batas {'bawah' if end == 'low' else 'atas'}")
                ends[end] = (float(entry[key]), included)
        low, high = ends.get("low", (None, True)), ends.get("high", (None, True))
        bands.append(Band(entry["label"], low[0], low[1], high[0], high[1]))
    return tuple(bands)


def _check_cover(bands: tuple[Band, ...], where: str, table: str) -> None:
    """Every value, the edges of every band included, falls in some band."""
    edges = {b for band in bands for b in (band.low, band.high) if b is not None}
    probes = [-1e12, 1e12] + [e + d for e in edges for d in (-1e-6, 0.0, 1e-6)]
    for value in probes:
        if not any(band.holds(value) for band in bands):
            raise TemplateProblem(f"{where}: [[{table}]]: nilai {value:g} tidak masuk {table} mana pun; "
                                  "batas-batasnya harus menutup semua nilai")


def kategori(value: float | None, rules: Rules) -> str:
    """The band of a capaian (Permendagri 86/2017 by default): the first that holds it; "-" for none."""
    if is_missing(value):
        return "-"
    return next(band.label for band in rules.kategori if band.holds(value))


def predikat(score: float | None, rules: Rules) -> str:
    """SAKIP predicate of an evaluation score: the first band that holds it."""
    if is_missing(score):
        return "-"
    return next(band.label for band in rules.predikat if band.holds(score))


@dataclass(frozen=True)
class Period:
    """The reporting year, its comparison year and the semester reported."""

    tahun: int
    tahun_lalu: int
    semester: str  # S1 or S2


@dataclass(frozen=True)
class Results:
    """All computed figures of the deck."""

    period: Period
    indikator: pd.DataFrame  # IKU and IKP, one row per indicator, in display order
    capaian: pd.DataFrame  # kode, tahun, periode, target, realisasi, capaian, kategori, sumber_*
    program: pd.DataFrame  # kode, no, nama, sasaran, anggaran, realisasi, capaian, sumber_*
    sasaran: pd.DataFrame  # kode, nama, anggaran, realisasi, capaian, kategori, sumber_*
    total_anggaran: float
    total_realisasi: float
    sub_kegiatan: pd.DataFrame
    problems: tuple[Problem, ...]
    rules: Rules | None = None  # the rules the figures were computed with (categories, analyses)


def periods_with_realisasi(data: SourceData) -> list[tuple[int, str]]:
    """Every (year, semester) for which some indicator has a realisasi, oldest first."""
    values = pd.concat([data.measure("iku"), data.measure("ikp")], ignore_index=True)
    done = values[(values["ukuran"] == "realisasi") & values["nilai"].notna()]
    found = {(int(t), S2 if p == TAHUNAN else p) for t, p in zip(done["tahun"], done["periode"])}
    return sorted(found)


def period_of(data: SourceData, requested: str | None = None) -> Period:
    """The period asked for (`2024-S1`), else the latest period in the data with a realisasi."""
    available = periods_with_realisasi(data)
    if requested:
        tahun, semester = parse_period(requested)
        years = sorted({t for t, _ in available} | {int(float(data.profil.get("tahun") or 0))})
        if tahun not in years:
            raise PeriodError(f"tahun {tahun} tidak ada di data; tahun yang ada: {', '.join(map(str, years))}")
    elif available:
        tahun, semester = available[-1]
    else:
        tahun, semester = int(float(data.profil["tahun"])), S2
    return Period(tahun, _comparison_year(data, tahun), semester)


def _comparison_year(data: SourceData, tahun: int) -> int:
    """The Profil's Tahun Pembanding when the Profil describes this year, else the year before."""
    profil = data.profil
    if profil.get("tahun pembanding") and int(float(profil.get("tahun") or 0)) == tahun:
        return int(float(profil["tahun pembanding"]))
    return tahun - 1


def compute(data: SourceData, rules: Rules, period: Period | None = None) -> Results:
    """Every figure of the deck, from the source data."""
    period = period or period_of(data)
    problems: list[Problem] = []
    negatif = norm(data.profil.get("rumus capaian polaritas negatif") or rules.rumus_negatif)
    indikator = indicators(data, rules, negatif)
    capaian = capaian_table(data, indikator, rules, problems)
    program = program_budget(data, period)
    sasaran = sasaran_budget(data, program, rules)
    totals = (program["anggaran"].sum(), program["realisasi"].sum())
    problems += check_totals(data, period, totals)
    return Results(period, indikator, capaian, program, sasaran, totals[0], totals[1],
                   sub_kegiatan_table(data, period), tuple(problems), rules)


def indicators(data: SourceData, rules: Rules, negatif: str) -> pd.DataFrame:
    """IKU then IKP, each with its jenis and the capaian formula it uses."""
    iku = data.table("iku").assign(jenis="IKU")
    ikp = data.table("ikp").assign(jenis="IKP")
    frame = pd.concat([iku, ikp], ignore_index=True)
    default = frame["polaritas"].map({"positif": rules.rumus_positif, "negatif": negatif})
    return frame.assign(rumus=frame["rumus"].where(frame["rumus"].notna(), default))


def capaian_value(target, realisasi, rumus: str) -> float | None:
    """Capaian in percent; None where there is no target or realisasi, or a zero divisor."""
    if is_missing(target) or is_missing(realisasi):
        return None
    divisor = realisasi if rumus == "t/r" else target
    if divisor <= 0:
        return None
    return FORMULAS[rumus](target, realisasi)


def capaian_table(data: SourceData, indikator: pd.DataFrame, rules: Rules, problems) -> pd.DataFrame:
    """Target, realisasi and capaian per indicator × year × period, with their cells."""
    values = pd.concat([data.measure("iku"), data.measure("ikp")], ignore_index=True)
    wide = values.pivot_table(index=["kode", "tahun", "periode"], columns="ukuran",
                              values=["nilai", "sumber"], aggfunc="first", dropna=False)
    rows = []
    rumus = dict(zip(indikator["kode"], indikator["rumus"]))
    for (kode, tahun, periode), row in wide.iterrows():
        if _get(row, "sumber", "target") is None and _get(row, "sumber", "realisasi") is None:
            continue  # a year/period combination the sheet has no column for
        rows.append(_capaian_row(kode, tahun, periode, row, rumus[kode], rules, problems))
    return pd.DataFrame(rows)


def _get(row, part: str, ukuran: str):
    """A value from the pivoted row, None when the column does not exist or is empty."""
    key = (part, ukuran)
    value = row[key] if key in row.index else None
    return None if is_missing(value) else value


def _capaian_row(kode, tahun, periode, row, rumus, rules, problems) -> dict:
    """One computed capaian, compared with the capaian the sheet states, if any."""
    target, realisasi = _get(row, "nilai", "target"), _get(row, "nilai", "realisasi")
    value = capaian_value(target, realisasi, rumus)
    if value is None and target is not None and realisasi is not None:  # the formula divides by zero
        zero_target = rumus != "t/r"
        divisor = format_value(target if zero_target else realisasi, "")
        problems.append(Problem(
            WARNING, f"capaian tidak dapat dihitung: {'target' if zero_target else 'realisasi'} "
                     f"{divisor} menjadi pembagi pada rumus {rumus.upper()}; slide menandainya 'tidak dapat "
                     "dihitung', bukan 'tidak ada target'",
            *_split(_get(row, "sumber", "target" if zero_target else "realisasi")), divisor,
            "target lebih dari 0" if zero_target else
            "realisasi lebih dari 0, atau rumus (2T-R)/T di kolom Rumus Capaian untuk indikator yang nilai "
            "terbaiknya 0"))
    stated = _get(row, "nilai", "capaian_tertulis")
    if stated is not None and value is not None and format_capaian(stated) != format_capaian(value):
        problems.append(Problem(
            WARNING, f"capaian tertulis {format_capaian(stated)} berbeda dengan hasil hitung "
                     f"{format_capaian(value)} (rumus {rumus.upper()}); yang dipakai hasil hitung",
            *_split(_get(row, "sumber", "capaian_tertulis")), None))
    return {"kode": kode, "tahun": int(tahun), "periode": periode, "target": target, "realisasi": realisasi,
            "capaian": value, "kategori": kategori(value, rules), "rumus": rumus,
            "capaian_tertulis": stated, "sumber_target": _get(row, "sumber", "target"),
            "sumber_realisasi": _get(row, "sumber", "realisasi")}


def _split(ref: str | None) -> tuple[str, str, str]:
    """`file!sheet!cell` into its three parts."""
    parts = (ref or "").split("!")
    return tuple(parts + [""] * (3 - len(parts)))[:3]


def _year_values(measures: pd.DataFrame, ukuran: str, tahun: int) -> pd.DataFrame:
    """kode → (nilai, sumber) of one measure in one year (annual column)."""
    sel = measures[(measures["ukuran"] == ukuran) & (measures["tahun"] == tahun)]
    return sel.drop_duplicates("kode").set_index("kode")[["nilai", "sumber"]]


def program_budget(data: SourceData, period: Period) -> pd.DataFrame:
    """Anggaran and realisasi anggaran per program for the reporting year."""
    program = data.table("program").set_index("kode")
    measures = data.measure("program")
    anggaran = _year_values(measures, "anggaran", period.tahun)
    realisasi = _year_values(measures, "realisasi_anggaran", period.tahun)
    out = program.assign(
        anggaran=anggaran["nilai"], sumber_anggaran=anggaran["sumber"],
        realisasi=realisasi["nilai"], sumber_realisasi=realisasi["sumber"]).reset_index()
    return out.assign(capaian=[ratio(r, a) for a, r in zip(out["anggaran"], out["realisasi"])])


def ratio(part, whole) -> float | None:
    """part / whole × 100, None when either is missing or whole is zero."""
    if is_missing(part) or is_missing(whole) or whole == 0:
        return None
    return part / whole * 100


def sasaran_budget(data: SourceData, program: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Budget per sasaran from the program → sasaran mapping, with realisasi and capaian."""
    sums = program.groupby("sasaran", sort=False).agg(
        anggaran=("anggaran", "sum"), realisasi=("realisasi", "sum"),
        sumber_anggaran=("sumber_anggaran", list), sumber_realisasi=("sumber_realisasi", list))
    sasaran = data.table("sasaran").set_index("kode").join(sums, how="inner").reset_index()
    capaian = [ratio(r, a) for a, r in zip(sasaran["anggaran"], sasaran["realisasi"])]
    return sasaran.assign(capaian=capaian, kategori=[kategori(c, rules) for c in capaian])


def check_totals(data: SourceData, period: Period, totals: tuple[float, float]) -> list[Problem]:
    """Compare TOTAL rows typed in the sheet with the computed sums."""
    computed = {"anggaran": totals[0], "realisasi_anggaran": totals[1]}
    out = []
    stated = data.totals[(data.totals["sheet"] == "program") & (data.totals["tahun"] == period.tahun)]
    for _, row in stated.iterrows():
        value = computed.get(row["ukuran"])
        if value is not None and not math.isclose(row["nilai"], value, abs_tol=0.5):
            out.append(Problem(WARNING, f"total tertulis {format_integer(row['nilai'])} berbeda dengan jumlah "
                                        f"per program {format_integer(value)}; yang dipakai hasil jumlah",
                               *_split(row["sumber"]), None))
    return out


def sub_kegiatan_table(data: SourceData, period: Period) -> pd.DataFrame:
    """Sub kegiatan with their kegiatan, program, target and anggaran of the reporting year."""
    sub = data.table("sub_kegiatan")
    kegiatan = data.table("kegiatan").set_index("kode")
    program = data.table("program").set_index("kode")
    measures = data.measure("sub_kegiatan")
    target = _year_values(measures, "target", period.tahun)
    anggaran = _year_values(measures, "anggaran", period.tahun)
    out = sub.assign(
        kegiatan_nama=sub["kegiatan"].map(kegiatan["nama"]),
        program=sub["kegiatan"].map(kegiatan["program"]))
    out = out.assign(program_nama=out["program"].map(program["nama"]),
                     program_no=out["program"].map(program["no"]),
                     target=out["kode"].map(target["nilai"]), sumber_target=out["kode"].map(target["sumber"]),
                     anggaran=out["kode"].map(anggaran["nilai"]), sumber_anggaran=out["kode"].map(anggaran["sumber"]))
    return out
