"""Train the DCGAN face generator on ../shared/data/faces-celeba64. Resumable; runs until stopped
or --max-steps. Usage: python3 models/dcgan-faces/train.py [--out runs/dcgan-faces] [--max-steps N]
       python3 models/dcgan-faces/train.py --compact   (write the working checkpoint to models/dcgan-faces/checkpoint/
       for a later run, maybe on another machine, to resume from; --checkpoint names another committed folder, for a
       run that is not the shipped generator's)"""
import argparse
import copy
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu, shared_data_dir, train_device  # noqa: E402

configure_cpu()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from toolchain.checkpoint import load_compact, load_working, save_compact, save_working  # noqa: E402
from toolchain.data import image_grid, load_image_tar  # noqa: E402
from toolchain.log import TrainLog  # noqa: E402
from augment import diff_augment  # noqa: E402
from model import DCGANConfig, Discriminator, Generator, init_weights, recalibrated  # noqa: E402
from projected import ProjectedDiscriminator, check_parity  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TARS = ["celeba64_aligned_train9000.tar", "celeba64_testcrops_part1.tar"]


def load_faces() -> torch.Tensor:
    """Both framings, uint8 [N, 3, 64, 64]; the eval statistics use the same mix (docs/ARCHITECTURE.md, FD-mixed5)."""
    folder = os.path.join(shared_data_dir(), "faces-celeba64")
    faces = np.concatenate([load_image_tar(os.path.join(folder, t)) for t in TARS])
    return torch.from_numpy(faces).permute(0, 3, 1, 2).contiguous()


def ema_update(ema: torch.nn.Module, live: torch.nn.Module, decay: float) -> None:
    with torch.no_grad():
        for pe, pl in zip(ema.parameters(), live.parameters()):
            pe.mul_(decay).add_(pl, alpha=1 - decay)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "runs", "dcgan-faces"))
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-4, help="Adam learning rate of G (and of D unless --lr-d)")
    ap.add_argument("--lr-d", type=float, default=None, help="D's own rate (two time-scale updates)")
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--max-steps", type=int, default=10**9)
    ap.add_argument("--minutes", type=float, default=None, help="stop (and save) after this much training time")
    ap.add_argument("--save-every-s", type=int, default=600)
    ap.add_argument("--compact", action="store_true", help="write the compact checkpoint and exit")
    ap.add_argument("--checkpoint", default=os.path.join(HERE, "checkpoint"),
                    help="the committed compact checkpoint that a run without a working one resumes from and that "
                         "--compact writes")
    ap.add_argument("--generator-only", action="store_true", help="write <out>/generator.pt for export and exit")
    ap.add_argument("--fresh", action="store_true", help="start a new run: ignore the committed compact checkpoint")
    ap.add_argument("--ndf", type=int, default=32, help="discriminator width of a fresh run (D is not shipped)")
    ap.add_argument("--sle", action="store_true", help="a fresh run's generator has skip-layer excitation (model.py)")
    ap.add_argument("--projected", action="store_true",
                    help="a fresh run's discriminator reads frozen MobileNetV2 features (projected.py; first run "
                         "npx tsx scripts/extract-mobilenet.ts)")
    ap.add_argument("--diffaug", action="store_true",
                    help="show D real and fake faces through the same random colour, shift and cutout (augment.py)")
    ap.add_argument("--top-k", type=float, default=None, metavar="NU",
                    help="top-k generator updates (Sinha et al. 2020): G learns only from the fakes D scores highest, "
                         "all of the batch at first, --top-k-decay times as many each epoch, never under NU x the batch")
    ap.add_argument("--top-k-decay", type=float, default=0.95,
                    help="k's factor per epoch (the paper's 0.99 suits hundreds of epochs; 0.95 reaches NU = 0.5 in "
                         "about 14 epochs, a short schedule's 4,000 steps)")
    args = ap.parse_args()
    if args.top_k is not None and not 0 < args.top_k <= 1:
        ap.error("--top-k takes a fraction of the batch in (0, 1]")
    os.makedirs(args.out, exist_ok=True)
    ckpt_path = os.path.join(args.out, "working.pt")
    if args.generator_only:  # what export.py needs, a fifth of the working checkpoint: the EMA generator and progress
        state = load_working(ckpt_path)
        save_working(os.path.join(args.out, "generator.pt"), {k: v for k, v in state.items() if k not in ("G", "D", "opt_g", "opt_d")})
        return
    if args.compact:
        names = save_compact(args.checkpoint, load_working(ckpt_path), keep_float32=("opt_g", "opt_d"))
        print(f"compact checkpoint: {len(names)} shards in {args.checkpoint}")
        return
    log = TrainLog(os.path.join(args.out, "train.log"))

    # Resume: the working checkpoint of this machine, else the compact one committed in the repository.
    state = load_working(ckpt_path) or (None if args.fresh else load_compact(args.checkpoint))
    cfg = DCGANConfig(**state["cfg"]) if state else DCGANConfig(ndf=args.ndf, sle=args.sle, projected=args.projected)
    device = train_device()
    G = Generator(cfg).to(device)
    G.apply(init_weights)
    if cfg.projected:  # initialised by its own layers (spectral norm): init_weights would miss its convolutions
        D = ProjectedDiscriminator().to(device)
        check_parity(D.features)
    else:
        D = Discriminator(cfg).to(device)
        D.apply(init_weights)
    G_ema = copy.deepcopy(G)
    opt_g = torch.optim.Adam(G.parameters(), lr=args.lr, betas=(0.5, 0.999))
    trained_d = [p for p in D.parameters() if p.requires_grad]  # a projected one's mixing stays fixed
    opt_d = torch.optim.Adam(trained_d, lr=args.lr_d or args.lr, betas=(0.5, 0.999))
    step, images_seen, wall = 0, 0, 0.0
    if state:
        G.load_state_dict(state["G"]); D.load_state_dict(state["D"]); G_ema.load_state_dict(state["G_ema"])
        opt_g.load_state_dict(state["opt_g"]); opt_d.load_state_dict(state["opt_d"])
        for opt, lr in ((opt_g, args.lr), (opt_d, args.lr_d or args.lr)):  # a resumed run takes this run's rates
            for group in opt.param_groups:
                group["lr"] = lr
        step, images_seen, wall = state["step"], state["images_seen"], state["wall_s"]
        diffaug_from = state.get("diffaug_from")
        top_k, top_k_decay = state.get("top_k"), state.get("top_k_decay", args.top_k_decay)
        log.write(event="resume", step=step)
    else:
        diffaug_from, top_k, top_k_decay = None, None, args.top_k_decay
    top_k = top_k if top_k is not None else args.top_k  # kept by the checkpoint, like DiffAugment
    if args.diffaug and diffaug_from is None:
        diffaug_from = step  # recorded in the checkpoint: a run that started augmenting goes on augmenting

    faces = load_faces().to(device)
    n = faces.shape[0]
    log.write(event="start", faces=n, cfg=cfg.__dict__, batch=args.batch, lr=args.lr, lr_d=args.lr_d or args.lr, diffaug_from=diffaug_from, top_k=top_k, top_k_decay=top_k_decay,
              threads=torch.get_num_threads(), device=str(device))
    fixed_z = torch.randn(64, cfg.nz, generator=torch.Generator().manual_seed(0)).to(device)
    # Random draws come from a seeded CPU generator on every device, so a run's batches do not depend on it.
    rng = torch.Generator().manual_seed(1000 + step)
    seen_by_d = (lambda x: diff_augment(x, rng)) if diffaug_from is not None else (lambda x: x)  # noqa: E731
    started = time.time()
    last_save, t0, wall_from = started, started, started  # t0: last log line; wall_from: time not yet in `wall`
    ones, zeros = torch.ones(args.batch, device=device), torch.zeros(args.batch, device=device)
    out_of_time = lambda: args.minutes is not None and time.time() - started > 60 * args.minutes  # noqa: E731
    while step < args.max_steps:
        idx = torch.randint(0, n, (args.batch,), generator=rng).to(device)
        real = faces[idx].float().div_(127.5).sub_(1.0)
        flip = (torch.rand(args.batch, generator=rng) < 0.5).to(device)
        real[flip] = real[flip].flip(-1)
        z = torch.randn(args.batch, cfg.nz, generator=rng).to(device)
        fake = G(z)
        # D: real -> 1 (one-sided smoothing to 0.9), fake -> 0
        d_loss = F.binary_cross_entropy_with_logits(D(seen_by_d(real)), ones * 0.9) + \
            F.binary_cross_entropy_with_logits(D(seen_by_d(fake.detach())), zeros)
        opt_d.zero_grad(set_to_none=True); d_loss.backward(); opt_d.step()
        # G: non-saturating loss, on the k fakes D finds most real when top-k is on
        g_scores = D(seen_by_d(fake))
        if top_k is not None:
            k = max(int(np.ceil(top_k * args.batch)), round(args.batch * top_k_decay ** (images_seen / n)))
            g_scores = g_scores.topk(k).values
        g_loss = F.binary_cross_entropy_with_logits(g_scores, ones[:len(g_scores)])
        opt_g.zero_grad(set_to_none=True); g_loss.backward(); opt_g.step()
        ema_update(G_ema, G, args.ema if step > 500 else 0.0)
        step += 1
        images_seen += args.batch
        if step % 50 == 0:
            now = time.time()
            log.write(step=step, epoch=round(images_seen / n, 2), d=round(d_loss.item(), 4),
                      g=round(g_loss.item(), 4), img_s=round(50 * args.batch / (now - t0), 1))
            t0 = now
        done = step >= args.max_steps or out_of_time()
        if time.time() - last_save > args.save_every_s or done:
            wall, wall_from = wall + time.time() - wall_from, time.time()
            save_working(ckpt_path, {"G": G.state_dict(), "D": D.state_dict(), "G_ema": G_ema.state_dict(),
                                     "opt_g": opt_g.state_dict(), "opt_d": opt_d.state_dict(), "cfg": cfg.__dict__,
                                     "step": step, "images_seen": images_seen, "wall_s": wall, "diffaug_from": diffaug_from,
                                     "top_k": top_k, "top_k_decay": top_k_decay})
            with torch.no_grad():
                sampler = recalibrated(G_ema, cfg.nz, batches=4)
                grid = ((sampler(fixed_z) + 1) * 127.5).clamp(0, 255).byte().permute(0, 2, 3, 1).cpu().numpy()
            image_grid(grid, 8).save(os.path.join(args.out, "samples.png"))
            log.write(event="checkpoint", step=step, wall_s=round(wall))
            last_save = time.time()
        if done:
            break


if __name__ == "__main__":
    main()
