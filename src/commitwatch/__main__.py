"""``python -m commitwatch``: the same as the ``commitwatch`` command."""

from .cli import main

if __name__ == "__main__":
    main()
