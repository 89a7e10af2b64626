"""Benchmarks of aws-token-bridge, each figure beside its peer measured in the same run.

Run with ``python3 dev.py bench`` (or ``python -m bench`` inside the project's virtual
environment); ``--quick`` for a smoke test, ``--only`` for some sections. The table goes to
stdout and the whole run to ``bench/results/<timestamp>.json``.

Sections (:mod:`bench.sections`): the backend's cold start beside ``python -c pass`` and
boto3's import-and-client time; RPC round trips and the backend's memory; the Python API
beside boto3 and a raw HTTP POST; the one-shot CLI beside the AWS CLI v1. Every contender
talks to the emulator on 127.0.0.1; nothing reaches AWS.
"""
