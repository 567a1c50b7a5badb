"""The demo year `make setup` builds (seed_demo): generated, reproducible from a seed."""
