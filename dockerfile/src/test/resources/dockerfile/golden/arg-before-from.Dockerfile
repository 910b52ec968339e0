ARG BASE=alpine
ARG TAG=3.20
ARG UNUSED_GLOBAL
FROM --platform=$TARGETPLATFORM ${BASE}:${TAG} AS build
ARG TAG
ARG BASE=overridden
ARG TARGETARCH
RUN echo $TAG $BASE $TARGETARCH
WORKDIR /src/${TAG}/${BASE}/${TARGETARCH}
FROM ${BASE}:${UNDECLARED:-latest}
ARG A=1 B=$A C
ENV A=env B=b
LABEL a=$A b=$B c=${C:-unset} tag=${TAG:-not-inherited}
