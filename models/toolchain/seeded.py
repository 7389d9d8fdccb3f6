"""models/core/random.ts in Python: the studio's seeded normals, so a script sees the latents a seed gives in the browser."""
import math

import numpy as np


def mulberry32(seed: int):
    a = seed & 0xFFFFFFFF

    def imul(x: int, y: int) -> int:
        return (x * y) & 0xFFFFFFFF

    def uniform() -> float:
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(a ^ (a >> 15), a | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return uniform


def seeded_normals(seed: int, count: int) -> np.ndarray:
    """Box-Muller on mulberry32, float32, value for value what seededNormals(seed, count) returns."""
    uniform = mulberry32(seed)
    out = np.zeros(count, dtype=np.float32)
    for i in range(0, count, 2):
        u1 = max(uniform(), 1e-12)
        u2 = uniform()
        r = math.sqrt(-2 * math.log(u1))
        out[i] = r * math.cos(2 * math.pi * u2)
        if i + 1 < count:
            out[i + 1] = r * math.sin(2 * math.pi * u2)
    return out
