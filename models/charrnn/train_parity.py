"""The training step's parity fixture: one batch through a small CharRNN with fixed weights (dropout off), its
mean cross-entropy and the gradient of every weight, in model.ts's layout and names. train.test.ts requires the
browser's training step (train.ts) to reproduce them. Usage: python3 models/charrnn/train_parity.py
Writes models/charrnn/train-parity.json."""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

from model import VOCAB, CharRNN, CharRNNConfig

HERE = os.path.dirname(os.path.abspath(__file__))


def browser_layout(model: CharRNN, of_grad: bool) -> dict[str, np.ndarray]:
    """model.ts's names and shapes: kernels [in, 4H] (gates i, f, g, o), one bias (PyTorch's two, summed)."""
    value = (lambda p: p.grad) if of_grad else (lambda p: p.data)  # noqa: E731
    lstm = model.lstm
    out = {"embed/embeddings": value(model.embed.weight)}
    for i in range(model.cfg.layers):
        out[f"lstm{i + 1}/kernel"] = value(getattr(lstm, f"weight_ih_l{i}")).T
        out[f"lstm{i + 1}/recurrent_kernel"] = value(getattr(lstm, f"weight_hh_l{i}")).T
        # The two biases add before any nonlinearity, so each has the summed bias's gradient.
        out[f"lstm{i + 1}/bias"] = value(getattr(lstm, f"bias_ih_l{i}")) + (0 if of_grad else value(getattr(lstm, f"bias_hh_l{i}")))
    out["head/kernel"] = value(model.head.weight).T
    out["head/bias"] = value(model.head.bias)
    return {k: v.detach().double().numpy() for k, v in out.items()}


def main() -> None:
    torch.manual_seed(7)
    cfg = CharRNNConfig(embed=4, hidden=8, layers=2, dropout=0.0)
    model = CharRNN(cfg).double()  # float64 here: the fixture is the exact answer, float32 is tested against it
    tokens = torch.randint(0, len(VOCAB), (3, 9), generator=torch.Generator().manual_seed(3))  # [B, T + 1]
    logits, _ = model(tokens[:, :-1])
    loss = F.cross_entropy(logits.reshape(-1, cfg.vocab), tokens[:, 1:].reshape(-1))
    loss.backward()
    pack = lambda d: {k: {"shape": list(v.shape), "values": np.round(v.ravel(), 12).tolist()} for k, v in d.items()}  # noqa: E731
    fixture = {"note": "one training step of a 2 x 8 CharRNN, dropout off: mean cross-entropy and gradients (float64)",
               "config": {"vocab": cfg.vocab, "embed": cfg.embed, "hidden": cfg.hidden, "layers": cfg.layers},
               "tokens": tokens.tolist(), "loss": loss.item(),
               "weights": pack(browser_layout(model, False)), "gradients": pack(browser_layout(model, True))}
    with open(os.path.join(HERE, "train-parity.json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print(f"loss {loss.item():.6f}; wrote models/charrnn/train-parity.json")


if __name__ == "__main__":
    main()
