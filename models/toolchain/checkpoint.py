"""Resumable training state.

Working checkpoints (full precision, optimiser state) live in an ignored folder and are rewritten
every few minutes. A compact checkpoint (float16, shards under 16 MiB) is what gets committed at the end
of a stretch of training, so a later run, maybe on another machine, can go on training.
"""
import glob
import io
import json
import os

import torch

SHARD_BYTES = 15 * 1024 * 1024


def save_working(path: str, state: dict) -> None:
    """Atomic write: a crash mid-save never leaves a truncated checkpoint behind."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)


def load_working(path: str) -> dict | None:
    return torch.load(path, map_location="cpu") if os.path.exists(path) else None


def _to_half(obj):
    if torch.is_tensor(obj):
        return obj.half() if obj.is_floating_point() else obj
    if isinstance(obj, dict):
        return {k: _to_half(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to_half(v) for v in obj)
    return obj


def _to_float(obj):
    if torch.is_tensor(obj):
        return obj.float() if obj.dtype == torch.float16 else obj
    if isinstance(obj, dict):
        return {k: _to_float(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to_float(v) for v in obj)
    return obj


def save_compact(folder: str, state: dict, keep_float32: tuple[str, ...] = ()) -> list[str]:
    """float16 copy of `state`, split into shards under 16 MiB: folder/ckpt.json + ckpt-NNN.bin.

    Entries named in `keep_float32` stay float32: Adam's second moments (~1e-8) underflow in float16,
    and a resumed run would then take enormous first steps.
    """
    os.makedirs(folder, exist_ok=True)
    for old in glob.glob(os.path.join(folder, "ckpt-*.bin")):
        os.remove(old)
    buf = io.BytesIO()
    torch.save({k: (v if k in keep_float32 else _to_half(v)) for k, v in state.items()}, buf)
    blob = buf.getvalue()
    names = []
    for i in range(0, len(blob), SHARD_BYTES):
        name = f"ckpt-{i // SHARD_BYTES:03d}.bin"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(blob[i:i + SHARD_BYTES])
        names.append(name)
    with open(os.path.join(folder, "ckpt.json"), "w") as f:
        json.dump({"shards": names, "bytes": len(blob), "step": state.get("step")}, f, indent=1)
    return names


def load_compact(folder: str) -> dict | None:
    index = os.path.join(folder, "ckpt.json")
    if not os.path.exists(index):
        return None
    with open(index) as f:
        meta = json.load(f)
    blob = b"".join(open(os.path.join(folder, n), "rb").read() for n in meta["shards"])
    return _to_float(torch.load(io.BytesIO(blob), map_location="cpu"))


def save_snapshot(folder: str, snapshot: dict, is_best: bool) -> None:
    """The working checkpoint (with optimiser state, to resume) and, when it beats every earlier one on
    validation, best.pt without the optimiser (what the exporter reads)."""
    if is_best:
        save_working(os.path.join(folder, "best.pt"), {k: v for k, v in snapshot.items() if k != "opt"})
    save_working(os.path.join(folder, "working.pt"), snapshot)
