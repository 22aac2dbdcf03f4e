#!/usr/bin/env bash
# Issue #27's scenarios: the demo grown by 100,000 machines with plans, 200,000 preventive orders with 1,000,000 visit
# items and 500,000 part fittings; then the due list, a part's life and the replace-soon list through the API (beside one
# machine by id). Usage: bench/maintenance.sh [sqlite|postgres]
exec "$(dirname "$0")/seeded.sh" maintenance "${1:-sqlite}"
