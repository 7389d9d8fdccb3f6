"""Calibrate the judge of generated faces: a discriminator trained, with the shipped generator frozen, until it
separates real faces from that generator's faces on held-out data. The studio draws K candidate latents per seed
and shows the one the judge scores highest (discriminator rejection sampling, Azadi et al. 2019, in its simplest
deterministic form). The GAN's own discriminator is no such judge as it stands: it was last trained against a
moving generator, not against the EMA generator that ships (models/dcgan-faces-judge/README.md).

Usage: python3 models/dcgan-faces/judge_train.py [--init gan|fresh] [--minutes M] [--out runs/dcgan-faces-judge]
Resumable from <out>/working.pt; logs to <out>/train.log (one JSON object a line). --compact writes <out>/best.pt
to models/dcgan-faces-judge/checkpoint/ (float32), which judge_head.py reads when no run is on this machine.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu, shared_data_dir  # noqa: E402

configure_cpu()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from toolchain.checkpoint import load_compact, load_working, save_compact, save_working  # noqa: E402
from toolchain.data import load_image_tar  # noqa: E402
from toolchain.export_tfjs import REPO  # noqa: E402
from toolchain.log import TrainLog  # noqa: E402
from augment import colour, translate  # noqa: E402
from export import shipped_generator  # noqa: E402
from model import DCGANConfig, Discriminator, init_weights  # noqa: E402

TARS = ["celeba64_aligned_train9000.tar", "celeba64_testcrops_part1.tar"]
COMPACT = os.path.join(REPO, "models", "dcgan-faces-judge", "checkpoint")


def real_splits(seed: int = 0) -> dict[str, torch.Tensor]:
    """Both framings' faces, uint8 [N, 3, 64, 64], split 90 / 5 / 5 (train / validation / test) by a seeded shuffle."""
    folder = os.path.join(shared_data_dir(), "faces-celeba64")
    faces = np.concatenate([load_image_tar(os.path.join(folder, t)) for t in TARS])
    faces = torch.from_numpy(faces).permute(0, 3, 1, 2).contiguous()
    order = torch.from_numpy(np.random.default_rng(seed).permutation(len(faces)))
    n_hold = len(faces) // 20
    return {"train": faces[order[2 * n_hold:]], "val": faces[order[:n_hold]], "test": faces[order[n_hold:2 * n_hold]]}


def to_unit(faces: torch.Tensor) -> torch.Tensor:
    return faces.float().div(127.5).sub(1.0)


@torch.no_grad()
def scores(D: Discriminator, images: torch.Tensor, batch: int = 500) -> torch.Tensor:
    return torch.cat([D(images[i:i + batch]) for i in range(0, len(images), batch)])


def auc(real: torch.Tensor, fake: torch.Tensor) -> float:
    """Probability that a real face scores above a generated one (ties count half)."""
    diff = real.view(-1, 1) - fake.view(1, -1)
    return float((diff > 0).float().mean() + 0.5 * (diff == 0).float().mean())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(REPO, "runs", "dcgan-faces-judge"))
    ap.add_argument("--generator-version", default="5")
    ap.add_argument("--init", choices=["gan", "fresh"], default="gan",
                    help="start from the GAN's discriminator (the committed compact checkpoint) or from random weights")
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=64, help="real faces per step (and as many generated)")
    ap.add_argument("--shift", type=float, default=0.0625,
                    help="random translation, a fraction of the size, both sides")
    ap.add_argument("--colour", action="store_true",
                    help="show real and generated faces through the same random colour changes (augment.py colour)")
    ap.add_argument("--low-pass", type=int, default=1,
                    help="the judge sees faces averaged over blocks of this many pixels (1: as they are)")
    ap.add_argument("--minutes", type=float, default=20)
    ap.add_argument("--eval-every", type=int, default=200)
    ap.add_argument("--compact", action="store_true", help="commit-sized copy of <out>/best.pt, then exit")
    args = ap.parse_args()
    if args.compact:
        save_compact(COMPACT, load_working(os.path.join(args.out, "best.pt")), keep_float32=("D",))
        print(f"compact calibrated discriminator in {COMPACT}")
        return
    os.makedirs(args.out, exist_ok=True)
    log = TrainLog(os.path.join(args.out, "train.log"))
    ckpt_path = os.path.join(args.out, "working.pt")

    G, cfg = shipped_generator(args.generator_version)
    state = load_working(ckpt_path)
    init, low_pass = (state["init"], state.get("low_pass", 1)) if state else (args.init, args.low_pass)
    D = Discriminator(DCGANConfig(ndf=32), low_pass)
    if state:
        D.load_state_dict(state["D"])
    elif init == "gan":
        D.load_state_dict(load_compact(os.path.join(REPO, "models", "dcgan-faces", "checkpoint"))["D"])
    else:
        D.apply(init_weights)
    opt = torch.optim.Adam(D.parameters(), lr=args.lr, betas=(0.5, 0.999))
    step, wall, best = 0, 0.0, {"auc": -1.0}
    if state:
        opt.load_state_dict(state["opt"])
        step, wall, best = state["step"], state["wall_s"], state["best"]

    real = real_splits()
    val_fake_z = torch.randn(len(real["val"]), cfg.nz, generator=torch.Generator().manual_seed(99))
    with torch.no_grad():
        val_fake = G(val_fake_z)
    val_real = to_unit(real["val"])
    train_probe = to_unit(real["train"][:len(real["val"])])  # the same count of faces the judge trains on
    log.write(event="start", step=step, init=init, low_pass=low_pass, generator=args.generator_version, lr=args.lr,
              batch=args.batch, shift=args.shift, colour=args.colour, train=len(real["train"]), val=len(real["val"]),
              threads=torch.get_num_threads())

    def evaluate() -> dict[str, float]:
        D.eval()
        fake_scores = scores(D, val_fake)
        return {"val_auc": round(auc(scores(D, val_real), fake_scores), 4),
                "train_auc": round(auc(scores(D, train_probe), fake_scores), 4)}

    if step == 0:
        log.write(step=0, **evaluate())  # the starting point: how well the GAN's discriminator judges as it stands
    rng = torch.Generator().manual_seed(2000 + step)
    labels = torch.cat([torch.ones(args.batch), torch.zeros(args.batch)])
    started = time.time()
    while time.time() - started < 60 * args.minutes:
        idx = torch.randint(0, len(real["train"]), (args.batch,), generator=rng)
        faces = to_unit(real["train"][idx])
        with torch.no_grad():
            fakes = G(torch.randn(args.batch, cfg.nz, generator=rng))
        both = torch.cat([faces, fakes])
        flip = torch.rand(len(both), generator=rng) < 0.5
        both[flip] = both[flip].flip(-1)
        if args.colour:
            both = colour(both, rng)
        if args.shift > 0:
            both = translate(both, rng, args.shift)
        D.train()
        loss = F.binary_cross_entropy_with_logits(D(both), labels)  # one batch, so BatchNorm sees both kinds at once
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
        step += 1
        if step % args.eval_every == 0:
            figures = evaluate()
            val_auc = figures["val_auc"]
            wall_now = wall + time.time() - started
            log.write(step=step, loss=round(loss.item(), 4), **figures)
            if val_auc > best["auc"]:
                best = {"auc": val_auc, "step": step}
                save_working(os.path.join(args.out, "best.pt"),
                             {"D": D.state_dict(), "step": step, "val_auc": val_auc, "init": init, "low_pass": low_pass,
                              "generator": args.generator_version})
            save_working(ckpt_path, {"D": D.state_dict(), "opt": opt.state_dict(), "step": step, "wall_s": wall_now,
                                     "best": best, "init": init, "low_pass": low_pass})
    # The test split, read once at the end, by the checkpoint validation chose.
    D.load_state_dict(load_working(os.path.join(args.out, "best.pt"))["D"])
    D.eval()
    with torch.no_grad():
        test_fake = G(torch.randn(len(real["test"]), cfg.nz, generator=torch.Generator().manual_seed(123)))
    test_auc = auc(scores(D, to_unit(real["test"])), scores(D, test_fake))
    log.write(event="stop", step=step, best=best, test_auc=round(test_auc, 4))


if __name__ == "__main__":
    main()
