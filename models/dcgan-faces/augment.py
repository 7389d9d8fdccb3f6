"""Differentiable augmentation for the discriminator (DiffAugment, Zhao et al. 2020).

With 17,737 faces the discriminator starts to memorise them after a few dozen epochs (its loss sits near its
floor while the generator's samples stop improving). Showing it real and generated faces through the same random
colour shift, translation and cutout, in both the D and the G step, keeps it from memorising while the generator
still learns undistorted faces: the augmentations are differentiable and applied to both sides alike.
Draws come from the caller's seeded CPU generator, so a run's augmentations do not depend on the device.
"""
import torch
import torch.nn.functional as F


def diff_augment(x: torch.Tensor, gen: torch.Generator, shift: float = 0.125, cut: float = 0.5) -> torch.Tensor:
    """x [B, 3, H, W] in [-1, 1] -> the same batch with colour, translation and cutout applied per image."""
    return cutout(translate(colour(x, gen), gen, shift), gen, cut)


def _rand(gen: torch.Generator, x: torch.Tensor, *shape: int) -> torch.Tensor:
    return torch.rand(*shape, generator=gen).to(x.device)


def colour(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Brightness +-0.5, saturation x[0, 2), contrast x[0.5, 1.5), per image."""
    b = x.shape[0]
    x = x + (_rand(gen, x, b, 1, 1, 1) - 0.5)
    grey = x.mean(dim=1, keepdim=True)
    x = (x - grey) * (_rand(gen, x, b, 1, 1, 1) * 2) + grey
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    return (x - mean) * (_rand(gen, x, b, 1, 1, 1) + 0.5) + mean


def translate(x: torch.Tensor, gen: torch.Generator, ratio: float) -> torch.Tensor:
    """Shift each image by up to ratio x its size in each direction; what comes in from outside is zero."""
    b, _, h, w = x.shape
    sh, sw = int(h * ratio + 0.5), int(w * ratio + 0.5)
    dy = torch.randint(-sh, sh + 1, (b, 1, 1), generator=gen).to(x.device)
    dx = torch.randint(-sw, sw + 1, (b, 1, 1), generator=gen).to(x.device)
    rows = torch.arange(h, device=x.device).view(1, h, 1) + dy + 1  # +1: index into the padded copy
    cols = torch.arange(w, device=x.device).view(1, 1, w) + dx + 1
    rows, cols = rows.clamp(0, h + 1).expand(b, h, w), cols.clamp(0, w + 1).expand(b, h, w)
    padded = F.pad(x, [1, 1, 1, 1])  # a zero border: indices beyond the image land on it
    batch = torch.arange(b, device=x.device).view(b, 1, 1).expand(b, h, w)
    return padded.permute(0, 2, 3, 1)[batch, rows, cols].permute(0, 3, 1, 2)


def cutout(x: torch.Tensor, gen: torch.Generator, ratio: float) -> torch.Tensor:
    """Zero one square of ratio x the image's size per image, placed at random (it may hang over the edge)."""
    b, _, h, w = x.shape
    ch, cw = int(h * ratio + 0.5), int(w * ratio + 0.5)
    cy = torch.randint(0, h + (1 - ch % 2), (b, 1, 1), generator=gen).to(x.device)
    cx = torch.randint(0, w + (1 - cw % 2), (b, 1, 1), generator=gen).to(x.device)
    ys = torch.arange(h, device=x.device).view(1, h, 1)
    xs = torch.arange(w, device=x.device).view(1, 1, w)
    inside = ((ys - cy).abs() < ch // 2) & ((xs - cx).abs() < cw // 2)  # [B, H, W]
    return x * (~inside).unsqueeze(1).to(x.dtype)
