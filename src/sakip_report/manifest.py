"""build/manifest.json: what went in, what came out, with which software, and where every figure came from."""
from __future__ import annotations

import json
import platform
from importlib import metadata
from pathlib import Path

from .reproducible import sha256

PACKAGES = ("python-pptx", "pandas", "matplotlib", "openpyxl", "jinja2", "babel", "defusedxml", "pillow", "numpy")


def input_files(data: Path, templates: Path, slides: Path) -> list[Path]:
    """Every file that decides the deck's content or look."""
    files = [p for p in sorted(Path(data).iterdir()) if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")]
    files += sorted(p for p in Path(templates).rglob("*") if p.is_file())
    files += sorted(Path(slides).glob("*.toml"))
    return files


def versions(libreoffice: str | None) -> dict[str, str]:
    """Python, key packages and LibreOffice versions."""
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "-"
    out["libreoffice"] = libreoffice or "-"
    return out


def write_manifest(path: Path, *, inputs: list[Path], outputs: list[Path], root: Path, pages: list[dict],
                   build_time: str, libreoffice: str | None, warnings: list[str]) -> None:
    """Write the manifest as stable, sorted JSON."""
    doc = {
        "dibangun": build_time,
        "masukan": {_rel(p, root): sha256(p) for p in inputs},
        "keluaran": {p.name if p.parent.name != "charts" else f"charts/{p.name}": sha256(p) for p in outputs},
        "versi": versions(libreoffice),
        "peringatan": warnings,
        "slide": pages,
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _rel(path: Path, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root))
    except ValueError:
        return str(path)


def add_outputs(path: Path, outputs: list[Path]) -> None:
    """Add files made after the manifest was written (a batch's PDFs and previews)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["keluaran"].update({p.name: sha256(p) for p in outputs})
    doc["keluaran"] = dict(sorted(doc["keluaran"].items()))
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
