"""Built-in readers: each turns one file format into a :class:`newslint.document.Document`."""
