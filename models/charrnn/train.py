"""Train a CharRNN on one of our corpora. Resumable; keeps the checkpoint with the best validation loss.

Usage: python3 models/charrnn/train.py --corpus shakespeare|moby-dick|nottingham [--minutes M] [--dropout P] [--test-frac F] [--fit-val]
       python3 models/charrnn/train.py --corpus shakespeare --out <run folder> --compact   (the checkpoint to commit)
Validation: the last 5% of a prose text (the 5% before the test text with --test-frac), or a seeded 5% of the tunes.
"""
import argparse
import math
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu, shared_data_dir, train_device  # noqa: E402

configure_cpu()
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from toolchain.checkpoint import load_compact, load_working, save_compact, save_snapshot  # noqa: E402
from toolchain.data import load_text  # noqa: E402
from toolchain.log import TrainLog  # noqa: E402
from model import CharRNN, CharRNNConfig, encode  # noqa: E402

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CORPORA = {
    "shakespeare": "text-tinyshakespeare/train.txt",
    "moby-dick": "text-moby-dick/moby_dick.txt",
    "nottingham": "music-nottingham-abc/train.abc",
}


def split_tunes(text: str) -> list[str]:
    """ABC tunes are separated by blank lines; each starts at its X: header."""
    tunes = [t.strip() for t in text.replace("\r", "").split("\n\n")]
    return [t for t in tunes if t.startswith("X:")]


def corpus_split(corpus: str, test_frac: float = 0.0) -> tuple[str, str, str]:
    """(train text, validation text, test text) for a corpus.

    Prose: the test text is the last `test_frac` of the file, never used to pick a checkpoint; validation is the 5%
    just before it. With test_frac 0 (how versions before the held-out split were trained) the test text is empty.
    """
    text = load_text(os.path.join(shared_data_dir(), CORPORA[corpus]))
    if corpus == "nottingham":
        tunes = split_tunes(text)
        random.Random(0).shuffle(tunes)
        n_val = max(1, len(tunes) // 20)
        # Each tune ends with a blank line: the model learns where a tune stops.
        return "".join(t + "\n\n" for t in tunes[n_val:]), "".join(t + "\n\n" for t in tunes[:n_val]), ""
    test_cut = int(len(text) * (1 - test_frac))
    val_cut = test_cut - int(len(text) * 0.05)
    return text[:val_cut], text[val_cut:test_cut], text[test_cut:]


def train_step(model: CharRNN, opt: torch.optim.Optimizer, window: torch.Tensor) -> torch.Tensor:
    """One update on windows [B, T + 1]: mean next-character cross-entropy, gradients clipped to a global norm of 1."""
    logits, _ = model(window[:, :-1])
    loss = F.cross_entropy(logits.reshape(-1, model.cfg.vocab), window[:, 1:].reshape(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    return loss


@torch.no_grad()
def evaluate(model: CharRNN, tokens: torch.Tensor, streams: int = 16, chunk: int = 512) -> float:
    """Mean nats/char over `tokens`, read as `streams` contiguous pieces with the state carried across chunks
    (as the sampler reads text: it never forgets what came before)."""
    model.eval()
    n = (tokens.numel() - 1) // streams
    x = tokens[: n * streams].view(streams, n)
    y = tokens[1: n * streams + 1].view(streams, n)
    state, total = None, 0.0
    for i in range(0, n, chunk):
        logits, state = model(x[:, i:i + chunk], state)
        total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y[:, i:i + chunk].reshape(-1), reduction="sum").item()
    model.train()
    return total / (n * streams)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True, choices=sorted(CORPORA))
    ap.add_argument("--out", default=None, help="run folder (default runs/charrnn-<corpus>)")
    ap.add_argument("--minutes", type=float, default=60.0, help="training time budget (the LR schedule spans it)")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--seq", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--dropout", type=float, default=0.25)
    ap.add_argument("--hidden", type=int, default=512)
    ap.add_argument("--eval-every", type=int, default=200)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--compact", action="store_true",
                    help="write the run's weights and progress (float16, no optimiser state) to models/charrnn-<corpus>/checkpoint/ and exit")
    ap.add_argument("--fresh", action="store_true", help="start a new run: ignore the committed compact checkpoint")
    ap.add_argument("--test-frac", type=float, default=0.0,
                    help="prose: hold out this last fraction as test text (0.1 since charrnn-shakespeare v2)")
    ap.add_argument("--fit-val", action="store_true",
                    help="after choosing the recipe and length on validation: train on validation text too (the test "
                         "text stays unseen); every save is kept, since validation no longer judges")
    args = ap.parse_args()
    out = args.out or os.path.join(REPO, "runs", f"charrnn-{args.corpus}")
    os.makedirs(out, exist_ok=True)
    compact_dir = os.path.join(REPO, "models", f"charrnn-{args.corpus}", "checkpoint")
    if args.compact:
        working = load_working(os.path.join(out, "working.pt"))
        names = save_compact(compact_dir, {k: v for k, v in working.items() if k != "opt"})
        print(f"compact checkpoint (step {working['step']}): {len(names)} shards in {compact_dir}")
        return
    log = TrainLog(os.path.join(out, "train.log"))
    device = train_device()

    train_text, val_text, test_text = corpus_split(args.corpus, args.test_frac)
    cfg = CharRNNConfig(hidden=args.hidden, dropout=args.dropout)
    model = CharRNN(cfg).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    step, wall, best = 0, 0.0, float("inf")
    # Resume: this machine's working checkpoint, else the compact one committed in the repository (weights only:
    # Adam's moments start afresh, which costs a few hundred steps of re-estimation, not the run).
    state = load_working(os.path.join(out, "working.pt"))
    if state is None and not args.fresh:
        committed = load_compact(compact_dir)
        state = committed if committed and committed.get("test_frac", 0.0) == args.test_frac else None  # same split only
    if state:
        model.load_state_dict(state["model"])
        if "opt" in state:
            opt.load_state_dict(state["opt"])
        step, wall, best = state["step"], state["wall_s"], state["best_val"]
        log.write(event="resume", step=step)
    resumed = state or {}
    # Training on validation text, once begun, is kept by the checkpoint with the step it began at and the validation
    # figure that chose the run there (later validation figures are on text the model has read).
    fit_val_from, val_chosen = resumed.get("fit_val_from"), resumed.get("val_nats_chosen")
    if args.fit_val and fit_val_from is None:
        if "val_nats" not in resumed:
            ap.error("--fit-val goes on from a run that validation judged: resume one (its --out, or the committed checkpoint)")
        fit_val_from, val_chosen = step, resumed["val_nats"]
    if fit_val_from is not None:
        train_text += val_text  # validation is the slice just before the test text, so the two stay contiguous
    train = torch.tensor(encode(train_text), dtype=torch.long, device=device)
    # Counted, not step x batch: a resumed run may use another batch (checkpoints before the count: estimated so).
    chars_seen = resumed.get("chars_seen", step * args.batch * args.seq)
    val = torch.tensor(encode(val_text), dtype=torch.long, device=device)
    log.write(event="start", corpus=args.corpus, train_chars=len(train_text), val_chars=len(val_text), test_chars=len(test_text),
              cfg=cfg.__dict__, batch=args.batch, seq=args.seq, device=str(device), fit_val_from=fit_val_from)
    budget = args.minutes * 60
    gen = torch.Generator(device="cpu").manual_seed(1234 + step)
    t0 = time.time()
    while wall + (time.time() - t0) < budget:
        progress = (wall + time.time() - t0) / budget
        lr = args.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress)))  # cosine to 5% over the budget
        for g in opt.param_groups:
            g["lr"] = lr
        starts = torch.randint(0, train.numel() - args.seq - 1, (args.batch,), generator=gen).to(device)
        idx = starts[:, None] + torch.arange(args.seq + 1, device=device)[None, :]
        loss = train_step(model, opt, train[idx])  # windows [B, T+1]
        step += 1
        chars_seen += args.batch * args.seq
        if step % args.eval_every == 0:
            val_nats = evaluate(model, val)
            now = time.time()
            wall += now - t0
            t0 = now
            epochs = chars_seen / train.numel()
            log.write(step=step, epoch=round(epochs, 2), lr=round(lr, 6), train=round(loss.item(), 4), val=round(val_nats, 4))
            snapshot = {"model": {k: v.cpu() for k, v in model.state_dict().items()}, "opt": opt.state_dict(), "cfg": cfg.__dict__,
                        "corpus": args.corpus, "test_frac": args.test_frac, "batch": args.batch, "seq": args.seq,
                        "weight_decay": args.weight_decay, "step": step, "wall_s": wall, "epochs": epochs, "chars_seen": chars_seen,
                        "best_val": min(best, val_nats), "val_nats": val_nats, "fit_val_from": fit_val_from,
                        "val_nats_chosen": val_chosen}
            is_best = val_nats < best or fit_val_from is not None
            best = min(best, val_nats) if is_best else best
            save_snapshot(out, snapshot, is_best)
    log.write(event="done", step=step, best_val=round(best, 4), wall_s=round(wall))
    judged = (f"validation {val_chosen:.4f} at step {fit_val_from} (then trained on)" if fit_val_from is not None
              else f"best validation {best:.4f}")
    print(f"{args.corpus}: {step} steps, {judged} nats/char")


if __name__ == "__main__":
    main()
