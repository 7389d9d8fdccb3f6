"""Export the DCGAN generator (EMA weights, BatchNorm statistics re-measured) to tfjs.

Usage: python3 models/dcgan-faces/export.py [--run runs/dcgan-faces] [--version N]
Writes public/models/dcgan-faces/<N>/, models/dcgan-faces/export.json, parity.json and a 64-face grid (grid.jpg).
"""
import argparse
import io
import os
import sys
import tarfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from toolchain.runtime import configure_cpu  # noqa: E402

configure_cpu()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
from PIL import Image  # noqa: E402

from toolchain.checkpoint import load_working  # noqa: E402
from toolchain.data import image_grid  # noqa: E402
from toolchain.export_tfjs import REPO, read_layers_weights, write_export_record, write_layers_model, write_parity_fixture  # noqa: E402
from model import DCGANConfig, Generator, recalibrated  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def keras_layers(G: Generator, cfg: DCGANConfig) -> tuple[dict, list[tuple[str, np.ndarray]]]:
    """The generator as a tfjs Sequential model: Dense+Reshape (the 1x1 -> 4x4 projection), then
    ConvTranspose 'same' blocks. PyTorch ConvTranspose weights [in, out, kh, kw] -> Keras [kh, kw, out, in]."""
    layers, weights = [], []
    mods = list(G.net)
    c0 = mods[0].weight.shape[1]
    layers.append({"class_name": "Dense", "config": {"name": "project", "units": 16 * c0, "use_bias": False,
                                                      "activation": "linear", "batch_input_shape": [None, cfg.nz]}})
    weights.append(("project/kernel", mods[0].weight.detach().numpy().transpose(0, 2, 3, 1).reshape(cfg.nz, 16 * c0)))
    layers.append({"class_name": "Reshape", "config": {"name": "to_4x4", "target_shape": [4, 4, c0]}})
    conv_i = bn_i = 0
    for m in mods[1:]:
        if isinstance(m, nn.BatchNorm2d):
            bn_i += 1
            name = f"bn{bn_i}"
            layers.append({"class_name": "BatchNormalization", "config": {"name": name, "axis": -1, "epsilon": m.eps,
                                                                          "momentum": 0.9, "center": True, "scale": True}})
            weights += [(f"{name}/gamma", m.weight.detach().numpy()), (f"{name}/beta", m.bias.detach().numpy()),
                        (f"{name}/moving_mean", m.running_mean.numpy()), (f"{name}/moving_variance", m.running_var.numpy())]
        elif isinstance(m, nn.ReLU):
            layers.append({"class_name": "Activation", "config": {"name": f"relu{bn_i}", "activation": "relu"}})
        elif isinstance(m, nn.ConvTranspose2d):
            conv_i += 1
            name = f"up{conv_i}"
            layers.append({"class_name": "Conv2DTranspose", "config": {"name": name, "filters": m.out_channels, "kernel_size": [4, 4],
                                                                       "strides": [2, 2], "padding": "same", "use_bias": False,
                                                                       "activation": "linear", "data_format": "channels_last"}})
            weights.append((f"{name}/kernel", m.weight.detach().numpy().transpose(2, 3, 1, 0)))
        elif isinstance(m, nn.Tanh):
            layers.append({"class_name": "Activation", "config": {"name": "to_rgb", "activation": "tanh"}})
    return {"class_name": "Sequential", "config": {"name": "dcgan_faces_generator", "layers": layers}}, weights


def load_shipped_into(G: Generator, shipped: dict[str, np.ndarray]) -> None:
    """Puts the as-shipped (float16-rounded) values back into G, so the parity fixture tests architecture
    agreement, not quantisation error."""
    mods = list(G.net)
    c0 = mods[0].weight.shape[1]
    with torch.no_grad():
        k = shipped["project/kernel"].reshape(-1, 4, 4, c0).transpose(0, 3, 1, 2)
        mods[0].weight.copy_(torch.from_numpy(np.ascontiguousarray(k)))
        conv_i = bn_i = 0
        for m in mods[1:]:
            if isinstance(m, nn.BatchNorm2d):
                bn_i += 1
                for attr, key in [("weight", "gamma"), ("bias", "beta"), ("running_mean", "moving_mean"), ("running_var", "moving_variance")]:
                    getattr(m, attr).copy_(torch.from_numpy(shipped[f"bn{bn_i}/{key}"]))
            elif isinstance(m, nn.ConvTranspose2d):
                conv_i += 1
                m.weight.copy_(torch.from_numpy(np.ascontiguousarray(shipped[f"up{conv_i}/kernel"].transpose(3, 2, 0, 1))))


def shipped_generator(version: str) -> tuple[Generator, DCGANConfig]:
    """The generator exactly as the studio runs it: the shipped float16 weights, BatchNorm in inference mode."""
    weights = read_layers_weights("dcgan-faces", version)
    cfg = DCGANConfig(ngf=weights["up4/kernel"].shape[3])
    G = Generator(cfg)
    load_shipped_into(G, weights)
    return G.eval(), cfg


def save_grid(G: Generator, cfg: DCGANConfig, path: str) -> None:
    """64 faces from seed 64 (torch's generator), as the card shows them."""
    with torch.no_grad():
        grid = G(torch.randn(64, cfg.nz, generator=torch.Generator().manual_seed(64)))
    grid = ((grid + 1) * 127.5).clamp(0, 255).byte().permute(0, 2, 3, 1).numpy()
    image_grid(grid, 8).save(path, quality=90)


def save_faces_tar(G: Generator, cfg: DCGANConfig, n: int, path: str) -> None:
    """n faces from fresh latents as JPEGs (quality 100, no chroma subsampling) in one tar: what `npm run eval -- faces --fakes` measures, for generators
    the browser cannot run yet (a trial with skip-layer excitation)."""
    gen = torch.Generator().manual_seed(99)
    with tarfile.open(path, "w") as tar, torch.no_grad():
        for start in range(0, n, 250):
            faces = G(torch.randn(min(250, n - start), cfg.nz, generator=gen))
            pixels = ((faces + 1) * 127.5).round().clamp(0, 255).byte().permute(0, 2, 3, 1).numpy()
            for i, face in enumerate(pixels):
                jpeg = io.BytesIO()
                Image.fromarray(face).save(jpeg, format="JPEG", quality=100, subsampling=0)
                info = tarfile.TarInfo(f"{start + i:05d}.jpg")
                info.size = jpeg.tell()
                jpeg.seek(0)
                tar.addfile(info, jpeg)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", default=os.path.join(REPO, "runs", "dcgan-faces"),
                    help="run folder holding working.pt (or generator.pt, from train.py --generator-only)")
    ap.add_argument("--version", help="the version to ship (its record, parity fixture and grid are written)")
    ap.add_argument("--trial", help="a name for weights to measure, not ship: public/models/dcgan-faces/trial-<name>/ "
                                    "(ignored by git; npm run eval -- faces --version trial-<name>) and <run>/grid.jpg")
    ap.add_argument("--faces-tar", type=int, metavar="N", help="with --trial: also write N faces to <run>/faces.tar")
    args = ap.parse_args()
    if not (args.version or args.trial):
        ap.error("give --version or --trial")
    state = load_working(os.path.join(args.run, "working.pt")) or load_working(os.path.join(args.run, "generator.pt"))
    cfg = DCGANConfig(**state["cfg"])
    G = Generator(cfg)
    G.load_state_dict(state["G_ema"])
    G = recalibrated(G, cfg.nz, batches=40)
    if cfg.sle:  # model.ts has no skip-layer excitation: such a run is measured from its faces, in float32
        if not (args.trial and args.faces_tar):
            ap.error("a generator with skip-layer excitation exports only as --trial with --faces-tar")
        save_grid(G, cfg, os.path.join(args.run, "grid.jpg"))
        save_faces_tar(G, cfg, args.faces_tar, os.path.join(args.run, "faces.tar"))
        return
    config, weights = keras_layers(G, cfg)
    files, shipped = write_layers_model("dcgan-faces", args.version or f"trial-{args.trial}", config, weights, dtype="float16")
    load_shipped_into(G, shipped)
    if args.trial:
        save_grid(G, cfg, os.path.join(args.run, "grid.jpg"))
        if args.faces_tar:
            save_faces_tar(G, cfg, args.faces_tar, os.path.join(args.run, "faces.tar"))
        print(f"trial {args.trial}: step {state['step']}, public/models/dcgan-faces/trial-{args.trial}/")
        return

    z = torch.randn(2, cfg.nz, generator=torch.Generator().manual_seed(2024))
    with torch.no_grad():
        out = G(z).permute(0, 2, 3, 1).numpy()  # NHWC, as tfjs returns it
    write_parity_fixture("dcgan-faces", z.numpy(), out, "generator(z) with the shipped float16 weights, NHWC in [-1, 1]")
    write_export_record("dcgan-faces", args.version, files, step=state["step"], images_seen=state["images_seen"],
                        epochs=round(state["images_seen"] / 17737, 2), train_wall_s=round(state["wall_s"]), cfg=state["cfg"])
    save_grid(G, cfg, os.path.join(HERE, "grid.jpg"))
    print(f"exported step {state['step']} ({state['images_seen'] / 17737:.1f} epochs) as version {args.version}: "
          + ", ".join(f"{f['name']} {f['bytes']}" for f in files))


if __name__ == "__main__":
    main()
