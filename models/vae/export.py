"""Export a trained VAE (encoder and decoder) to tfjs, measure the shipped weights, write fixtures and the card.

Usage: python3 models/vae/export.py --model vae-mnist --run runs/vae-mnist --version 1 [--dtype uint8|float16]
Writes public/models/<id>/<N>/{encoder,decoder}.json + shards, models/<id>/{export.json, parity-encoder.json,
parity-decoder.json, README.md, samples.png}. The validation figure is measured again on the shipped (quantised) weights.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu  # noqa: E402

configure_cpu()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

from toolchain.checkpoint import load_working  # noqa: E402
from toolchain.data import image_grid, split  # noqa: E402
from toolchain.export_tfjs import REPO, conv_layer, dense_layer, sequential, write_export_record, write_layers_model, write_parity_fixture  # noqa: E402
from model import VAE, VAEConfig  # noqa: E402
from train import corrupted, dataset_of, evaluate, load_dataset  # noqa: E402
from card import write_card  # noqa: E402


def keras_encoder(vae: VAE) -> tuple[dict, list]:
    """x [B, H, W, C] in [0, 1] -> [B, 2 * latent] = [mu | logvar]."""
    cfg = vae.cfg
    convs = [m for m in vae.enc_convs if isinstance(m, nn.Conv2d)]
    parts = [conv_layer(f"enc_conv{i}", m, "relu", [None, cfg.size, cfg.size, cfg.channels] if i == 0 else None) for i, m in enumerate(convs)]
    parts.append(({"class_name": "Flatten", "config": {"name": "enc_flatten"}}, []))
    if vae.enc_dense is not None:
        parts.append(dense_layer("enc_dense", vae.enc_dense, "relu"))
    parts.append(dense_layer("enc_out", vae.enc_out, "linear"))
    return sequential("vae_encoder", parts)


def keras_decoder(vae: VAE) -> tuple[dict, list]:
    """z [B, latent] -> images [B, H, W, C] in [0, 1]."""
    cfg = vae.cfg
    parts = []
    if vae.dec_dense is not None:
        parts.append(dense_layer("dec_dense", vae.dec_dense, "relu", [None, cfg.latent]))
    parts.append(dense_layer("dec_project", vae.dec_project, "relu", None if parts else [None, cfg.latent]))
    parts.append(({"class_name": "Reshape", "config": {"name": "dec_reshape", "target_shape": [cfg.bottom, cfg.bottom, cfg.widths[-1]]}}, []))
    ups = [m for m in vae.dec_convs if isinstance(m, nn.ConvTranspose2d)]
    parts += [conv_layer(f"dec_up{i}", m, "relu") for i, m in enumerate(ups)]
    parts.append(conv_layer("dec_out", vae.dec_out, "sigmoid"))
    return sequential("vae_decoder", parts)


def load_shipped(vae: VAE, shipped: dict[str, np.ndarray]) -> None:
    """Put the as-shipped (quantised) values back into the PyTorch model, inverting the layouts above."""
    pairs = [(f"enc_conv{i}", m) for i, m in enumerate(m for m in vae.enc_convs if isinstance(m, nn.Conv2d))]
    pairs += [(f"dec_up{i}", m) for i, m in enumerate(m for m in vae.dec_convs if isinstance(m, nn.ConvTranspose2d))]
    pairs += [("dec_out", vae.dec_out), ("enc_out", vae.enc_out), ("dec_project", vae.dec_project)]
    pairs += [(n, m) for n, m in [("enc_dense", vae.enc_dense), ("dec_dense", vae.dec_dense)] if m is not None]
    with torch.no_grad():
        for name, m in pairs:
            k = shipped[f"{name}/kernel"]
            k = k.T if isinstance(m, nn.Linear) else k.transpose(3, 2, 0, 1)
            m.weight.copy_(torch.from_numpy(np.ascontiguousarray(k)))
            m.bias.copy_(torch.from_numpy(shipped[f"{name}/bias"]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--run", required=True, help="run folder holding best.pt (or best16.pt)")
    ap.add_argument("--version", required=True)
    ap.add_argument("--dtype", default="uint8", choices=["uint8", "float16"], help="kernels; biases stay float16")
    ap.add_argument("--train-command", required=True, help="the training command line, for the card")
    ap.add_argument("--machine", default="one NVIDIA H100 (the lent training machine; several runs shared it)", help="where it trained, for the card")
    args = ap.parse_args()
    state = load_working(os.path.join(args.run, "best.pt")) or load_working(os.path.join(args.run, "best16.pt"))
    cfg = VAEConfig(**state["cfg"])
    vae = VAE(cfg)
    vae.load_state_dict({k: v.float() for k, v in state["model"].items()})
    vae.eval()

    files, shipped_all = [], {}
    for name, (config, weights) in [("encoder", keras_encoder(vae)), ("decoder", keras_decoder(vae))]:
        dtypes = {w: "float16" for w, _ in weights if w.endswith("/bias")}
        written, shipped = write_layers_model(args.model, args.version, config, weights, dtype=args.dtype, name=name, dtypes=dtypes)
        files += written
        shipped_all.update(shipped)
    load_shipped(vae, shipped_all)

    images, _ = load_dataset(dataset_of(args.model))
    _, val_idx = split(len(images))
    val = torch.from_numpy(np.array(images[val_idx])).permute(0, 3, 1, 2).contiguous()
    nelbo, rec, kl = evaluate(vae, val)
    x = val[:3].float().div(255)
    with torch.no_grad():
        mu, logvar = vae.encode(x)
        recon = vae.decode(mu)
    write_parity_fixture(args.model, x.permute(0, 2, 3, 1).numpy(), torch.cat([mu, logvar], 1).numpy(),
                         "encoder(x) = [mu | logvar] with the shipped weights, x NHWC in [0, 1]", name="parity-encoder")
    write_parity_fixture(args.model, mu.numpy(), recon.permute(0, 2, 3, 1).numpy(),
                         "decoder(z) with the shipped weights, NHWC in [0, 1]", name="parity-decoder")
    with torch.no_grad():
        prior = vae.decode(torch.randn(64, cfg.latent, generator=torch.Generator().manual_seed(64)))
    grid = (prior * 255).round().byte().permute(0, 2, 3, 1).numpy()
    grid = np.repeat(grid, 3, axis=3) if cfg.channels == 1 else grid
    image_grid(grid, 8).save(os.path.join(REPO, "models", args.model, "samples.png"))
    facts = {"step": state["step"], "epochs": round(state["epochs"], 1), "train_wall_s": round(state["wall_s"]),
             "train_images": state["train_images"], "val_images": state["val_images"], "shift": state["shift"],
             "flip": state["flip"], "cfg": state["cfg"], "dtype": args.dtype, "train_command": args.train_command, "machine": args.machine,
             "val_nelbo_training": round(state["val_nelbo"], 3), "val_nelbo_shipped": round(nelbo, 3),
             "val_rec_shipped": round(rec, 3), "val_kl_shipped": round(kl, 3)}
    if cfg.likelihood == "gaussian":
        facts["sigma"] = round(max(float(vae.log_sigma.exp()), cfg.min_sigma), 5)
        with torch.no_grad():
            recon_val = torch.cat([vae.decode(vae.encode(val[i:i + 500].float().div(255))[0]) for i in range(0, len(val), 500)])
        facts["val_mse_per_pixel"] = round(float((recon_val - val.float().div(255)).pow(2).mean()), 6)
    if state.get("denoise"):
        # The held-out digits corrupted as in training (seeded): how far the noisy ones and their reconstructions are from clean.
        clean = val.float().div(255)
        noisy = corrupted(clean, torch.Generator().manual_seed(5))
        with torch.no_grad():
            cleaned = vae.decode(vae.encode(noisy)[0])
        facts["denoise"] = True
        facts["val_mse_noisy"] = round(float((noisy - clean).pow(2).mean()), 5)
        facts["val_mse_cleaned"] = round(float((cleaned - clean).pow(2).mean()), 5)
    write_export_record(args.model, args.version, files, **facts)
    write_card(args.model, facts)
    print(f"{args.model} v{args.version}: validation negative ELBO {nelbo:.2f} nats/image on shipped {args.dtype} weights "
          f"(training-time {state['val_nelbo']:.2f}); " + ", ".join(f"{f['name']} {f['bytes']}" for f in files))


if __name__ == "__main__":
    main()
