"""What a sentence means, as a vector: the mean of its tokens' static embeddings from
WordLlama (MIT; 256 dimensions distilled from Llama 2's token embeddings, trained for
sentence similarity). Its wheel ships the weights and the tokenizer, so nothing is
downloaded: this module reads those two files itself, because `WordLlama.load()` looks
for the tokenizer in a folder the wheel does not have and then goes to the network.

Two texts that say the same thing in other words ("Hitler's birthplace" / "the house where
Adolf Hitler was born") meet here where search terms do not. numpy, tokenizers and the
16 MB table load on first use, never at start-up.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from tokenizers import Tokenizer

    Vectors = NDArray[np.float32]

DIMENSIONS = 256
_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
# Token ids past this many are ignored: a sentence's meaning is in its first words, and a
# pasted page must not cost more than a sentence.
MAX_TOKENS = 256
_LOCK = threading.Lock()


class MeaningUnavailable(RuntimeError):
    """The embedding package is not installed or its files are missing."""


def _package_folder() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise MeaningUnavailable("the wordllama package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _model() -> tuple[Vectors, Tokenizer]:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    folder = _package_folder()
    try:
        table = load_file(str(folder / _WEIGHTS))["embedding.weight"]
        tokenizer = Tokenizer.from_file(str(folder / _TOKENIZER))
    except Exception as error:  # a missing, damaged or renamed file: all the same to us
        raise MeaningUnavailable(f"wordllama's files could not be read: {error}") from error
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    import numpy as np

    return np.ascontiguousarray(table, dtype=np.float32), tokenizer


def available() -> bool:
    """Whether vectors can be made here (the package and its files are present)."""
    try:
        with _LOCK:
            _model()
    except MeaningUnavailable:
        return False
    return True


def vectors(texts: Sequence[str]) -> Vectors:
    """One unit vector a text (a row each); an empty text gets a zero row."""
    import numpy as np

    with _LOCK:
        table, tokenizer = _model()
        encoded = tokenizer.encode_batch(list(texts), add_special_tokens=False)
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for row, encoding in enumerate(encoded):
        if encoding.ids:
            mean = table[encoding.ids].mean(axis=0)
            norm = float(np.linalg.norm(mean))
            if norm:
                out[row] = mean / norm
    return out


def similarity(first: str, second: str) -> float:
    """The cosine of two texts' vectors, −1 to 1 (0 when either is empty)."""
    pair = vectors([first, second])
    return float(pair[0] @ pair[1])
