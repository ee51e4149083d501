# Shorthands for the scripts (each installs what it needs first).
.PHONY: bench test serve build

bench:
	./scripts/bench.sh

test:
	./scripts/test.sh

serve:
	./scripts/serve.sh

build:
	./scripts/build.sh
