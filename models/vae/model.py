"""Convolutional VAE (Kingma & Welling 2014), the PyTorch side. model.ts is the browser side; the parity
fixture written by export.py proves the two agree.

Layouts follow Keras (NHWC) at the flatten/reshape boundaries so the exported Dense weights need no shuffling.
"""
import math
from dataclasses import dataclass, field

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class VAEConfig:
    size: int = 28  # image side in pixels (28 for digits and fashion, 64 for faces)
    channels: int = 1  # 1 = grey, 3 = RGB
    latent: int = 32  # latent dimensions (2 for the map)
    widths: list[int] = field(default_factory=lambda: [32, 64, 128])  # conv channels; each after the first halves the side
    hidden: int = 256  # width of the dense layer between the convs and the latent; 0 = none
    likelihood: str = "bernoulli"  # "bernoulli" on x/255 (digits, fashion) or "gaussian" with a learned sigma (faces)
    min_sigma: float = 0.0  # gaussian only: floor of the learned sigma; higher trades sharp reconstructions for smooth samples

    @property
    def bottom(self) -> int:
        """Side of the smallest feature map."""
        return self.size // 2 ** (len(self.widths) - 1)


# The shipped models. Keys are registry ids.
CONFIGS = {
    "vae-mnist": VAEConfig(latent=16, widths=[32, 64, 64]),
    "vae-mnist-2d": VAEConfig(latent=2, widths=[32, 64, 64]),
    "vae-fashion": VAEConfig(latent=32, widths=[32, 64, 64]),
    "vae-fashion-2d": VAEConfig(latent=2, widths=[32, 64, 64]),
    # Trained to reconstruct clean digits from noisy or partly erased ones (train.py --denoise), for the Lab.
    "vae-mnist-denoise": VAEConfig(latent=16, widths=[32, 64, 64]),
    "vae-faces": VAEConfig(size=64, channels=3, latent=128, widths=[32, 64, 128, 256, 256], hidden=0, likelihood="gaussian", min_sigma=0.2),
}


class VAE(nn.Module):
    def __init__(self, cfg: VAEConfig):
        super().__init__()
        self.cfg = cfg
        w = cfg.widths
        # Encoder: 3x3 stem, then 4x4 stride-2 convs (PyTorch padding 1 == Keras 'same' on even sides).
        enc = [nn.Conv2d(cfg.channels, w[0], 3, 1, 1), nn.ReLU()]
        for a, b in zip(w, w[1:]):
            enc += [nn.Conv2d(a, b, 4, 2, 1), nn.ReLU()]
        self.enc_convs = nn.Sequential(*enc)  # [B, w[-1], s, s]
        flat = w[-1] * cfg.bottom ** 2
        self.enc_dense = nn.Linear(flat, cfg.hidden) if cfg.hidden else None
        self.enc_out = nn.Linear(cfg.hidden or flat, 2 * cfg.latent)  # [mu | logvar]
        # Decoder mirrors it: dense, reshape, 4x4 stride-2 transposed convs, 3x3 to the image.
        self.dec_dense = nn.Linear(cfg.latent, cfg.hidden) if cfg.hidden else None
        self.dec_project = nn.Linear(cfg.hidden or cfg.latent, flat)
        dec = []
        for a, b in zip(w[::-1], w[::-1][1:]):
            dec += [nn.ConvTranspose2d(a, b, 4, 2, 1), nn.ReLU()]
        self.dec_convs = nn.Sequential(*dec)
        self.dec_out = nn.Conv2d(w[0], cfg.channels, 3, 1, 1)  # logits (bernoulli) or pre-sigmoid mean (gaussian)
        # Gaussian decoders learn one shared pixel noise level (sigma-VAE, Rybkin et al. 2021).
        self.log_sigma = nn.Parameter(torch.tensor(-2.0)) if cfg.likelihood == "gaussian" else None

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """x [B, C, H, W] in [0, 1] -> mu, logvar [B, latent]."""
        h = self.enc_convs(x).permute(0, 2, 3, 1).flatten(1)  # NHWC flatten, as Keras does
        if self.enc_dense is not None:
            h = F.relu(self.enc_dense(h))
        mu, logvar = self.enc_out(h).chunk(2, dim=1)
        return mu, logvar

    def decode_logits(self, z: torch.Tensor) -> torch.Tensor:
        """z [B, latent] -> [B, C, H, W] before the output nonlinearity."""
        s, w = self.cfg.bottom, self.cfg.widths[-1]
        h = F.relu(self.dec_dense(z)) if self.dec_dense is not None else z
        h = F.relu(self.dec_project(h))
        h = h.view(-1, s, s, w).permute(0, 3, 1, 2)  # Keras Reshape is NHWC
        return self.dec_out(self.dec_convs(h))

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """z -> images in [0, 1] (Bernoulli means or Gaussian means)."""
        return torch.sigmoid(self.decode_logits(z))

    def loss(self, x: torch.Tensor, beta: float = 1.0, sample: bool = True,
             seen: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Per-image negative ELBO terms, summed over pixels: (reconstruction nats, KL nats, total with beta).
        `seen`: what the encoder gets instead of x (a corrupted x, for a denoising VAE); x is what it must give back."""
        mu, logvar = self.encode(x if seen is None else seen)
        z = mu + torch.randn_like(mu) * (0.5 * logvar).exp() if sample else mu
        out = self.decode_logits(z)
        if self.cfg.likelihood == "bernoulli":
            rec = F.binary_cross_entropy_with_logits(out, x, reduction="none").flatten(1).sum(1)
        else:
            log_sigma = self.log_sigma.clamp(min=math.log(self.cfg.min_sigma)) if self.cfg.min_sigma > 0 else self.log_sigma
            sigma = log_sigma.exp()
            sq = (torch.sigmoid(out) - x).pow(2).flatten(1)
            # -log N(x; mean, sigma^2), per pixel, on x in [0, 1]
            rec = (sq / (2 * sigma ** 2) + log_sigma + 0.9189385).sum(1)
        kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
        return rec, kl, rec + beta * kl
