FROM alpine
ARG EMPTY=
ARG SET=value
ARG PORTS="80 443"
ENV DIR=/srv
WORKDIR ${DIR}/$SET
WORKDIR ${UNSET:-default}/${SET:+alt}/${EMPTY:-empty-default}/${EMPTY-not-used}/${EMPTY+set-but-empty}
LABEL dollar='$SET' dq="$SET" escaped=\$SET nested=${UNSET:-${SET:-x}} literal=$ brace=${SET}x
EXPOSE $PORTS 8080
USER ${SET}
STOPSIGNAL ${SIG:-SIGKILL}
VOLUME ${DIR}/data
RUN echo $SET "${UNSET:-not expanded by the builder}"
CMD echo $SET
COPY --chown=${SET}:${SET} --from=${STAGE:-0} ${DIR}/a* /dst/${SET}/
WORKDIR ${REQUIRED?must be set}
WORKDIR ${SET:?}
WORKDIR ${EMPTY:?is empty}
WORKDIR ${UNTERMINATED
WORKDIR ${}
WORKDIR ${SET:=x}
LABEL x="unterminated
EXPOSE ${NOPE}
