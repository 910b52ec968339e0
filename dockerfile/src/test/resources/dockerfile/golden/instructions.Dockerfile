FROM --platform=linux/arm64 debian:bookworm-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS base
MAINTAINER Jane Doe <jane@example.com>
ARG VERSION=1.2.3
ENV APP_HOME=/opt/app PATH=/opt/app/bin:$PATH
ENV LEGACY value with spaces
LABEL org.opencontainers.image.version=$VERSION "quoted key"="quoted value"
WORKDIR $APP_HOME
USER app:app
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=secret,id=token,required --network=none --security=sandbox echo hi
RUN --mount=type=bind,from=busybox:1.36,source=/src,target=/dst,rw \
    --mount=type=tmpfs,target=/tmp,size=64m \
    --mount=type=ssh ls
EXPOSE 80 443/tcp 53/udp 8000-8010 9/sctp
VOLUME /data /logs
VOLUME ["/json/volume"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=1m30s --start-interval=500ms --retries=3 CMD curl -f http://localhost/ || exit 1
SHELL ["/bin/bash", "-c"]
ONBUILD COPY . /app/src
CMD ["app"]
ENTRYPOINT ["/entrypoint.sh"]
COPY --chown=app:app --chmod=644 --link --parents --exclude=*.tmp --exclude=**/.git a.txt b/ /dest/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/file.tar.gz /downloads/
ADD --keep-git-dir=true git@github.com:moby/buildkit.git /buildkit
ADD --chmod=u+x,go-w local.tar.gz /unpacked/
