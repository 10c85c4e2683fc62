#!/usr/bin/env python
from kontaktcenter.cli import main

if __name__ == "__main__":
    main()
