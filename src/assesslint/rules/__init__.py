"""Rules as data: loading rule files and lexicons, and the rule types that check them."""
