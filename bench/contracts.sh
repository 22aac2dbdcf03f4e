#!/usr/bin/env bash
# Issue #26's scenarios: the demo grown to 300,000 contracts and 1,000,000 instalments, then the receivables ageing and
# a year's profitability by customer through the API (beside one contract by id) and the covering-contract lookup at
# work-order intake (beside one machine by id). Usage: bench/contracts.sh [sqlite|postgres]
exec "$(dirname "$0")/seeded.sh" contracts "${1:-sqlite}"
