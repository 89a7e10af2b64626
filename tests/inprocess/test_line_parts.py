"""The plain-Python parts of the .NET reader and writer (``py_backend.rpc.inprocess_dotnet``).

The .NET tasks are stood in for by ``concurrent.futures.Future``; the classes themselves run
under pythonnet in ``test_dotnet_host.py``.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

import pytest

from py_backend.rpc.inprocess_dotnet import LineBuffer, LineMailbox, _as_text

WAIT = 30.0


def done(line: str | None) -> Future[str | None]:
    future: Future[str | None] = Future()
    future.set_result(line)
    return future


def waiting() -> tuple[Future[str | None], object]:
    future: Future[str | None] = Future()
    return future, future.set_result


@pytest.fixture
def mailbox() -> LineMailbox[Future[str | None]]:
    return LineMailbox(done, waiting)


@pytest.mark.parametrize(
    ("pieces", "lines"),
    [
        (["a\n"], ["a"]),
        (["a", "b\n", "c"], ["ab"]),
        (["a\r\n", "b\r", "\n"], ["a", "b"]),
        (["\n\n"], ["", ""]),
        (["x" * 5000, "\ny\nz"], ["x" * 5000, "y"]),
    ],
)
def test_the_buffer_cuts_writes_into_lines(pieces: list[str], lines: list[str]) -> None:
    buffer = LineBuffer()
    assert [line for piece in pieces for line in buffer.feed(piece)] == lines


def test_a_kept_line_is_taken_at_once(mailbox: LineMailbox[Future[str | None]]) -> None:
    mailbox.put("one")
    mailbox.put("two")
    assert [mailbox.take().result(0), mailbox.take().result(0)] == ["one", "two"]


def test_a_waiting_task_is_completed_by_the_next_line(
    mailbox: LineMailbox[Future[str | None]],
) -> None:
    first, second = mailbox.take(), mailbox.take()
    assert not first.done() and not second.done()
    threading.Thread(target=lambda: (mailbox.put("a"), mailbox.put("b"))).start()
    assert [first.result(WAIT), second.result(WAIT)] == ["a", "b"]


def test_close_ends_the_output_after_the_kept_lines(
    mailbox: LineMailbox[Future[str | None]],
) -> None:
    waiting_task = mailbox.take()
    mailbox.close()
    assert waiting_task.result(0) is None
    fresh: LineMailbox[Future[str | None]] = LineMailbox(done, waiting)
    fresh.put("last")
    fresh.close()
    assert [fresh.take().result(0), fresh.take().result(0)] == ["last", None]


def test_lines_from_many_threads_each_reach_one_task(
    mailbox: LineMailbox[Future[str | None]],
) -> None:
    sent = [f"line {n}" for n in range(200)]
    tasks = [mailbox.take() for _ in range(100)]
    threads = [threading.Thread(target=mailbox.put, args=(line,)) for line in sent]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    received = [task.result(WAIT) for task in tasks] + [
        mailbox.take().result(0) for _ in range(100)
    ]
    assert sorted(received, key=str) == sorted(sent)


@pytest.mark.parametrize(
    ("value", "rest", "text"),
    [
        ("abc\n", (), "abc\n"),
        (["a", "b", "c", "\n"], (), "abc\n"),
        (["a", "b", "c", "d"], (1, 2), "bc"),
        (None, (), ""),
        (42, (), "42"),
    ],
)
def test_every_write_overload_becomes_text(value: object, rest: tuple[int, ...], text: str) -> None:
    assert _as_text(value, *rest) == text


def test_the_composite_format_overloads_are_refused() -> None:
    with pytest.raises(NotImplementedError):
        _as_text("{0}", "x")
