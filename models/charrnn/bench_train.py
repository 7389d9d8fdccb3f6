"""The training benchmark's PyTorch reference (npm run bench -- train runs it beside the browser's targets): a fresh
2 x 256 CharRNN (batch 32, sequences of 100, dropout 0.25, AdamW, clipping at 1) on these CPU threads, characters
learnt a second over a few steps after one warm-up step. Prints one line of JSON.
Usage: python3 models/charrnn/bench_train.py [steps]"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu  # noqa: E402

configure_cpu()
import torch  # noqa: E402

from model import CharRNN, CharRNNConfig  # noqa: E402
from train import train_step  # noqa: E402

BATCH, WINDOW = 32, 100


def main() -> None:
    steps = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else 5
    torch.manual_seed(1)
    cfg = CharRNNConfig(hidden=256, layers=2, dropout=0.25)
    model = CharRNN(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.01)

    def step() -> None:
        train_step(model, opt, torch.randint(0, cfg.vocab, (BATCH, WINDOW + 1)))

    step()
    started = time.perf_counter()
    for _ in range(steps):
        step()
    ms = 1000 * (time.perf_counter() - started) / steps
    print(json.dumps({"target": "pytorch-cpu", "threads": torch.get_num_threads(), "step_ms": round(ms),
                      "chars_per_s": round(1000 * BATCH * WINDOW / ms)}))


if __name__ == "__main__":
    main()
