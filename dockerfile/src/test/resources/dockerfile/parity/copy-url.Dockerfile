FROM alpine
COPY https://example.com/app.tar.gz /app/
COPY http://example.com/a.txt local.txt /dst/
COPY https://github.com/moby/buildkit.git#v0.12:docs /docs
COPY git@github.com:moby/buildkit.git /src
ARG SITE=https://example.com
COPY ${SITE}/late.txt /late
ADD https://example.com/app.tar.gz /app/
COPY ["https://example.com/json.txt", "/json"]
