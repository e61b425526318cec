"""Fakes of the wasi:io, wasi:clocks and wasi:http bindings, driven by a virtual clock, for check_poll_loop.py."""
