FROM alpine
CMD ["echo", 1]
RUN ["a", ["nested"]]
ENTRYPOINT [true]
SHELL /bin/bash -c
SHELL []
