"""The mean of the latents whose faces the face judge rates best, for one generator version: what the studio's
"toward good faces" pull moves each latent toward (models/dcgan-faces/latent.ts pulledToward).

Candidate 0 of seeds FIRST..FIRST+N-1 (the seeds' own latents, untruncated), scored by the shipped judge; the mean of
the best TOP fraction. Written to models/dcgan-faces/good-latents.json under the generator's fingerprint (the
recipe's model fingerprint: lib/share/model-ref.ts modelFingerprint), so a link finds the mean its faces were made
with after new weights ship. A written mean is frozen, as shipped weights are: links pulled toward it exist, so a run
that would change it (another judge, TOP or seeds) stops; new weights get a new entry.
Usage: python3 models/dcgan-faces/good_latents.py [--generator-version 5] [--judge-version 1]
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

from toolchain.export_tfjs import REPO, read_layers_weights  # noqa: E402
from toolchain.seeded import seeded_normals  # noqa: E402
from export import shipped_generator  # noqa: E402
from judge_export import load_shipped_into  # noqa: E402
from model import DCGANConfig, FaceJudge  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "good-latents.json")
PARITY = os.path.join(HERE, "pull-parity.json")  # good-faces.test.ts reproduces these latents in TypeScript
FIRST, N, TOP = 100_000, 8192, 0.1


def fingerprint(model_id: str, version: str) -> str:
    """lib/share/model-ref.ts modelFingerprint: the first 8 hex digits of each file's sha256, joined, at most 32."""
    record = os.path.join(REPO, "models", model_id, "export.json" if version == current_version(model_id)
                          else f"export-v{version}.json")
    with open(record) as f:
        files = json.load(f)["files"]
    return "".join(f["sha256"][:8] for f in files)[:32]


def current_version(model_id: str) -> str:
    with open(os.path.join(REPO, "models", model_id, "export.json")) as f:
        return json.load(f)["version"]


def shipped_judge(version: str) -> FaceJudge:
    judge = FaceJudge(DCGANConfig(ndf=32))
    load_shipped_into(judge, read_layers_weights("dcgan-faces-judge", version))
    return judge.eval()


def good_mean(generator_version: str) -> torch.Tensor:
    """The mean this table holds for a shipped generator, as the page reads it (float32)."""
    with open(TABLE) as f:
        table = json.load(f)
    key = fingerprint("dcgan-faces", generator_version)
    if key not in table:
        raise SystemExit(f"generator version {generator_version} has no good faces' mean: run good_latents.py")
    return torch.tensor(table[key]["mean"])


def pulled_toward(z: torch.Tensor, mean: torch.Tensor, amount: float) -> torch.Tensor:
    """latent.ts pulledToward, in float64: (1 - amount) z + amount mean, scaled back to z's length."""
    z64, moved = z.double(), (1 - amount) * z.double() + amount * mean.double()
    return (moved * (z64.norm(dim=1, keepdim=True) / moved.norm(dim=1, keepdim=True))).float()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--generator-version", default="5")
    ap.add_argument("--judge-version", default="1")
    args = ap.parse_args()
    G, cfg = shipped_generator(args.generator_version)
    judge = shipped_judge(args.judge_version)
    z = torch.from_numpy(np.stack([seeded_normals(s, cfg.nz) for s in range(FIRST, FIRST + N)]))
    with torch.no_grad():
        scores = torch.cat([judge(G(z[i:i + 512])) for i in range(0, N, 512)])
    best = scores.argsort(descending=True)[: int(N * TOP)]
    mean = z[best].mean(dim=0)
    table = json.load(open(TABLE)) if os.path.exists(TABLE) else {}
    key = fingerprint("dcgan-faces", args.generator_version)
    entry = {"generator": args.generator_version, "judge": fingerprint("dcgan-faces-judge", args.judge_version),
             "seeds": [FIRST, FIRST + N - 1], "top": TOP, "mean": [round(float(v), 6) for v in mean]}
    if key in table and table[key] != entry:
        raise SystemExit(f"generator version {args.generator_version}'s mean is shipped and differs from this run's: "
                         "links pulled toward it would change")
    table[key] = entry
    with open(TABLE, "w") as f:
        json.dump(table, f, indent=1)
    mean = good_mean(args.generator_version)
    z = torch.from_numpy(np.stack([seeded_normals(s, cfg.nz) for s in (64, 65)]))
    cases = [{"seed": s, "amount": a, "pulled": [float(v) for v in pulled_toward(z[i:i + 1], mean, a)[0]]}
             for i, s in enumerate((64, 65)) for a in (0.3, 0.9)]
    with open(PARITY, "w") as f:
        json.dump({"generator": fingerprint("dcgan-faces", args.generator_version), "cases": cases}, f)
    print(f"generator {args.generator_version}: mean of the best {len(best)} of {N} by the judge, length "
          f"{mean.norm():.3f}, their scores {scores[best].mean():.2f} against {scores.mean():.2f} -> {TABLE}")


if __name__ == "__main__":
    main()
