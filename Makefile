.PHONY: demo test lint bench audit
demo:  ## Run the portal on embedded defaults with demo logins
	bash scripts/demo.sh
test:  ## Install what the tests need and run the whole suite
	bash scripts/test.sh
lint:
	.venv/bin/ruff check . && .venv/bin/lint-imports
audit:  ## Release step: installed packages against published advisories (needs the internet)
	.venv/bin/python scripts/audit_dependencies.py
