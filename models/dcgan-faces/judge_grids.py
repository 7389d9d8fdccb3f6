"""Grids for counting malformed faces by eye: the studio's faces for a run of seeds, one grid per K.

Candidate j of seed s is the j-th block of 100 numbers of seededNormals(s, 100 K) (models/core/random.ts), so K = 1
is the face the seed has always given; with K > 1 the face judge's highest-scoring candidate is shown; with --pull A
every candidate is first pulled A of the way toward good faces, as /faces does (good_latents.py).
Usage: python3 models/dcgan-faces/judge_grids.py [--judge runs/dcgan-faces-judge/judge.pt] --first-seed 64 --k 1,8
       [--pull 0.5]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu  # noqa: E402

configure_cpu()
import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from toolchain.checkpoint import load_working  # noqa: E402
from toolchain.export_tfjs import REPO  # noqa: E402
from toolchain.seeded import seeded_normals  # noqa: E402
from export import shipped_generator  # noqa: E402
from good_latents import good_mean, pulled_toward, shipped_judge  # noqa: E402
from model import DCGANConfig, FaceJudge  # noqa: E402

LATENT = 100


def labelled_grid(faces: np.ndarray, columns: int, size: int) -> Image.Image:
    """uint8 [N, 64, 64, 3] -> one image, each face enlarged to `size` px with its index in the corner."""
    rows = -(-len(faces) // columns)
    grid = Image.new("RGB", (columns * (size + 4) + 4, rows * (size + 4) + 4), (14, 13, 18))
    draw = ImageDraw.Draw(grid)
    for i, face in enumerate(faces):
        x, y = 4 + (i % columns) * (size + 4), 4 + (i // columns) * (size + 4)
        grid.paste(Image.fromarray(face).resize((size, size), Image.LANCZOS), (x, y))
        draw.rectangle([x, y, x + 22, y + 14], fill=(0, 0, 0))
        draw.text((x + 2, y + 2), str(i), fill=(255, 255, 255))
    return grid


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--judge", help="a face judge judge_head.py wrote (default: the shipped one, as /faces runs it)")
    ap.add_argument("--judge-version", default="1")
    ap.add_argument("--pull", type=float, default=0.0, help="how far toward good faces (0: not pulled)")
    ap.add_argument("--generator-version", default="5")
    ap.add_argument("--first-seed", type=int, default=64)
    ap.add_argument("--count", type=int, default=64)
    ap.add_argument("--k", default="1,8", help="candidates per seed, comma-separated")
    ap.add_argument("--threshold", type=float, default=None,
                    help="take each seed's first candidate scoring at least this (a logit), else its best")
    ap.add_argument("--size", type=int, default=192, help="pixels a face in the grids")
    ap.add_argument("--out", default=os.path.join(REPO, "runs", "dcgan-faces-judge", "grids"))
    args = ap.parse_args()
    ks = [int(k) for k in args.k.split(",")]
    G, _ = shipped_generator(args.generator_version)
    if args.judge:
        judge = FaceJudge(DCGANConfig(ndf=32))
        judge.load_state_dict(load_working(args.judge)["judge"])
        judge.eval()
    else:
        judge = shipped_judge(args.judge_version)
    seeds = range(args.first_seed, args.first_seed + args.count)
    z = torch.from_numpy(np.stack([seeded_normals(s, LATENT * max(ks)).reshape(max(ks), LATENT) for s in seeds]))
    if args.pull > 0:
        z = pulled_toward(z.view(-1, LATENT), good_mean(args.generator_version), args.pull)
        z = z.view(len(seeds), max(ks), LATENT)
    with torch.no_grad():
        faces = G(z.view(-1, LATENT))  # [seeds * K, 3, 64, 64]
        score = judge(faces).view(len(seeds), max(ks))
    faces = ((faces + 1) * 127.5).clamp(0, 255).byte().permute(0, 2, 3, 1).numpy()
    faces = faces.reshape(len(seeds), max(ks), 64, 64, 3)
    os.makedirs(args.out, exist_ok=True)
    for k in ks:
        chosen = score[:, :k].argmax(dim=1).numpy()
        if args.threshold is not None:
            passing = (score[:, :k] >= args.threshold).numpy()
            chosen = np.where(passing.any(axis=1), passing.argmax(axis=1), chosen)
        picked = faces[np.arange(len(seeds)), chosen]
        rule = "" if args.threshold is None else f"-t{args.threshold:g}"
        rule += f"-pull{args.pull:g}" if args.pull else ""
        path = os.path.join(args.out, f"seeds-{args.first_seed}-k{k}{rule}.png")
        labelled_grid(picked, 8, args.size).save(path)
        mean = score[np.arange(len(seeds)), chosen].mean()
        print(f"K={k}: mean judge score {mean:.3f}; chosen {chosen.tolist()} -> {path}")


if __name__ == "__main__":
    main()
