"""The version of commitwatch (read by the build backend; importing it costs nothing)."""

__version__ = "0.1.0"
