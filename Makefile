.PHONY: demo test lint bench
demo:  ## Run the portal on embedded defaults with demo logins
	bash scripts/demo.sh
test:  ## Install what the tests need and run the whole suite
	bash scripts/test.sh
lint:
	.venv/bin/ruff check . && .venv/bin/lint-imports
