"""Run the ledger verifier: ``python -m sovet.ledger verify FILE``."""

import sys

from sovet.ledger.cli import main

if __name__ == "__main__":
    sys.exit(main())
