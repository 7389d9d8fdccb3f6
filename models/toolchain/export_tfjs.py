"""PyTorch -> tfjs layers format (model.json + weight shards), the registry entry and a parity fixture.

A model's export script builds the Keras layer configs and the list of named numpy weights (already in
Keras layout); this module writes them under public/models/<id>/<version>/ with float16 or uint8
quantisation, records bytes and sha256 of every file in models/<id>/export.json (which
models/registry.ts reads), and writes models/<id>/parity.json for the TypeScript parity test.
"""
import hashlib
import json
import os

import numpy as np
import torch.nn as nn

SHARD_BYTES = 4 * 1024 * 1024
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


# Keras layer configs and weights (in Keras layout) from PyTorch modules, for the export scripts.
def conv_layer(name: str, m: nn.Module, activation: str, first_shape: list | None = None) -> tuple[dict, list]:
    """Conv2d -> Keras Conv2D ([out, in, kh, kw] -> [kh, kw, in, out]); ConvTranspose2d -> Conv2DTranspose
    ([in, out, kh, kw] -> [kh, kw, out, in]). Stride 2 with PyTorch padding 1 is Keras 'same' on even sides."""
    transposed = isinstance(m, nn.ConvTranspose2d)
    config = {"name": name, "filters": m.out_channels, "kernel_size": list(m.kernel_size), "strides": list(m.stride),
              "padding": "same", "activation": activation, "use_bias": m.bias is not None, "data_format": "channels_last"}
    if first_shape:
        config["batch_input_shape"] = first_shape
    kernel = m.weight.detach().numpy().transpose(2, 3, 1, 0)  # the same permutation serves both layouts
    layer = {"class_name": "Conv2DTranspose" if transposed else "Conv2D", "config": config}
    bias = [(f"{name}/bias", m.bias.detach().numpy())] if m.bias is not None else []
    return layer, [(f"{name}/kernel", kernel), *bias]


def batchnorm_layer(name: str, m: nn.BatchNorm2d) -> tuple[dict, list]:
    """BatchNorm2d in inference mode -> Keras BatchNormalization (the running statistics as moving ones)."""
    config = {"name": name, "axis": -1, "epsilon": m.eps, "momentum": 0.9, "center": True, "scale": True}
    weights = [(f"{name}/gamma", m.weight.detach().numpy()), (f"{name}/beta", m.bias.detach().numpy()),
               (f"{name}/moving_mean", m.running_mean.numpy()), (f"{name}/moving_variance", m.running_var.numpy())]
    return {"class_name": "BatchNormalization", "config": config}, weights


def dense_layer(name: str, m: nn.Linear, activation: str, first_shape: list | None = None) -> tuple[dict, list]:
    config = {"name": name, "units": m.out_features, "activation": activation, "use_bias": True}
    if first_shape:
        config["batch_input_shape"] = first_shape
    return {"class_name": "Dense", "config": config}, [(f"{name}/kernel", m.weight.detach().numpy().T), (f"{name}/bias", m.bias.detach().numpy())]


def sequential(name: str, parts: list[tuple[dict, list]]) -> tuple[dict, list]:
    return {"class_name": "Sequential", "config": {"name": name, "layers": [p[0] for p in parts]}}, [w for p in parts for w in p[1]]


def quantise(values: np.ndarray, dtype: str) -> tuple[bytes, dict | None, np.ndarray]:
    """Bytes as stored, the manifest's quantization entry, and the values tfjs will see after decoding."""
    values = np.ascontiguousarray(values, dtype=np.float32)
    if dtype == "float32":
        return values.tobytes(), None, values
    if dtype == "float16":
        half = values.astype("<f2")
        return half.tobytes(), {"dtype": "float16"}, half.astype(np.float32)
    if dtype == "uint8":
        lo, hi = float(values.min()), float(values.max())
        scale = (hi - lo) / 255 or 1.0
        q = np.round((values - lo) / scale).astype(np.uint8)
        return q.tobytes(), {"dtype": "uint8", "min": lo, "scale": scale}, (q.astype(np.float32) * scale + lo)
    raise ValueError(dtype)


def write_layers_model(model_id: str, version: str, model_config: dict, weights: list[tuple[str, np.ndarray]],
                       dtype: str = "float16", name: str = "model",
                       dtypes: dict[str, str] | None = None) -> tuple[list[dict], dict[str, np.ndarray]]:
    """Writes <name>.json and its shards; returns the registry file list and the decoded (as-shipped) weights.

    `dtypes` overrides `dtype` per weight name (e.g. float16 biases next to uint8 kernels).
    A model of several networks (a VAE's encoder and decoder) calls this once per network with its own name.
    """
    out = os.path.join(REPO, "public", "models", model_id, version)
    os.makedirs(out, exist_ok=True)
    blob, specs, shipped = b"", [], {}
    for weight_name, value in weights:
        data, quant, decoded = quantise(value, (dtypes or {}).get(weight_name, dtype))
        spec = {"name": weight_name, "shape": list(value.shape), "dtype": "float32"}
        if quant:
            spec["quantization"] = quant
        specs.append(spec)
        shipped[weight_name] = decoded.reshape(value.shape)
        blob += data
    n = max(1, -(-len(blob) // SHARD_BYTES))
    prefix = "group1" if name == "model" else name
    paths = [f"{prefix}-shard{i + 1}of{n}.bin" for i in range(n)]
    files = []
    model_json = json.dumps({
        "format": "layers-model",
        "generatedBy": f"neural-atelier models/toolchain/export_tfjs.py ({model_id} v{version})",
        "modelTopology": {"class_name": model_config["class_name"], "config": model_config["config"],
                          "keras_version": "tfjs-layers 4.22.0", "backend": "tensor_flow.js"},
        "weightsManifest": [{"paths": paths, "weights": specs}],
    }, separators=(",", ":")).encode()
    for file_name, data in [(f"{name}.json", model_json)] + [(p, blob[i * SHARD_BYTES:(i + 1) * SHARD_BYTES]) for i, p in enumerate(paths)]:
        with open(os.path.join(out, file_name), "wb") as f:
            f.write(data)
        files.append({"name": file_name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    return files, shipped


def write_export_record(model_id: str, version: str, files: list[dict], **facts) -> None:
    """models/<id>/export.json: what the registry lists for this model (files, sizes, sha256, version).
    The record of an earlier version moves to export-v<N>.json: its files stay served, so old links load them."""
    path = os.path.join(REPO, "models", model_id, "export.json")
    if os.path.exists(path):
        with open(path) as f:
            previous = json.load(f)
        if previous["version"] != version:
            os.replace(path, os.path.join(REPO, "models", model_id, f"export-v{previous['version']}.json"))
    record = {"id": model_id, "version": version, "files": files, **facts}
    with open(path, "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")


def write_parity_fixture(model_id: str, inputs: np.ndarray, outputs: np.ndarray, note: str, name: str = "parity") -> None:
    """models/<id>/<name>.json: inputs and the outputs the shipped weights must reproduce in tfjs."""
    fixture = {"note": note, "inputShape": list(inputs.shape), "outputShape": list(outputs.shape),
               "inputs": np.round(inputs.astype(np.float64), 7).ravel().tolist(),
               "outputs": np.round(outputs.astype(np.float64), 6).ravel().tolist()}
    with open(os.path.join(REPO, "models", model_id, f"{name}.json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))


def read_layers_weights(model_id: str, version: str, name: str = "model") -> dict[str, np.ndarray]:
    """The decoded weights of a shipped tfjs layers model, as tfjs sees them (the inverse of write_layers_model)."""
    folder = os.path.join(REPO, "public", "models", model_id, version)
    with open(os.path.join(folder, f"{name}.json")) as f:
        manifest = json.load(f)["weightsManifest"][0]
    blob = b"".join(open(os.path.join(folder, p), "rb").read() for p in manifest["paths"])
    weights, at = {}, 0
    for spec in manifest["weights"]:
        count = int(np.prod(spec["shape"]))
        quant = (spec.get("quantization") or {}).get("dtype", "float32")
        if quant == "float16":
            values = np.frombuffer(blob, "<f2", count, at).astype(np.float32); at += 2 * count
        elif quant == "uint8":
            q = spec["quantization"]
            values = np.frombuffer(blob, np.uint8, count, at).astype(np.float32) * q["scale"] + q["min"]; at += count
        else:
            values = np.frombuffer(blob, "<f4", count, at).copy(); at += 4 * count
        weights[spec["name"]] = values.reshape(spec["shape"])
    return weights
