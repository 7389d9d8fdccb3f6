"""The model card (models/<id>/README.md) of a VAE, written from the facts export.py measured."""
import os

from toolchain.export_tfjs import REPO

DATA = {
    "mnist": ("../shared/data/mnist (9,003 MNIST digits, a class-stratified 90% subset of the training set)",
              "MNIST, commonly CC BY-SA 3.0"),
    "fashion": ("../shared/data/fashion-mnist (the 60,000 Fashion-MNIST training images)", "MIT (Zalando)"),
    "faces": ("../shared/data/faces-celeba64, the 9,000 aligned 64x64 CelebA faces (celeba64_aligned_train9000.tar)",
              "CelebA: non-commercial research use only; the weights inherit that restriction"),
}


def write_card(model_id: str, f: dict) -> None:
    dataset = model_id.split("-")[1]
    data, license_ = DATA[dataset]
    cfg = f["cfg"]
    gaussian = cfg["likelihood"] == "gaussian"
    aug = ", ".join(a for a in [f"random shifts of up to {f['shift']} px" if f["shift"] else "",
                                "horizontal flips" if f["flip"] else ""] if a) or "none"
    likelihood = ("Gaussian with one learned pixel sigma (sigma-VAE) on x in [0, 1]" if gaussian
                  else "Bernoulli on x/255 (summed binary cross-entropy)")
    quality = [
        f"- Validation negative ELBO (reconstruction + KL, one z sample, seeded), {f['val_images']} held-out images: "
        f"**{f['val_nelbo_shipped']:.2f} nats/image** with the shipped {f['dtype']} weights "
        f"(reconstruction {f['val_rec_shipped']:.2f} + KL {f['val_kl_shipped']:.2f}; {f['val_nelbo_training']:.2f} before export).",
    ]
    if f.get("denoise"):
        quality.append(f"- Denoising, the {f['val_images']} held-out digits corrupted as in training (Gaussian noise of a random strength up to "
                       f"0.5, half with an 8-px square wiped): mean squared error per pixel **{f['val_mse_noisy']:.4f}** noisy, "
                       f"**{f['val_mse_cleaned']:.4f}** after encode -> decode (x in [0, 1]).")
    if gaussian:
        quality.append(f"- Mean squared error per pixel of mean reconstructions on the held-out faces: {f['val_mse_per_pixel']:.5f} "
                       f"(x in [0, 1]); decoder sigma {f['sigma']:.4f} (learned, floored at {cfg['min_sigma']}). A Gaussian likelihood on continuous "
                       "pixels is a density, so the negative ELBO is negative.")
    text = f"""# {model_id}

{"A denoising convolutional variational autoencoder for the Lab: its encoder sees digits with noise added or a patch wiped (`--denoise`), its decoder must give back the clean digit." if f.get("denoise") else "A convolutional variational autoencoder (encoder and decoder) for the Latent studio."}

- **Architecture**: {cfg['size']}x{cfg['size']}x{cfg['channels']} input; encoder: 3x3 conv ({cfg['widths'][0]}), then 4x4 stride-2
  convs ({', '.join(map(str, cfg['widths'][1:]))}), {'dense ' + str(cfg['hidden']) + ', ' if cfg['hidden'] else ''}dense to mu and
  log-variance of a **{cfg['latent']}-D** latent; the decoder mirrors it (transposed convs, sigmoid output). ReLU throughout.
  Source: models/vae/model.py (PyTorch), exported by models/vae/export.py to tfjs layers format; parity fixtures
  parity-encoder.json and parity-decoder.json.
- **Likelihood**: {likelihood}.
- **Data**: {data}. Validation: a seeded 5% ({f['val_images']} images) held out of that folder, never trained on;
  training on the other {f['train_images']}. Augmentation: {aug}.
- **License of the weights**: {license_}.
- **Training**: `{f['train_command']}`
  (AdamW, learning rate cosine-annealed to 2% over the time budget, batch 128, KL weight ramped 0.1 -> 1 over the first 5% of the budget; the checkpoint with the
  best validation ELBO is kept): {f['step']:,} steps, {f['epochs']} epochs, {f['train_wall_s']} s wall time on
  {f['machine']}. Then
  `python3 models/vae/export.py --model {model_id} --run <run folder> --version N` ({f['dtype']} kernels, float16 biases).

## Measured quality
{chr(10).join(quality)}

Samples from the prior (z ~ N(0, I)) decoded by the shipped weights:

![Samples from the prior, decoded by the shipped weights](samples.png)
"""
    with open(os.path.join(REPO, "models", model_id, "README.md"), "w") as fh:
        fh.write(text)
