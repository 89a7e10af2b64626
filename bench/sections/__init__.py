"""The benchmark's sections, one module each: ``run(context) -> list[Section]``."""
