"""An example newslint plugin: the EX rules and the ``tsv`` format."""
