"""SafeReplay for Python: the C ABI (libsafereplay) over ctypes.

    import safereplay

    with safereplay.Policy.load(open("policy.json", "rb").read()) as policy:
        with safereplay.Session(policy, spool_dir=None) as session:
            session.ingest_json(b'{"type":4,"data":{"href":"https://shop.example/","width":800,"height":600},"timestamp":1}')
            session.touch(0, safereplay.TOUCH_DOWN, 10.0, 20.0, 1700000000000)
            session.end()
            for envelope in session.batches():      # bytes of each batch envelope (UTF-8 JSON)
                ...

Every failure raises SafeReplayError (a subclass per status code) carrying the status, its
name and the library's message (sr_last_error) and error document (sr_last_error_json).

The library is found, in order: $SAFEREPLAY_LIBRARY (a path), the build tree of this
repository (Bindings/build/lib/libsafereplay.so.1), then the system's loader path.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import threading
from typing import Callable, Iterator, Mapping, Optional, Union

__all__ = [
    "abi_version", "Policy", "Session", "Response",
    "SafeReplayError", "ArgumentError", "JSONError", "PolicyError", "StateError", "IOError_", "LimitError",
    "InternalError",
    "TOUCH_DOWN", "TOUCH_MOVE", "TOUCH_UP", "TOUCH_CANCEL", "ABI_VERSION_MAJOR",
]

ABI_VERSION_MAJOR = 1
TOUCH_DOWN, TOUCH_MOVE, TOUCH_UP, TOUCH_CANCEL = 0, 1, 2, 3

Bytes = Union[bytes, bytearray, memoryview, str]


# --------------------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------------------

def _find_library() -> str:
    explicit = os.environ.get("SAFEREPLAY_LIBRARY")
    if explicit:
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    built = os.path.join(here, "..", "..", "build", "lib", "libsafereplay.so.1")
    if os.path.exists(built):
        return os.path.normpath(built)
    found = ctypes.util.find_library("safereplay")
    if found:
        return found
    raise OSError("libsafereplay not found: build it with Bindings/build.sh or set SAFEREPLAY_LIBRARY")


_lib = ctypes.CDLL(_find_library())

_status = ctypes.c_int32
_handle = ctypes.c_void_p

_lib.sr_abi_version.restype = ctypes.c_uint32
_lib.sr_abi_version.argtypes = []
_lib.sr_status_name.restype = ctypes.c_char_p
_lib.sr_status_name.argtypes = [_status]
_lib.sr_last_error.restype = ctypes.c_char_p
_lib.sr_last_error.argtypes = []
_lib.sr_last_error_json.restype = ctypes.c_char_p
_lib.sr_last_error_json.argtypes = []
_lib.sr_free.restype = None
_lib.sr_free.argtypes = [ctypes.c_void_p]
_lib.sr_policy_load.restype = _status
_lib.sr_policy_load.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_handle)]
_lib.sr_policy_free.restype = None
_lib.sr_policy_free.argtypes = [_handle]
_lib.sr_session_open.restype = _status
_lib.sr_session_open.argtypes = [_handle, ctypes.c_char_p, ctypes.POINTER(_handle)]
_lib.sr_session_open_ex.restype = _status
_lib.sr_session_open_ex.argtypes = [_handle, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_handle)]
_lib.sr_ingest_json.restype = _status
_lib.sr_ingest_json.argtypes = [_handle, ctypes.c_char_p, ctypes.c_size_t]
_lib.sr_touch.restype = _status
_lib.sr_touch.argtypes = [_handle, ctypes.c_int32, ctypes.c_int32, ctypes.c_double, ctypes.c_double, ctypes.c_int64]
_lib.sr_location.restype = _status
_lib.sr_location.argtypes = [_handle, ctypes.c_double, ctypes.c_double, ctypes.c_double, ctypes.c_int64]
_lib.sr_flush.restype = _status
_lib.sr_flush.argtypes = [_handle]
_lib.sr_next_batch.restype = _status
_lib.sr_next_batch.argtypes = [_handle, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
_lib.sr_session_stats.restype = _status
_lib.sr_session_stats.argtypes = [_handle, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
_lib.sr_session_end.restype = _status
_lib.sr_session_end.argtypes = [_handle]
_lib.sr_session_close.restype = _status
_lib.sr_session_close.argtypes = [_handle]


class _Header(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


class _Response(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int32), ("retry_after", ctypes.c_char * 64)]


_SEND_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint8), ctypes.c_size_t,
                            ctypes.POINTER(_Header), ctypes.c_size_t, ctypes.POINTER(_Response))
_RELEASE_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_lib.sr_upload_start.restype = _status
_lib.sr_upload_start.argtypes = [_handle, _SEND_FN, _RELEASE_FN, ctypes.c_void_p]
_lib.sr_upload_stop.restype = _status
_lib.sr_upload_stop.argtypes = [_handle, ctypes.c_int64]

if _lib.sr_abi_version() >> 16 != ABI_VERSION_MAJOR:
    raise ImportError(f"libsafereplay ABI {_lib.sr_abi_version():#x} is not major version {ABI_VERSION_MAJOR}")


def abi_version() -> int:
    """The loaded library's ABI version: (major << 16) | minor."""
    return _lib.sr_abi_version()


# --------------------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------------------

class SafeReplayError(Exception):
    """A call into libsafereplay failed.

    status: the sr_status (negative); name: "SR_E_JSON", ...; message: sr_last_error();
    details: sr_last_error_json() parsed (code, function, context, and issues for policies).
    """

    def __init__(self, status: int, message: str, details: Optional[dict] = None):
        super().__init__(message)
        self.status = status
        self.name = _lib.sr_status_name(status).decode()
        self.message = message
        self.details = details or {}

    @property
    def issues(self) -> list:
        """For policy errors: [{"path": ..., "message": ...}, ...]."""
        return list(self.details.get("issues", []))

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


class ArgumentError(SafeReplayError, ValueError):
    pass


class JSONError(SafeReplayError, ValueError):
    pass


class PolicyError(SafeReplayError, ValueError):
    pass


class StateError(SafeReplayError):
    pass


class IOError_(SafeReplayError, OSError):
    pass


class LimitError(SafeReplayError, ValueError):
    pass


class InternalError(SafeReplayError):
    pass


_ERRORS = {-1: ArgumentError, -2: JSONError, -3: PolicyError, -4: StateError, -5: IOError_, -6: LimitError,
           -7: InternalError}


def _raise(status: int) -> None:
    # sr_last_error is per thread and valid until this thread's next call: read it now.
    message = _lib.sr_last_error().decode("utf-8", "replace")
    try:
        details = json.loads(_lib.sr_last_error_json().decode("utf-8", "replace"))
    except ValueError:
        details = {}
    raise _ERRORS.get(status, SafeReplayError)(status, message, details)


def _check(status: int) -> None:
    if status != 0:
        _raise(status)


def _bytes(data: Bytes) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, bytes):
        return data
    raise TypeError(f"expected bytes or str, not {type(data).__name__}")


def _take(pointer: ctypes.c_void_p, length: int) -> bytes:
    """Copies a buffer the library handed out, then frees it with sr_free."""
    try:
        return ctypes.string_at(pointer.value, length)
    finally:
        _lib.sr_free(pointer)


# --------------------------------------------------------------------------------------
# policy and session
# --------------------------------------------------------------------------------------

class Policy:
    """A loaded, validated policy document (docs/policy.md). Close it (or use `with`) when
    no more sessions will be opened with it; sessions keep their own copy."""

    def __init__(self, handle: int):
        self._handle = handle
        self._closed = False

    @classmethod
    def load(cls, document: Bytes) -> "Policy":
        data = _bytes(document)
        out = _handle()
        _check(_lib.sr_policy_load(data, len(data), ctypes.byref(out)))
        return cls(out.value)

    @property
    def handle(self) -> Optional[int]:
        return self._handle

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            _lib.sr_policy_free(self._handle)

    def __enter__(self) -> "Policy":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Response:
    """What a transport returns: the HTTP status (0 for no answer) and Retry-After."""

    def __init__(self, status: int, retry_after: Optional[str] = None):
        self.status = status
        self.retry_after = retry_after


Transport = Callable[[bytes, Mapping[str, str]], Union[Response, int]]


class Session:
    """A recording session. Safe to share between threads.

    Session(policy)                         memory only
    Session(policy, spool_dir="/data/sr")   durable spool
    Session(policy, options={"sessionId": "...", "fixedClockMs": ...})   (docs/c-abi.md)
    """

    def __init__(self, policy: Policy, spool_dir: Optional[str] = None, options: Union[None, Mapping, Bytes] = None):
        out = _handle()
        if options is not None:
            if spool_dir is not None:
                raise ValueError("give spool_dir inside options, not both")
            data = json.dumps(options).encode() if isinstance(options, Mapping) else _bytes(options)
            _check(_lib.sr_session_open_ex(policy.handle, data, len(data), ctypes.byref(out)))
        else:
            path = spool_dir.encode("utf-8") if spool_dir is not None else None
            _check(_lib.sr_session_open(policy.handle, path, ctypes.byref(out)))
        self._handle = out.value
        self._closed = False
        self._upload = None  # keeps the callbacks alive while the library may call them
        self._lock = threading.Lock()

    @property
    def handle(self) -> Optional[int]:
        return self._handle

    def ingest_json(self, event: Bytes) -> None:
        """One raw observation: an rrweb or wireframe event as UTF-8 JSON (bytes or str)."""
        data = _bytes(event)
        _check(_lib.sr_ingest_json(self._handle, data, len(data)))

    def touch(self, pointer_id: int, phase: int, x: float, y: float, t_ms: int) -> None:
        _check(_lib.sr_touch(self._handle, pointer_id, phase, x, y, t_ms))

    def location(self, lat: float, lon: float, accuracy_m: float, t_ms: int) -> None:
        _check(_lib.sr_location(self._handle, lat, lon, accuracy_m, t_ms))

    def flush(self) -> None:
        _check(_lib.sr_flush(self._handle))

    def next_batch(self) -> Optional[bytes]:
        """The next finished batch envelope (UTF-8 JSON bytes), or None."""
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        _check(_lib.sr_next_batch(self._handle, ctypes.byref(out), ctypes.byref(length)))
        if not out.value:
            return None
        return _take(out, length.value)

    def batches(self) -> Iterator[bytes]:
        """Every batch waiting now."""
        while True:
            batch = self.next_batch()
            if batch is None:
                return
            yield batch

    def stats(self) -> dict:
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        _check(_lib.sr_session_stats(self._handle, ctypes.byref(out), ctypes.byref(length)))
        return json.loads(_take(out, length.value))

    def end(self) -> None:
        """Ends the recording; batches can still be taken (and uploaded) afterwards."""
        _check(_lib.sr_session_end(self._handle))

    def start_upload(self, transport: Transport) -> None:
        """Sends batches through `transport(body, headers)` on the library's threads until
        stop_upload or close. `body` is the gzip-compressed envelope; return a Response or
        an HTTP status. An exception counts as no answer (the batch is retried)."""

        def send(_ctx, body, body_len, headers, count, response):
            try:
                head = {headers[i].name.decode(): headers[i].value.decode() for i in range(count)}
                answer = transport(ctypes.string_at(body, body_len), head)
                if isinstance(answer, int):
                    answer = Response(answer)
                response[0].status = int(answer.status)
                if answer.retry_after is not None:
                    value = str(answer.retry_after).encode("ascii", "replace")
                    if len(value) < 64:
                        response[0].retry_after = value
            except Exception:  # noqa: BLE001 - the library cannot take a Python exception
                response[0].status = 0

        callbacks = (_SEND_FN(send), _RELEASE_FN(lambda _ctx: None))
        with self._lock:
            _check(_lib.sr_upload_start(self._handle, callbacks[0], callbacks[1], None))
            self._upload = callbacks

    def stop_upload(self, timeout_ms: int = 0) -> None:
        """Gives the upload up to timeout_ms to deliver what is finished, then stops it."""
        _check(_lib.sr_upload_stop(self._handle, timeout_ms))
        with self._lock:
            self._upload = None

    def close(self) -> None:
        """Ends the session, stops its upload and releases it. Idempotent."""
        if self._closed:
            return
        self._closed = True
        status = _lib.sr_session_close(self._handle)
        with self._lock:
            self._upload = None
        _check(status)

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
