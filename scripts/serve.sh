#!/usr/bin/env bash
# Installs what is missing, then serves ConvLab at http://127.0.0.1:8080 with live reload.
set -euo pipefail
"$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"
exec trunk serve "$@"
