#!/bin/sh
# Inside a container (node:*-alpine, node:*-slim): installs the packed package and its platform
# package into an empty project, as a user would, and runs the smoke test against the install,
# with no CA store (slim images have none; the variables make sure). Used by the CI workflow.
#   scripts/container-smoke.sh <checkout> <package.tgz> <platform-package.tgz>
set -eu
checkout=$1
app=$(mktemp -d)
cd "$app"
npm init -y >/dev/null
timeout 600 npm install --no-audit --no-fund "$2" "$3"
SSL_CERT_FILE=/nonexistent SSL_CERT_DIR=/nonexistent timeout 120 node "$checkout/__test__/smoke/smoke.js" clerk-backend-native
