RUN echo before any FROM
ARG OK=1
FROB x
FROM
FROM a b
FROM a AS b c
FROM alpine AS 1stage
FROM alpine AS dup
FROM alpine AS dup
RUN
WORKDIR
USER
STOPSIGNAL
STOPSIGNAL NOTASIGNAL
EXPOSE
EXPOSE 127.0.0.1:80:80
EXPOSE 80/http
EXPOSE 70000
VOLUME
VOLUME [""]
MAINTAINER
RUN --network=bridge true
RUN --mount=type=nfs,target=/x true
RUN --mount=target=/x,bogus=1 true
RUN --mount=type=cache true
ENV --flag=1 a=b
RUN --network true
cmd ["ok"]
cmd ["twice"]
