"""``certificate`` (one learner's PDF, or a batch per territory or for everyone) and
``export credits`` (one row per learner for universities, CSV or JSON)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.cli.signing import allow_local_option, check_url
from apprenance.domain.catalog import Catalog
from apprenance.domain.certificate import HOURS_PER_CREDIT_DEFAULT
from apprenance.errors import InputError
from apprenance.i18n import LANGS, number, t
from apprenance.services.certificates.batch import (
    write_atomically,
    write_batch,
    write_certificate,
)
from apprenance.services.certificates.credits_export import (
    FORMATS,
    competences_path,
    export_credits,
)
from apprenance.services.certificates.gather import CertificateOptions, batch_learners
from apprenance.services.privacy.written_files import record_written

hours_per_credit_option = click.option(
    "--hours-per-credit", type=float, default=HOURS_PER_CREDIT_DEFAULT, show_default=True,
    envvar="APPRENANCE_HOURS_PER_CREDIT",
    help="Hours of workload per ECTS credit, 25 to 30 (ECTS Users' Guide). "
    "Env: APPRENANCE_HOURS_PER_CREDIT.")


def _catalog(state: CliState) -> Catalog:
    return state.app.catalog()


def _options(state: CliState, lang: str | None, hours_per_credit: float) -> CertificateOptions:
    return CertificateOptions(lang=lang, default_lang=state.lang,
                              hours_per_credit=hours_per_credit,
                              public_url=state.settings.public_url)


@click.command("certificate")
@click.argument("learner", required=False)
@click.option("--pathway", help="The pathway the certificate is for (default: the last earned).")
@click.option("--territory", help="Batch: every learner of this territory (--out is a folder).")
@click.option("--all", "everyone", is_flag=True, help="Batch: every learner (--out is a folder).")
@click.option("--lang", "doc_lang", type=click.Choice(LANGS),
              help="Language of the certificate (default: the learner's, else --lang's).")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="The PDF file to write; a folder in batch.")
@click.option("--workers", type=click.IntRange(1, 64),
              help="Batch: processes to use (default: one per core from 40 learners on).")
@hours_per_credit_option
@allow_local_option
@json_option
@pass_state
def certificate_cmd(state: CliState, learner: str | None, pathway: str | None,
                    territory: str | None, everyone: bool, doc_lang: str | None, out: Path,
                    workers: int | None, hours_per_credit: float, allow_local: bool,
                    as_json: bool) -> None:
    """Write a learner's PDF certificate (hours, competences, badges, ECTS recommendation,
    QR code and signed credential attached), or one per learner in batch."""
    if sum((learner is not None, territory is not None, everyone)) != 1:
        raise InputError(t("cert.usage", state.lang))
    check_url(state, allow_local)  # its QR code and attached credential name the public URL
    store = state.app.ready_store()
    catalog = _catalog(state)
    options = _options(state, doc_lang, hours_per_credit)
    clock = state.app.clock
    if learner is not None:
        data = write_certificate(store, catalog, learner, out, pathway=pathway,
                                 options=options, clock=clock)
        record_written(store, [data.learner], out, "certificate", clock=clock)
        if as_json:
            emit_json({"learner": data.learner, "file": str(out), "lang": data.lang,
                       "hours": round(data.total_hours, 2), "ects": data.ects,
                       "pathway": data.pathway.id if data.pathway else None,
                       "credential": data.credential_id, "verify_url": data.verify_url})
        else:
            say(t("cert.written", state.lang, path=out))
        return
    participants = batch_learners(store, catalog, territory=territory, pathway=pathway)
    if as_json:
        report = write_batch(store, catalog, participants, out, pathway=pathway,
                             options=options, clock=clock, workers=workers)
        _record_batch(state, report.written)
        emit_json(report.to_dict())
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(t("cert.batch.progress", state.lang), total=len(participants))
        report = write_batch(store, catalog, participants, out, pathway=pathway,
                             options=options, clock=clock, workers=workers,
                             progress=lambda _: bar.advance(task))
    _record_batch(state, report.written)
    for skipped in report.skipped:
        say(f"  - {skipped['learner']}: {skipped['reason']}")
    say(t("cert.batch.done", state.lang, written=len(report.written), folder=out,
          skipped=len(report.skipped), rate=number(report.per_second, state.lang)))


def _record_batch(state: CliState, written: list[dict[str, str]]) -> None:
    """Each certificate of a batch, recorded for its learner (an erasure finds it)."""
    store, clock = state.app.ready_store(), state.app.clock
    for item in written:
        record_written(store, [item["learner"]], Path(item["file"]), "certificate", clock=clock)


@click.group("export")
def export_group() -> None:
    """Exports for partners: ``export credits`` and ``export elm`` (Europass) for universities."""


@export_group.command("credits")
@click.option("--pathway", help="Only the learners who completed this pathway.")
@click.option("--territory", help="Only the learners of this territory.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="csv (French spreadsheet: ';', decimal comma, UTF-8 BOM; with --out, the "
              "competences go to FILE-competences.csv beside it), xlsx (one workbook, two "
              "sheets; needs --out) or json.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output, the main table only).")
@click.option("--lang", "doc_lang", type=click.Choice(LANGS),
              help="Language of the headers, names and labels (default: --lang's).")
@hours_per_credit_option
@json_option
@pass_state
def export_credits_cmd(state: CliState, pathway: str | None, territory: str | None, fmt: str,
                       out: Path | None, doc_lang: str | None, hours_per_credit: float,
                       as_json: bool) -> None:
    """One row per learner and pathway: identifier, name, pathway, period, hours per pillar
    and per vital function, recommended ECTS, credential URL; the competences reached in a
    second table (a second CSV file, the second sheet of the XLSX, nested in JSON)."""
    if fmt == "xlsx" and out is None:
        raise InputError(t("cert.export.xlsx_out", state.lang))
    options = _options(state, doc_lang or state.lang, hours_per_credit)
    export = export_credits(state.app.ready_store(), _catalog(state), fmt=fmt,
                            clock=state.app.clock, pathway=pathway, territory=territory,
                            options=options)
    for skipped in export.skipped:
        click.echo(t("cert.export.skipped", state.lang, learner=skipped["learner"],
                     pathway=skipped["pathway"] or "-", reason=skipped["reason"]), err=True)
    if out is None:
        sys.stdout.buffer.write(export.content)
        sys.stdout.flush()
        return
    files = [(out, export.content)]
    if fmt == "csv":
        files.append((competences_path(out), export.competences_csv()))
    for path, content in files:
        try:
            write_atomically(path, content)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
        record_written(state.app.ready_store(), sorted({str(r["identifier"])
                                                        for r in export.rows}),
                       path, "credits", clock=state.app.clock, shared=True)
    if as_json:
        emit_json({**export.to_dict(), "files": [str(path) for path, _ in files]})
    else:
        for path, _ in files:
            say(t("cert.export.done", state.lang, rows=len(export.rows), fmt=fmt, path=path)
                if path == out else t("cert.export.done_competences", state.lang,
                                      rows=len(export.competences), path=path))


def _add_elm() -> None:
    from apprenance.cli.elm_cmds import elm_cmd

    export_group.add_command(elm_cmd)


_add_elm()
