FROM alpine
WORKDIR /app
# BuildKit copies each source onto the destination in turn; the legacy builder refused these
COPY package.json package-lock.json .
COPY a.txt b.txt /single
COPY *.txt /one-file
COPY dir1 file2 /mixed
COPY <<EOF a.txt /inline-last
from the here-document
EOF
