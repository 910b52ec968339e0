FROM alpine
RUN apt-get update \
# a comment inside the continuation
    # an indented one too
    && apt-get install -y curl \   

    && rm -rf /var/lib/apt/lists
   ENV A=1
RUN echo ends with an escaped backslash \\
RUN echo last \
\
  line
LABEL multi="a b" \
      other=c
