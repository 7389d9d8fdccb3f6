#!/bin/sh
# Training for one short GPU loan: three face generator recipes and three Shakespeare CharRNN recipes at once on
# one GPU, for MINUTES each; the run folders (weights, logs, sample grids) land in $OUT (runs/gpu-out when unset).
#
# Prepared on the CPU side, because the lent machine sees only the working tree and the carried paths, 64 MiB in
# all, and the tracked tree is already near 59 MB. The faces (48 MB) fit only while the shipped weights and
# checkpoints stay behind (training needs none of them; every run starts fresh, which a GPU does in minutes):
#   mkdir -p runs/gpu-data && cp -r ../shared/data/faces-celeba64 ../shared/data/text-tinyshakespeare runs/gpu-data/
#   rm runs/gpu-data/faces-celeba64/preview.png
#   mkdir -p runs/stay && mv public/models models/dcgan-faces/checkpoint models/charrnn-shakespeare/checkpoint runs/stay/
#   npx tsx scripts/extract-mobilenet.ts   (the projected discriminator's frozen MobileNetV2: runs/mobilenet-v2, 2.7 MB)
# then, with the device tool: command "sh scripts/train-on-gpu.sh 8", carry ["runs/gpu-data", "runs/mobilenet-v2"];
# afterwards put the moved folders back (git status must be clean again). Seven files come back (see the end).
# Back here: python3 models/dcgan-faces/export.py --run <out>/dcgan-faces ... and
# python3 models/charrnn/export.py --run <out>/charrnn-<recipe> ... (their cards say which figures to compare).
set -eu
MINUTES=${1:-8}
export ATELIER_DATA="$PWD/runs/gpu-data"
OUT=${OUT:-$PWD/runs/gpu-out}
mkdir -p "$OUT"
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"

# Faces: three fresh runs side by side, bigger batches than on the CPU: version 4's recipe, the same generator
# against a discriminator twice as wide that sees every face through DiffAugment (models/dcgan-faces/augment.py), and
# against Projected GAN's discriminator on frozen MobileNetV2 features (models/dcgan-faces/projected.py).
faces() {
  name=$1; shift
  python3 models/dcgan-faces/train.py --fresh --out "$OUT/$name" --minutes "$MINUTES" --batch 128 --save-every-s 120 "$@" \
    > "$OUT/$name.log" 2>&1 &
}
faces dcgan-faces
faces dcgan-faces-da --diffaug --ndf 64
faces dcgan-faces-projected --diffaug --projected

# Shakespeare: fresh runs on the held-out split (the last 10% is test text, the 5% before it picks the checkpoint),
# same 2 x 512 LSTM as version 1 (so the same speed in the browser), stronger regularisation than version 1's.
charrnn() {
  name=$1; shift
  python3 models/charrnn/train.py --corpus shakespeare --fresh --test-frac 0.1 --minutes "$MINUTES" --eval-every 100 \
    --out "$OUT/charrnn-$name" "$@" > "$OUT/charrnn-$name.log" 2>&1 &
}
charrnn d05-wd01 --dropout 0.5 --weight-decay 0.1
charrnn d04-wd005 --dropout 0.4 --weight-decay 0.05
charrnn d03-wd001 --dropout 0.3 --weight-decay 0.01

wait
tail -n 3 "$OUT"/*.log "$OUT"/*/train.log
# What comes back (at most 8 files, 16 MiB each): each CharRNN's best.pt (13 MB), each face run's generator.pt
# (the EMA generator and its progress, 5 MB; export.py reads it), and one archive of the logs and sample grids.
for run in "$OUT"/dcgan-faces*/; do
  python3 models/dcgan-faces/train.py --out "$run" --generator-only
done
tar -czf "$OUT/logs.tar.gz" -C "$OUT" $(cd "$OUT" && ls -d *.log */train.log */samples.png 2>/dev/null)
rm -f "$OUT"/*.log "$OUT"/*/train.log "$OUT"/*/samples.png "$OUT"/*/working.pt
ls -l "$OUT" "$OUT"/*/
