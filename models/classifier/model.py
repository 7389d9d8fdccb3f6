"""The Lab's digit classifier: a small CNN whose every layer the Lab shows (app/lab), small enough to read.

28x28x1 digit in [0, 1] -> conv 3x3 (16) -> ReLU -> max-pool 2 -> conv 3x3 (32) -> ReLU -> max-pool 2 -> dense 64
-> ReLU -> dense 10 (logits). model.ts runs the same network in tfjs from export.py's files; the parity fixture
(models/<id>/parity.json) proves the two agree.
"""
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ClassifierConfig:
    size: int = 28  # side of the square input, px
    conv1: int = 16  # channels of the first 3x3 convolution
    conv2: int = 32  # channels of the second
    hidden: int = 64  # units of the dense layer before the logits
    classes: int = 10  # digits 0-9


class DigitCNN(nn.Module):
    def __init__(self, cfg: ClassifierConfig):
        super().__init__()
        self.cfg = cfg
        self.conv1 = nn.Conv2d(1, cfg.conv1, 3, padding=1)
        self.conv2 = nn.Conv2d(cfg.conv1, cfg.conv2, 3, padding=1)
        side = cfg.size // 4
        self.dense = nn.Linear(side * side * cfg.conv2, cfg.hidden)
        self.logits = nn.Linear(cfg.hidden, cfg.classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x [B, 1, 28, 28] in [0, 1] -> logits [B, 10]."""
        h = F.max_pool2d(F.relu(self.conv1(x)), 2)  # [B, 16, 14, 14]
        h = F.max_pool2d(F.relu(self.conv2(h)), 2)  # [B, 32, 7, 7]
        # Flattened in height, width, channel order, as tfjs's Flatten does on NHWC: the dense kernel then exports as is.
        h = h.permute(0, 2, 3, 1).flatten(1)  # [B, 1568]
        return self.logits(F.relu(self.dense(h)))
