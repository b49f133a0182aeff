"""Chrome rules: `registry` holds them; `line_rules` and `page_rules` define them."""
