"""A moto server (DynamoDB, S3, SQS) in its own process, with devstack.moto_speedups applied.

    python -m devstack.moto_server PORT

Prints "ready" once it answers; stops on SIGTERM or when its standard input closes.
"""
import logging
import sys


def main() -> None:
    port = int(sys.argv[1])
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from devstack import moto_speedups
    moto_speedups.install()
    from moto.server import ThreadedMotoServer
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
