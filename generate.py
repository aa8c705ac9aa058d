#!/usr/bin/env python3
"""Build leafdeck's outputs from the content folder: `python generate.py --help`."""

import sys

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main())
