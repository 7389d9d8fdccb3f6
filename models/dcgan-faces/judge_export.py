"""Export the face judge (judge_head.py's FaceJudge) to tfjs as the registry model dcgan-faces-judge.

Usage: python3 models/dcgan-faces/judge_export.py --version N [--judge runs/dcgan-faces-judge/judge.pt]
Writes public/models/dcgan-faces-judge/<N>/, models/dcgan-faces-judge/export.json and parity.json.
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
from toolchain.export_tfjs import (REPO, batchnorm_layer, conv_layer, dense_layer, sequential,  # noqa: E402
                                   write_export_record, write_layers_model, write_parity_fixture)
from model import DCGANConfig, FaceJudge  # noqa: E402

MODEL_ID = "dcgan-faces-judge"


def keras_layers(judge: FaceJudge) -> tuple[dict, list]:
    """Conv (4x4, stride 2) blocks with BatchNorm and LeakyReLU down to 4x4, averaged, then the head."""
    parts, conv_i, bn_i = [], 0, 0
    for m in judge.d.net[:-1]:
        if isinstance(m, nn.Conv2d):
            conv_i += 1
            parts.append(conv_layer(f"conv{conv_i}", m, "linear", [None, 64, 64, 3] if conv_i == 1 else None))
        elif isinstance(m, nn.BatchNorm2d):
            bn_i += 1
            parts.append(batchnorm_layer(f"bn{bn_i}", m))
        elif isinstance(m, nn.LeakyReLU):
            leaky = {"name": f"leaky{conv_i}", "alpha": m.negative_slope}
            parts.append(({"class_name": "LeakyReLU", "config": leaky}, []))
    average = {"name": "average", "data_format": "channels_last"}
    parts.append(({"class_name": "GlobalAveragePooling2D", "config": average}, []))
    parts.append(dense_layer("well_formed", judge.head, "linear"))
    return sequential("dcgan_faces_judge", parts)


def load_shipped_into(judge: FaceJudge, shipped: dict[str, np.ndarray]) -> None:
    """The as-shipped (float16-rounded) weights back into the judge, so the parity fixture tests the architecture."""
    with torch.no_grad():
        convs = [m for m in judge.d.net if isinstance(m, nn.Conv2d)][:-1]
        for i, m in enumerate(convs, 1):
            m.weight.copy_(torch.from_numpy(np.ascontiguousarray(shipped[f"conv{i}/kernel"].transpose(3, 2, 0, 1))))
        for i, m in enumerate([m for m in judge.d.net if isinstance(m, nn.BatchNorm2d)], 1):
            for attr, key in [("weight", "gamma"), ("bias", "beta"), ("running_mean", "moving_mean"),
                              ("running_var", "moving_variance")]:
                getattr(m, attr).copy_(torch.from_numpy(shipped[f"bn{i}/{key}"]))
        judge.head.weight.copy_(torch.from_numpy(shipped["well_formed/kernel"].T))
        judge.head.bias.copy_(torch.from_numpy(shipped["well_formed/bias"]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--judge", default=os.path.join(REPO, "runs", MODEL_ID, "judge.pt"))
    ap.add_argument("--version", required=True)
    args = ap.parse_args()
    state = load_working(args.judge)
    judge = FaceJudge(DCGANConfig(ndf=32))
    judge.load_state_dict(state["judge"])
    judge.eval()
    config, weights = keras_layers(judge)
    files, shipped = write_layers_model(MODEL_ID, args.version, config, weights, dtype="float16")
    load_shipped_into(judge, shipped)
    faces = torch.rand(2, 3, 64, 64, generator=torch.Generator().manual_seed(2024)) * 2 - 1
    with torch.no_grad():
        scores = judge(faces).numpy()
    write_parity_fixture(MODEL_ID, faces.permute(0, 2, 3, 1).numpy(), scores,
                         "judge(faces) with the shipped float16 weights; inputs NHWC in [-1, 1], one score a face")
    facts = {k: state[k] for k in ("generator", "labelled", "l2", "cv_auc", "discriminator_step",
                                   "discriminator_val_auc")}
    write_export_record(MODEL_ID, args.version, files, **facts)
    sizes = ", ".join(f"{f['name']} {f['bytes']}" for f in files)
    print(f"exported the face judge as version {args.version}: {sizes}")


if __name__ == "__main__":
    main()
