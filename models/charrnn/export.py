"""Export a trained CharRNN to tfjs, measure the shipped weights on the validation split, write the parity
fixture, a sample and the card.

Usage: python3 models/charrnn/export.py --corpus shakespeare --run runs/charrnn-shakespeare --version 1 \
           --train-command "..." [--dtype uint8|float16]
Writes public/models/charrnn-<corpus>/<N>/, models/charrnn-<corpus>/{export.json, parity.json, sample.txt, README.md}.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu  # noqa: E402

configure_cpu()
import numpy as np  # noqa: E402
import torch  # noqa: E402

from toolchain.checkpoint import load_working  # noqa: E402
from toolchain.export_tfjs import REPO, write_export_record, write_layers_model, write_parity_fixture  # noqa: E402
from model import VOCAB, CharRNN, CharRNNConfig, encode  # noqa: E402
from train import corpus_split, evaluate  # noqa: E402

PRIME = {"shakespeare": "ROMEO:\n", "moby-dick": "Call me ", "nottingham": "X: 1\nT:"}
DATA = {
    "shakespeare": ("../shared/data/text-tinyshakespeare/train.txt (the first 90% of tiny Shakespeare, 1,003,854 characters)",
                    "public-domain text"),
    "moby-dick": ("../shared/data/text-moby-dick/moby_dick.txt (Moby-Dick, 1.23 MB)", "public-domain text"),
    "nottingham": ("../shared/data/music-nottingham-abc/train.abc (934 Nottingham folk tunes in ABC with chords)",
                   "GPL-3.0 (cleaned Nottingham Music Database); the weights are shared under the same terms"),
}


def keras_config(cfg: CharRNNConfig) -> dict:
    """Embedding -> LSTM -> LSTM -> Dense. Gate order i, f, c, o in both frameworks; sigmoid recurrent activation
    (tfjs defaults to hard sigmoid, so it is spelled out)."""
    layers = [{"class_name": "Embedding", "config": {"name": "embed", "input_dim": cfg.vocab, "output_dim": cfg.embed,
                                                      "batch_input_shape": [None, None]}}]
    for i in range(cfg.layers):
        layers.append({"class_name": "LSTM", "config": {"name": f"lstm{i + 1}", "units": cfg.hidden, "return_sequences": True,
                                                         "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": True,
                                                         "unit_forget_bias": False}})
    layers.append({"class_name": "Dense", "config": {"name": "head", "units": cfg.vocab, "activation": "linear", "use_bias": True}})
    return {"class_name": "Sequential", "config": {"name": "charrnn", "layers": layers}}


def keras_weights(model: CharRNN) -> list[tuple[str, np.ndarray]]:
    """PyTorch [4H, in] matrices -> Keras [in, 4H]; the two PyTorch biases add up to Keras's one."""
    sd = {k: v.float().numpy() for k, v in model.state_dict().items()}
    weights = [("embed/embeddings", sd["embed.weight"])]
    for i in range(model.cfg.layers):
        weights += [(f"lstm{i + 1}/kernel", sd[f"lstm.weight_ih_l{i}"].T), (f"lstm{i + 1}/recurrent_kernel", sd[f"lstm.weight_hh_l{i}"].T),
                    (f"lstm{i + 1}/bias", sd[f"lstm.bias_ih_l{i}"] + sd[f"lstm.bias_hh_l{i}"])]
    return weights + [("head/kernel", sd["head.weight"].T), ("head/bias", sd["head.bias"])]


def load_shipped(model: CharRNN, shipped: dict[str, np.ndarray]) -> None:
    t = lambda a: torch.from_numpy(np.ascontiguousarray(a))  # noqa: E731
    with torch.no_grad():
        model.embed.weight.copy_(t(shipped["embed/embeddings"]))
        for i in range(model.cfg.layers):
            getattr(model.lstm, f"weight_ih_l{i}").copy_(t(shipped[f"lstm{i + 1}/kernel"].T))
            getattr(model.lstm, f"weight_hh_l{i}").copy_(t(shipped[f"lstm{i + 1}/recurrent_kernel"].T))
            getattr(model.lstm, f"bias_ih_l{i}").copy_(t(shipped[f"lstm{i + 1}/bias"]))
            getattr(model.lstm, f"bias_hh_l{i}").zero_()
        model.head.weight.copy_(t(shipped["head/kernel"].T))
        model.head.bias.copy_(t(shipped["head/bias"]))


@torch.no_grad()
def sample(model: CharRNN, prime: str, length: int, temperature: float = 0.8, seed: int = 0) -> str:
    gen = torch.Generator().manual_seed(seed)
    logits, state = model(torch.tensor([encode(prime)]))
    out = prime
    for _ in range(length):
        probs = torch.softmax(logits[0, -1] / temperature, -1)
        nxt = int(torch.multinomial(probs, 1, generator=gen))
        out += VOCAB[nxt]
        logits, state = model(torch.tensor([[nxt]]), state)
    return out


def earlier_versions(model_id: str) -> str:
    """models/<id>/versions.md, written by hand: earlier versions (still served) and what was measured on them."""
    path = os.path.join(REPO, "models", model_id, "versions.md")
    if not os.path.exists(path):
        return ""
    with open(path) as f:
        return "\n" + f.read()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True, choices=sorted(PRIME))
    ap.add_argument("--run", required=True, help="run folder holding best.pt (or best16.pt)")
    ap.add_argument("--version", required=True)
    ap.add_argument("--dtype", default="float16", choices=["uint8", "float16"])
    ap.add_argument("--train-command", required=True, help="the training command line, for the card")
    ap.add_argument("--machine", default="one NVIDIA H100 (the lent training machine; several runs shared it)",
                    help="where it trained, for the card")
    args = ap.parse_args()
    model_id = f"charrnn-{args.corpus}"
    os.makedirs(os.path.join(REPO, "models", model_id), exist_ok=True)
    state = load_working(os.path.join(args.run, "best.pt")) or load_working(os.path.join(args.run, "best16.pt"))
    cfg = CharRNNConfig(**state["cfg"])
    model = CharRNN(cfg)
    model.load_state_dict({k: v.float() for k, v in state["model"].items()})
    model.eval()
    files, shipped = write_layers_model(model_id, args.version, keras_config(cfg), keras_weights(model), dtype=args.dtype)
    load_shipped(model, shipped)

    train_text, val_text, test_text = corpus_split(args.corpus, state.get("test_frac", 0.0))
    # A run that went on to train on its validation text (train.py --fit-val) was judged by validation only up to
    # that step: its card gives that figure, and the shipped weights' validation figure is on text it has read.
    fit_val_from = state.get("fit_val_from")
    val_nats = evaluate(model, torch.tensor(encode(val_text)))
    # The test text never chose a checkpoint: measured once, here, on the shipped weights.
    test_nats = evaluate(model, torch.tensor(encode(test_text))) if test_text else None
    model.eval()  # evaluate() hands the model back in training mode (dropout on)
    prime = torch.tensor([encode(PRIME[args.corpus] + "a")])
    with torch.no_grad():
        logits, _ = model(prime)
    write_parity_fixture(model_id, prime.numpy()[0].astype(np.float32), logits[0].numpy(),
                         "logits after each token of the input, from a zero state, with the shipped weights")
    text = sample(model, PRIME[args.corpus], 600)
    with open(os.path.join(REPO, "models", model_id, "sample.txt"), "w") as f:
        f.write(text + "\n")
    facts = {"step": state["step"], "epochs": round(state["epochs"], 1), "train_wall_s": round(state["wall_s"]), "cfg": state["cfg"],
             "dtype": args.dtype, "train_chars": len(train_text), "val_chars": len(val_text),
             "val_nats_training": round(state["val_nats"], 4), "val_nats_shipped": round(val_nats, 4)}
    if "chars_seen" in state:
        facts["chars_seen"] = state["chars_seen"]
    if fit_val_from is not None:
        facts.update(fit_val_from=fit_val_from, val_nats_chosen=round(state["val_nats_chosen"], 4))
    if test_nats is not None:
        facts.update(test_chars=len(test_text), test_nats_shipped=round(test_nats, 4))
    write_export_record(model_id, args.version, files, **facts)
    data, license_ = DATA[args.corpus]
    split_note = ("a seeded 5% of the tunes" if args.corpus == "nottingham"
                  else f"the 5% of the text before the last {state['test_frac']:.0%}, which is held out as test text"
                  if test_text else "the last 5% of the text")
    read = f" ({state['chars_seen'] / 1e6:.1f} M characters read)" if "chars_seen" in state else ""
    if fit_val_from is not None:
        data_note = (f"Validation: {split_note} ({len(val_text):,} characters), which chose the recipe and the length of "
                     f"training; from step {fit_val_from:,} on it was trained on too (`--fit-val`), the test text never. "
                     f"Training on the other {len(train_text):,} characters, then on both.")
        kept = f"validation chose the recipe up to step {fit_val_from:,}; the last checkpoint is kept"
        val_line = (f"- Validation: **{state['val_nats_chosen']:.4f} nats/char** at step {fit_val_from:,}, the last figure before "
                    f"the validation text was trained on ({val_nats:.4f} with the shipped weights, on text they have read).")
    else:
        data_note = (f"Validation: {split_note} ({len(val_text):,} characters), never trained on; training on the other "
                     f"{len(train_text):,} characters.")
        kept = "the checkpoint with the best validation loss is kept"
        val_line = (f"- Validation: **{val_nats:.4f} nats/char** ({val_nats / np.log(2):.4f} bits/char) with the shipped weights, "
                    f"reading the validation text as 16 contiguous streams with the state carried ({state['val_nats']:.4f} at "
                    f"training time).")
    card = f"""# {model_id}

A 2-layer LSTM character model (Karpathy's CharRNN) for the Text studio: it reads one character at a time and
gives the probability of every next character.

- **Architecture**: 97-token vocabulary (newline, printable ASCII, UNK; typographic quotes and dashes map to ASCII),
  {cfg.embed}-D embedding, {cfg.layers} LSTM layers of {cfg.hidden} units, dense to the vocabulary. Dropout {cfg.dropout} in training.
  Source: models/charrnn/model.py (PyTorch), exported by models/charrnn/export.py (tfjs layers format, {args.dtype} weights);
  parity fixture parity.json.
- **Data**: {data}. {data_note}
- **License**: {license_}.
- **Training**: `{args.train_command}` (AdamW, weight decay {state['weight_decay']}, learning rate 2e-3 cosine-annealed to 5% over the
  time budget, batch {state['batch']} x {state['seq']} characters, gradient clipping 1.0; {kept}):
  {state['step']:,} steps, {state['epochs']:.1f} epochs{read}, {round(state['wall_s'])} s wall time on {args.machine}.

## Measured quality
{val_line}
{f"- Test: **{test_nats:.4f} nats/char** on the held-out last {state['test_frac']:.0%} ({len(test_text):,} characters), never used to choose a checkpoint." if test_nats is not None else ""}

A sample (temperature 0.8, seed 0, primed with {PRIME[args.corpus]!r}): sample.txt.
{earlier_versions(model_id)}"""
    with open(os.path.join(REPO, "models", model_id, "README.md"), "w") as f:
        f.write(card)
    print(f"{model_id} v{args.version}: validation {val_nats:.4f} nats/char on shipped {args.dtype} weights "
          f"(training-time {state['val_nats']:.4f}); " + ", ".join(f"{f['name']} {f['bytes']}" for f in files))


if __name__ == "__main__":
    main()
