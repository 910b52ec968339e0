# api-rate8 - runs per second through the HTTP API with 8 clients at once, 6 runs each (scenario api-rate's pair).
API_RATE_CLIENTS=8
API_RATE_EACH=6
source "$BENCH_HOME/scripts/bench/scenarios/api-rate.sh"
