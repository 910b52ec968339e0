ARG GLOBAL=base
FROM alpine AS base
FROM alpine
ARG LOCAL=base
COPY --from=$GLOBAL /a /a
COPY --from=${LOCAL} /b /b
COPY --from=${UNSET:-base} /c /c
COPY --from=base$ /d /d
COPY --from=base /e /e
RUN --mount=from=$LOCAL,target=/f true
RUN --mount=type=cache,from=${GLOBAL},target=/g true
RUN --mount=from=base,target=/h,source=$LOCAL true
