"""Built-in reporters, one module per ``--format``."""
