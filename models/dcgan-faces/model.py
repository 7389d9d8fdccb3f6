"""DCGAN (Radford et al. 2015) at 64x64, the PyTorch side. model.ts is the browser side; the
parity fixture written by export.py proves the two agree."""
import copy
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class DCGANConfig:
    nz: int = 100  # latent size: z ~ N(0, I)
    ngf: int = 32  # generator width: channels of its last hidden layer (x8 at 4x4); 32 fits 2 CPU cores
    ndf: int = 32  # discriminator width: channels of its first layer
    bn_eps: float = 1e-5  # BatchNorm epsilon, exported as-is so tfjs matches
    sle: bool = False  # skip-layer excitation (FastGAN): 4x4 gates 16x16's channels, 8x8 gates 32x32's
    projected: bool = False  # the discriminator reads frozen MobileNetV2 features (projected.py); training only


class SkipExcitation(nn.Module):
    """FastGAN's skip-layer excitation (Liu et al. 2021): a low-resolution map, pooled to 4x4, decides how much
    of each channel of a high-resolution map passes; a short path for gradients and a global style per face."""

    def __init__(self, c_low: int, c_high: int):
        super().__init__()
        self.gate = nn.Sequential(nn.AdaptiveAvgPool2d(4), nn.Conv2d(c_low, c_high, 4, 1, 0, bias=False), nn.SiLU(),
                                  nn.Conv2d(c_high, c_high, 1, 1, 0, bias=False), nn.Sigmoid())

    def forward(self, low: torch.Tensor, high: torch.Tensor) -> torch.Tensor:
        return high * self.gate(low)  # [B, c_high, 1, 1] broadcast over high's positions


def up_block(c_in: int, c_out: int, eps: float) -> list[nn.Module]:
    """x2 upsampling: ConvTranspose(4, stride 2, pad 1) == tfjs conv2dTranspose 'same'."""
    return [nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out, eps=eps), nn.ReLU(True)]


class Generator(nn.Module):
    def __init__(self, cfg: DCGANConfig):
        super().__init__()
        g = cfg.ngf
        self.net = nn.Sequential(
            # z [B, nz, 1, 1] -> [B, 8g, 4, 4]; exported as Dense + Reshape
            nn.ConvTranspose2d(cfg.nz, g * 8, 4, 1, 0, bias=False), nn.BatchNorm2d(g * 8, eps=cfg.bn_eps), nn.ReLU(True),
            *up_block(g * 8, g * 4, cfg.bn_eps),  # -> [B, 4g, 8, 8]
            *up_block(g * 4, g * 2, cfg.bn_eps),  # -> [B, 2g, 16, 16]
            *up_block(g * 2, g, cfg.bn_eps),  # -> [B, g, 32, 32]
            nn.ConvTranspose2d(g, 3, 4, 2, 1, bias=False), nn.Tanh(),  # -> [B, 3, 64, 64] in [-1, 1]
        )
        # net's index after whose output a gate is taken -> index after whose output it is applied
        self.sle_pairs = {2: 8, 5: 11} if cfg.sle else {}
        self.sle = nn.ModuleList([SkipExcitation(g * 8, g * 2), SkipExcitation(g * 4, g)] if cfg.sle else [])

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        x = z.view(z.shape[0], -1, 1, 1)
        if not self.sle_pairs:
            return self.net(x)
        lows, gates = {}, dict(zip(self.sle_pairs.values(), zip(self.sle_pairs.keys(), self.sle)))
        for i, layer in enumerate(self.net):
            x = layer(x)
            if i in self.sle_pairs:
                lows[i] = x
            if i in gates:
                source, excite = gates[i]
                x = excite(lows[source], x)
        return x


class Discriminator(nn.Module):
    def __init__(self, cfg: DCGANConfig, low_pass: int = 1):
        super().__init__()
        self.low_pass = low_pass  # > 1: sees faces averaged over low_pass x low_pass blocks (a judge experiment)
        d = cfg.ndf
        self.net = nn.Sequential(
            nn.Conv2d(3, d, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),  # -> 32x32
            nn.Conv2d(d, d * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(d * 2), nn.LeakyReLU(0.2, True),  # -> 16
            nn.Conv2d(d * 2, d * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(d * 4), nn.LeakyReLU(0.2, True),  # -> 8
            nn.Conv2d(d * 4, d * 8, 4, 2, 1, bias=False), nn.BatchNorm2d(d * 8), nn.LeakyReLU(0.2, True),  # -> 4
            nn.Conv2d(d * 8, 1, 4, 1, 0, bias=False),  # -> [B, 1, 1, 1] logits
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.low_pass > 1:
            x = F.interpolate(F.avg_pool2d(x, self.low_pass), scale_factor=self.low_pass, mode="nearest")
        return self.net(x).view(-1)


class FaceJudge(nn.Module):
    """How well formed a generated face looks: the calibrated discriminator's layers up to its 4x4 features, averaged
    over positions, then one linear unit fitted to hand-labelled faces (higher: well formed). Of a seed's K candidate
    latents, the one this scores highest can be shown instead of the first (models/dcgan-faces-judge/README.md)."""

    def __init__(self, cfg: DCGANConfig):
        super().__init__()
        self.d = Discriminator(cfg)
        self.head = nn.Linear(8 * cfg.ndf, 1)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """[B, 3, 64, 64] in [-1, 1] -> [B, 8 ndf]: the last hidden layer, averaged over its 4x4 positions."""
        return self.d.net[:-1](x).mean(dim=(2, 3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x)).view(-1)


def init_weights(m: nn.Module) -> None:
    """Radford et al.: N(0, 0.02) for convs, N(1, 0.02) for BatchNorm scales."""
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


@torch.no_grad()
def recalibrated(G: Generator, nz: int, batches: int = 20, batch: int = 256, seed: int = 7) -> Generator:
    """A copy of G in eval mode whose BatchNorm statistics are the exact averages over fresh z.

    The EMA generator's weights never produced its own running statistics, so they are re-measured
    (momentum None = cumulative average) before sampling or export.
    """
    G = copy.deepcopy(G)
    gen = torch.Generator().manual_seed(seed)
    for m in G.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None
    G.train()
    device = next(G.parameters()).device
    for _ in range(batches):
        G(torch.randn(batch, nz, generator=gen).to(device))
    return G.eval()
