"""``prompt-gateway``: serve | score | train | hash-key."""
from __future__ import annotations

import argparse
import os
import sys


def serve(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="prompt-gateway serve",
                                 description="Run the gateway (settings from the environment; see README).")
    ap.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    ap.add_argument("--policy", default=None, help="policy YAML file (else POLICY_FILE, else built-in defaults)")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn workers (set PROMETHEUS_MULTIPROC_DIR when > 1)")
    ap.add_argument("--log-level", default="info")
    args = ap.parse_args(argv)
    if args.policy:
        os.environ["POLICY_FILE"] = args.policy
    import uvicorn

    uvicorn.run("gateway.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                log_level=args.log_level, access_log=False)
    return 0


def hash_key(argv: list[str]) -> int:
    from .auth import hash_key as h

    if not argv:
        print("usage: prompt-gateway hash-key KEY", file=sys.stderr)
        return 2
    print(h(argv[0]))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"serve": serve, "hash-key": hash_key}
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in commands | {"score": 0, "train": 0, "export-gpu": 0}:
        print("usage: prompt-gateway {serve,score,train,export-gpu,hash-key} [options]\n"
              "  serve     run the gateway (--host, --port, --policy)\n"
              "  score     inspect a request file or stdin (FILE|- [--json])\n"
              "  train     rebuild the models (needs the [train] extra)\n"
              "  export-gpu  build the fp16/fp32 GPU encoder next to the int8 one (needs the [train] extra)\n"
              "  hash-key  print the sha256 of a gateway/admin key for API_KEYS / ADMIN_KEY_SHA256",
              file=sys.stderr if argv and argv[0] not in ("-h", "--help") else sys.stdout)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "score":
        from detectors.cli import score_main

        return score_main(rest)
    if cmd == "train":
        from detectors.training.pipeline import main as train_main

        return train_main(rest)
    if cmd == "export-gpu":
        from detectors.training.export_gpu import main as export_main

        return export_main(rest)
    return commands[cmd](rest)


if __name__ == "__main__":
    sys.exit(main())
