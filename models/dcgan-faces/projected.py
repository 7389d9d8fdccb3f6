"""Projected GAN's discriminator (Sauer et al. 2021) for the 64 px faces: a frozen ImageNet network reads the face, its
feature maps at four scales are mixed by fixed random 1x1 convolutions (across channels) and a top-down path (across
scales), and a small trained discriminator on each scale gives a logit; the four logits add up to one. The frozen
network is MobileNetV2 up to block 10, with the weights nsfwjs bundles (scripts/extract-mobilenet.ts writes them to
runs/mobilenet-v2/, with tfjs's outputs for a seeded input that this definition must match before a run starts).

An ImageNet-pretrained discriminator can lower an ImageNet-feature FD without better faces (Kynkaanniemi et al. 2023):
judge it on the grid too.
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

HERE = os.path.dirname(os.path.abspath(__file__))
WEIGHTS = os.path.join(HERE, "..", "..", "runs", "mobilenet-v2")
# (expansion, output channels, stride) of the blocks 'expanded_conv', block_1 ... block_10 (Keras's names)
BLOCKS = [(1, 16, 1), (6, 24, 2), (6, 24, 1), (6, 32, 2), (6, 32, 1), (6, 32, 1),
          (6, 64, 2), (6, 64, 1), (6, 64, 1), (6, 64, 1), (6, 96, 1)]
TAPS = (0, 2, 5, 10)  # after these blocks: 16 ch at 32 px, 24 at 16, 32 at 8, 96 at 4 (scripts/extract-mobilenet.ts)
MIXED = 64  # channels of every scale after mixing


def keras_conv(x: torch.Tensor, weight: torch.Tensor, stride: int, groups: int = 1) -> torch.Tensor:
    """Keras's padding: 'same' at stride 1; at stride 2 its models pad one row and column after (ZeroPadding2D).
    A 1x1 kernel (weight [out, in, 1, 1]) needs none."""
    if weight.shape[-1] == 1:
        return F.conv2d(x, weight, groups=groups)
    if stride == 1:
        return F.conv2d(x, weight, padding=1, groups=groups)
    return F.conv2d(F.pad(x, (0, 1, 0, 1)), weight, stride=2, groups=groups)


class MobileNetFeatures(nn.Module):
    """[B, 3, 64, 64] in [-1, 1] (what Keras's MobileNetV2 takes) -> the maps after the TAPS blocks. Frozen."""

    def __init__(self, folder: str = WEIGHTS):
        super().__init__()
        with open(os.path.join(folder, "manifest.json")) as f:
            manifest = json.load(f)["manifest"]
        flat = np.fromfile(os.path.join(folder, "weights.bin"), dtype=np.float32)
        self.names = []
        for w in manifest:
            values = torch.from_numpy(flat[w["offset"]:w["offset"] + int(np.prod(w["shape"]))].copy()).view(w["shape"])
            if values.dim() == 4:  # Keras [h, w, in, out] (depthwise [h, w, c, 1]) -> PyTorch [out, in, h, w]
                values = values.permute(2, 3, 0, 1) if "depthwise" in w["name"] else values.permute(3, 2, 0, 1)
            name = w["name"].replace("/", ".")
            self.register_buffer(name.replace(".", "__"), values.contiguous())
            self.names.append(name)

    def weight(self, name: str) -> torch.Tensor:
        return getattr(self, name.replace(".", "__"))

    def bn(self, x: torch.Tensor, name: str) -> torch.Tensor:
        w = self.weight
        scale = w(f"{name}.gamma") / torch.sqrt(w(f"{name}.moving_variance") + 1e-3)
        return x * scale.view(1, -1, 1, 1) + (w(f"{name}.beta") - w(f"{name}.moving_mean") * scale).view(1, -1, 1, 1)

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        w, taps = self.weight, []
        x = F.relu6(self.bn(keras_conv(x, w("Conv1.kernel"), 2), "bn_Conv1"))
        for i, (expansion, _, stride) in enumerate(BLOCKS):
            p = "expanded_conv" if i == 0 else f"block_{i}"
            h = x
            if expansion > 1:
                h = F.relu6(self.bn(keras_conv(h, w(f"{p}_expand.kernel"), 1), f"{p}_expand_BN"))
            h = F.relu6(self.bn(keras_conv(h, w(f"{p}_depthwise.depthwise_kernel"), stride, groups=h.shape[1]),
                                f"{p}_depthwise_BN"))
            h = self.bn(keras_conv(h, w(f"{p}_project.kernel"), 1), f"{p}_project_BN")
            x = x + h if stride == 1 and h.shape[1] == x.shape[1] else h
            if i in TAPS:
                taps.append(x)
        return taps


def check_parity(features: MobileNetFeatures, folder: str = WEIGHTS, tolerance: float = 1e-3) -> float:
    """The largest difference from tfjs's outputs in parity.json, relative to each map's largest value; raises past
    `tolerance` (a mapping mistake gives differences of order 1)."""
    with open(os.path.join(folder, "parity.json")) as f:
        parity = json.load(f)
    x = torch.tensor(parity["input"], dtype=torch.float32).view(2, 64, 64, 3).permute(0, 3, 1, 2)
    with torch.no_grad():
        ours = features(x)
    worst = 0.0
    for got, want in zip(ours, parity["outputs"]):
        ref = torch.tensor(want["values"], dtype=torch.float32).view(want["shape"]).permute(0, 3, 1, 2)
        worst = max(worst, float((got - ref).abs().max() / ref.abs().max()))
    if worst > tolerance:
        raise ValueError(f"MobileNetV2 differs from tfjs's by {worst:.2e} of its range: the weights are mis-mapped")
    return worst


def down_block(c_in: int, c_out: int) -> nn.Sequential:
    return nn.Sequential(spectral_norm(nn.Conv2d(c_in, c_out, 4, 2, 1, bias=False)), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2, inplace=True))


class ProjectedDiscriminator(nn.Module):
    """[B, 3, 64, 64] in [-1, 1] -> [B] logits, the sum of one small discriminator's logit per feature scale."""

    def __init__(self, folder: str = WEIGHTS, seed: int = 0):
        super().__init__()
        self.features = MobileNetFeatures(folder)
        channels = [BLOCKS[i][1] for i in TAPS]
        # The mixing is random and fixed, as the paper's (kept by the state dict), the heads' start seeded with it;
        # torch's global generator is left as it was, so a caller's own draws do not depend on building this.
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            self.ccm = nn.ModuleList(nn.Conv2d(c, MIXED, 1) for c in channels)
            self.csm = nn.ModuleList(nn.Conv2d(MIXED, MIXED, 3, padding=1) for _ in channels)
            # 32 px -> three halvings to 4 px, 16 -> two, 8 -> one, 4 -> none; then a 4x4 convolution to one logit
            width = [MIXED, 2 * MIXED, 2 * MIXED, 2 * MIXED]  # channels after k halvings: small, for 2 CPU cores
            self.heads = nn.ModuleList(
                nn.Sequential(*[down_block(width[k], width[k + 1]) for k in range(3 - s)],
                              spectral_norm(nn.Conv2d(width[3 - s], 1, 4)))
                for s in range(len(TAPS)))
        for p in list(self.ccm.parameters()) + list(self.csm.parameters()):
            p.requires_grad_(False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        mixed = [ccm(f) for ccm, f in zip(self.ccm, self.features(x))]
        for s in range(len(mixed) - 2, -1, -1):  # top-down: each scale gets the coarser one, upsampled
            mixed[s] = mixed[s] + F.interpolate(mixed[s + 1], scale_factor=2, mode="bilinear", align_corners=False)
        return sum(head(csm(m)).flatten(1).mean(1) for head, csm, m in zip(self.heads, self.csm, mixed))

