"""An OpenAI-compatible chat server on 127.0.0.1 that replays recorded model answers per article.

``kurzgefasst eval --systems llm[engine.url=…]`` then runs the real HTTP path (prompt, answer
parsing, the check, the repair request, the guard, the fallback) without a model on this
machine. The answers are a strong model's (or an editor's) boxes written to the prompt that
``kurzgefasst summarize --engine llm --show-prompt`` prints, recorded once.

Recorded answers are a JSONL file, one article per line:

    {"id": "…", "match": "a sentence of the article as the prompt has it",
     "answer": "- bullet 1\\n- bullet 2\\n- bullet 3",
     "repairs": {"rejected bullet as sent back": "- its repaired version"}}

The first request of a summary is answered with the ``answer`` of the article whose ``match``
occurs in the prompt (404 when none does: the engine then falls back, as with a real server that
fails). A repair request (the conversation continues with the model's answer and a user turn
that lists rejected bullets in „…“) is answered bullet by bullet from ``repairs``; a bullet
without a recorded repair comes back unchanged, is logged to ``--missing`` with the problem the
request names, so that the model can be asked to answer that request and the answer recorded.

    python benchmarks/llm_replay.py --answers /work/llm-rec/answers.jsonl --port 8089
    kurzgefasst eval --data … --systems 'llm[engine.url=http://127.0.0.1:8089/v1]'
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

#: A rejected bullet as the repair request lists it: "1. „text“" then "   Problem: …".
_ITEM_RE = re.compile(r"^\d+\. „(?P<text>.*)“\n\s+Problem: (?P<problem>.*)$", re.M)


class Recordings:
    """The recorded answers, and what the server was asked that it had no answer for."""

    def __init__(self, rows: list[dict[str, Any]], missing: Path | None = None) -> None:
        self.rows = rows
        self.missing = missing
        self.lock = threading.Lock()
        self.served = 0

    @classmethod
    def load(cls, path: Path, missing: Path | None = None) -> Recordings:
        with path.open(encoding="utf-8") as lines:
            return cls([json.loads(line) for line in lines if line.strip()], missing)

    def find(self, prompt: str) -> dict[str, Any] | None:
        return next((row for row in self.rows if row["match"] in prompt), None)

    def reply(self, messages: list[dict[str, str]]) -> str | None:
        """The recorded answer to this conversation, or None for an unknown article."""
        first_user = next((m["content"] for m in messages if m["role"] == "user"), "")
        row = self.find(first_user)
        if row is None:
            return None
        with self.lock:
            self.served += 1
        if len(messages) <= 2:
            return str(row["answer"])
        repairs: dict[str, str] = row.get("repairs", {})
        lines = []
        for item in _ITEM_RE.finditer(messages[-1]["content"]):
            text = item.group("text")
            fixed = repairs.get(text)
            if fixed is None:
                self._log_missing(row["id"], text, item.group("problem"), messages[-1]["content"])
                fixed = text
            lines.append(fixed if fixed.lstrip().startswith("- ") else f"- {fixed}")
        return "\n".join(lines)

    def _log_missing(self, article: str, text: str, problem: str, request: str) -> None:
        if self.missing is None:
            return
        record = {"id": article, "bullet": text, "problem": problem, "request": request}
        with self.lock, self.missing.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def make_server(recordings: Recordings, port: int = 0) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                self._send(200, {"object": "list", "data": [{"id": "recorded"}]})
            else:
                self._send(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            try:
                payload = json.loads(self.rfile.read(length))
                messages = payload["messages"]
            except (ValueError, KeyError):
                self._send(400, {"error": {"message": "not a chat completion request"}})
                return
            answer = recordings.reply(messages)
            if answer is None:
                self._send(404, {"error": {"message": "no recorded answer for this article"}})
                return
            self._send(
                200,
                {
                    "object": "chat.completion",
                    "model": "recorded",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": answer},
                            "finish_reason": "stop",
                        }
                    ],
                },
            )

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=Path, required=True, help="recorded answers (JSONL)")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument(
        "--missing", type=Path, help="append repair requests without a recorded answer here"
    )
    args = parser.parse_args(argv)
    server = make_server(Recordings.load(args.answers, args.missing), args.port)
    print(f"replaying {args.answers} on http://127.0.0.1:{server.server_address[1]}/v1", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
