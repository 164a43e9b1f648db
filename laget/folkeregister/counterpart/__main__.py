"""python -m laget.folkeregister.counterpart: serve the stand-in register on 127.0.0.1.

For the demo: `--demo-keys var/folkeregister` makes a throwaway key and certificate there the
first time, and prints the settings Laget's client needs to reach this counterpart;
`--population FILE` adds the demo's story families (written by `manage.py demo_population`).
"""

import argparse
import json
import socket
import sys
from pathlib import Path

from laget.folkeregister.counterpart.keys import ensure_key_pair
from laget.folkeregister.counterpart.population import CHANGES
from laget.folkeregister.counterpart.server import (
    BASE_PATH,
    TOKEN_PATH,
    CounterpartServer,
    Options,
    State,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8790, help="0: a free port")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--certificate", type=Path, help="PEM certificate or public key of the client"
    )
    group.add_argument("--demo-keys", type=Path, help="folder for a throwaway key pair (demo)")
    parser.add_argument("--client-id", default="laget-demo")
    parser.add_argument("--audience", default="", help="default: this server's URL")
    parser.add_argument(
        "--applied",
        type=int,
        default=None,
        help=f"scripted changes made at start, 0..{len(CHANGES)} (default: all)",
    )
    parser.add_argument("--token-seconds", type=int, default=120)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument(
        "--population",
        type=Path,
        default=None,
        help="a JSON file of extra fictional people (counterpart/extra.py), e.g. the demo's",
    )
    args = parser.parse_args(argv)

    key_path = None
    if args.demo_keys:
        key_path, certificate_path = ensure_key_pair(args.demo_keys)
    else:
        certificate_path = args.certificate
    port = args.port or _free_port()
    origin = f"http://127.0.0.1:{port}"
    options = Options(
        certificate_pem=certificate_path.read_bytes(),
        client_id=args.client_id,
        audience=args.audience or f"{origin}/",
        applied=args.applied,
        token_seconds=args.token_seconds,
        page_size=args.page_size,
        extra=json.loads(args.population.read_text()) if args.population else None,
    )
    server = CounterpartServer(("127.0.0.1", port), State(options))
    print(f"folkeregister counterpart on {origin}", flush=True)
    if key_path is not None:
        print(
            "\n".join(
                [
                    f"LAGET_FOLKEREGISTER_URL={origin}{BASE_PATH}",
                    f"LAGET_FOLKEREGISTER_TOKEN_URL={origin}{TOKEN_PATH}",
                    f"LAGET_FOLKEREGISTER_CLIENT_ID={options.client_id}",
                    f"LAGET_FOLKEREGISTER_AUDIENCE={options.audience}",
                    f"LAGET_FOLKEREGISTER_KEY_PATH={key_path}",
                    f"LAGET_FOLKEREGISTER_CERTIFICATE_PATH={certificate_path}",
                ]
            ),
            flush=True,
        )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
