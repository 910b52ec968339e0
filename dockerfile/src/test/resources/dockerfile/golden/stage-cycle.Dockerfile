FROM alpine AS a
COPY --from=b /x /x
FROM alpine AS b
COPY --from=a /y /y
FROM alpine
COPY --from=b /z /z
COPY --from=2 /self /self
