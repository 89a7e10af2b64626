"""NDJSON framing, byte for byte, on in-memory streams."""

from __future__ import annotations

import io
import threading

import pytest

from py_backend.rpc.framing import (
    MAX_LINE_BYTES,
    TOO_LARGE,
    TRUNCATED,
    FrameWriter,
    read_frames,
)


def frames(data: bytes, limit: int = MAX_LINE_BYTES) -> list[object]:
    return list(read_frames(io.BytesIO(data), limit))


def test_lines_end_with_newline_and_lose_it() -> None:
    assert frames(b'{"a":1}\n{"b":2}\n') == [b'{"a":1}', b'{"b":2}']


def test_crlf_terminators_are_tolerated() -> None:
    assert frames(b"one\r\ntwo\n") == [b"one", b"two"]


def test_a_carriage_return_inside_a_line_is_kept() -> None:
    assert frames(b"a\rb\n") == [b"a\rb"]


def test_empty_lines_are_frames_of_their_own() -> None:
    assert frames(b"\n\r\nx\n") == [b"", b"", b"x"]


def test_empty_input_has_no_frames() -> None:
    assert frames(b"") == []


def test_bytes_after_the_last_newline_are_a_truncated_message() -> None:
    assert frames(b'{"a":1}\n{"b":') == [b'{"a":1}', TRUNCATED]


def test_a_line_of_exactly_the_limit_is_accepted() -> None:
    assert frames(b"x" * 10 + b"\n", limit=10) == [b"x" * 10]
    assert frames(b"x" * 10 + b"\r\n", limit=10) == [b"x" * 10]


def test_one_byte_over_the_limit_is_too_large_and_the_next_line_survives() -> None:
    assert frames(b"x" * 11 + b"\nnext\n", limit=10) == [TOO_LARGE, b"next"]
    assert frames(b"x" * 11 + b"\r\nnext\n", limit=10) == [TOO_LARGE, b"next"]


def test_a_long_line_is_skipped_to_its_end() -> None:
    data = b"y" * 1000 + b"\n" + b"z" * 5 + b"\n"
    assert frames(data, limit=10) == [TOO_LARGE, b"z" * 5]


def test_a_long_line_cut_off_by_the_end_of_input_is_too_large_once() -> None:
    assert frames(b"y" * 1000, limit=10) == [TOO_LARGE]


class _Recording(io.BytesIO):
    """Remembers the longest chunk ``readline`` ever returned."""

    longest = 0

    def readline(self, size: int | None = -1, /) -> bytes:
        chunk = super().readline(size)
        self.longest = max(self.longest, len(chunk))
        return chunk


def test_an_oversized_line_is_never_read_whole() -> None:
    stream = _Recording(b"q" * (3 * MAX_LINE_BYTES) + b"\nok\n")
    assert list(read_frames(stream)) == [TOO_LARGE, b"ok"]
    assert stream.longest <= MAX_LINE_BYTES + 2


def test_the_writer_writes_exactly_the_bytes_and_flushes() -> None:
    out = io.BytesIO()
    writer = FrameWriter(out)
    writer.write(b'{"jsonrpc":"2.0","id":1,"result":null}\n')
    writer.write(b'{"x":"\\u00e9"}\n')
    assert out.getvalue() == b'{"jsonrpc":"2.0","id":1,"result":null}\n{"x":"\\u00e9"}\n'


def test_lines_written_from_many_threads_never_interleave() -> None:
    out = io.BytesIO()
    writer = FrameWriter(out)
    lines = [bytes([65 + n]) * 5000 + b"\n" for n in range(16)]

    def write_many(line: bytes) -> None:
        for _ in range(50):
            writer.write(line)

    threads = [threading.Thread(target=write_many, args=(line,)) for line in lines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    written = out.getvalue().splitlines(keepends=True)
    assert len(written) == 16 * 50
    assert set(written) == set(lines)


class _Closed(io.BytesIO):
    def write(self, data: object) -> int:
        raise BrokenPipeError


@pytest.mark.parametrize("stream", [_Closed(), io.BytesIO()])
def test_a_failed_write_marks_the_writer_broken_and_later_writes_are_dropped(
    stream: io.BytesIO,
) -> None:
    if not isinstance(stream, _Closed):
        stream.close()  # a closed stream raises ValueError
    writer = FrameWriter(stream)
    writer.write(b"a\n")
    writer.write(b"b\n")
    assert writer.broken
