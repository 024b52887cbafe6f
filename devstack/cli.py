"""What bin/lf and bin/webhook share: one line on stderr instead of a traceback, and a quiet exit
when the reader of their output has gone."""
import os
import sys

EXIT_NO_CALL = 2        # the call could not be made: usage, files, the stack not running
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE, what a shell reports for a tool killed by a closed pipe


class CallError(Exception):
    """Why a client could not make its call, said in one line."""


def load_entry(path, name: str, missing: str, unknown: str) -> dict:
    """One entry of a JSON file make run writes (credentials by role, integrations by kind)."""
    import json
    try:
        entries = json.loads(path.read_text())
    except FileNotFoundError:
        raise CallError(missing) from None
    except (OSError, ValueError) as exc:
        raise CallError(f"cannot read {path}: {exc}") from None
    if name not in entries:
        raise CallError(unknown.format(known=", ".join(entries)))
    return entries[name]


def fail(prog: str, error: CallError) -> int:
    print(f"{prog}: {error}", file=sys.stderr)
    return EXIT_NO_CALL


def output_closed() -> int:
    """stdout's reader has gone (`bin/lf ... | head -1`): stop without a word.

    What is still buffered goes to /dev/null, or Python's flush at exit raises BrokenPipeError again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):       # stdout is no file (tests)
        pass
    return EXIT_PIPE_CLOSED
