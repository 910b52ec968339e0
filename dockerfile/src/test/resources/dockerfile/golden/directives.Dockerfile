# syntax=docker/dockerfile:1
#  ESCAPE = `
# check=skip=JSONArgsRecommended
FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY testfile.txt c:\
RUN dir c:\ `
    && echo done
# escape=\
RUN echo still `
  backtick
