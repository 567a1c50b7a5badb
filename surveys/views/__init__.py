"""Pages of the surveys app, one module per area."""
