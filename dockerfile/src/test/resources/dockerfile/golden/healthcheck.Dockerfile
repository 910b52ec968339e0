FROM alpine
HEALTHCHECK NONE
HEALTHCHECK CMD ["curl", "-f", "http://localhost"]
HEALTHCHECK --interval=5m --timeout=3s CMD curl -f http://localhost/ || exit 1
HEALTHCHECK
HEALTHCHECK NONE extra
HEALTHCHECK --interval=5s NONE
HEALTHCHECK PING localhost
HEALTHCHECK CMD
HEALTHCHECK --interval=10 CMD true
HEALTHCHECK --timeout=100us CMD true
HEALTHCHECK --retries=-1 CMD true
HEALTHCHECK --retries=many CMD true
HEALTHCHECK --verbose CMD true
