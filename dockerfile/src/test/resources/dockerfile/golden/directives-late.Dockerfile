# a comment first: what follows is a comment too
# escape=`
FROM alpine
RUN echo a \
  b
