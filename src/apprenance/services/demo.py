"""The demo: the whole product, end to end, on the bundled example territory."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apprenance.services.people.territories import load_territory
from apprenance.services.store import Instance, init_store

DEMO_EMAIL = "contact@ressourceurs.example.org"  # Open Badges 2.0 requires an issuer email


@dataclass
class DemoStep:
    name: str
    summary: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class DemoReport:
    home: str
    store: str
    steps: list[DemoStep] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    rejections: list[str] = field(default_factory=list)
    earned: dict[str, list[str]] = field(default_factory=dict)
    plain_key: str | None = None  # the folder of a key this run wrote unencrypted

    def to_dict(self) -> dict[str, Any]:
        return {
            "home": self.home,
            "store": self.store,
            "steps": [{"name": s.name, "summary": s.summary, **s.data} for s in self.steps],
            "outputs": self.outputs,
        }


def run_demo(app: Instance, *, examples: Path) -> DemoReport:
    """Initialise the store and run every job on the example territory in ``examples`` (the
    command line's default: the bundled one)."""
    init = init_store(app.home, app.open_store)
    report = DemoReport(home=init.home, store=init.url)
    report.steps.append(DemoStep("init", f"store at schema {init.after}", {"schema": init.after}))
    territory = load_territory(app.store, examples / "territory.yaml", clock=app.clock)
    report.steps.append(
        DemoStep(
            "territory",
            f"{territory.territory}: {territory.projects} projects, {territory.learners} learners",
            {"territory": territory.territory, "projects": territory.projects,
             "learners": territory.learners},
        )
    )
    report.outputs["store"] = init.url
    _ingest_steps(app, report, examples)
    _evaluate_step(app, report)
    _issuing_step(app, report)  # issuing: credentials before the certificates that attach them
    _clr_step(app, report)
    # certificates come last: they read everything the steps above stored
    from apprenance.services.certificates.credits_export import write_demo_outputs
    from apprenance.services.certificates.gather import CertificateOptions

    summary, data, outputs = write_demo_outputs(
        app.store, app.catalog(), app.home, clock=app.clock,
        options=CertificateOptions(default_lang=app.lang,
                                   public_url=app.public_url))
    report.steps.append(DemoStep("certificates", summary, data))
    report.outputs.update(outputs)
    _serve_step(app, report)  # last: the portfolio URL and how to serve it
    return report


def _ingest_steps(app: Instance, report: DemoReport, examples: Path) -> None:
    """ingest: the activity log (CSV), the xAPI statements, then the file with mistakes, whose
    rejected rows are shown and kept in quarantine (re-running adds nothing)."""
    from apprenance.services.ingest.pipeline import LogFile, ingest_files

    catalog = app.catalog()
    for name in ("activites.csv", "activites-xapi.json", "activites-with-errors.csv"):
        path = examples / name
        if not path.is_file():
            continue
        tally = ingest_files(app.store, catalog, [LogFile(path=path, label=name)],
                             clock=app.clock, lang=app.lang)
        data = tally.to_dict()
        report.steps.append(DemoStep(
            f"ingest {name}",
            f"{tally.accepted} accepted ({tally.unmapped} unmapped), "
            f"{tally.duplicates} duplicates, {tally.rejected} rejected",
            {**{k: v for k, v in data.items() if k != "rejections"},
             "rejections": data["rejections"][:50]},
        ))
        for rejection in data["rejections"][:50]:
            where = f"{rejection.get('file')}:{rejection.get('line')}"
            report.rejections.append(
                f"{where} [{rejection.get('field')}] {rejection.get('reason')}")


def _evaluate_step(app: Instance, report: DemoReport) -> None:
    """evaluate: every badge and pathway rule for the learners with new evidence."""
    from apprenance.services.evaluation.evaluate import evaluate

    result = evaluate(app.store, app.catalog(), clock=app.clock)
    earned: dict[str, list[str]] = {}
    for award in result.awards:
        earned.setdefault(award.learner, []).append(award.badge)
    report.steps.append(DemoStep(
        "evaluate", f"{result.evaluated} learners evaluated, {len(result.awards)} new awards",
        {"evaluated": result.evaluated, "new_awards": len(result.awards), "earned": earned}))
    report.earned = earned


def _issuing_step(app: Instance, report: DemoReport) -> None:
    """issuing: an issuer for the collective (did:key, no web server needed), then every award
    issued into ``HOME/credentials`` (OB 3.0 JSON, VC-JWT, baked PNG/SVG, OB 2.0)."""
    from apprenance.services.issuing.issue import issue
    from apprenance.services.issuing.issuers import init_issuer, list_issuers

    keys, urls = app.keys, app.urls  # encrypted with APPRENANCE_KEY_PASSPHRASE when it is set
    if not list_issuers(app.store, keys):
        init_issuer(app.store, keys, slug="collectif", name="Collectif des Ressourceurs",
                    urls=urls, clock=app.clock, did_method="key", email=DEMO_EMAIL)
        if not keys.encrypts:  # the demo may write its key unencrypted, and says so
            report.plain_key = str(keys.folder / "collectif")
    out = app.home / "credentials"
    result = issue(app.store, app.catalog(), keys, urls=urls, clock=app.clock, out=out)
    report.steps.append(DemoStep(
        "issue", f"{len(result.issued)} credentials issued into {out}",
        {"issued": len(result.issued), "problems": len(result.problems), "out": str(out)}))
    report.outputs["credentials"] = str(out)


def _clr_step(app: Instance, report: DemoReport) -> None:
    """clr: a signed CLR 2.0 for each learner awarded something in this run, into ``HOME/clr``
    (a run that awards nothing new writes none): every certificate then attaches the signed
    record its ECTS recommendation rests on, pathway completed or not."""
    from apprenance.services.certificates.batch import file_names
    from apprenance.services.issuing.clr_records import build_clr

    catalog = app.catalog()
    holders = sorted(who for who, badges in report.earned.items() if badges)
    keys, urls = app.keys, app.urls
    folder = app.home / "clr"
    names = file_names(holders)
    for learner in holders:
        build_clr(app.store, catalog, keys, learner, pathway=None, urls=urls, clock=app.clock,
                  out=folder / (names[learner].removesuffix(".pdf") + ".clr.json"))
    report.steps.append(DemoStep(
        "clr", f"{len(holders)} CLR records (one per learner awarded a badge) into {folder}",
        {"records": len(holders), "out": str(folder)}))
    report.outputs["clr"] = str(folder)


def _serve_step(app: Instance, report: DemoReport) -> None:
    """serve: the URL of a learner's portfolio (a single-use sign-in link) and how to start
    the server that answers it."""
    from apprenance.services.people.access import create_sign_in_link
    from apprenance.services.people.directory import list_learners

    learners = list_learners(app.store, limit=1)
    if not learners:
        return
    learner = learners[0]["learner"]
    token = create_sign_in_link(app.store, learner, clock=app.clock)
    url = f"{app.public_url}/connexion/{token}"
    from apprenance.public_url import is_local_url

    command = f"apprenance --home {app.home} serve"
    if is_local_url(app.public_url):  # the demo's credentials name a local address
        command += " --allow-local-url"
    report.steps.append(DemoStep(
        "serve", f"start the server with `{command}`, then open {url}",
        {"learner": learner, "portfolio": url, "command": command}))
    report.outputs["portfolio"] = url
