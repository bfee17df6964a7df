.PHONY: run test

# Start VIT with demo data on SQLite, at http://127.0.0.1:8000/
run:
	scripts/run.sh

# Run the whole test suite (lint, migrations, unit and browser tests, on PostgreSQL)
test:
	scripts/test.sh
