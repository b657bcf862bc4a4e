"""CLI commands: ``ipwarden watermark embed`` and ``ipwarden watermark detect``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from ipwarden import __version__
from ipwarden.cli._common import JsonOption
from ipwarden.config import Settings
from ipwarden.errors import InputError

__all__ = ["register"]

watermark_app = typer.Typer(
    help="Invisible watermarks for original product images, linked to the evidence log.", no_args_is_help=True
)

KeyFileOption = Annotated[
    Path | None,
    typer.Option(
        "--key-file", help="Secret watermark key (default: IPWARDEN_KEY_DIR or IPWARDEN_HOME/keys)."
    ),
]


def _key_path(settings: Settings, key_file: Path | None) -> Path:
    if key_file is not None:
        return key_file
    return Path(os.environ.get("IPWARDEN_KEY_DIR") or settings.home / "keys") / "watermark.key"


def _service(settings: Settings, key_file: Path | None, create_key: bool, evidence: Any) -> Any:
    from ipwarden.evidence.watermark_service import JsonlOriginals, LogEntries, WatermarkService, load_key

    key = load_key(_key_path(settings, key_file), create=create_key)
    originals = JsonlOriginals(settings.home / "watermark" / "originals.jsonl")
    return WatermarkService(key, originals, LogEntries(evidence) if evidence is not None else None)


@watermark_app.command("embed")
def embed(  # noqa: PLR0917 - Typer maps parameters to options
    image: Annotated[Path, typer.Argument(help="The original image (JPEG, PNG, WebP, TIFF, BMP).")],
    out: Annotated[
        Path, typer.Option("--out", help="Where to write the watermarked copy (.png keeps it best).")
    ],
    payload: Annotated[
        str | None,
        typer.Option("--payload", help="Embed these 64 bits (16 hex digits) instead of an entry link."),
    ] = None,
    entry: Annotated[
        int | None, typer.Option("--entry", help="Link to this existing evidence entry (number).")
    ] = None,
    case: Annotated[
        str, typer.Option("--case", help="Case under which the original is logged when no entry is given.")
    ] = "originals",
    key_file: KeyFileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Watermark IMAGE into OUT. Without --entry/--payload the original is first added to the evidence log."""
    from ipwarden.cli.evidence_cmd import open_service
    from ipwarden.evidence.watermark import load_image
    from ipwarden.evidence.watermark_service import parse_payload

    if payload is not None and entry is not None:
        raise InputError("give either --payload or --entry, not both")
    settings = Settings.from_env()
    data = parse_payload(payload) if payload is not None else None
    load_image(image)  # refuse a broken or tiny image before logging anything
    evidence: Any = open_service(settings) if data is None else None
    logged = None
    if data is None and entry is None:
        receipt = evidence.add_files(
            [image],
            case,
            note="original image, before watermarking",
            capture_method="original-upload",
            tool_version=f"ipwarden {__version__}",
        )[0]
        entry, logged = receipt.index, receipt
    svc = _service(settings, key_file, True, evidence)
    report = svc.embed(image, out, payload=data, entry=entry)
    if as_json:
        body = report.to_dict()
        body["logged_entry"] = logged.index if logged is not None else None
        typer.echo(json.dumps(body))
        return
    if logged is not None:
        typer.echo(f"original logged as evidence entry {logged.index} (sha256 {logged.sha256})")
    link = f" (evidence entry {report.entry})" if report.entry is not None else ""
    if report.entry_matches_image is False:
        typer.echo(
            f"note: evidence entry {report.entry} records a different file than {image}; the mark "
            "links to that entry all the same"
        )
    typer.echo(f"watermarked {image} -> {report.out}: payload {report.payload}{link}")
    typer.echo(
        f"PSNR {report.psnr_db:.1f} dB, SSIM {report.ssim:.4f}; read back: "
        f"{'ok' if report.verified else 'FAILED - keep a lossless (.png) output'}"
    )


@watermark_app.command("detect")
def detect(
    image: Annotated[Path, typer.Argument(help="The suspected copy.")],
    original: Annotated[
        Path | None,
        typer.Option("--original", help="The original: re-aligns crops and resizes before reading."),
    ] = None,
    key_file: KeyFileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Look for a watermark in IMAGE, link its payload to the evidence log, and check perceptual copies."""
    from ipwarden.cli.evidence_cmd import open_service

    settings = Settings.from_env()
    evidence = open_service(settings) if settings.evidence_dir.exists() else None
    report = _service(settings, key_file, False, evidence).detect(image, original)
    if as_json:
        typer.echo(json.dumps(report.to_dict()))
        return
    if report.found:
        flip = ", mirrored" if report.mirrored else ""
        typer.echo(
            f"watermark found ({report.mode}{flip}): payload {report.payload}, confidence "
            f"{report.confidence:.9f} (false-alarm probability {report.false_alarm_probability:.1e}), "
            f"{report.bit_errors} of 188 coded bits corrected"
        )
        link = report.link or {}
        detail = f", case {link['case']}, recorded {link['recorded_at']}" if "recorded_at" in link else ""
        typer.echo(f"evidence entry {link.get('entry')}: {link.get('status')}{detail}")
    else:
        typer.echo(
            f"no watermark found ({report.mode}; signal {report.signal:.2f}, unmarked images read about 0.5)"
        )
    for m in report.copy_matches:
        verdict = "perceptual copy of" if m["match"] else "not a perceptual copy of"
        typer.echo(
            f"{verdict} {m['source']} {m['name']} (pHash distance {m['phash_distance']}, "
            f"dHash {m['dhash_distance']}{', mirrored' if m['mirrored'] else ''})"
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(watermark_app, name="watermark")
