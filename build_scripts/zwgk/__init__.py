"""zwgk: YAML records in Git → a static county open-government (政务公开) portal."""

__version__ = "0.1.0"
