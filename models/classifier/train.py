"""Train the Lab's digit classifier on ../shared/data/mnist, with a seeded 5% validation split never trained on.

Usage: python3 models/classifier/train.py --model digit-cnn --seed 1 [--steps N] [--out runs/<model>]
Augmentation: each digit shifted by up to --shift px and rotated by up to --degrees. The validation digits are
written to the run folder as IDX files, for the eval command (scripts/eval.ts). The model at the end of the
cosine learning-rate schedule (over a number of steps, so a run does not depend on how busy the machine is) is the one kept (no checkpoint is picked by a test score).
"""
import argparse
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
from toolchain.data import load_idx, split, write_idx  # noqa: E402
from toolchain.log import TrainLog  # noqa: E402
from model import ClassifierConfig, DigitCNN  # noqa: E402

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
IMAGES, LABELS = "mnist/train-9003-images-idx3-ubyte.gz", "mnist/train-9003-labels-idx1-ubyte.gz"


def load_digits() -> tuple[torch.Tensor, torch.Tensor]:
    """uint8 [N, 1, 28, 28] and int64 labels [N]."""
    root = shared_data_dir()
    images = torch.from_numpy(np.array(load_idx(os.path.join(root, IMAGES))))[:, None]
    return images, torch.from_numpy(load_idx(os.path.join(root, LABELS)).astype(np.int64))


def jittered(x: torch.Tensor, shift: float, degrees: float, gen: torch.Generator) -> torch.Tensor:
    """Each image rotated by a random angle in [-degrees, degrees] and moved by up to `shift` px (bilinear)."""
    b, _, h, _ = x.shape
    angle = (torch.rand(b, generator=gen) * 2 - 1) * math.radians(degrees)
    offset = (torch.rand(b, 2, generator=gen) * 2 - 1) * shift * 2 / h
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = theta[:, 1, 1] = angle.cos()
    theta[:, 0, 1], theta[:, 1, 0] = -angle.sin(), angle.sin()
    theta[:, :, 2] = offset
    grid = F.affine_grid(theta.to(x.device), list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


@torch.no_grad()
def accuracy(model: DigitCNN, images: torch.Tensor, labels: torch.Tensor) -> tuple[float, float]:
    """(accuracy, mean cross-entropy) on uint8 images."""
    model.eval()
    logits = torch.cat([model(images[i:i + 1000].float().div(255)) for i in range(0, len(images), 1000)])
    model.train()
    return (logits.argmax(1) == labels).float().mean().item(), F.cross_entropy(logits, labels).item()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, help="the model id it is exported as (digit-cnn, digit-cnn-b)")
    ap.add_argument("--seed", type=int, required=True, help="weights' initialisation and batch order")
    ap.add_argument("--out", default=None, help="run folder (default runs/<model>)")
    ap.add_argument("--steps", type=int, default=6000, help="training steps (the LR schedule spans them)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--shift", type=float, default=2.0, help="largest random shift, px")
    ap.add_argument("--degrees", type=float, default=12.0, help="largest random rotation")
    ap.add_argument("--eval-every", type=int, default=500)
    args = ap.parse_args()
    out = args.out or os.path.join(REPO, "runs", args.model)
    os.makedirs(out, exist_ok=True)
    log = TrainLog(os.path.join(out, "train.log"))
    device = train_device()
    torch.manual_seed(args.seed)

    images, labels = load_digits()
    train_idx, val_idx = split(len(images))
    train_x, train_y = images[train_idx].to(device), labels[train_idx].to(device)
    val_x, val_y = images[val_idx].to(device), labels[val_idx].to(device)
    # The validation digits as IDX files, for `npm run eval -- classifier --images ... --labels ...` (never committed).
    write_idx(os.path.join(out, "val-images-idx3-ubyte.gz"), images[val_idx, 0].numpy())
    write_idx(os.path.join(out, "val-labels-idx1-ubyte.gz"), labels[val_idx].numpy().astype(np.uint8))
    cfg = ClassifierConfig()
    model = DigitCNN(cfg).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    step, wall = 0, 0.0
    state = load_working(os.path.join(out, "working.pt"))
    if state:
        model.load_state_dict(state["model"]); opt.load_state_dict(state["opt"])
        step, wall = state["step"], state["wall_s"]
        log.write(event="resume", step=step)
    log.write(event="start", model=args.model, seed=args.seed, train=len(train_idx), val=len(val_idx), cfg=cfg.__dict__,
              batch=args.batch, shift=args.shift, degrees=args.degrees, device=str(device))
    gen = torch.Generator().manual_seed(args.seed * 1000 + step)
    t0 = time.time()
    while step < args.steps:
        progress = step / args.steps
        for g in opt.param_groups:
            g["lr"] = args.lr * (0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * progress)))
        idx = torch.randint(0, len(train_x), (args.batch,), generator=gen).to(device)
        x = jittered(train_x[idx].float().div(255), args.shift, args.degrees, gen)
        loss = F.cross_entropy(model(x), train_y[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        if step % args.eval_every == 0 or step == args.steps:
            val_acc, val_loss = accuracy(model, val_x, val_y)
            now = time.time()
            wall += now - t0
            t0 = now
            epochs = step * args.batch / len(train_x)
            log.write(step=step, epoch=round(epochs, 1), train=round(loss.item(), 4), val_acc=round(val_acc, 4), val_loss=round(val_loss, 4))
            snapshot = {"model": {k: v.cpu() for k, v in model.state_dict().items()}, "opt": opt.state_dict(), "model_id": args.model,
                        "seed": args.seed, "cfg": cfg.__dict__, "step": step, "wall_s": wall, "epochs": epochs, "val_acc": val_acc,
                        "val_loss": val_loss, "train_images": len(train_idx), "val_images": len(val_idx),
                        "shift": args.shift, "degrees": args.degrees, "device": str(device)}
            # The last snapshot is the one exported: best.pt is rewritten at every evaluation.
            save_snapshot(out, snapshot, is_best=True)
    log.write(event="done", step=step, val_acc=round(val_acc, 4), wall_s=round(wall))
    print(f"{args.model}: {step} steps, {epochs:.1f} epochs, validation accuracy {val_acc:.4f} ({len(val_idx)} digits)")


if __name__ == "__main__":
    main()
