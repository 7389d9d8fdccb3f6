"""Neural Atelier training toolchain: data, checkpoints, logs and tfjs export shared by every model we train."""
