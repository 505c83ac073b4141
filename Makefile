# Mailbox Connect. Quick start: `make run` (the app), `make test` (every test); `make package`
# builds the Linux installers.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
APP := target/debug/mailbox-connect

.PHONY: run test quick quick-steps package deps ui ui-test app check unit desktop bindings fresh-answers contract package-check sandbox bench clean

run: deps app ## Build and open the app (installs what is missing)
	./$(APP)

# Every Nylas answer the tests receive from the demo tenant is recorded here (by the sandbox, in
# every test process and app window) and then checked against Nylas's published OpenAPI document.
NYLAS_ANSWERS := $(CURDIR)/target/nylas-answers
test: export MAILBOX_CONNECT_RECORD_NYLAS := $(NYLAS_ANSWERS)
# One build from scratch: incremental caches would only cost disk.
test: export CARGO_INCREMENTAL := 0
test: deps check ui-test fresh-answers unit app desktop contract package-check ## Every test: lint, UI and Rust unit, whole-flow, keychain, real-window, Nylas-contract and package tests
	@echo "All checks and tests passed."

# The check to run while working: formatting, clippy, the UI type check and unit tests, the
# import-cycle check, the Rust unit tests and the whole-flow and contract tests against the demo
# tenant; no window, no package. Ends with the same "tests: N passed, N failed" line as .ci/run.
quick: ## The check to run while working (a few minutes, no window)
	@.ci/tally $(MAKE) --no-print-directory quick-steps
quick-steps: deps check ui-test unit

# With TAURI_SIGNING_PRIVATE_KEY set, each package also gets its update signature (.sig).
package: deps ui ## Linux .deb and .rpm (release build) in target/release/bundle/
	.ci/bundle.sh --bundles deb,rpm
	@ls -1 target/release/bundle/deb/*.deb* target/release/bundle/rpm/*.rpm*

# The packages built once (debug profile), inspected, extracted and run under Xvfb.
package-check: app
	timeout 900 .ci/package-check.sh

fresh-answers:
	@rm -rf $(NYLAS_ANSWERS)

contract:
	cargo run --quiet --locked -p mailbox-connect-e2e --bin nylas_contract_check -- $(NYLAS_ANSWERS)

deps:
	@.ci/install-deps.sh

ui:
	cd ui && npm run --silent build

# The UI's unit tests (Vitest): the forms' checks, the secret-expiry choice, the first-problem finder.
ui-test:
	cd ui && NO_COLOR=1 npm run --silent test

app: ui
	# --workspace: the features every test build uses, so the app reuses their compiled crates.
	cargo build --workspace --locked --bin mailbox-connect

check: ui
	cargo fmt --all -- --check
	cd ui && npm run --silent typecheck
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo run --quiet --locked -p mailbox-connect-e2e --bin import_cycles

unit: ui
	cargo test --workspace --locked
	@$(MAKE) --no-print-directory bindings

# ts-rs regenerates ui/src/bindings during `cargo test`; committed bindings must match.
bindings:
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  if [ -n "$$(git status --porcelain -- ui/src/bindings)" ]; then \
	    git status --short -- ui/src/bindings; \
	    echo "TypeScript bindings are out of date: run 'cargo test -p mailbox-connect-core -p mailbox-connect' (types, then commands.ts) and commit ui/src/bindings."; exit 1; \
	  else echo "TypeScript bindings are current."; fi; \
	fi

# The real Secret Service and the real window, under a private D-Bus session and Xvfb.
# Each screen is reviewed in both themes (screenshot, axe audit, plain words); screens_check
# fails when a screen was missed.
desktop: app
	@rm -rf target/e2e-artifacts/screens
	timeout 900 .ci/with-desktop.sh cargo test -p mailbox-connect-e2e --locked -- --ignored --test-threads=1
	cargo run --quiet --locked -p mailbox-connect-e2e --bin screens_check

# Speed and memory figures (not a test): engine benchmarks, then the release app against a
# blank Tauri window under Xvfb. Writes nothing; prints figures with their targets.
bench: deps ui
	cargo build --release -p mailbox-connect -p mailbox-connect-blank-window -p mailbox-connect-e2e --bins
	./target/release/bench
	.ci/with-desktop.sh ./target/release/bench_window target/release

sandbox: ## Serve the demo tenant standalone
	cargo run -p mailbox-connect-sandbox -- --listen 127.0.0.1:0

clean:
	cargo clean; rm -rf ui/dist ui/node_modules
