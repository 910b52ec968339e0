FROM golang:1.22 AS build
COPY go.mod go.sum ./
COPY ["dir with spaces/file", "/dest path/"]
COPY . .
FROM alpine
COPY --from=build /out/app /usr/local/bin/app
COPY --from=0 /go/bin /bin/
COPY --from=nginx:latest /etc/nginx/nginx.conf /etc/nginx/
COPY --from=BUILD /out/app /upper
COPY single
COPY
COPY a b /not-a-dir
COPY --chmod=999 a /a
COPY --chmod=rwx a /a
COPY --chown=: a /a
COPY --from=7 a /a
COPY --link=maybe a /a
COPY --from a /a
COPY --unknown=1 a /a
COPY --from=x --from=y a /a
ADD --from=build a /a
ADD --checksum=sha256:abc /local /a
