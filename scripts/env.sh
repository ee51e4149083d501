# Sourced by the other scripts: the tools setup.sh installed come first on PATH, and npm's
# wasm-opt shadows any older system one.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
