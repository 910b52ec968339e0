FROM alpine AS unused
WORKDIR ${UNTERMINATED
FROM alpine AS base
COPY --from=final /x /x
FROM base AS final
COPY --from=base /a /a
FROM later AS early
FROM final
