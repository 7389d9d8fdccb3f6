"""CharRNN (Karpathy 2015): a 2-layer LSTM that reads one character at a time and predicts the next.

The PyTorch side, used for training. model.ts is the browser side (one step per character, state kept);
the parity fixture written by export.py proves the two agree.
"""
from dataclasses import dataclass

import torch
import torch.nn as nn

# One vocabulary for every text and music model: newline, printable ASCII, and UNK for anything else.
# Shared vocabularies make `npm run eval -- text` meaningful on any file, for any model.
UNK = "\u0000"
VOCAB = "\n" + "".join(chr(c) for c in range(32, 127)) + UNK
INDEX = {ch: i for i, ch in enumerate(VOCAB)}
# Typography a model never saw in training maps to its ASCII form (lib and eval apply the same table).
TYPOGRAPHY = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-",
              "\u2026": "...", "\r": "", "\t": " ", "\u00a0": " "}


def normalize_text(text: str) -> str:
    """Typographic quotes and dashes to ASCII, CR dropped; any other character outside VOCAB becomes UNK."""
    out = "".join(TYPOGRAPHY.get(ch, ch) for ch in text)
    return "".join(ch if ch in INDEX else UNK for ch in out)


def encode(text: str) -> list[int]:
    return [INDEX[ch] for ch in normalize_text(text)]


@dataclass
class CharRNNConfig:
    vocab: int = len(VOCAB)  # tokens: newline, 95 printable ASCII, UNK
    embed: int = 64  # size of each character's learned embedding (the LSTM's input)
    hidden: int = 512  # LSTM units per layer
    layers: int = 2  # stacked LSTM layers
    dropout: float = 0.25  # between layers and before the output (training only)


class CharRNN(nn.Module):
    def __init__(self, cfg: CharRNNConfig):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(cfg.vocab, cfg.embed)
        self.lstm = nn.LSTM(cfg.embed, cfg.hidden, cfg.layers, batch_first=True, dropout=cfg.dropout)
        self.drop = nn.Dropout(cfg.dropout)
        self.head = nn.Linear(cfg.hidden, cfg.vocab)

    def forward(self, tokens: torch.Tensor, state=None):
        """tokens [B, T] int64 -> logits [B, T, vocab], (h, c) each [layers, B, hidden]."""
        x = self.embed(tokens)  # [B, T, E]
        y, state = self.lstm(x, state)  # [B, T, H]
        return self.head(self.drop(y)), state
