"""Line-buffered training log: one JSON object per line, easy to tail and to plot."""
import json
import time


class TrainLog:
    def __init__(self, path: str):
        self.file = open(path, "a", buffering=1)
        self.started = time.time()

    def write(self, **fields) -> None:
        fields.setdefault("t", round(time.time() - self.started, 1))
        self.file.write(json.dumps(fields) + "\n")
