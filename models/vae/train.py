"""Train one of the VAEs in CONFIGS. Resumable; keeps the checkpoint with the best validation ELBO.

Usage: python3 models/vae/train.py --model vae-mnist [--minutes M] [--shift PX] [--out runs/vae-mnist]
Validation: a seeded 5% of the training folder's images, never trained on.
"""
import argparse
import copy
import math
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu, shared_data_dir, train_device  # noqa: E402

configure_cpu()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from toolchain.checkpoint import load_working, save_snapshot  # noqa: E402
from toolchain.data import load_idx, load_image_tar, split  # noqa: E402
from toolchain.log import TrainLog  # noqa: E402
from model import CONFIGS, VAE  # noqa: E402

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATA = {  # images, labels (None: unlabelled)
    "mnist": ("mnist/train-9003-images-idx3-ubyte.gz", "mnist/train-9003-labels-idx1-ubyte.gz"),
    "fashion": ("fashion-mnist/train-images-idx3-ubyte.gz", "fashion-mnist/train-labels-idx1-ubyte.gz"),
    "faces": ("faces-celeba64/celeba64_aligned_train9000.tar", None),
}


def dataset_of(model_id: str) -> str:
    return model_id.split("-")[1]


def load_dataset(name: str) -> tuple[np.ndarray, np.ndarray | None]:
    """uint8 images [N, H, W, C] and int labels [N] (or None)."""
    images_path, labels_path = DATA[name]
    root = shared_data_dir()
    if images_path.endswith(".tar"):
        return load_image_tar(os.path.join(root, images_path)), None
    images = load_idx(os.path.join(root, images_path))[..., None]
    return images, load_idx(os.path.join(root, labels_path)).astype(np.int64)


def shifted(x: torch.Tensor, pixels: int, gen: torch.Generator) -> torch.Tensor:
    """Each image moved by a random whole-pixel offset in [-pixels, pixels], zeros shifted in."""
    if pixels == 0:
        return x
    b, _, h, w = x.shape
    off = torch.randint(-pixels, pixels + 1, (b, 2), generator=gen).to(x.device).float()
    theta = torch.zeros(b, 2, 3, device=x.device)
    theta[:, 0, 0] = theta[:, 1, 1] = 1
    theta[:, 0, 2] = -2 * off[:, 0] / w
    theta[:, 1, 2] = -2 * off[:, 1] / h
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="nearest", padding_mode="zeros", align_corners=False)


def corrupted(x: torch.Tensor, gen: torch.Generator, max_noise: float = 0.5, erase: int = 8) -> torch.Tensor:
    """What the Lab does to a digit before its denoising VAE cleans it: Gaussian noise of a random strength up to
    `max_noise` on every image, and on half of them an `erase`-px square wiped to background. Clipped to [0, 1]."""
    b, _, h, w = x.shape
    noisy = x + torch.randn(x.shape, generator=gen).to(x.device) * (torch.rand(b, 1, 1, 1, generator=gen) * max_noise).to(x.device)
    top = torch.randint(0, h - erase + 1, (b, 1, 1, 1), generator=gen).to(x.device)
    left = torch.randint(0, w - erase + 1, (b, 1, 1, 1), generator=gen).to(x.device)
    ys, xs = torch.arange(h, device=x.device).view(1, 1, h, 1), torch.arange(w, device=x.device).view(1, 1, 1, w)
    square = (ys >= top) & (ys < top + erase) & (xs >= left) & (xs < left + erase)
    wiped = square & (torch.rand(b, 1, 1, 1, generator=gen) < 0.5).to(x.device)
    return torch.where(wiped, torch.zeros_like(noisy), noisy).clamp(0, 1)


@torch.no_grad()
def evaluate(model: VAE, images: torch.Tensor, batch: int = 500) -> tuple[float, float, float]:
    """Mean per-image negative ELBO (one z sample, seeded), reconstruction and KL, in nats."""
    model.eval()
    torch.manual_seed(0)
    rec_sum = kl_sum = 0.0
    for i in range(0, images.shape[0], batch):
        x = images[i:i + batch].float().div(255)
        rec, kl, _ = model.loss(x)
        rec_sum += rec.sum().item()
        kl_sum += kl.sum().item()
    model.train()
    n = images.shape[0]
    return (rec_sum + kl_sum) / n, rec_sum / n, kl_sum / n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, choices=sorted(CONFIGS))
    ap.add_argument("--out", default=None, help="run folder (default runs/<model>)")
    ap.add_argument("--minutes", type=float, default=30.0, help="training time budget (the LR schedule spans it)")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--shift", type=int, default=0, help="random translation augmentation, pixels")
    ap.add_argument("--flip", action="store_true", help="random horizontal flips (faces)")
    ap.add_argument("--denoise", action="store_true", help="the encoder sees corrupted digits, the decoder must give the clean ones back")
    ap.add_argument("--warmup", type=float, default=0.05, help="share of the budget over which the KL weight ramps 0.1 -> 1")
    ap.add_argument("--latent", type=int, default=0, help="override the config's latent size (for sweeps)")
    ap.add_argument("--min-sigma", type=float, default=0.0, help="override the config's sigma floor (gaussian)")
    ap.add_argument("--eval-every", type=int, default=500)
    args = ap.parse_args()
    out = args.out or os.path.join(REPO, "runs", args.model)
    os.makedirs(out, exist_ok=True)
    log = TrainLog(os.path.join(out, "train.log"))
    device = train_device()

    cfg = copy.deepcopy(CONFIGS[args.model])
    cfg.latent = args.latent or cfg.latent
    cfg.min_sigma = args.min_sigma or cfg.min_sigma
    images, labels = load_dataset(dataset_of(args.model))
    train_idx, val_idx = split(len(images))
    data = torch.from_numpy(np.array(images)).permute(0, 3, 1, 2).contiguous().to(device)  # uint8 [N, C, H, W]
    train, val = data[torch.from_numpy(train_idx).to(device)], data[torch.from_numpy(val_idx).to(device)]
    model = VAE(cfg).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    step, wall, best = 0, 0.0, float("inf")
    state = load_working(os.path.join(out, "working.pt"))
    if state:
        model.load_state_dict(state["model"]); opt.load_state_dict(state["opt"])
        step, wall, best = state["step"], state["wall_s"], state["best_val"]
        log.write(event="resume", step=step)
    log.write(event="start", model=args.model, train=len(train_idx), val=len(val_idx), cfg=cfg.__dict__,
              batch=args.batch, shift=args.shift, flip=args.flip, denoise=args.denoise, device=str(device))
    budget = args.minutes * 60
    gen = torch.Generator().manual_seed(99 + step)
    t0 = time.time()
    while wall + (time.time() - t0) < budget:
        progress = (wall + time.time() - t0) / budget
        for g in opt.param_groups:
            g["lr"] = args.lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * progress)))
        beta = min(1.0, 0.1 + 0.9 * progress / args.warmup) if args.warmup > 0 else 1.0
        idx = torch.randint(0, train.shape[0], (args.batch,), generator=gen).to(device)
        x = train[idx].float().div_(255)
        x = shifted(x, args.shift, gen)
        if args.flip:
            flip = (torch.rand(args.batch, generator=gen) < 0.5).to(device)
            x = torch.where(flip[:, None, None, None], x.flip(-1), x)
        _, _, total = model.loss(x, beta, seen=corrupted(x, gen) if args.denoise else None)
        loss = total.mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 100.0)
        opt.step()
        step += 1
        if step % args.eval_every == 0:
            val_nelbo, val_rec, val_kl = evaluate(model, val)
            now = time.time()
            wall += now - t0
            t0 = now
            epochs = step * args.batch / train.shape[0]
            log.write(step=step, epoch=round(epochs, 1), beta=round(beta, 3), train=round(loss.item(), 2),
                      val=round(val_nelbo, 3), val_rec=round(val_rec, 3), val_kl=round(val_kl, 3))
            snapshot = {"model": {k: v.cpu() for k, v in model.state_dict().items()}, "opt": opt.state_dict(),
                        "model_id": args.model, "cfg": cfg.__dict__, "step": step, "wall_s": wall, "epochs": epochs,
                        "best_val": min(best, val_nelbo), "val_nelbo": val_nelbo, "val_rec": val_rec, "val_kl": val_kl,
                        "train_images": len(train_idx), "val_images": len(val_idx), "shift": args.shift, "flip": args.flip, "denoise": args.denoise}
            is_best = val_nelbo < best and beta >= 1.0
            best = min(best, val_nelbo) if is_best else best
            save_snapshot(out, snapshot, is_best)
    log.write(event="done", step=step, best_val=round(best, 3), wall_s=round(wall))
    print(f"{args.model}: {step} steps, best validation negative ELBO {best:.3f} nats/image")


if __name__ == "__main__":
    main()
