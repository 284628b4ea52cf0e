"""``python -m detectors score FILE`` — the engine's CLI without the gateway installed."""
import sys

from .cli import score_main

if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "score":
        args = args[1:]
    sys.exit(score_main(args))
