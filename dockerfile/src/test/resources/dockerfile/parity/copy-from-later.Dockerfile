FROM alpine AS build
COPY --from=assets /a /a
COPY --from=2 /b /b
COPY --from=Assets /c /c
RUN --mount=from=assets,target=/mnt true
FROM alpine
COPY --from=assets /d /d
COPY --from=build /e /e
FROM alpine AS assets
RUN true
FROM build
COPY --from=assets /f /f
RUN --mount=from=assets,target=/g true
