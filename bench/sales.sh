#!/usr/bin/env bash
# Issue #25's scenarios: the demo grown to 200,000 leads and 500,000 sales orders, then the pipeline board and forecast
# through the API (beside one opportunity by id) and an ECN reaching 500 open orders and 5,000 machines, published
# through the API (beside writing its draft). Usage: bench/sales.sh [sqlite|postgres]
exec "$(dirname "$0")/seeded.sh" sales "${1:-sqlite}"
