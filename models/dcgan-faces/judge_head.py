"""Fit the face judge's head: one linear unit on the calibrated discriminator's features that tells well-formed
generated faces from malformed ones, learnt from hand labels (models/dcgan-faces-judge/labels.json: for each
first seed, the indices of the malformed faces in the 64-face grid of seeds first..first+63, candidate 0 of each).

The discriminator's own score does not rank faces by how well formed they are (measured: models/dcgan-faces-judge/
README.md); its features do, once a head is fitted to say what "well formed" means.
Usage: python3 models/dcgan-faces/judge_head.py [--discriminator runs/dcgan-faces-judge/best.pt]
Writes runs/dcgan-faces-judge/judge.pt (the FaceJudge that judge_export.py and judge_grids.py read).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu  # noqa: E402

configure_cpu()
import numpy as np  # noqa: E402
import torch  # noqa: E402

from toolchain.checkpoint import load_compact, load_working, save_working  # noqa: E402
from toolchain.export_tfjs import REPO  # noqa: E402
from toolchain.seeded import seeded_normals  # noqa: E402
from export import shipped_generator  # noqa: E402
from judge_train import COMPACT, auc  # noqa: E402
from model import DCGANConfig, FaceJudge  # noqa: E402

LABELS = os.path.join(REPO, "models", "dcgan-faces-judge", "labels.json")


def labelled_faces(version: str) -> tuple[torch.Tensor, np.ndarray]:
    """The labelled grids' faces [N, 3, 64, 64] and labels (1: well formed)."""
    with open(LABELS) as f:
        malformed = json.load(f)["malformed"]
    G, cfg = shipped_generator(version)
    seeds = [int(first) + i for first in malformed for i in range(64)]
    z = torch.from_numpy(np.stack([seeded_normals(s, cfg.nz) for s in seeds]))
    with torch.no_grad():
        faces = G(z)
    good = np.array([0 if i in malformed[first] else 1 for first in malformed for i in range(64)], dtype=np.float64)
    return faces, good


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 2000) -> tuple[np.ndarray, float]:
    """Weights and bias on the raw features: logistic regression on standardised features (full-batch gradient
    descent with an L2 penalty), the standardisation folded back into the weights."""
    mu, sd = x.mean(0), x.std(0) + 1e-6
    xs = (x - mu) / sd
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xs @ w + b)))
        w -= 0.1 * (xs.T @ (p - y) / len(y) + l2 * w)
        b -= 0.1 * float((p - y).mean())
    return w / sd, b - float((mu / sd) @ w)


def cross_validated_auc(x: np.ndarray, y: np.ndarray, l2: float, folds: int = 8) -> float:
    order = np.random.default_rng(0).permutation(len(y))
    score = np.zeros(len(y))
    for held in np.array_split(order, folds):
        kept = np.setdiff1d(order, held)
        w, b = fit_logistic(x[kept], y[kept], l2)
        score[held] = x[held] @ w + b
    return auc_of(score, y)


def auc_of(score: np.ndarray, good: np.ndarray) -> float:
    """How often a well-formed face scores above a malformed one (judge_train.py's auc on labelled scores)."""
    return auc(torch.from_numpy(score[good == 1]), torch.from_numpy(score[good == 0]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--discriminator", default=COMPACT,
                    help="the calibrated discriminator: best.pt of judge_train.py, or its committed compact copy")
    ap.add_argument("--generator-version", default="5")
    ap.add_argument("--out", default=os.path.join(REPO, "runs", "dcgan-faces-judge", "judge.pt"))
    args = ap.parse_args()
    read = load_compact if os.path.isdir(args.discriminator) else load_working
    calibrated = read(args.discriminator)
    judge = FaceJudge(DCGANConfig(ndf=32))
    judge.d.load_state_dict(calibrated["D"])
    judge.eval()
    faces, good = labelled_faces(args.generator_version)
    with torch.no_grad():
        x = judge.features(faces).double().numpy()
    print(f"{len(good)} labelled faces, {int(len(good) - good.sum())} malformed")
    # The discriminator's own verdict, for comparison: does "looks real" mean "well formed"?
    with torch.no_grad():
        print(f"discriminator score as a judge: AUC {auc_of(judge.d(faces).double().numpy(), good):.3f}")
    cv = {l2: cross_validated_auc(x, good, l2) for l2 in (0.01, 0.03, 0.1, 0.3, 1.0)}
    for l2, value in cv.items():
        print(f"head with L2 {l2}: cross-validated AUC {value:.3f}")
    l2 = max(cv, key=cv.get)
    w, b = fit_logistic(x, good, l2)
    with torch.no_grad():
        judge.head.weight.copy_(torch.from_numpy(w).float().view(1, -1))
        judge.head.bias.fill_(b)
    save_working(args.out, {"judge": judge.state_dict(), "generator": args.generator_version, "labelled": len(good),
                            "l2": l2, "cv_auc": round(cv[l2], 4), "discriminator_step": calibrated["step"],
                            "discriminator_val_auc": round(calibrated["val_auc"], 4)})
    print(f"chose L2 {l2} (cross-validated AUC {cv[l2]:.3f}); wrote {args.out}")


if __name__ == "__main__":
    main()
