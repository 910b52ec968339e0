FROM alpine
RUN echo shell form
RUN ["echo", "exec \"form\"", "\u00e9\t"]
RUN [ "echo" , "spaces" ]
RUN ["echo", unquoted]
RUN [not json
RUN ["echo"] trailing
CMD ["run", "--flag"]
CMD run --flag
ENTRYPOINT ["/bin/sh", "-c"]
ENTRYPOINT exec top -b
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN []
CMD
