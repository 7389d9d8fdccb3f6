"""Loaders for ../shared/data: JPEG tars (faces), gzipped IDX (digits, fashion) and text."""
import gzip
import io
import os
import tarfile

import numpy as np
from PIL import Image


def load_image_tar(path: str, limit: int | None = None) -> np.ndarray:
    """All JPEG/PNG members of a tar as uint8 [N, H, W, 3], in sorted member order (deterministic)."""
    images = []
    with tarfile.open(path) as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile()), key=lambda m: m.name)
        for member in members:
            if not member.name.lower().endswith((".jpg", ".jpeg", ".png")):
                continue
            data = tar.extractfile(member).read()
            images.append(np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.uint8))
            if limit is not None and len(images) >= limit:
                break
    return np.stack(images)


def load_image_folder(path: str, limit: int | None = None) -> np.ndarray:
    """Every image in a folder (sorted by name) as uint8 [N, H, W, 3]."""
    names = sorted(n for n in os.listdir(path) if n.lower().endswith((".jpg", ".jpeg", ".png")))
    if limit is not None:
        names = names[:limit]
    return np.stack([np.asarray(Image.open(os.path.join(path, n)).convert("RGB"), dtype=np.uint8) for n in names])


def load_images(path: str, limit: int | None = None) -> np.ndarray:
    """A tar or a folder of images."""
    return load_image_folder(path, limit) if os.path.isdir(path) else load_image_tar(path, limit)


def load_idx(path: str) -> np.ndarray:
    """A (possibly gzipped) IDX file as a numpy array of its declared shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def split(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(train indices, validation indices) of n items: a seeded 5% held out."""
    order = np.random.default_rng(seed).permutation(n)
    n_val = n // 20
    return np.sort(order[n_val:]), np.sort(order[:n_val])


def write_idx(path: str, array: np.ndarray) -> None:
    """uint8 `array` as a gzipped IDX file (what load_idx and scripts/lib/images.ts read)."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    with gzip.open(path, "wb") as f:
        f.write(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def load_text(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def image_grid(images: np.ndarray, columns: int) -> Image.Image:
    """uint8 [N, H, W, 3] -> one PIL image, `columns` wide, 2 px gutters."""
    n, h, w, _ = images.shape
    rows = (n + columns - 1) // columns
    sheet = np.full((rows * (h + 2) + 2, columns * (w + 2) + 2, 3), 24, dtype=np.uint8)
    for i, img in enumerate(images):
        r, c = divmod(i, columns)
        sheet[2 + r * (h + 2): 2 + r * (h + 2) + h, 2 + c * (w + 2): 2 + c * (w + 2) + w] = img
    return Image.fromarray(sheet)
