"""The shipped check-worthiness model: its file, its features, its split and its benchmark."""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from factcheck_tui.core.extraction import checkworthy, extract
from factcheck_tui.core.extraction.evidence import rule_evidence
from factcheck_tui.core.extraction.extract import score_sentence
from tests.conftest import SHARED_DATA

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "checkworthy_sample.json"
BENCHMARK = REPO / "benchmarks" / "extraction_eval.py"
TRAINER = REPO / "scripts" / "train_checkworthy.py"
DEBATE_FOLDS = REPO / "benchmarks" / "debate_folds.py"


def load_script(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_weights_ship_small_and_record_their_split() -> None:
    assert checkworthy.MODEL_PATH.stat().st_size < 5_000_000
    model = checkworthy.load_model()
    assert len(model.weights) > 1_000
    assert all(name[:2] in {"w:", "c:", "h:"} for name in model.weights)
    split = model.info["split"]
    assert isinstance(split, dict)
    assert split["dev_fraction"] == 0.2
    assert split["train_size"] + split["dev_size"] == 7_976


def test_dev_debates_were_never_trained_on() -> None:
    """The 10 latest CheckThat! debates are the benchmark's dev set: not in training."""
    debates = checkworthy.load_model().info["debates"]
    assert isinstance(debates, dict)
    training, dev = debates["training"], debates["dev_never_read"]
    assert len(training) == 40 and len(dev) == 10
    assert not set(training) & set(dev)
    assert max(training) < min(dev)  # names start with the date: dev is the latest
    benchmark = load_script(BENCHMARK)
    assert benchmark.DEV_DEBATE_FRACTION == load_script(TRAINER).DEV_DEBATE_FRACTION


def test_debate_folds_hold_out_consecutive_blocks_ending_with_the_dev_debates() -> None:
    folds = load_script(DEBATE_FOLDS)
    blocks = folds.blocks(50, 5)
    assert [list(b) for b in blocks] == [list(range(i, i + 10)) for i in range(0, 50, 10)]
    assert [len(b) for b in folds.blocks(7, 3)] == [2, 3, 2]  # every index once, sizes ±1
    assert [i for b in folds.blocks(7, 3) for i in b] == list(range(7))
    # The last block is the dev split of extraction_eval.py and of the shipped model.
    fraction = load_script(TRAINER).DEV_DEBATE_FRACTION
    assert len(blocks[-1]) == math.ceil(50 * fraction)


def test_bootstrap_interval_brackets_the_mean_and_shrinks_with_agreement() -> None:
    folds = load_script(DEBATE_FOLDS)
    spread = [0.0, 0.05, 0.1, 0.3, 0.02, 0.2, 0.0, 0.15, 0.4, 0.01]
    low, high = folds.bootstrap_interval(spread)
    mean = sum(spread) / len(spread)
    assert low < mean < high
    assert folds.bootstrap_interval([0.1] * 10) == (pytest.approx(0.1), pytest.approx(0.1))
    assert folds.bootstrap_interval(spread) == (low, high)  # seeded: the same every run


def test_debate_lines_are_weighted_against_claimbuster() -> None:
    trainer = load_script(TRAINER)
    weights = trainer.source_weights([1, 0, 0, 0], ct_weight=2.0, ct_positive=5.0, cb_total=8)
    assert sum(weights) == pytest.approx(16.0)
    assert weights[0] == pytest.approx(5 * weights[1])
    assert trainer.sentence_key("  Thank you, very much!") == trainer.sentence_key(
        "thank you very much"
    )


def test_training_drops_sentences_nearly_equal_to_held_out_ones() -> None:
    trainer = load_script(TRAINER)
    held = [trainer.sentence_key("We have lost 70,000 factories since China joined the WTO.")]
    source = trainer.Source(
        [
            "We've lost 70,000 factories since China joined the WTO!",  # a near copy
            "we have lost 70,000 factories since china joined the wto",  # the same words
            "We have lost 7 factories since the strike.",
            "Thank you.",
        ],
        [1, 1, 1, 0],
        [0, 3, 0, 0],
    )
    kept, dropped = trainer.without_held_out(source, held)
    assert dropped == 2
    assert kept.texts == ["We have lost 7 factories since the strike.", "Thank you."]
    assert (kept.labels, kept.groups) == ([1, 0], [0, 0])


@pytest.mark.skipif(
    not (SHARED_DATA / "checkthat2024-task1").is_dir(), reason="needs ../shared/data"
)
def test_checkthat2024_copies_of_the_claimbuster_dev_split_are_found() -> None:
    """CheckThat! 2024's files hold ClaimBuster's sentences under their ids: every one of
    the dev split's is found by the near-copy test the trainer drops them with."""
    trainer = load_script(TRAINER)
    records = trainer.load_claimbuster(SHARED_DATA / "claimbuster" / "train.json")
    _, dev_ids = checkworthy.stratified_split(
        [r["sentence_id"] for r in records], [r["label"] for r in records], 0.2, trainer.SEED
    )
    by_id = {r["sentence_id"]: r["text"] for r in records}
    rows = trainer.load_checkthat2024(SHARED_DATA / "checkthat2024-task1" / "dev.tsv")
    near = trainer.near_duplicates(
        [trainer.sentence_key(text) for _, text, _ in rows],
        [trainer.sentence_key(by_id[i]) for i in dev_ids],
    )
    dev = set(dev_ids)
    copies = {sentence_id for sentence_id, _, _ in rows if sentence_id in dev}
    found = {sentence_id for (sentence_id, _, _), hits in zip(rows, near, strict=True) if hits}
    assert len(copies) > 100
    assert copies <= found


def test_rules_have_not_changed_since_training() -> None:
    """The model reads the rules' evidence: changing the rules means retraining it."""
    trainer = load_script(TRAINER)
    recorded = checkworthy.load_model().info["evidence_fingerprint"]
    assert trainer.evidence_fingerprint() == recorded, (
        "extract.py's rules changed: run scripts/train_checkworthy.py"
    )
    assert set(checkworthy.EVIDENCE_KINDS) == set(extract._WEIGHTS)


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.",
        "Thank you very much!",
        "",
        "Ünïcödé “quotes” — and 😀 emoji, مرحبا, \x00.",
    ],
)
def test_fast_logit_matches_the_training_features(text: str) -> None:
    model = checkworthy.load_model()
    evidence = rule_evidence(text)
    weights = model.weights  # built from the blocks at each access: once here
    by_features = model.bias + sum(
        weights.get(name, 0.0) * value
        for name, value in checkworthy.features(text, evidence.counts, evidence.words).items()
    )
    assert math.isclose(
        model.logit(text, evidence.counts, evidence.words), by_features, abs_tol=1e-9
    )


def test_scores_separate_claims_from_chatter() -> None:
    claims = [
        "Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.",
        "We have lost 70,000 factories since China joined the WTO in 2001.",
        "The Congressional Budget Office said the bill would cost $1.2 trillion.",
    ]
    chatter = ["Thank you all for being here tonight.", "What a day.", "Let me be clear."]
    for text in claims:
        assert score_sentence(text)[0] >= extract.DEFAULT_THRESHOLD, text
    for text in chatter:
        assert score_sentence(text)[0] < extract.DEFAULT_THRESHOLD, text
    score, reasons = score_sentence(claims[0])
    assert (score, reasons) == score_sentence(claims[0])
    assert "percent: 4.1 percent" in reasons


def _fixture_lines() -> list[str]:
    return [json.dumps(row) for row in json.loads(FIXTURE.read_text(encoding="utf-8"))]


def test_stratified_split_is_fixed_stratified_and_order_free() -> None:
    ids = list(range(1, 101))
    labels = [1 if i % 4 == 0 else 0 for i in ids]
    train, dev = checkworthy.stratified_split(ids, labels, 0.2, seed=7)
    assert len(dev) == 20 and len(train) == 80
    assert not set(train) & set(dev)
    assert sum(1 for i in dev if i % 4 == 0) == 5
    again = checkworthy.stratified_split(ids[::-1], labels[::-1], 0.2, seed=7)
    assert again == (train, dev)
    assert checkworthy.stratified_split(ids, labels, 0.2, seed=8) != (train, dev)


def test_core_scoring_needs_only_the_standard_library() -> None:
    code = (
        "import sys; from factcheck_tui.core.extraction.extract import score_sentence; "
        "score_sentence('Unemployment fell to 4.1 percent.'); "
        "print(sorted(m for m in ('numpy', 'scipy', 'sklearn', 'textual') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


def test_benchmark_on_the_fixture_gives_the_known_answer() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--fixture", str(FIXTURE), "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    figures = json.loads(result.stdout)
    rules = figures["claimbuster"]["rules"]
    # Worked by hand: the rules miss "Obamacare has broken our health care system." (no
    # evidence) and take the grandfather's anecdote (told, 1952, Chicago, greatest).
    assert (rules["tp"], rules["fp"], rules["fn"]) == (4, 1, 1)
    assert (rules["precision"], rules["recall"], rules["f1"]) == (0.8, 0.8, 0.8)
    # Debate a ranks both claims first (AP 1); debate b puts the anecdote third, above
    # the Obamacare claim (AP (1 + 1 + 3/4) / 3): MAP (1 + 0.9167) / 2.
    assert figures["checkthat"]["map"]["rules"] == 0.9583
    model = figures["claimbuster"]["model"]
    assert model["f1"] >= 0.7
    assert figures["checkthat"]["map"]["model"] >= 0.75
    assert figures["claimbuster"]["svm"] is None


def test_benchmark_skips_the_svm_without_scikit_learn(monkeypatch: pytest.MonkeyPatch) -> None:
    benchmark = load_script(BENCHMARK)
    monkeypatch.setitem(sys.modules, "sklearn", None)
    monkeypatch.setitem(sys.modules, "sklearn.feature_extraction.text", None)
    monkeypatch.setitem(sys.modules, "sklearn.svm", None)
    assert benchmark.svm_scorer(["a claim", "not one"], [1, 0]) is None
    assert checkworthy.average_precision([0.9, 0.1, 0.5], [0, 1, 1]) == pytest.approx(
        (1 / 2 + 2 / 3) / 2
    )
