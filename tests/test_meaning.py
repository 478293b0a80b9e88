"""Sentence vectors from the embedding table WordLlama's wheel ships (core/text/meaning.py):
read offline, and two wordings of one claim closer than two claims that share a word."""

from __future__ import annotations

import subprocess
import sys

from factcheck_tui.core.text import meaning


def test_two_wordings_of_one_claim_are_closer_than_claims_sharing_words() -> None:
    same = meaning.similarity(
        "Hitler's birthplace will become a police station",
        "The house where Adolf Hitler was born will be turned into a police station",
    )
    shared_words = meaning.similarity(
        "Omar is one of the first two Muslim women elected to Congress",
        "A video shows two Muslim men threatening people with a stun gun",
    )
    assert same > 0.6
    assert shared_words < 0.4


def test_vectors_are_unit_length_and_an_empty_text_is_zero() -> None:
    rows = meaning.vectors(["Unemployment fell to 3.5 percent in September.", ""])
    assert rows.shape == (2, meaning.DIMENSIONS)
    assert abs(float(rows[0] @ rows[0]) - 1.0) < 1e-4
    assert not rows[1].any()


def test_the_model_loads_without_a_network() -> None:
    # WordLlama.load() would go to huggingface.co for a tokenizer its wheel already holds;
    # with every proxy pointed nowhere, our own reading of the shipped files still works.
    code = "from factcheck_tui.core.text import meaning; print(meaning.available())"
    env = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "True"
